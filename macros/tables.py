"""Render the shared tables as HTML whose cells hold Markdown.

Rows carry `data-id` and cells `data-field`, so tests can compare every figure a reader sees
with the data. Cells are `markdown="span"`, so links inside them (runbooks, sources) are
checked by MkDocs' own link validation like any other link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from html import escape

from .badges import badge
from .models import Alert, AlertThresholds, DecisionMatrix, Endpoint, PrivilegedEndpoints
from .sources import source_links

UNIT_SUFFIX = {
    "ms": " ms", "seconds": " s", "percent": " %", "bytes": " bytes",
    "per_second": "/s", "ratio": "", "count": "", "boolean": "",
}


def relative_link(from_page: str, to_page: str) -> str:
    """Path from one docs page (src path) to another, as Markdown wants it."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def format_value(value: float, unit: str) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
    return number + UNIT_SUFFIX[unit]


def _cell(field: str, markdown: str) -> str:
    return f'<td data-field="{field}" markdown="span">{markdown}</td>'


def _table(name: str, headers: Sequence[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "\n".join(rows)
    # md_in_html parses a cell's Markdown only when every enclosing element asks for it.
    # Blank lines around the block keep Markdown from treating the next line as part of it.
    return (
        f'\n<div class="voh-table-wrap" markdown>\n<table class="voh-table" data-table="{name}" markdown>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody markdown>\n{body}\n</tbody>\n</table>\n</div>\n"
    )


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _select(rows: list, ids: Sequence[str] | None, what: str) -> list:
    if ids is None:
        return rows
    by_id = {row.id: row for row in rows}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"{what}: unknown id(s) {', '.join(unknown)}")
    return [by_id[i] for i in ids]


def decision_matrix_table(matrix: DecisionMatrix, criteria: Sequence[str] | None = None) -> str:
    rows = []
    for criterion in _select(list(matrix.criteria), criteria, "decision_matrix"):
        cells = [_cell("criterion", f"**{criterion.criterion}**")]
        for option in matrix.options:
            cell = criterion.cells[option.id]
            cells.append(
                f'<td data-field="{option.id}" markdown="span">'
                f'<span class="voh-verdict">{escape(cell.verdict)}</span><br>{cell.note}</td>'
            )
        cells.append(_cell("source", source_links(criterion.source)))
        rows.append(f'<tr id="criterion-{criterion.id}" data-id="{criterion.id}" markdown>{"".join(cells)}</tr>')
    headers = ["Criterion", *[o.name for o in matrix.options], "Source"]
    return _table("decision_matrix", headers, rows)


def _condition(alert: Alert, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{alert.comparison} {format_value(value, alert.unit)}"


def alert_rows(data: AlertThresholds, severity: str | None, ids: Sequence[str] | None) -> list[Alert]:
    alerts = _select(list(data.alerts), ids, "alert_table")
    if severity is not None:
        if severity not in ("warning", "critical"):
            raise ValueError(f"alert_table: severity must be 'warning' or 'critical', got {severity!r}")
        alerts = [a for a in alerts if a.severity == severity]
    if not alerts:
        raise ValueError("alert_table: the filter matches no alert")
    return alerts


def alert_table(data: AlertThresholds, page: str, severity: str | None = None,
                ids: Sequence[str] | None = None) -> str:
    rows = []
    for alert in alert_rows(data, severity, ids):
        link = relative_link(page, alert.runbook.page) + f"#{alert.runbook.anchor}"
        marks = []
        if alert.enterprise_only:
            marks.append(badge(edition="enterprise"))
        if alert.storage == "raft":
            marks.append('<span class="voh-badge voh-badge--storage" title="Integrated Storage only">Raft</span>')
        basis = (
            f"Vendor: {source_links(alert.source)}" if alert.source
            else f"Ours: {alert.rationale}"
        )
        cells = [
            _cell("alert", f"[{alert.alert}]({link}) {' '.join(marks)}".strip()),
            _cell("metric", f"`{alert.metric.vault}`<br>`{alert.metric.prometheus}`"),
            _cell("warning", _condition(alert, alert.warning)),
            _cell("critical", _condition(alert, alert.critical)),
            _cell("for", f"`{alert.for_}`"),
            _cell("severity", alert.severity),
            _cell("basis", basis),
        ]
        rows.append(f'<tr id="alert-{alert.id}" data-id="{alert.id}" markdown>{"".join(cells)}</tr>')
    headers = ["Alert", "Metric (Vault / Prometheus)", "Warning", "Critical", "For", "Severity", "Threshold basis"]
    return _table("alert_thresholds", headers, rows)


def endpoint_rows(data: PrivilegedEndpoints, area: str | None, ids: Sequence[str] | None) -> list[Endpoint]:
    endpoints = _select(list(data.endpoints), ids, "endpoints_table")
    if area is not None:
        endpoints = [e for e in endpoints if e.area == area]
    if not endpoints:
        raise ValueError(f"endpoints_table: the filter matches no endpoint (area={area!r})")
    return endpoints


def endpoints_table(data: PrivilegedEndpoints, area: str | None = None,
                    ids: Sequence[str] | None = None) -> str:
    rows = []
    for endpoint in endpoint_rows(data, area, ids):
        marks = []
        if endpoint.enterprise_only:
            marks.append(badge(edition="enterprise"))
        if endpoint.since:
            marks.append(badge(since=endpoint.since))
        token_note = (
            f"<br>Needs a token since {badge(since=endpoint.requires_token_since)}"
            if endpoint.requires_token_since else ""
        )
        cells = [
            _cell("path", f"`{endpoint.path}` {' '.join(marks)}".strip() + token_note),
            _cell("area", endpoint.area),
            _cell("why", endpoint.why),
            _cell("sudo", _yes_no(endpoint.sudo)),
            _cell("root_namespace_only", _yes_no(endpoint.root_namespace_only)),
            _cell("enterprise_only", _yes_no(endpoint.enterprise_only)),
            _cell("alert_on", endpoint.alert_on),
            _cell("source", source_links(endpoint.source)),
        ]
        rows.append(f'<tr id="endpoint-{endpoint.id}" data-id="{endpoint.id}" markdown>{"".join(cells)}</tr>')
    headers = ["Path", "Area", "Why it is sensitive", "sudo", "Root namespace only", "Enterprise only",
               "Alert on (audit log)", "Source"]
    return _table("privileged_endpoints", headers, rows)
