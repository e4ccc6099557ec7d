"""Every copyable example on the built site is valid for the versions the handbook targets.

The checker lives in tests/examples/ (see its module docstrings for what each kind must meet).
A failure lists every invalid block as `<page> block <n> (<language>, under #<section>): <problem>`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so `examples` imports as a package

from examples.collect import collect_blocks  # noqa: E402
from examples.runner import REPORTED, Report, run  # noqa: E402


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


def test_every_anti_pattern_is_excluded_from_validity_checks(report: Report) -> None:
    # Each anti-pattern block is counted once per kind it would have been checked as.
    anti = [b for b in report.blocks if b.anti_pattern]
    assert report.excluded["insecure"] == len(anti)
    assert sum(n for kind, n in report.excluded.items() if kind != "insecure") >= len(anti)


@pytest.mark.parametrize("kind", REPORTED)
def test_examples_are_valid(report: Report, kind: str) -> None:
    problems = report.problems.get(kind, [])
    if problems:
        pytest.fail(f"{len(problems)} invalid {kind} example(s):\n" + "\n".join(problems), pytrace=False)
