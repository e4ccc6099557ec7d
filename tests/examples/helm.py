"""Helm values for the hashicorp/vault chart.

A block is a values file when it is fenced as yaml with a title starting with "values"
(```yaml title="values.yaml") or when all its top-level keys are the chart's (global, injector,
server, ui, csi, serverTelemetry). Against tests/schemas/helm/vault-0.34.1.json, which
tools/derive_helm_values.py derives from the chart's values.yaml and values.schema.json:

* every key path exists in the chart (below maps the chart leaves open, such as annotations or
  resources, the keys are the user's);
* each value has a type the chart accepts (values.schema.json where it says, else the type of
  the chart's default), and meets the schema's other constraints;
* no key is one the chart marks deprecated.

The key rules live in macros/lint/values.py, which `vault-handbook lint` uses too. The server
configuration in server.ha.raft.config, server.ha.config and
server.standalone.config is checked as Vault HCL, and serverTelemetry.prometheusRules.rules as
Prometheus rules.
"""

from __future__ import annotations

from typing import Any

from macros.lint.values import EMBEDDED_CONFIG, chart, chart_label, json_type, key_problems, lookup

from . import hcl, promql
from .classify import YamlLoadError, yaml_documents
from .collect import Block

__all__ = ["EMBEDDED_CONFIG", "chart", "chart_label", "check", "check_values", "json_type"]


def check_values(values: Any) -> list[str]:
    """Problems with one values mapping, without the block's location."""
    problems = key_problems(values)
    if not isinstance(values, dict):
        return problems
    for path in EMBEDDED_CONFIG:
        config = lookup(values, path)
        if isinstance(config, str):
            problems += [f"{path}: {p}" for p in hcl.check_text(config)]
        elif isinstance(config, dict):
            problems += [f"{path}: {p}" for p in hcl.check_config_object(config)]
    rules = lookup(values, "serverTelemetry.prometheusRules.rules")
    if isinstance(rules, list):
        problems += [f"serverTelemetry.prometheusRules.rules: {p}" for p in promql.check_rules(rules)]
    return problems


def check(block: Block) -> list[str]:
    try:
        docs = yaml_documents(block.text)
    except YamlLoadError as exc:
        return [f"{block.where}: YAML does not load: {exc}"]
    if len(docs) != 1:
        return [f"{block.where}: a values file is one YAML document, found {len(docs)}"]
    return [f"{block.where}: {p}" for p in check_values(docs[0])]
