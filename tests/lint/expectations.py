"""The fixture sets: `fixtures/good/` (no finding) and `fixtures/bad/`, where each line that must
be reported carries a comment `# expect: <rule-id>[, <rule-id>...]` (YAML and HCL both take `#`
comments, so the marks sit inside embedded HCL too)."""

from __future__ import annotations

import re
from pathlib import Path

from macros.lint.cli import lint
from macros.lint.findings import Report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD, BAD, UNREADABLE = FIXTURES / "good", FIXTURES / "bad", FIXTURES / "unreadable"
_EXPECT = re.compile(r"#\s*expect:\s*([\w\s,-]+?)\s*$")


def expected(root: Path) -> set[tuple[str, int, str]]:
    """(file, line, rule) for every `# expect:` mark under root."""
    found = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if (match := _EXPECT.search(line)) is not None:
                for rule in match.group(1).split(","):
                    found.add((str(path), number, rule.strip()))
    return found


def reported(report: Report) -> set[tuple[str, int, str]]:
    return {(f.file, f.line, f.rule) for f in report.findings}


def lint_tree(root: Path, below: str = "") -> Report:
    return lint([root / below if below else root], site_url="https://handbook.test/")
