"""data/alert_thresholds.yaml: one row per alert, rendered into tables, runbooks and rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..anchors import pinned_anchors
from . import Duration, KebabId, NonEmpty, Number, Sources, Strict, duplicate_ids, problem

# A query that is just a metric with optional label matchers; its value can be set directly.
PLAIN_SELECTOR = re.compile(r"^[a-zA-Z_:][\w:]*(\{[^{}]*\})?$")

Comparison = Literal[">", ">=", "<", "<=", "=="]
Unit = Literal["ms", "seconds", "ratio", "percent", "count", "boolean", "bytes", "per_second"]


class MetricName(Strict):
    # Vault's telemetry name; null for a metric another program exports (Prometheus' `up`,
    # Vault Secrets Operator, the Agent Injector), which has its Prometheus name only.
    vault: NonEmpty | None
    prometheus: Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]


class RunbookLink(Strict):
    page: Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")]
    anchor: Annotated[str, StringConstraints(pattern=r"^[\w-]+$")]


class SeriesCase(Strict):
    """One promtool test case: input series, and the severities that must fire."""

    name: NonEmpty
    series: dict[NonEmpty, NonEmpty] = Field(min_length=1)  # series selector -> promtool values
    fires: list[Literal["warning", "critical"]]
    value: Number | None = None  # the query's value, as $value shows it, when not the first sample


class AlertTest(Strict):
    """Hand-written test cases, for a query whose value cannot be set straight from a threshold."""

    cases: list[SeriesCase] = Field(min_length=2)
    labels: dict[str, str] | None = None  # labels on the firing alert besides severity


class Alert(Strict):
    id: KebabId
    alert: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]+$")]
    summary: NonEmpty
    description: NonEmpty
    metric: MetricName
    query: NonEmpty
    comparison: Comparison
    unit: Unit
    warning: Number | None = None
    critical: Number | None = None
    for_: Duration = Field(alias="for")
    enterprise_only: bool = False
    storage: Literal["raft"] | None = None
    runbook: RunbookLink
    source: Sources | None = None
    rationale: NonEmpty | None = None
    metric_source: Sources
    test: AlertTest | None = None

    @property
    def severity(self) -> Literal["critical", "warning"]:
        """The highest level this alert can reach."""
        return "critical" if self.critical is not None else "warning"

    def levels(self) -> list[tuple[Literal["warning", "critical"], float]]:
        """The (severity, threshold) pairs the alert fires at, warning first."""
        pairs: list[tuple[Literal["warning", "critical"], float]] = []
        if self.warning is not None:
            pairs.append(("warning", self.warning))
        if self.critical is not None:
            pairs.append(("critical", self.critical))
        return pairs


class AlertThresholds(Strict):
    alerts: list[Alert] = Field(min_length=1)




def problems(file: str, data: AlertThresholds, docs_dir: Path) -> list[str]:
    problems = duplicate_ids(file, "alerts", (a.id for a in data.alerts))
    problems += duplicate_ids(file, "alerts", (a.alert for a in data.alerts))
    for index, alert in enumerate(data.alerts):
        loc: list[str | int] = ["alerts", index]
        if alert.warning is None and alert.critical is None:
            problems.append(problem(file, loc, "needs a warning or a critical value"))
        if alert.comparison == "==" and alert.warning is not None and alert.critical is not None:
            problems.append(problem(file, [*loc, "warning"], "an '==' alert has one level only"))
        if alert.warning is not None and alert.critical is not None:
            rising = alert.comparison in (">", ">=")
            if rising and not alert.warning < alert.critical:
                problems.append(problem(
                    file, [*loc, "warning"],
                    f"warning ({alert.warning:g}) must be below critical ({alert.critical:g}) "
                    f"for a '{alert.comparison}' alert",
                ))
            if not rising and alert.comparison != "==" and not alert.warning > alert.critical:
                problems.append(problem(
                    file, [*loc, "warning"],
                    f"warning ({alert.warning:g}) must be above critical ({alert.critical:g}) "
                    f"for a '{alert.comparison}' alert",
                ))
        if (alert.source is None) == (alert.rationale is None):
            problems.append(problem(
                file, loc, "needs exactly one of `source` (the vendor's number) or `rationale` (ours)"
            ))
        page = docs_dir / alert.runbook.page
        if not page.is_file():
            problems.append(problem(file, [*loc, "runbook", "page"], f"no page docs/{alert.runbook.page}"))
        elif alert.runbook.anchor not in pinned_anchors(page):
            problems.append(problem(
                file, [*loc, "runbook", "anchor"],
                f"docs/{alert.runbook.page} has no pinned heading id #{alert.runbook.anchor}",
            ))
        if alert.test is None and not PLAIN_SELECTOR.match(alert.query.strip()):
            problems.append(problem(
                file, [*loc, "test"],
                "a query that is not a plain selector needs hand-written test cases (test.cases)",
            ))
        if alert.test is not None:
            levels = {severity for severity, _ in alert.levels()}
            for case_index, case in enumerate(alert.test.cases):
                unknown = set(case.fires) - levels
                if unknown:
                    problems.append(problem(
                        file, [*loc, "test", "cases", case_index, "fires"],
                        f"the alert has no {', '.join(sorted(unknown))} level",
                    ))
            fired = {severity for case in alert.test.cases for severity in case.fires}
            if fired != levels:
                problems.append(problem(
                    file, [*loc, "test", "cases"], f"no case makes the {', '.join(sorted(levels - fired))} level fire"
                ))
            if not any(not case.fires for case in alert.test.cases):
                problems.append(problem(file, [*loc, "test", "cases"], "no case where the alert stays silent"))
    return problems
