"""Edition and version marks render one way everywhere."""

from __future__ import annotations

from pathlib import Path

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup

from htmlpages import pages
from macros.badges import badge, expand_badges, unverified_mark
from macros.render import cell
from macros.render.blocks import Row, Table, fragment, html, markdown


def test_enterprise_and_version_marks() -> None:
    assert "Enterprise" in html(badge(edition="enterprise"))
    assert ">1.16+<" in html(badge(since="1.16"))
    assert ">VSO 1.6+<" in html(badge(since="1.6", product="VSO"))
    both = badge(edition="enterprise", since="1.16")
    assert html(both) == f'{html(badge(edition="enterprise"))} {html(badge(since="1.16"))}'
    # The same marks outside the site, where no stylesheet makes a span look like a badge.
    assert markdown(both) == "**[Enterprise]** **[1.16+]**"


def test_a_badge_in_data_text_is_expanded_and_any_other_macro_refused() -> None:
    text = expand_badges('Needs {@ badge(edition="enterprise") @} and a licence.')
    assert markdown(text) == "Needs **[Enterprise]** and a licence."
    assert html(text) == f'Needs {html(badge(edition="enterprise"))} and a licence.'
    with pytest.raises(ValueError, match="only badge"):
        expand_badges("Shows {@ alert_table() @} here.")


@pytest.mark.parametrize("kwargs", [{}, {"edition": "premium"}])
def test_bad_badge_is_an_error(kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        badge(**kwargs)


# Python-Markdown turned code spans and links inside a tag's attributes into HTML: the tooltip read
# "<code>kubectl describe pod</code>", or held a broken <a> tag.
TOOLTIP = 'Pasted from `kubectl describe pod`, see [the report](https://example.invalid/1) & "C:\\x"'


@pytest.mark.parametrize("where", ["paragraph", "cell"])
def test_a_tooltip_reads_as_written_wherever_the_badge_is(where: str) -> None:
    mark = unverified_mark(TOOLTIP)
    if where == "paragraph":
        source = html(fragment("Seen: ", mark, " *today*"))
    else:
        source = html(Table("t", ("A",), (Row("r", (cell("a", "`text` ", mark, " and *prose*"),)),)))
    rendered = python_markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables"])
    [span] = BeautifulSoup(rendered, "html.parser").select("span.voh-badge--unverified")
    assert span["title"] == TOOLTIP
    assert "<em>" in rendered  # the text around the badge is still Markdown


def test_every_enterprise_badge_in_the_site_is_identical(built_site: Path) -> None:
    seen = set()
    for _, soup in pages(built_site):
        for mark in soup.select(".voh-badge--enterprise"):
            seen.add(str(mark))
    assert len(seen) == 1, seen
