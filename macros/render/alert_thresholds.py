"""The alert-thresholds table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..badges import STORAGE_RAFT, badge
from ..loading import Handbook
from ..models.alert_thresholds import Alert, AlertThresholds
from ..prometheus_rules import expression
from ..sources import source_links
from . import Context, cell, format_value, relative_link, select, table
from .blocks import Fragment, Row, Table, fragment, joined


def _condition(alert: Alert, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{alert.comparison} {format_value(value, alert.unit)}"


def alert_rows(data: AlertThresholds, severity: str | None, ids: Sequence[str] | None) -> list[Alert]:
    alerts = select(list(data.alerts), ids, "alert_table")
    if severity is not None:
        if severity not in ("warning", "critical"):
            raise ValueError(f"alert_table: severity must be 'warning' or 'critical', got {severity!r}")
        alerts = [a for a in alerts if a.severity == severity]
    if not alerts:
        raise ValueError("alert_table: the filter matches no alert")
    return alerts


def render(data: AlertThresholds, page: str, severity: str | None = None,
                ids: Sequence[str] | None = None) -> Table:
    rows = []
    for alert in alert_rows(data, severity, ids):
        link = relative_link(page, alert.runbook.page) + f"#{alert.runbook.anchor}"
        marks = []
        if alert.enterprise_only:
            marks.append(badge(edition="enterprise"))
        if alert.storage == "raft":
            marks.append(STORAGE_RAFT)
        basis = (
            f"Vendor: {source_links(alert.source)}" if alert.source
            else f"Ours: {alert.rationale}"
        )
        cells = [
            cell("alert", joined(" ", [f"[{alert.alert}]({link})", *marks])),
            cell("metric", "<br>".join(f"`{name}`" for name in (alert.metric.vault, alert.metric.prometheus) if name)),
            cell("warning", _condition(alert, alert.warning)),
            cell("critical", _condition(alert, alert.critical)),
            cell("for", f"`{alert.for_}`"),
            cell("severity", alert.severity),
            cell("basis", basis, search=False),
        ]
        rows.append(Row(alert.id, tuple(cells), id=f"alert-{alert.id}"))
    headers = ["Alert", "Metric (Vault / Prometheus)", "Warning", "Critical", "For", "Severity", "Threshold basis"]
    return table("alert_thresholds", headers, rows)


def rule_box(alert: Alert) -> Fragment:
    """What a runbook states first: the exact rule expressions that fire it, from the data.

    A Markdown admonition (not raw HTML), so the agent-skills references carry it as text too.
    """
    def cell(text: str) -> str:
        return text.replace("|", "\\|")  # a pipe would end the table cell

    rows = "\n".join(
        f"    | {severity} | `{cell(expression(alert, threshold))}` | `{alert.for_}` |"
        for severity, threshold in alert.levels()
    )
    basis = "the vendor's number (see the source below)" if alert.source else "ours; the reasoning follows"
    marks = (" ", badge(edition="enterprise")) if alert.enterprise_only else ()
    return fragment(
        f'\n!!! info "When {alert.alert} fires"\n\n'
        f"    | Severity | Rule expression | For |\n    |---|---|---|\n{rows}\n\n"
        f"    Threshold: {basis}.", marks, "\n",
    )


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table | Fragment]]:
    def alert_table(severity: str | None = None, ids: Sequence[str] | None = None) -> Table:
        return render(handbook.alert_thresholds, context.page.src_uri, severity, ids)

    def alert_rule() -> Fragment:
        page = context.page.src_uri
        matches = [a for a in handbook.alert_thresholds.alerts if a.runbook.page == page]
        if len(matches) != 1:
            raise ValueError(f"alert_rule: {page} is the runbook of {len(matches)} alerts, expected one")
        alert = matches[0]
        # Search keywords (Material indexes a page's `tags`; with no tags plugin they are not
        # shown): the alert's and its metric's names, so that a name pasted from an alert finds
        # its runbook before the tables that list every metric.
        tags = context.page.meta.setdefault("tags", [])
        tags += [t for t in (alert.alert, alert.metric.vault, alert.metric.prometheus) if t and t not in tags]
        return rule_box(alert)

    return {"alert_table": alert_table, "alert_rule": alert_rule}
