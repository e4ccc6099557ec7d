"""The offline bundle (downloads/vault-operations-handbook-offline.zip) works from disk:
navigation, search and diagrams over file://, with every network request blocked."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from conftest import PROJECT
from macros.search_eval.browser import search

from .conftest import Guard


def expected_pages() -> set[str]:
    """Every page as the offline build names it: a.md -> a.html, a/index.md -> a/index.html."""
    docs = PROJECT / "docs"
    names = {p.relative_to(docs).with_suffix(".html").as_posix() for p in docs.rglob("*.md")}
    return names | {"print_page.html"}


def test_bundle_has_every_page(offline_bundle: Path) -> None:
    # Catches a stale zip, built before pages were added: rebuild with `make offline`.
    missing = sorted(name for name in expected_pages() if not (offline_bundle / name).is_file())
    assert not missing, f"offline bundle lacks {missing}: rebuild it with `make offline`"


def test_bundle_loads_nothing_from_the_network(offline_bundle: Path) -> None:
    html = (offline_bundle / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "iframe-worker/shim.js" in html
    assert (offline_bundle / "assets" / "javascripts" / "iframe-worker" / "shim.js").is_file()
    assert (offline_bundle / "search" / "search_index.js").is_file()


def heading(page: Page) -> str:
    """The id of the page's own H1 (the one in the article, not a theme title)."""
    return str(page.locator("article h1").first.get_attribute("id"))


def test_navigation_from_disk(guarded: tuple[Page, Guard], offline_bundle: Path) -> None:
    # Lands on the right page, shown from disk with its own content, and on through a relative
    # link from inside a folder (where file:// breaks first); the home page's "Troubleshooting"
    # button and its heading must not be what satisfies it.
    page, guard = guarded
    page.goto((offline_bundle / "index.html").as_uri())
    assert heading(page) == "vault-operations-handbook"
    page.locator("nav.md-tabs a.md-tabs__link", has_text="Troubleshooting").click()
    page.wait_for_load_state("load")
    assert page.url == (offline_bundle / "troubleshooting" / "index.html").as_uri(), page.url
    assert heading(page) == "troubleshooting", page.url
    assert page.locator("article table.voh-table[data-table=alert_thresholds]").count() == 1
    page.locator("article a[href='runbooks/index.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url == (offline_bundle / "troubleshooting" / "runbooks" / "index.html").as_uri(), page.url
    assert heading(page) == "runbooks", page.url
    # The theme's own assets load from the nested page too: the stylesheet styles the header.
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") != "static"
    assert not guard.blocked, guard.blocked
    assert not guard.errors, guard.errors


def test_search_from_disk(guarded: tuple[Page, Guard], offline_bundle: Path) -> None:
    page, guard = guarded
    base = (offline_bundle / "index.html").as_uri()
    page.goto(base)
    result = search(page, base.removesuffix("index.html"), "vault_core_unsealed")
    assert "troubleshooting/runbooks/vault-sealed.html" in result.pages[:3], result.pages
    assert not guard.blocked, guard.blocked
    assert not guard.errors, guard.errors


def test_diagrams_are_svg_in_the_bundle(offline_bundle: Path) -> None:
    # Diagrams are pre-rendered at build time: no page may carry diagram source for a script.
    unrendered = [
        p.relative_to(offline_bundle).as_posix() for p in offline_bundle.rglob("*.html")
        if 'class="mermaid"' in p.read_text(encoding="utf-8")
    ]
    assert not unrendered, f"diagram source left for client-side rendering: {unrendered}"
    trees = (offline_bundle / "troubleshooting" / "decision-trees.html").read_text(encoding="utf-8")
    assert "voh-tree-diagram" in trees and "<svg" in trees, "decision trees lack their inline SVG"
