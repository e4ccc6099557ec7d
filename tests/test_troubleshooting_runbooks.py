"""Every runbook page follows the house template, and every alert has its page.

Runbook pages are docs/troubleshooting/runbooks/*.md (index.md aside): the per-alert pages named
in data/alert_thresholds.yaml and the symptom runbooks that have no alert.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import nav_pages
from htmlpages import page as built_page
from macros.loading import DOCS_DIR, load_all

RUNBOOK_DIR = DOCS_DIR / "troubleshooting" / "runbooks"
RUNBOOKS = sorted(p for p in RUNBOOK_DIR.glob("*.md") if p.name != "index.md")

# The template's headings, in order: (level, pinned id).
TEMPLATE = [
    (2, "meaning"),
    (2, "impact"),
    (2, "diagnosis"),
    (3, "cli-checks"),
    (3, "metric-queries"),
    (2, "mitigation"),
    (2, "verify"),
]
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")


def headings(page: Path) -> list[tuple[int, str, str]]:
    """(level, text, pinned id) of every heading with a pinned id, outside code blocks."""
    found: list[tuple[int, str, str]] = []
    fence: str | None = None
    for line in page.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        marker = re.match(r"^(`{3,}|~{3,})", stripped)
        if marker:
            if fence is None:
                fence = marker.group(1)[0]
            elif stripped.startswith(fence * 3):
                fence = None
            continue
        if fence is None:
            match = HEADING.match(line)
            if match:
                found.append((len(match.group(1)), match.group(2), match.group(3)))
    return found


def test_there_are_runbook_pages() -> None:
    assert len(RUNBOOKS) >= 2


@pytest.mark.parametrize("page", RUNBOOKS, ids=lambda p: p.name)
def test_runbook_has_every_template_section_in_order(page: Path) -> None:
    found = headings(page)
    assert found and found[0][0] == 1, f"{page.name}: the H1 needs a pinned id"
    template_ids = [anchor for _, anchor in TEMPLATE]
    in_template = [(level, anchor) for level, _, anchor in found if anchor in template_ids]
    missing = [anchor for anchor in template_ids if anchor not in [a for _, a in in_template]]
    assert not missing, f"{page.name}: missing section(s) {', '.join('#' + m for m in missing)}"
    # Each template id exactly once, in the template's order and at the template's level.
    assert in_template == TEMPLATE, f"{page.name}: sections out of order or at the wrong level: {in_template}"


def test_every_alert_has_a_runbook_page_named_for_it() -> None:
    alerts = load_all()["alert_thresholds"].alerts
    for alert in alerts:
        page = DOCS_DIR / alert.runbook.page
        assert page.is_file(), f"{alert.alert}: no runbook page docs/{alert.runbook.page}"
        assert page.parent == RUNBOOK_DIR, f"{alert.alert}: runbook outside {RUNBOOK_DIR}"
        level, text, anchor = headings(page)[0]
        assert level == 1 and text == alert.alert, f"{page.name}: H1 must be the alert name {alert.alert!r}"
        expected = alert.alert.lower()
        assert anchor == expected == alert.runbook.anchor, f"{page.name}: H1 id must be {expected!r}"


def test_every_runbook_is_in_the_troubleshooting_nav() -> None:
    nav = nav_pages()
    for page in RUNBOOKS:
        assert f"troubleshooting/runbooks/{page.name}" in nav, f"{page.name} is not in the nav"


@pytest.mark.parametrize("page", RUNBOOKS, ids=lambda p: p.name)
def test_built_runbook_keeps_the_pinned_ids(built_site: Path, page: Path) -> None:
    soup = built_page(built_site, f"troubleshooting/runbooks/{page.stem}/index.html")
    for _, anchor in TEMPLATE:
        assert soup.find(id=anchor) is not None, f"{page.name}: built page lacks #{anchor}"
