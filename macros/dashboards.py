"""Grafana dashboards, generated from data/dashboards.yaml with Grafana's grafana-foundation-sdk.

One source for every number: a panel that draws an alert takes that alert's warning and critical
values from data/alert_thresholds.yaml as its threshold lines, and links to the alert's runbook
with exactly the `runbook_url` the generated rule carries (macros.prometheus_rules.runbook_url,
so SITE_URL moves both). Panels without an alert link to the handbook section in their `doc`.

Targets: grafana-foundation-sdk 1769699379!11.6.0 (the build for Grafana 11.6), whose dashboards
carry schemaVersion 41 (SCHEMA_VERSION below; tests/schemas/grafana/ holds the SDK's own JSON
Schemas for that build, copied by tools/derive_grafana_schemas.py).

Every dashboard has a Prometheus datasource variable and cluster, namespace and job variables
filled from label_values(); "All" is `.*`, which also matches series without the label, so the
dashboards work on a Prometheus that has no `cluster` label at all.

`python -m macros.alerts --out <dir>` writes the JSON files and their ConfigMaps beside the alert
rules (`make alerts`).
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from grafana_foundation_sdk.builders import common as common_builder
from grafana_foundation_sdk.builders import dashboard as dash
from grafana_foundation_sdk.builders import prometheus, stat, timeseries
from grafana_foundation_sdk.cog.encoder import JSONEncoder
from grafana_foundation_sdk.models import common
from grafana_foundation_sdk.models import dashboard as model

from .models.alert_thresholds import Alert, AlertThresholds
from .models.dashboards import SCOPE, Dashboard, Dashboards, Panel
from .prometheus_rules import runbook_url

SCHEMA_VERSION = 41  # Grafana 11.6's dashboard JSON model, as grafana-foundation-sdk 11.6 writes it
GRID_COLUMNS = 24
HEIGHT = {"stat": 4, "timeseries": 8}
DATASOURCE_VAR = "datasource"
SCOPE_LABELS = ("cluster", "namespace", "job")
SCOPE_MATCHERS = ", ".join(f'{label}=~"${label}"' for label in SCOPE_LABELS)
DATASOURCE = model.DataSourceRef(type_val="prometheus", uid=f"${{{DATASOURCE_VAR}}}")
# kube-prometheus-stack's Grafana sidecar loads every ConfigMap with this label (its default
# `sidecar.dashboards.label` and `labelValue`).
SIDECAR_LABEL = {"grafana_dashboard": "1"}
COLORS = {"ok": "green", "warning": "orange", "critical": "red"}


def scoped(query: str) -> str:
    """The query with the dashboard's cluster/namespace/job matchers in place of SCOPE."""
    return query.replace("{" + SCOPE + "}", "{" + SCOPE_MATCHERS + "}").replace(SCOPE, SCOPE_MATCHERS)


def file_name(board: Dashboard) -> str:
    return f"{board.id}.json"


def configmap_name(board: Dashboard) -> str:
    return f"{board.id}-dashboard"


def _alerts(panel: Panel, alerts: AlertThresholds) -> list[Alert]:
    by_id = {a.id: a for a in alerts.alerts}
    return [by_id[i] for i in panel.alerts]


def threshold_steps(panel_alerts: list[Alert]) -> list[tuple[float | None, str]]:
    """Grafana threshold steps from the alerts' levels: (value, colour), base step first.

    A rising alert (`>`, `>=`) colours from its level upwards; a falling one (`<`, `<=`) is the
    colour of its level below that value, so the step *at* the level returns to the next better
    colour. `==` alerts become value mappings instead (see value_mappings)."""
    rising: list[tuple[float, str]] = []
    falling: list[tuple[float, str]] = []
    for alert in panel_alerts:
        for severity, value in alert.levels():
            if alert.comparison in (">", ">="):
                rising.append((value, severity))
            elif alert.comparison in ("<", "<="):
                falling.append((value, severity))
    steps: list[tuple[float | None, str]] = []
    if falling:
        falling.sort()
        steps.append((None, COLORS[falling[0][1]]))
        for index, (value, _) in enumerate(falling):
            better = falling[index + 1][1] if index + 1 < len(falling) else "ok"
            steps.append((value, COLORS[better]))
    else:
        steps.append((None, COLORS["ok"]))
    for value, severity in sorted(rising):
        steps.append((value, COLORS[severity]))
    return steps


def value_mappings(panel_alerts: list[Alert]) -> dict[str, tuple[str, str]]:
    """{value: (text, colour)} for `==` alerts: the one value that fires shows as the alert."""
    out: dict[str, tuple[str, str]] = {}
    for alert in panel_alerts:
        if alert.comparison == "==":
            for severity, value in alert.levels():
                out[f"{value:g}"] = (f"{alert.alert} ({severity})", COLORS[severity])
    return out


def panel_links(panel: Panel, panel_alerts: list[Alert], site_url: str) -> list[tuple[str, str]]:
    """(title, url) of the panel's links: each alert's runbook_url, or its doc section."""
    links = [(f"Runbook: {a.alert}", runbook_url(site_url, a)) for a in panel_alerts]
    if panel.doc is not None:
        from .prometheus_rules import page_url
        url = f"{site_url.rstrip('/')}/{page_url(panel.doc.page)}#{panel.doc.anchor}"
        links.append(("Handbook: what this shows", url))
    return links


