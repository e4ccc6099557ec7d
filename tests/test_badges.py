"""Edition and version marks render one way everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from htmlpages import pages
from macros.badges import badge


def test_enterprise_and_version_marks() -> None:
    assert "Enterprise" in badge(edition="enterprise")
    assert ">1.16+<" in badge(since="1.16")
    assert ">VSO 1.6+<" in badge(since="1.6", product="VSO")
    assert badge(edition="enterprise", since="1.16") == f'{badge(edition="enterprise")} {badge(since="1.16")}'


@pytest.mark.parametrize("kwargs", [{}, {"edition": "premium"}])
def test_bad_badge_is_an_error(kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        badge(**kwargs)


def test_every_enterprise_badge_in_the_site_is_identical(built_site: Path) -> None:
    seen = set()
    for _, soup in pages(built_site):
        for mark in soup.select(".voh-badge--enterprise"):
            seen.add(str(mark))
    assert len(seen) == 1, seen
