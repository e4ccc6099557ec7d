"""Run every checker over a site's code blocks and count what was checked and excluded."""

from __future__ import annotations

import collections
from collections.abc import Callable
from dataclasses import dataclass, field

from . import documents, hcl, helm, insecure, kubernetes, promql, secrets, shell
from .classify import HCL, HELM, JSON, KINDS, KUBERNETES, OTHER, PROMQL, SHELL, YAML, kinds_of
from .collect import Block

SECRETS = "secrets"
INSECURE = "insecure"
REPORTED = (*KINDS, SECRETS, INSECURE)

CHECKERS: dict[str, Callable[[Block], list[str]]] = {
    KUBERNETES: kubernetes.check,
    HELM: helm.check,
    HCL: hcl.check,
    SHELL: shell.check,
    PROMQL: promql.check,
    JSON: documents.check,
    YAML: documents.check,
}


@dataclass(repr=False)
class Report:
    blocks: list[Block]
    problems: dict[str, list[str]] = field(default_factory=lambda: collections.defaultdict(list))
    checked: collections.Counter[str] = field(default_factory=collections.Counter)
    excluded: collections.Counter[str] = field(default_factory=collections.Counter)

    def __repr__(self) -> str:
        return f"Report({len(self.blocks)} blocks, {len(self.all_problems())} problems)"

    @property
    def anti_patterns(self) -> int:
        return sum(1 for b in self.blocks if b.anti_pattern)

    def all_problems(self) -> list[str]:
        return [p for kind in REPORTED for p in self.problems.get(kind, [])]

    def summary(self) -> str:
        """A table of blocks checked and excluded (anti-patterns) per kind."""
        lines = [f"Examples checker: {len(self.blocks)} code blocks, {self.anti_patterns} marked .anti-pattern "
                 f"(PromQL by {promql.backend()})",
                 f"  {'kind':<11} {'checked':>7} {'excluded':>8} {'problems':>8}"]
        for kind in REPORTED:
            lines.append(f"  {kind:<11} {self.checked[kind]:>7} {self.excluded[kind]:>8} {len(self.problems.get(kind, [])):>8}")
        lines.append("  (other = blocks of other languages: only the secrets and insecure-settings scans apply;"
                     " anti-patterns are still scanned for secrets)")
        return "\n".join(lines)


def run(blocks: list[Block]) -> Report:
    """Check every block: validity per kind (anti-patterns excluded), secrets, insecure settings."""
    report = Report(blocks=blocks)
    promql_blocks: list[Block] = []
    for block in blocks:
        for kind in kinds_of(block):
            if block.anti_pattern:
                report.excluded[kind] += 1
                continue
            report.checked[kind] += 1
            if kind == PROMQL:
                promql_blocks.append(block)  # checked together below: one promtool run
            elif kind != OTHER:
                report.problems[kind].extend(CHECKERS[kind](block))
        if block.anti_pattern:
            report.excluded[INSECURE] += 1
        else:
            report.checked[INSECURE] += 1
            report.problems[INSECURE].extend(insecure.check(block))
    report.problems[PROMQL].extend(promql.check_many(promql_blocks))
    report.checked[SECRETS] = len(blocks)
    report.problems[SECRETS].extend(secrets.scan(blocks))
    return report
