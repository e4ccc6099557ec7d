"""Search finds what operators paste: each query of tests/search_queries.yaml, typed into the
search box of the served site in headless Chromium with the network blocked, has its page among
the first three results."""

from __future__ import annotations

import collections
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from conftest import PROJECT

from .conftest import Guard, page_urls
from .search import search

QUERIES: list[dict[str, str]] = yaml.safe_load((PROJECT / "tests" / "search_queries.yaml").read_text())["queries"]
TOP = 3


@pytest.fixture(scope="module")
def search_page(module_guarded: tuple[Page, Guard], site_url: str) -> Iterator[tuple[Page, Guard]]:
    page, guard = module_guarded
    # Start where an operator arriving from an alert starts: a runbook page.
    page.goto(site_url + "troubleshooting/runbooks/", wait_until="load")
    errors: list[str] = []
    # Material reports a query the search worker failed on as a console warning, not an exception.
    page.on("console", lambda m: errors.append(m.text) if "Invalid query" in m.text else None)
    yield page, guard
    assert not errors, f"the search worker failed on queries: {errors}"


def test_query_set_is_large_and_points_at_real_pages() -> None:
    assert len(QUERIES) >= 40
    pages = set(page_urls())
    for case in QUERIES:
        assert set(case) == {"query", "page"}, case
        assert case["page"] in pages, f"{case['query']!r}: no page {case['page']} in docs/"
    assert len({c["query"] for c in QUERIES}) == len(QUERIES), "a query is listed twice"


@pytest.mark.parametrize("case", QUERIES, ids=[c["query"] for c in QUERIES])
def test_query_finds_its_page_in_the_top_3(search_page: tuple[Page, Guard], site_url: str, case: dict[str, str]) -> None:
    page, guard = search_page
    result = search(page, site_url, case["query"])
    ranked = list(dict.fromkeys(result.pages))  # one entry per page, best first
    assert case["page"] in ranked[:TOP], f"{case['query']!r}: expected {case['page']} in the top {TOP}, got {ranked[:5]}"
    assert not guard.blocked, guard.blocked


def test_search_index_locations_are_unique(built_site: Path) -> None:
    # Two index entries with one location (a heading id used twice on a page) make Material's
    # search worker throw while highlighting, and every query then shows stale or no results.
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    counts = collections.Counter(doc["location"] for doc in docs)
    duplicates = sorted(location for location, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate heading ids in the search index: {duplicates}"


def test_runbook_pages_are_boosted(built_site: Path) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    runbooks = [d for d in docs if d["location"].startswith("troubleshooting/runbooks/")
                and d["location"].split("#")[0] != "troubleshooting/runbooks/"]
    assert runbooks and all(d.get("boost", 1) > 1 for d in runbooks)


def test_search_works_on_a_page_with_diagrams(guarded: tuple[Page, Guard], site_url: str) -> None:
    # The decision trees carry large inline SVG diagrams; search must work there too.
    page, guard = guarded
    page.goto(site_url + "troubleshooting/decision-trees/", wait_until="load")
    assert page.locator("figure.voh-tree-diagram svg").count() > 0, "no inline SVG diagram on the page"
    result = search(page, site_url, "VaultSealed")
    assert "troubleshooting/runbooks/vault-sealed/" in result.pages[:TOP], result.pages
    assert not guard.blocked and not guard.errors, (guard.blocked, guard.errors)
