"""The key-metrics table."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..badges import badge
from ..loading import Handbook
from ..models.key_metrics import AREAS, KeyMetrics
from ..sources import source_links
from . import Context, cell, table
from .blocks import Row, Table


def render(data: KeyMetrics, area: str | None = None) -> Table:
    if area is not None and area not in AREAS:
        raise ValueError(f"key_metrics_table: unknown area {area!r}; known: {', '.join(AREAS)}")
    rows = []
    for metric in data.metrics:
        if area is not None and metric.area != area:
            continue
        mark = (" ", badge(edition="enterprise")) if metric.enterprise_only else None
        cells = [
            cell("metric", f"`{metric.vault}`", mark, f"<br>`{metric.prometheus}`"),
            cell("type", f"{metric.type} ({escape(metric.unit)})"),
            cell("tells", escape(metric.tells)),
            cell("source", source_links(metric.source)),
        ]
        rows.append(Row(metric.id, tuple(cells), id=f"metric-{metric.id}"))
    if not rows:
        raise ValueError(f"key_metrics_table: no metric in area {area!r}")
    headers = ["Metric (Vault / Prometheus)", "Type (unit)", "What it tells you", "Source"]
    return table("key_metrics", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table]]:
    def key_metrics_table(area: str | None = None) -> Table:
        return render(handbook.key_metrics, area)

    return {"key_metrics_table": key_metrics_table}
