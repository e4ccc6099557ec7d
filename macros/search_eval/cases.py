"""The search query set: what operators paste, and where each query must land.

Two sources, one list:
- every failure entry's reports (data/failures/*.yaml): the text a real reporter quoted
  (`source.reports[].query`) and the report's title (`source.reports[].title`), each of which
  should find that entry's section (page and anchor); the pasted texts and the titles are
  measured apart, since a title is prose and a paste is not;
- tests/search_queries.yaml: alert names, metric names, API paths, CLI commands and symptoms,
  each with the page (or `section`, page#anchor) it must find.

Shared by tests/browser/test_search.py, tests/test_error_lookup.py and tools/bench.py, so the
tests and the benchmark measure the same set.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..loading import PROJECT_DIR, load_all
from ..models.failures import all_entries
from ..urls import page_url

LISTED = PROJECT_DIR / "tests" / "search_queries.yaml"


@dataclass(frozen=True)
class Case:
    query: str
    target: str  # site-relative: `page/` (any section of it) or `page/#anchor` (that section)
    source: str  # a report URL, or the file that lists the query
    from_report: bool
    known_miss: str | None = None  # why a listed query does not find its target yet (xfail, strict)

    @property
    def section_level(self) -> bool:
        return "#" in self.target


def report_cases() -> list[Case]:
    failures = load_all().failures
    cases = []
    for area, _, entry in all_entries(failures):
        for report in entry.source.reports:
            if report.query:
                cases.append(Case(report.query, f"{page_url(f'troubleshooting/failures/{area}.md')}#{entry.id}",
                                  report.url, True))
    return cases


def title_cases() -> list[Case]:
    """The reports' titles (`source.reports[].title`): prose, not a paste. The search test holds
    them to a floor of their own, apart from the pasted queries of `report_cases`, and counts them
    when it asks whether every entry is found by one of its reports."""
    failures = load_all().failures
    return [Case(report.title, f"{page_url(f'troubleshooting/failures/{area}.md')}#{entry.id}", report.url, True)
            for area, _, entry in all_entries(failures) for report in entry.source.reports if report.title]


def listed_cases() -> list[Case]:
    rows = yaml.safe_load(LISTED.read_text(encoding="utf-8"))["queries"]
    cases = []
    for row in rows:
        keys = set(row) - {"known_miss"}
        if keys not in ({"query", "page"}, {"query", "section"}):
            raise ValueError(f"{LISTED.name}: {row}: give `query` and one of `page` or `section`")
        cases.append(Case(str(row["query"]), row.get("page") or row["section"], LISTED.name, False,
                          row.get("known_miss")))
    return cases


def all_cases() -> list[Case]:
    """The pasted texts: the reports' quoted lines and the listed queries (not the titles)."""
    return report_cases() + listed_cases()


def hit(case: Case, locations: list[str], pages: list[str], top: int) -> bool:
    """A section-level case needs its section among the first `top` locations; a page-level one
    its page among the first `top` pages."""
    if case.section_level:
        return case.target in locations[:top]
    return case.target in list(dict.fromkeys(pages))[:top]
