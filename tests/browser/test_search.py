"""Search finds what operators paste: every query of the set (macros/search_eval/cases.py: the real
reports of each failure entry, their titles, and tests/search_queries.yaml), pasted into the
search box of the served site in headless Chromium with the network blocked.

The reports are measured as sets (the pasted lines, at least 90 % with their section in the top 3;
the titles, prose, to a lower floor of their own), because a real reporter's words are not ours to
tune one by one; every entry must be found by one of its reports; every listed query (alert and
metric names, paths, commands) must find its page in the top 3.
"""

from __future__ import annotations

import collections
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from macros.search_eval.browser import search
from macros.search_eval.cases import Case, all_cases, hit, listed_cases, report_cases, title_cases

from .conftest import Guard, page_urls

TOP = 3
# Floors, measured on the catalogue as it stands (make bench prints the figures): the goal is 90 %
# in the top 3 and 75 % first; these keep what has been reached from sliding back.
REPORT_TOP3 = 0.92
REPORT_TOP1 = 0.82
TITLE_TOP3 = 0.52  # the reports' titles: prose, measured apart
ENTRIES_FOUND = 1.0  # entries with at least one report (pasted line or title) in the top 3
MIN_REPORT_QUERIES = 200


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


def test_query_set_is_large_and_points_at_real_pages(built_site: Path) -> None:
    cases = all_cases()
    reports = [c for c in cases if c.from_report]
    assert len(reports) >= MIN_REPORT_QUERIES, f"only {len(reports)} real-report queries"
    pages = set(page_urls())
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    indexed = {d["location"] for d in docs}
    for case in cases + title_cases():
        page = case.target.split("#")[0]
        assert page in pages, f"{case.query!r}: no page {page} in docs/"
        if case.section_level:
            assert case.target in indexed, f"{case.query!r}: no section {case.target} in the index"
    duplicates = [q for q, n in collections.Counter(c.query.lower() for c in cases).items() if n > 1]
    assert not duplicates, f"listed twice: {duplicates}"


@pytest.fixture(scope="module")
def ranked(search_page: tuple[Page, Guard], site_url: str) -> dict[str, tuple[list[str], list[str]]]:
    """Every query pasted once: query -> (locations, pages)."""
    page, guard = search_page
    out = {}
    for case in all_cases() + title_cases():
        result = search(page, site_url, case.query, paste=True)
        out[case.query] = (result.locations, result.pages)
    assert not guard.blocked, guard.blocked
    return out


def misses(cases: list[Case], ranked: dict[str, tuple[list[str], list[str]]], top: int) -> list[str]:
    return [f"{c.query!r} -> want {c.target}, got {ranked[c.query][0][:top] if c.section_level else ranked[c.query][1][:top]}"
            for c in cases if not hit(c, *ranked[c.query], top)]


def test_real_reports_find_their_section(ranked: dict[str, tuple[list[str], list[str]]]) -> None:
    cases = report_cases()
    top3 = misses(cases, ranked, TOP)
    top1 = misses(cases, ranked, 1)
    rate3, rate1 = 1 - len(top3) / len(cases), 1 - len(top1) / len(cases)
    assert rate3 >= REPORT_TOP3 and rate1 >= REPORT_TOP1, (
        f"top-3 {rate3:.0%} (need {REPORT_TOP3:.0%}), top-1 {rate1:.0%} (need {REPORT_TOP1:.0%}) "
        f"of {len(cases)} report queries; not in the top 3:\n" + "\n".join(top3)
    )


def test_report_titles_find_their_section(ranked: dict[str, tuple[list[str], list[str]]]) -> None:
    cases = title_cases()
    top3 = misses(cases, ranked, TOP)
    rate = 1 - len(top3) / len(cases)
    assert rate >= TITLE_TOP3, f"top-3 {rate:.0%} (need {TITLE_TOP3:.0%}) of {len(cases)} report titles; missed:\n" + "\n".join(top3)


def test_every_entry_is_found_by_a_report_of_it(ranked: dict[str, tuple[list[str], list[str]]]) -> None:
    found: dict[str, bool] = {}
    for case in report_cases() + title_cases():
        found[case.target] = found.get(case.target, False) or hit(case, *ranked[case.query], TOP)
    lost = sorted(target for target, ok in found.items() if not ok)
    assert 1 - len(lost) / len(found) >= ENTRIES_FOUND, f"{len(lost)} entries no report finds:\n" + "\n".join(lost)


LISTED = [pytest.param(c, id=c.query, marks=pytest.mark.xfail(strict=True, reason=c.known_miss))
          if c.known_miss else pytest.param(c, id=c.query) for c in listed_cases()]


@pytest.mark.parametrize("case", LISTED)
def test_listed_query_finds_its_page_in_the_top_3(ranked: dict[str, tuple[list[str], list[str]]], case: Case) -> None:
    assert hit(case, *ranked[case.query], TOP), misses([case], ranked, TOP)[0]


def test_search_index_locations_are_unique(built_site: Path) -> None:
    # Two index entries with one location (a heading id used twice on a page) make Material's
    # search worker throw while highlighting, and every query then shows stale or no results.
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    counts = collections.Counter(doc["location"] for doc in docs)
    duplicates = sorted(location for location, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate heading ids in the search index: {duplicates}"


def test_no_page_is_boosted_and_the_error_index_is_not_indexed(built_site: Path) -> None:
    # A document boost let a runbook that matched only common words outrank the answer; the error
    # index repeats every entry's text on one long page that outranked the entries themselves.
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in docs if d.get("boost", 1) != 1] == []
    assert not [d for d in docs if d["location"].startswith("troubleshooting/error-index/")]


def test_search_works_on_a_page_with_diagrams(guarded: tuple[Page, Guard], site_url: str) -> None:
    # The decision trees carry large inline SVG diagrams; search must work there too.
    page, guard = guarded
    page.goto(site_url + "troubleshooting/decision-trees/", wait_until="load")
    assert page.locator("figure.voh-tree-diagram svg").count() > 0, "no inline SVG diagram on the page"
    result = search(page, site_url, "VaultSealed")
    assert "troubleshooting/runbooks/vault-sealed/" in result.pages[:TOP], result.pages
    assert not guard.blocked and not guard.errors, (guard.blocked, guard.errors)


def test_typing_still_finds_as_you_type(search_page: tuple[Page, Guard], site_url: str) -> None:
    # Key by key, as a person types: the wildcard on the last term must still complete a word.
    page, _ = search_page
    result = search(page, site_url, "VaultSeal")
    assert "troubleshooting/runbooks/vault-sealed/" in result.pages[:TOP], result.pages
