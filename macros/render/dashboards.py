"""The dashboards on the monitoring page: a picture of each layout, drawn at build time as inline
SVG from the generated dashboard JSON itself (the grid positions the SDK computed), the panel list
with each panel's thresholds and links, the download table, and the integrations' metrics."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from ..dashboards import build, configmap_file, configmap_name, file_name
from ..loading import Handbook
from ..models.alert_thresholds import AlertThresholds
from ..models.dashboards import SCOPE, Dashboard, Dashboards
from ..sources import source_links
from . import Context, cell, format_value, relative_link, table
from .blocks import Fragment, Row, SiteOnly, Table, fragment

COLUMN_PX = 30  # one of Grafana's 24 grid columns
ROW_PX = 14     # one grid unit of height
STROKE = {"critical": "#b42318", "warning": "#b54708", None: "#57606a"}
INK = "#1f2328"


def plain_query(query: str) -> str:
    """The panel's PromQL without the SCOPE marker, as a reader would paste it."""
    text = query.replace("{" + SCOPE + "}", "").replace(SCOPE + ", ", "").replace(", " + SCOPE, "")
    return re.sub(r"\{\s*\}", "", text)


def _board(data: Dashboards, board_id: str) -> Dashboard:
    for board in data.dashboards:
        if board.id == board_id:
            return board
    raise ValueError(f"unknown dashboard {board_id!r}; known: {', '.join(b.id for b in data.dashboards)}")


def _fit(text: str, width_px: float, char_px: float = 6.6) -> str:
    room = max(int(width_px / char_px), 3)
    return text if len(text) <= room else text[: room - 1] + "…"


def layout_svg(board: Dashboard, document: dict[str, Any], alerts: AlertThresholds) -> str:
    """The dashboard's grid as an SVG: row bars, and one box per panel at its gridPos."""
    severity = {}
    by_id = {a.id: a for a in alerts.alerts}
    for panel in board.panels():
        levels = [s for a in panel.alerts for s, _ in by_id[a].levels()]
        severity[panel.title] = "critical" if "critical" in levels else ("warning" if levels else None)
    panels = document["panels"]
    height = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels) * ROW_PX
    width = 24 * COLUMN_PX
    title_id = f"voh-dash-{board.id}-title"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id}" class="voh-dashboard-svg" width="100%" '
        f'style="max-width: {width}px; height: auto; display: block">',
        f'<title id="{title_id}">Layout of the Grafana dashboard {escape(board.title)}: '
        f'{len(board.panels())} panels in {len(board.rows)} rows</title>',
    ]
    for p in panels:
        g = p["gridPos"]
        x, y, w, h = g["x"] * COLUMN_PX, g["y"] * ROW_PX, g["w"] * COLUMN_PX, g["h"] * ROW_PX
        if p["type"] == "row":
            parts.append(f'<text x="{x + 4}" y="{y + ROW_PX - 3}" font-size="12" font-weight="bold" '
                         f'fill="{INK}">{escape(p["title"])}</text>')
            continue
        level = severity.get(p["title"])
        kind = "stat" if p["type"] == "stat" else "graph"
        parts.append(
            f'<rect x="{x + 2}" y="{y + 2}" width="{w - 4}" height="{h - 4}" rx="4" fill="#f6f8fa" '
            f'stroke="{STROKE[level]}" stroke-width="{2 if level else 1}"/>'
        )
        parts.append(f'<text x="{x + 8}" y="{y + 17}" font-size="11" fill="{INK}">'
                     f'{escape(_fit(p["title"], w - 14))}</text>')
        steps = [s for s in p.get("fieldConfig", {}).get("defaults", {}).get("thresholds", {}).get("steps", [])
                 if s.get("value") is not None]
        mapped = [v for m in p.get("fieldConfig", {}).get("defaults", {}).get("mappings", [])
                  for v in m.get("options", {})]
        notes = []
        if steps:
            values = ", ".join(f'{s["value"]:g}' for s in steps)
            notes.append(f"lines at {values}" if kind == "graph" else f"colour steps {values}")
        if mapped:
            notes.append(f"value {', '.join(mapped)} flagged")
        detail = "; ".join(notes) or kind
        parts.append(f'<text x="{x + 8}" y="{y + 31}" font-size="10" fill="#424a53">'
                     f'{escape(_fit(detail, w - 14, 6.0))}</text>')
        if kind == "graph" and h > 40:
            base = y + h - 12
            points = " ".join(f"{x + 10 + i * (w - 20) / 11:.0f},{base - (8 if i % 3 == 1 else 3 if i % 2 else 0):.0f}"
                              for i in range(12))
            parts.append(f'<polyline points="{points}" fill="none" stroke="#0969da" stroke-width="1.5"/>')
            if steps:
                parts.append(f'<line x1="{x + 8}" y1="{base - 14}" x2="{x + w - 8}" y2="{base - 14}" '
                             f'stroke="{STROKE[level]}" stroke-dasharray="4 3"/>')
    parts.append("</svg>")
    return "".join(parts)


