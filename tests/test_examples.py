"""Every copyable example on the built site is valid for the versions the handbook targets.

The checker lives in tests/examples/ (see its module docstrings for what each kind must meet).
A failure lists every invalid block as `<page> block <n> (<language>, under #<section>): <problem>`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from examples.collect import collect_blocks
from examples.runner import INSECURE, REPORTED, SECRETS, Report, run


@pytest.fixture(scope="session")
def report(examples_site: Path, request: pytest.FixtureRequest) -> Report:
    result = run(collect_blocks(examples_site))
    # The counts per kind belong in every run's output (how many blocks were checked, how many
    # anti-patterns excluded), so write them past pytest's output capture.
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            for line in result.summary().splitlines():
                reporter.write_line(line)
    return result


# A fenced block as pymdownx.highlight renders it: `<div class="language-<lang> [anti-pattern ]highlight">`.
FENCE = re.compile(r'<div class="(?P<classes>language-[^"]*)"')
NOT_CONTENT = re.compile(r"(404\.html$|assets/|search/|print_page/)")


def test_counts_are_the_blocks_on_the_pages(report: Report, examples_site: Path) -> None:
    # Counted from the built HTML, not from the runner's own bookkeeping: every fenced block of
    # every page is checked or excluded, exactly once, and the excluded ones are exactly those
    # whose fence carries .anti-pattern (print_page/ repeats the other pages).
    on_pages = anti = 0
    for html_file in examples_site.rglob("*.html"):
        if NOT_CONTENT.match(html_file.relative_to(examples_site).as_posix()):
            continue
        for fence in FENCE.finditer(html_file.read_text(encoding="utf-8")):
            classes = fence["classes"].split()
            on_pages += "highlight" in classes
            anti += "highlight" in classes and "anti-pattern" in classes
    assert on_pages > 0, "no fenced block found on the pages"
    assert report.checked[INSECURE] + report.excluded[INSECURE] == on_pages
    assert report.checked[SECRETS] == on_pages  # anti-patterns are still scanned for secrets
    assert report.excluded[INSECURE] == anti
    # An anti-pattern is excluded from the validity check of every kind it would be checked as.
    assert sum(n for kind, n in report.excluded.items() if kind != INSECURE) >= anti


@pytest.mark.parametrize("kind", REPORTED)
def test_examples_are_valid(report: Report, kind: str) -> None:
    problems = report.problems.get(kind, [])
    if problems:
        pytest.fail(f"{len(problems)} invalid {kind} example(s):\n" + "\n".join(problems), pytrace=False)
