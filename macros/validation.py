"""Rules across rows and files that a per-field model cannot express.

Each rule returns problems as `file: key.path: what is wrong`, so the build can report every
problem of a data file at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .anchors import pinned_anchors
from .errors import format_loc
from .models import AlertThresholds, DecisionMatrix, PrivilegedEndpoints


def _problem(file: str, loc: Sequence[str | int], what: str) -> str:
    return f"{file}: {format_loc(loc)}: {what}"


def duplicate_ids(file: str, key: str, ids: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    problems = []
    for index, row_id in enumerate(ids):
        if row_id in seen:
            problems.append(
                _problem(file, [key, index, "id"], f"duplicate id {row_id!r} (first used at {key}[{seen[row_id]}])")
            )
        else:
            seen[row_id] = index
    return problems


def check_decision_matrix(file: str, matrix: DecisionMatrix) -> list[str]:
    problems = duplicate_ids(file, "criteria", (c.id for c in matrix.criteria))
    option_ids = [o.id for o in matrix.options]
    problems += duplicate_ids(file, "options", option_ids)
    for index, criterion in enumerate(matrix.criteria):
        missing = [o for o in option_ids if o not in criterion.cells]
        if missing:
            problems.append(_problem(file, ["criteria", index, "cells"], f"no cell for {', '.join(missing)}"))
    return problems


def check_alert_thresholds(file: str, data: AlertThresholds, docs_dir: Path) -> list[str]:
    problems = duplicate_ids(file, "alerts", (a.id for a in data.alerts))
    problems += duplicate_ids(file, "alerts", (a.alert for a in data.alerts))
    for index, alert in enumerate(data.alerts):
        loc: list[str | int] = ["alerts", index]
        if alert.warning is None and alert.critical is None:
            problems.append(_problem(file, loc, "needs a warning or a critical value"))
        if alert.comparison == "==" and alert.warning is not None and alert.critical is not None:
            problems.append(_problem(file, [*loc, "warning"], "an '==' alert has one level only"))
        if alert.warning is not None and alert.critical is not None:
            rising = alert.comparison in (">", ">=")
            if rising and not alert.warning < alert.critical:
                problems.append(_problem(
                    file, [*loc, "warning"],
                    f"warning ({alert.warning:g}) must be below critical ({alert.critical:g}) "
                    f"for a '{alert.comparison}' alert",
                ))
            if not rising and alert.comparison != "==" and not alert.warning > alert.critical:
                problems.append(_problem(
                    file, [*loc, "warning"],
                    f"warning ({alert.warning:g}) must be above critical ({alert.critical:g}) "
                    f"for a '{alert.comparison}' alert",
                ))
        if (alert.source is None) == (alert.rationale is None):
            problems.append(_problem(
                file, loc, "needs exactly one of `source` (the vendor's number) or `rationale` (ours)"
            ))
        page = docs_dir / alert.runbook.page
        if not page.is_file():
            problems.append(_problem(file, [*loc, "runbook", "page"], f"no page docs/{alert.runbook.page}"))
        elif alert.runbook.anchor not in pinned_anchors(page):
            problems.append(_problem(
                file, [*loc, "runbook", "anchor"],
                f"docs/{alert.runbook.page} has no pinned heading id #{alert.runbook.anchor}",
            ))
    return problems


def check_privileged_endpoints(file: str, data: PrivilegedEndpoints) -> list[str]:
    problems = duplicate_ids(file, "endpoints", (e.id for e in data.endpoints))
    return problems
