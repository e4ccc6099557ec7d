"""Prometheus alerting rules, generated from data/alert_thresholds.yaml.

One source for a threshold: the same alert rows render the monitoring tables, the rule file
for Prometheus' `rule_files`, the `PrometheusRule` manifest for prometheus-operator, and the
`promtool test rules` unit tests. An alert with a warning and a critical level becomes two
rules with one name and different `severity` labels, as kube-prometheus does; above the
critical threshold both fire, and Alertmanager's usual inhibition keeps only the critical.

`python -m macros.alerts --out <dir>` writes the files, with the dashboards (`make alerts`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .models.alert_thresholds import PLAIN_SELECTOR, Alert, AlertThresholds, SeriesCase

GROUP = "vault-handbook"
RULE_FILE = "vault-alerts.rules.yaml"
PROMETHEUS_RULE = "vault-prometheusrule.yaml"
TEST_FILE = "vault-alerts.test.yaml"
# kube-prometheus-stack's Prometheus selects rules by its Helm release name; this is the
# release name its own docs use. Change it with --release when yours differs.
DEFAULT_RELEASE = "kube-prometheus-stack"
# Test scrapes every minute; a series lasts long enough for the longest `for` plus a margin.
EVAL_MARGIN_MINUTES = 5


_DURATION = re.compile(r"(\d+)(ms|s|m|h|d|w|y)")
_MINUTES = {"ms": 1 / 60000, "s": 1 / 60, "m": 1, "h": 60, "d": 1440, "w": 10080, "y": 525600}


def number(value: float) -> str:
    """A threshold as PromQL and Go templates print it: 5, 0.1, 1000."""
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


def expression(alert: Alert, threshold: float) -> str:
    query = alert.query.strip()
    # Parenthesise anything but a plain selector: `a or vector(0) == 0` would otherwise
    # compare only vector(0), since comparison binds tighter than `or`.
    left = query if PLAIN_SELECTOR.match(query) else f"({query})"
    return f"{left} {alert.comparison} {number(threshold)}"


def page_url(page: str) -> str:
    """docs path -> URL path with directory URLs, as the hosted site serves it."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def runbook_url(site_url: str, alert: Alert) -> str:
    return f"{site_url.rstrip('/')}/{page_url(alert.runbook.page)}#{alert.runbook.anchor}"


def rules(data: AlertThresholds, site_url: str) -> list[dict[str, Any]]:
    out = []
    for alert in data.alerts:
        for severity, threshold in alert.levels():
            out.append({
                "alert": alert.alert,
                "expr": expression(alert, threshold),
                "for": alert.for_,
                "labels": {"severity": severity},
                "annotations": {
                    "summary": alert.summary,
                    "description": alert.description,
                    "runbook_url": runbook_url(site_url, alert),
                },
            })
    return out


def rule_groups(data: AlertThresholds, site_url: str) -> dict[str, Any]:
    return {"groups": [{"name": GROUP, "rules": rules(data, site_url)}]}


# libyaml's emitter when PyYAML was built with it (the wheels are): the same YAML several times
# faster than the pure-Python one (a clean build writes these files every time).
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(document: Any) -> str:
    """A generated file's YAML: keys in the order given, long lines kept whole."""
    return yaml.dump(document, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True, width=1000)


def _header(site_url: str) -> str:
    return (
        "# Generated from data/alert_thresholds.yaml of the Vault Operations Handbook; do not edit.\n"
        f"# runbook_url links point at {site_url}\n"
    )


def rule_file(data: AlertThresholds, site_url: str) -> str:
    return _header(site_url) + dump_yaml(rule_groups(data, site_url))


def prometheus_rule(data: AlertThresholds, site_url: str, release: str = DEFAULT_RELEASE,
                    namespace: str = "monitoring") -> str:
    manifest = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {
            "name": "vault-handbook-alerts",
            "namespace": namespace,
            "labels": {"release": release, "app.kubernetes.io/part-of": "vault"},
        },
        "spec": rule_groups(data, site_url),
    }
    return _header(site_url) + dump_yaml(manifest)


# --- promtool unit tests ---------------------------------------------------------------------

def minutes(duration: str) -> float:
    return sum(int(n) * _MINUTES[unit] for n, unit in _DURATION.findall(duration))


def _step(alert: Alert) -> float:
    return 1.0 if alert.unit in ("ms", "count", "boolean", "bytes") else 0.01


def _selector_labels(selector: str) -> dict[str, str]:
    body = selector.partition("{")[2].rstrip("}")
    return dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', body))


