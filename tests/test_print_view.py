"""The print view (mkdocs-print-site-plugin, /print_page/) holds the troubleshooting section but
the failure catalogue and its error index, and nothing else: it is what goes into the binder in
the on-call room (the catalogue's 250 entries would make a book, and the index's rows all link
into it; both stay online and in the offline bundle)."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT
from htmlpages import page as built_page


def section_id(source: Path) -> str:
    """The id print-site gives a page's section: troubleshooting/runbooks/x.md -> troubleshooting-runbooks-x."""
    rel = source.relative_to(PROJECT / "docs").with_suffix("").as_posix()
    return rel.removesuffix("/index").replace("/", "-")


def test_print_view_has_every_troubleshooting_page_and_nothing_else(built_site: Path) -> None:
    soup = built_page(built_site, "print_page/index.html")
    # Page sections only; print-site also wraps each nav section in a numbered "section-N".
    sections = {s.get("id") for s in soup.select("section.print-page[id]:not(.md-section)")}
    catalogue = PROJECT / "docs" / "troubleshooting" / "failures"
    error_index = PROJECT / "docs" / "troubleshooting" / "error-index.md"
    wanted = {section_id(p) for p in (PROJECT / "docs" / "troubleshooting").rglob("*.md")
              if catalogue not in p.parents and p != error_index}
    missing = sorted(wanted - sections)
    assert not missing, f"print view lacks {missing}"
    assert not [s for s in sections if s.startswith("troubleshooting-failures")], "the catalogue is in the print view"
    assert section_id(error_index) not in sections, "the error index is in the print view"
    others = sorted(s for s in sections if not s.startswith("troubleshooting"))
    assert not others, f"print view holds pages outside troubleshooting/: {others} (add them to print-site's exclude)"


def test_print_view_is_not_in_search(built_site: Path) -> None:
    # Its copies of every runbook would otherwise compete with the runbooks in the results.
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "print_page" not in index
