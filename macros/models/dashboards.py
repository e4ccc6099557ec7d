"""data/dashboards.yaml: the Grafana dashboards, the metrics other programs export, and the
components checked for metrics and found to have none.

Rules across files: every alert a panel draws exists in data/alert_thresholds.yaml; every metric a
query names is a Prometheus name of data/key_metrics.yaml, of an alert row, or of `metrics` here;
every selector carries `SCOPE` (the dashboard's cluster/namespace/job matchers); every panel links
somewhere (an alert's runbook or a `doc` section) and that page and pinned anchor exist.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..anchors import pinned_anchors
from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem
from .alert_thresholds import AlertThresholds
from .key_metrics import KeyMetrics

PromName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
# Grafana unit ids (packages/grafana-data/src/valueFormats/categories.ts) the panels use.
GrafanaUnit = Literal["ms", "s", "percentunit", "short", "bool", "bytes", "reqps", "ops", "none"]
SCOPE = "SCOPE"

# PromQL words that look like metric names: aggregation modifiers, set and comparison operators.
_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
             "unless", "offset", "inf", "nan"}
# Series a histogram or summary adds to its base name.
SUFFIXES = {"histogram": ("_bucket", "_sum", "_count"), "summary": ("_sum", "_count"),
            "timer": ("_sum", "_count")}


def _strip(query: str) -> str:
    """The query without string literals, label matchers, ranges and grouping label lists."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', query)
    text = re.sub(r"\{[^{}]*\}", "{}", text)
    text = re.sub(r"\[[^\]]*\]", "[]", text)
    return re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)


def metric_names(query: str) -> list[str]:
    """The metric names a PromQL query selects, in order of appearance, without repeats."""
    text = _strip(query)
    names: list[str] = []
    for match in re.finditer(r"(?<![\w.:$])[A-Za-z_:][\w:]*", text):
        name = match.group(0)
        if text[match.end():].lstrip().startswith("(") or name.lower() in _KEYWORDS:
            continue  # a function call or a keyword
        if name not in names:
            names.append(name)
    return names