def _firing_value(alert: Alert, threshold: float, ceiling: float | None) -> float:
    """A value just past `threshold` in the alert's direction (and short of `ceiling`)."""
    step = _step(alert)
    if alert.comparison in ("==", ">=", "<="):
        return threshold
    value = threshold + step if alert.comparison == ">" else threshold - step
    if ceiling is not None and not abs(value - threshold) < abs(ceiling - threshold):
        value = (threshold + ceiling) / 2
    return value


def _quiet_value(alert: Alert, threshold: float) -> float:
    """A value just short of `threshold`: the alert must stay silent."""
    step = _step(alert)
    return {
        ">": threshold, "<": threshold, "==": threshold + 1,
        ">=": threshold - step, "<=": threshold + step,
    }[alert.comparison]


def generated_cases(alert: Alert) -> list[SeriesCase]:
    """Cases for a query that is a plain selector: the value is set straight from the threshold."""
    length = int(minutes(alert.for_)) + 2 * EVAL_MARGIN_MINUTES
    series = alert.query.strip()
    if "instance=" not in series:
        series = (series[:-1] + ', instance="vault-0"}') if series.endswith("}") else series + '{instance="vault-0"}'
    levels = alert.levels()
    first_threshold = levels[0][1]
    quiet = number(_quiet_value(alert, first_threshold))
    cases = [SeriesCase(name="just short of the first threshold", series={series: f"{quiet}x{length}"}, fires=[])]
    for index, (severity, threshold) in enumerate(levels):
        ceiling = levels[index + 1][1] if index + 1 < len(levels) else None
        value = _firing_value(alert, threshold, ceiling)
        cases.append(SeriesCase(
            name=f"just past the {severity} threshold",
            series={series: f"{number(value)}x{length}"},
            fires=[s for s, _ in levels[: index + 1]],
        ))
    return cases


def expected_labels(alert: Alert, case: SeriesCase) -> dict[str, str]:
    if alert.test is not None and alert.test.labels is not None:
        return dict(alert.test.labels)
    first = next(iter(case.series))
    labels = _selector_labels(first)
    return labels


def render_template(template: str, labels: dict[str, str], value: float) -> str:
    """The subset of Prometheus' Go templating the handbook's annotations use."""
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "$value":
            return number(value)
        return labels.get(name.removeprefix("$labels."), "")
    rendered = re.sub(r"\{\{\s*(\$value|\$labels\.\w+)\s*\}\}", substitute, template)
    if "{{" in rendered:
        raise ValueError(f"annotation uses templating the test generator cannot render: {template!r}")
    return rendered


def case_value(alert: Alert, case: SeriesCase) -> float:
    """The query's value in a case, as the annotation's $value shows it."""
    if case.value is not None:
        return case.value
    values = next(iter(case.series.values()))
    return float(values.split("x")[0].split("+")[0])


def unit_tests(data: AlertThresholds, site_url: str, rule_file_name: str = RULE_FILE) -> str:
    tests = []
    for alert in data.alerts:
        cases = alert.test.cases if alert.test is not None else generated_cases(alert)
        eval_minutes = int(minutes(alert.for_)) + EVAL_MARGIN_MINUTES
        for case in cases:
            labels = expected_labels(alert, case)
            value = case_value(alert, case)
            exp_alerts = [
                {
                    "exp_labels": {**labels, "severity": severity},
                    "exp_annotations": {
                        "summary": render_template(alert.summary, labels, value),
                        "description": render_template(alert.description, labels, value),
                        "runbook_url": runbook_url(site_url, alert),
                    },
                }
                for severity in case.fires
            ]
            tests.append({
                "name": f"{alert.alert}: {case.name}",
                "interval": "1m",
                "input_series": [{"series": s, "values": v} for s, v in case.series.items()],
                "alert_rule_test": [{
                    "eval_time": f"{eval_minutes}m",
                    "alertname": alert.alert,
                    "exp_alerts": exp_alerts,
                }],
            })
    return dump_yaml({"rule_files": [rule_file_name], "evaluation_interval": "1m", "tests": tests})


def generated_files(data: AlertThresholds, site_url: str, release: str = DEFAULT_RELEASE) -> dict[str, str]:
    """The rule file, the PrometheusRule manifest and their promtool tests, by file name."""
    return {
        RULE_FILE: rule_file(data, site_url),
        PROMETHEUS_RULE: prometheus_rule(data, site_url, release),
        TEST_FILE: unit_tests(data, site_url),
    }