def _thresholds(panel: Any, alerts: AlertThresholds) -> str:
    by_id = {a.id: a for a in alerts.alerts}
    out = []
    for alert_id in panel.alerts:
        alert = by_id[alert_id]
        for severity, value in alert.levels():
            out.append(f"{severity} {escape(alert.comparison)} {format_value(value, alert.unit)}")
    return "<br>".join(out) or "—"


def panel_table(board: Dashboard, alerts: AlertThresholds, page: str) -> Table:
    by_id = {a.id: a for a in alerts.alerts}
    rows = []
    for row in board.rows:
        for panel in row.panels:
            links = [f"[{by_id[a].alert}]({relative_link(page, by_id[a].runbook.page)}#{by_id[a].runbook.anchor})"
                     for a in panel.alerts]
            if panel.doc is not None:
                links.append(f"[What it shows]({relative_link(page, panel.doc.page)}#{panel.doc.anchor})")
            cells = [
                cell("row", escape(row.title)),
                cell("panel", escape(panel.title)),
                cell("query", f"`{plain_query(panel.query)}`"),
                cell("thresholds", _thresholds(panel, alerts)),
                cell("links", "<br>".join(links)),
            ]
            rows.append(Row(f"{board.id}.{panel.id}", tuple(cells)))
    return table(f"dashboard-{board.id}", ["Row", "Panel", "Query", "Threshold lines", "Links to"], rows)


def layout(data: Dashboards, alerts: AlertThresholds, board_id: str, page: str, site_url: str) -> Fragment:
    board = _board(data, board_id)
    document = build(board, alerts, site_url)
    svg = layout_svg(board, document, alerts)
    figure = (
        f'<figure class="voh-dashboard-layout" data-dashboard="{board.id}">{svg}'
        f"<figcaption>{escape(board.title)}: the layout of the generated dashboard (uid "
        f"<code>{board.uid}</code>). A red frame marks a panel with a critical alert level, orange "
        "one with a warning level only; dashed lines are threshold lines.</figcaption></figure>"
    )
    # The panel table below says in words what the picture shows.
    return fragment("\n", SiteOnly(figure), "\n\n", panel_table(board, alerts, page), "\n")


def download_table(data: Dashboards, page: str) -> Table:
    rows = []
    for board in data.dashboards:
        json_link = relative_link(page, f"downloads/{file_name(board)}")
        cm_link = relative_link(page, f"downloads/{configmap_file(board)}")
        cells = [
            cell("dashboard", escape(board.title)),
            cell("json", f"[{file_name(board)}]({json_link})"),
            cell("configmap", f"[{configmap_file(board)}]({cm_link}) (ConfigMap `{configmap_name(board)}`)"),
        ]
        rows.append(Row(board.id, tuple(cells)))
    return table("dashboard-downloads", ["Dashboard", "Grafana JSON (import)", "Sidecar ConfigMap"], rows)


def metrics_table(data: Dashboards) -> Table:
    rows = []
    for metric in data.metrics:
        labels = ", ".join(f"`{label}`" for label in metric.labels) or "—"
        cells = [
            cell("metric", f"`{metric.name}`"),
            cell("exporter", escape(metric.exporter)),
            cell("type", metric.type),
            cell("labels", labels),
            cell("tells", escape(metric.tells)),
            cell("source", source_links(metric.source)),
        ]
        row_id = f"metric-{metric.name.replace('_', '-')}"
        rows.append(Row(metric.name, tuple(cells), id=row_id))
    for entry in data.no_metrics:
        cells = [
            cell("metric", "—"),
            cell("exporter", f"{escape(entry.component)} {escape(entry.version)}"),
            cell("type", "none"),
            cell("labels", "—"),
            cell("tells", escape(entry.note)),
            cell("source", source_links(entry.source)),
        ]
        rows.append(Row(entry.component, tuple(cells)))
    headers = ["Metric", "Exported by", "Type", "Labels", "What it tells you", "Source"]
    return table("integration_metrics", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment | Table]]:
    def dashboard_layout(board_id: str) -> Fragment:
        return layout(handbook.dashboards, handbook.alert_thresholds, board_id, context.page.src_uri,
                      context.site_url)

    def dashboard_downloads() -> Table:
        return download_table(handbook.dashboards, context.page.src_uri)

    def integration_metrics_table() -> Table:
        return metrics_table(handbook.dashboards)

    return {
        "dashboard_layout": dashboard_layout,
        "dashboard_downloads": dashboard_downloads,
        "integration_metrics_table": integration_metrics_table,
    }