def _panel(panel: Panel, alerts: AlertThresholds, site_url: str) -> Any:
    panel_alerts = _alerts(panel, alerts)
    builder: Any = stat.Panel() if panel.kind == "stat" else timeseries.Panel()
    query = prometheus.Dataquery().expr(scoped(panel.query)).ref_id("A").datasource(DATASOURCE)
    if panel.legend:
        query = query.legend_format(panel.legend)
    description = "; ".join(
        f"{a.alert}: " + ", ".join(f"{s} {a.comparison} {v:g}" for s, v in a.levels()) for a in panel_alerts
    )
    builder = (
        builder.title(panel.title)
        .datasource(DATASOURCE)
        .with_target(query)
        .unit(panel.unit)
        .height(HEIGHT[panel.kind])
        .span(panel.width)
        .description(f"Thresholds from the handbook's alerts. {description}" if description
                     else "No alert watches this panel; the link explains what it shows.")
    )
    steps = threshold_steps(panel_alerts)
    builder = builder.thresholds(
        dash.ThresholdsConfig().mode(model.ThresholdsMode.ABSOLUTE).steps(
            [model.Threshold(value=value, color=color) for value, color in steps]
        )
    )
    mappings = value_mappings(panel_alerts)
    if mappings:
        builder = builder.mappings([model.ValueMap(options={
            value: model.ValueMappingResult(text=text, color=color) for value, (text, color) in mappings.items()
        })])
    if panel.kind == "timeseries":
        builder = (
            builder.thresholds_style(
                common_builder.GraphThresholdsStyleConfig().mode(common.GraphThresholdsStyleMode.LINE))
            .legend(common_builder.VizLegendOptions().display_mode(common.LegendDisplayMode.LIST)
                    .placement(common.LegendPlacement.BOTTOM).show_legend(True))
            .tooltip(common_builder.VizTooltipOptions().mode(common.TooltipDisplayMode.MULTI)
                     .sort(common.SortOrder.DESCENDING))
        )
    else:
        builder = (builder.color_mode(common.BigValueColorMode.BACKGROUND).graph_mode(common.BigValueGraphMode.NONE)
                   .reduce_options(common_builder.ReduceDataOptions().calcs(["lastNotNull"])))
    links = [dash.DashboardLink(title).url(url).type(model.DashboardLinkType.LINK).target_blank(True)
             for title, url in panel_links(panel, panel_alerts, site_url)]
    return builder.links(links)


def _variables(board: Dashboard) -> list[Any]:
    variables: list[Any] = [
        dash.DatasourceVariable(DATASOURCE_VAR).label("Data source").type("prometheus")
    ]
    matchers: list[str] = []
    for label in SCOPE_LABELS:
        selector = f"{board.variable_metric}{{{', '.join(matchers)}}}" if matchers else board.variable_metric
        variables.append(
            dash.QueryVariable(label).label(label.capitalize())
            .query(f"label_values({selector}, {label})")
            .datasource(DATASOURCE)
            .refresh(model.VariableRefresh.ON_TIME_RANGE_CHANGED)
            .sort(model.VariableSort.ALPHABETICAL_ASC)
            .multi(True).include_all(True).all_value(".*")
        )
        matchers.append(f'{label}=~"${label}"')
    return variables


def build(board: Dashboard, alerts: AlertThresholds, site_url: str) -> dict[str, Any]:
    """The dashboard as Grafana's JSON model (a dict), built with the SDK's builders."""
    builder = (
        dash.Dashboard(board.title).uid(board.uid).description(board.description)
        .tags(["vault", "vault-operations-handbook"])
        .editable().time("now-6h", "now").refresh("1m").timezone("browser")
        .tooltip(model.DashboardCursorSync.CROSSHAIR)
    )
    for variable in _variables(board):
        builder = builder.with_variable(variable)
    for row in board.rows:
        builder = builder.with_row(dash.Row(row.title))
        for panel in row.panels:
            builder = builder.with_panel(_panel(panel, alerts, site_url))
    built = builder.build()
    built.schema_version = SCHEMA_VERSION
    document: dict[str, Any] = json.loads(json.dumps(built, cls=JSONEncoder))
    for index, panel in enumerate(document["panels"], start=1):
        panel["id"] = index
    return document


def dashboard_json(board: Dashboard, alerts: AlertThresholds, site_url: str) -> str:
    return json.dumps(build(board, alerts, site_url), indent=2, sort_keys=False) + "\n"


def configmap(board: Dashboard, alerts: AlertThresholds, site_url: str, namespace: str = "monitoring") -> str:
    """A ConfigMap that kube-prometheus-stack's Grafana sidecar loads as a dashboard."""
    manifest = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": configmap_name(board),
            "namespace": namespace,
            "labels": {**SIDECAR_LABEL, "app.kubernetes.io/part-of": "vault"},
        },
        "data": {file_name(board): dashboard_json(board, alerts, site_url)},
    }
    header = (
        "# Generated from data/dashboards.yaml of the Vault Operations Handbook; do not edit.\n"
        f"# Panel links point at {site_url}\n"
    )
    return header + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=1000)


def configmap_file(board: Dashboard) -> str:
    return f"{board.id}-configmap.yaml"


def generated_files(data: Dashboards, alerts: AlertThresholds, site_url: str) -> dict[str, str]:
    """{file name: content} of every dashboard JSON and its ConfigMap."""
    files: dict[str, str] = {}
    for board in data.dashboards:
        files[file_name(board)] = dashboard_json(board, alerts, site_url)
        files[configmap_file(board)] = configmap(board, alerts, site_url)
    return files

