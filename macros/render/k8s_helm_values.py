"""Helm values tables for the Kubernetes integrations, filtered by chart and key prefix."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import badge
from ..loading import Handbook
from ..models.k8s_helm_values import HelmValue, K8sHelmValues
from ..sources import source_links
from . import Context, cell, table
from .blocks import Row, Table, joined


def value_rows(data: K8sHelmValues, chart: str, prefix: str | None) -> list[HelmValue]:
    rows = [v for v in data.values if v.chart == chart and (prefix is None or v.key.startswith(prefix))]
    if not rows:
        raise ValueError(f"helm_values: nothing for chart={chart!r} prefix={prefix!r}")
    return rows


def render(data: K8sHelmValues, chart: str, prefix: str | None = None) -> Table:
    out = []
    for row in value_rows(data, chart, prefix):
        marks = []
        if row.enterprise_only:
            marks.append(badge(edition="enterprise"))
        if row.since:
            marks.append(badge(since=row.since, product="VSO" if row.chart != "vault" else "chart"))
        replaces = f"<br>replaces deprecated `{row.replaces}`" if row.replaces else None
        key = (joined(" ", [f"`{row.key}`", *marks]), replaces)
        values = f"<br>Values: {', '.join(f'`{v}`' for v in row.values)}" if row.values else ""
        cells = [
            cell("key", *key),
            cell("default", f"`{row.default}`" if not row.default.startswith(("unset", "excludes")) else row.default),
            cell("meaning", row.meaning + values),
            cell("source", source_links(row.source)),
        ]
        out.append(Row(row.id, tuple(cells), id=f"helm-{row.id}"))
    return table(f"helm_values_{chart.replace('-', '_')}", ["Key", "Default", "Why it matters", "Source"], out)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table]]:
    def helm_values(chart: str = "vault", prefix: str | None = None) -> Table:
        return render(handbook.k8s_helm_values, chart, prefix)

    return {"helm_values": helm_values}
