"""The key-metrics table."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..badges import badge
from ..loading import Handbook
from ..models.key_metrics import AREAS, KeyMetrics
from ..sources import source_links
from . import Context, cell, table


def render(data: KeyMetrics, area: str | None = None) -> str:
    if area is not None and area not in AREAS:
        raise ValueError(f"key_metrics_table: unknown area {area!r}; known: {', '.join(AREAS)}")
    rows = []
    for metric in data.metrics:
        if area is not None and metric.area != area:
            continue
        mark = f" {badge(edition='enterprise')}" if metric.enterprise_only else ""
        cells = [
            cell("metric", f"`{metric.vault}`{mark}<br>`{metric.prometheus}`"),
            cell("type", f"{metric.type} ({escape(metric.unit)})"),
            cell("tells", escape(metric.tells)),
            cell("source", source_links(metric.source)),
        ]
        rows.append(f'<tr id="metric-{metric.id}" data-id="{metric.id}" markdown>{"".join(cells)}</tr>')
    if not rows:
        raise ValueError(f"key_metrics_table: no metric in area {area!r}")
    headers = ["Metric (Vault / Prometheus)", "Type (unit)", "What it tells you", "Source"]
    return table("key_metrics", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., str]]:
    def key_metrics_table(area: str | None = None) -> str:
        return render(handbook["key_metrics"], area)

    return {"key_metrics_table": key_metrics_table}