def unscoped_selectors(query: str) -> list[str]:
    """Selectors in the query that lack the SCOPE marker (bare names, or matchers without it)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', query)
    bad = []
    for name in metric_names(query):
        for match in re.finditer(rf"(?<![\w:]){re.escape(name)}(?![\w:])(\s*\{{[^{{}}]*\}})?", text):
            if not match.group(1) or SCOPE not in match.group(1):
                bad.append(name)
                break
    return bad


class IntegrationMetric(Strict):
    name: PromName
    exporter: Literal["prometheus", "vault-secrets-operator", "vault-agent-injector"]
    type: Literal["gauge", "counter", "histogram"]
    labels: list[NonEmpty]
    tells: NonEmpty
    source: Sources


class NoMetrics(Strict):
    component: NonEmpty
    version: NonEmpty
    note: NonEmpty
    source: Sources


class DocLink(Strict):
    page: Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")]
    anchor: Annotated[str, StringConstraints(pattern=r"^[\w-]+$")]


class Panel(Strict):
    id: KebabId
    title: NonEmpty
    kind: Literal["stat", "timeseries"]
    width: int = Field(ge=1, le=24)  # of Grafana's 24 grid columns
    query: NonEmpty
    legend: NonEmpty | None = None
    unit: GrafanaUnit
    alerts: list[KebabId] = []  # their levels become threshold lines; their runbooks, links
    doc: DocLink | None = None  # the handbook section a panel without alerts links to


class Row(Strict):
    title: NonEmpty
    panels: list[Panel] = Field(min_length=1)


class Dashboard(Strict):
    id: KebabId
    uid: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{8,40}$")]
    title: NonEmpty
    description: NonEmpty
    variable_metric: PromName  # label_values() of this metric fill the cluster/namespace/job lists
    rows: list[Row] = Field(min_length=1)

    def panels(self) -> list[Panel]:
        return [panel for row in self.rows for panel in row.panels]


class Dashboards(Strict):
    metrics: list[IntegrationMetric] = Field(min_length=1)
    no_metrics: list[NoMetrics]
    dashboards: list[Dashboard] = Field(min_length=1)


def known_metrics(data: Dashboards, key_metrics: object, alerts: object) -> dict[str, str]:
    """{Prometheus name: type} of every metric a query may name, suffixed series included."""
    known: dict[str, str] = {}
    rows: list[tuple[str, str]] = [(m.prometheus, m.type) for m in key_metrics.metrics]  # type: ignore[attr-defined]
    rows += [(a.metric.prometheus, "gauge") for a in alerts.alerts]  # type: ignore[attr-defined]
    rows += [(m.name, m.type) for m in data.metrics]
    for name, kind in rows:
        known.setdefault(name, kind)
        for suffix in SUFFIXES.get(kind, ()):
            known.setdefault(name + suffix, kind)
    return known


def problems(
    file: str, data: Dashboards, docs_dir: Path, alerts: AlertThresholds, key_metrics: KeyMetrics
) -> list[str]:
    """Rules within the file and against the alert and metric data (the registry passes those)."""
    by_id = {a.id: a for a in alerts.alerts}
    known = known_metrics(data, key_metrics, alerts)
    found = duplicate_ids(file, "dashboards", (d.id for d in data.dashboards))
    found += duplicate_ids(file, "dashboards", (d.uid for d in data.dashboards))
    found += duplicate_ids(file, "metrics", (m.name for m in data.metrics))
    vault_names = {m.prometheus for m in key_metrics.metrics}
    found += [problem(file, ["metrics", i, "name"], f"{m.name} is already in data/key_metrics.yaml")
              for i, m in enumerate(data.metrics) if m.name in vault_names]

    def link_problem(loc: list[str | int], page: str, anchor: str) -> str | None:
        path = docs_dir / page
        if not path.is_file():
            return problem(file, loc, f"no page docs/{page}")
        if anchor not in pinned_anchors(path):
            return problem(file, loc, f"docs/{page} has no pinned heading id #{anchor}")
        return None

    for d, dashboard in enumerate(data.dashboards):
        dloc: list[str | int] = ["dashboards", d]
        if dashboard.variable_metric not in known:
            found.append(problem(file, [*dloc, "variable_metric"], f"unknown metric {dashboard.variable_metric}"))
        found += duplicate_ids(file, f"dashboards[{d}].panels", (p.id for p in dashboard.panels()))
        for r, row in enumerate(dashboard.rows):
            for p, panel in enumerate(row.panels):
                loc: list[str | int] = [*dloc, "rows", r, "panels", p]
                names = metric_names(panel.query)
                if not names:
                    found.append(problem(file, [*loc, "query"], "names no metric"))
                for name in names:
                    if name not in known:
                        found.append(problem(file, [*loc, "query"], (
                            f"metric {name} is in neither data/key_metrics.yaml, data/alert_thresholds.yaml "
                            "nor this file's metrics")))
                for name in unscoped_selectors(panel.query):
                    found.append(problem(file, [*loc, "query"], f"the selector of {name} lacks {SCOPE}"))
                if not panel.alerts and panel.doc is None:
                    found.append(problem(file, loc, "links nowhere: give it alerts or a doc section"))
                for a, alert_id in enumerate(panel.alerts):
                    alert = by_id.get(alert_id)
                    if alert is None:
                        found.append(problem(file, [*loc, "alerts", a],
                                             f"no alert {alert_id!r} in data/alert_thresholds.yaml"))
                        continue
                    bad = link_problem([*loc, "alerts", a], alert.runbook.page, alert.runbook.anchor)
                    if bad:
                        found.append(bad)
                if panel.doc is not None:
                    bad = link_problem([*loc, "doc"], panel.doc.page, panel.doc.anchor)
                    if bad:
                        found.append(bad)
    return found
