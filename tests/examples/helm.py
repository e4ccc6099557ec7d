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

The server configuration in server.ha.raft.config, server.ha.config and
server.standalone.config is checked as Vault HCL, and serverTelemetry.prometheusRules.rules as
Prometheus rules.
"""

from __future__ import annotations

import difflib
import functools
import json
from typing import Any

import jsonschema

from . import hcl, promql
from .classify import YamlLoadError, yaml_documents
from .collect import Block
from .paths import HELM_SCHEMA

EMBEDDED_CONFIG = ("server.ha.raft.config", "server.ha.config", "server.standalone.config")


@functools.cache
def chart() -> dict[str, Any]:
    return json.loads(HELM_SCHEMA.read_text(encoding="utf-8"))


def chart_label() -> str:
    c = chart()["chart"]
    return f"{c['name']} chart {c['version']}"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string"  # str, and YAML timestamps, which Helm passes on as strings


def _type_ok(value: Any, types: list[str] | None) -> bool:
    if types is None or value is None:
        return True  # null in a values file unsets the key: Helm falls back to the default
    actual = json_type(value)
    return actual in types or (actual == "integer" and "number" in types)


def _lookup(node: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _suggest(path: str, keys: dict[str, Any]) -> str:
    parent, _, name = path.rpartition(".")
    siblings = [k.rpartition(".")[2] for k in keys if k.rpartition(".")[0] == parent]
    close = difflib.get_close_matches(name, siblings, n=1)
    return f" (did you mean {parent + '.' if parent else ''}{close[0]}?)" if close else ""


def check_values(values: Any) -> list[str]:
    """Problems with one values mapping, without the block's location."""
    if not isinstance(values, dict):
        return ["a values file is one YAML mapping"]
    keys: dict[str, Any] = chart()["keys"]
    problems: list[str] = []

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            path = f"{prefix}{key}"
            entry = keys.get(path)
            if entry is None:
                hint = _suggest(path, keys)
                if not prefix and not hint:
                    hint = (" (values for another chart? Only a title starting with \"values\" marks "
                            "vault chart values: title it e.g. \"vso-values.yaml\")")
                problems.append(f"{path}: not a key of the {chart_label()}{hint}")
                continue
            if "deprecated" in entry:
                dep = entry["deprecated"]
                instead = f"; use {dep['replacement']}" if dep.get("replacement") else ""
                problems.append(f"{path}: deprecated in the {chart_label()} ({dep['comment']}){instead}")
            if not _type_ok(value, entry.get("types")):
                problems.append(f"{path}: {json_type(value)} value, but the chart takes {' or '.join(entry['types'])}")
                continue
            constraints = {k: v for k, v in (entry.get("schema") or {}).items() if k != "default"}
            if constraints and value is not None:
                for error in jsonschema.Draft7Validator(constraints).iter_errors(value):
                    problems.append(f"{path}: {error.message}")
            if isinstance(value, dict) and not entry.get("open"):
                walk(value, path + ".")
            elif isinstance(value, list) and any(k.startswith(path + "[].") for k in keys):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        walk_item(item, path, index)

    def walk_item(item: dict[str, Any], list_path: str, index: int) -> None:
        for key, value in item.items():
            entry = keys.get(f"{list_path}[].{key}")
            where = f"{list_path}[{index}].{key}"
            if entry is None:
                problems.append(f"{where}: not a key of the {chart_label()}")
            elif not _type_ok(value, entry.get("types")):
                problems.append(f"{where}: {json_type(value)} value, but the chart takes {' or '.join(entry['types'])}")

    walk(values, "")

    for path in EMBEDDED_CONFIG:
        config = _lookup(values, path)
        if isinstance(config, str):
            problems += [f"{path}: {p}" for p in hcl.check_text(config)]
        elif isinstance(config, dict):
            problems += [f"{path}: {p}" for p in hcl.check_config_object(config)]
    rules = _lookup(values, "serverTelemetry.prometheusRules.rules")
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
