"""Every runbook page follows the house template, and every alert has its page.

Runbook pages are docs/troubleshooting/runbooks/*.md (index.md aside): the per-alert pages named
in data/alert_thresholds.yaml and the symptom runbooks that have no alert.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import nav_pages
from htmlpages import page as built_page
from macros.loading import DOCS_DIR, load_all
from macros.markdown_source import headings as markdown_headings
from macros.render import Context
from macros.render import alert_thresholds as render_alerts
from macros.render.blocks import html

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


def headings(page: Path) -> list[tuple[int, str, str]]:
    """(level, text, pinned id) of every heading with a pinned id (code blocks hold none)."""
    return [(h.level, h.text, h.id) for h in markdown_headings(page.read_text(encoding="utf-8")) if h.id]


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
    alerts = load_all().alert_thresholds.alerts
    for alert in alerts:
        page = DOCS_DIR / alert.runbook.page
        assert page.is_file(), f"{alert.alert}: no runbook page docs/{alert.runbook.page}"
        assert page.parent == RUNBOOK_DIR, f"{alert.alert}: runbook outside {RUNBOOK_DIR}"
        level, text, anchor = headings(page)[0]
        assert level == 1 and text == alert.alert, f"{page.name}: H1 must be the alert name {alert.alert!r}"
        expected = alert.alert.lower()
        assert anchor == expected == alert.runbook.anchor, f"{page.name}: H1 id must be {expected!r}"


def test_the_rule_box_gives_its_runbook_the_alert_and_metric_names_as_search_tags() -> None:
    # Material indexes a page's `tags`: a pasted alert or metric name finds its runbook first.
    handbook = load_all()
    alert = handbook.alert_thresholds.alerts[0]
    meta: dict[str, list[str]] = {"tags": ["kept"]}
    alert_rule = render_alerts.macros(handbook, Context.fixed(alert.runbook.page, meta))["alert_rule"]
    assert alert.alert in html(alert_rule())
    alert_rule()  # a second call adds nothing twice
    names = [n for n in (alert.alert, alert.metric.vault, alert.metric.prometheus) if n]
    assert meta["tags"] == ["kept", *dict.fromkeys(names)]
    other = render_alerts.macros(handbook, Context.fixed("index.md"))["alert_rule"]
    with pytest.raises(ValueError, match="runbook of 0 alerts"):
        other()


def test_every_runbook_is_in_the_troubleshooting_nav() -> None:
    nav = nav_pages()
    for page in RUNBOOKS:
        assert f"troubleshooting/runbooks/{page.name}" in nav, f"{page.name} is not in the nav"


@pytest.mark.parametrize("page", RUNBOOKS, ids=lambda p: p.name)
def test_built_runbook_keeps_the_pinned_ids(built_site: Path, page: Path) -> None:
    soup = built_page(built_site, f"troubleshooting/runbooks/{page.stem}/index.html")
    for _, anchor in TEMPLATE:
        assert soup.find(id=anchor) is not None, f"{page.name}: built page lacks #{anchor}"
