"""Values for the hashicorp/vault chart: key paths, types, deprecations and production rules.

Against tests/schemas/helm/vault-0.34.1.json (tools/derive_helm_values.py derives it from the
chart's values.yaml and values.schema.json):

* every key path exists in the chart (below maps the chart leaves open, such as annotations or
  resources, the keys are the user's), with a did-you-mean for a near miss;
* each value has a type the chart accepts and meets the schema's other constraints;
* no key is one the chart marks deprecated (the replacement is named).

The examples checker (tests/examples/helm.py) uses `key_issues`; the linter adds the handbook's
production rules (`rule_issues`) and checks the server configuration in the chart's `config`
strings as HCL, with lines counted from the values file.
"""

from __future__ import annotations

import difflib
import functools
import json
from dataclasses import dataclass
from typing import Any

import jsonschema

from . import hcl
from .findings import Hit
from .rules import HELM_SCHEMA
from .yaml_lines import Path, YamlDoc

EMBEDDED_CONFIG = ("server.ha.raft.config", "server.ha.config", "server.standalone.config")
ZONE_KEY = "topology.kubernetes.io/zone"


@dataclass(frozen=True)
class Issue:
    path: Path
    message: str
    rule: str


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


def lookup(node: Any, dotted: str) -> Any:
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


def key_issues(values: Any) -> list[Issue]:
    """Unknown, mistyped and deprecated keys of one values mapping."""
    if not isinstance(values, dict):
        return [Issue((), "a values file is one YAML mapping", "values-wrong-type")]
    keys: dict[str, Any] = chart()["keys"]
    issues: list[Issue] = []

    def walk(node: dict[str, Any], prefix: str, at: Path) -> None:
        for key, value in node.items():
            path = f"{prefix}{key}"
            where = (*at, key)
            entry = keys.get(path)
            if entry is None:
                hint = _suggest(path, keys)
                if not prefix and not hint:
                    hint = (" (values for another chart? Only a title starting with \"values\" marks "
                            "vault chart values: title it e.g. \"vso-values.yaml\")")
                issues.append(Issue(where, f"{path}: not a key of the {chart_label()}{hint}", "values-unknown-key"))
                continue
            if "deprecated" in entry:
                dep = entry["deprecated"]
                instead = f"; use {dep['replacement']}" if dep.get("replacement") else ""
                issues.append(Issue(where, f"{path}: deprecated in the {chart_label()} ({dep['comment']}){instead}",
                                    "values-deprecated-key"))
            if not _type_ok(value, entry.get("types")):
                issues.append(Issue(where, f"{path}: {json_type(value)} value, but the chart takes "
                                           f"{' or '.join(entry['types'])}", "values-wrong-type"))
                continue
            constraints = {k: v for k, v in (entry.get("schema") or {}).items() if k != "default"}
            if constraints and value is not None:
                for error in jsonschema.Draft7Validator(constraints).iter_errors(value):
                    issues.append(Issue(where, f"{path}: {error.message}", "values-wrong-type"))
            if isinstance(value, dict) and not entry.get("open") and path not in EMBEDDED_CONFIG:
                walk(value, path + ".", where)  # a config object is server configuration: checked as HCL
            elif isinstance(value, list) and any(k.startswith(path + "[].") for k in keys):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        walk_item(item, path, index, where)

    def walk_item(item: dict[str, Any], list_path: str, index: int, at: Path) -> None:
        for key, value in item.items():
            entry = keys.get(f"{list_path}[].{key}")
            where = f"{list_path}[{index}].{key}"
            if entry is None:
                issues.append(Issue((*at, index, key), f"{where}: not a key of the {chart_label()}",
                                    "values-unknown-key"))
            elif not _type_ok(value, entry.get("types")):
                issues.append(Issue((*at, index, key), f"{where}: {json_type(value)} value, but the chart takes "
                                                       f"{' or '.join(entry['types'])}", "values-wrong-type"))

    walk(values, "", ())
    return issues


def key_problems(values: Any) -> list[str]:
    return [issue.message for issue in key_issues(values)]


def effective(values: dict[str, Any], dotted: str) -> Any:
    """The value Helm uses: the file's, else the chart's default."""
    value = lookup(values, dotted)
    if value is None:
        entry = chart()["keys"].get(dotted) or {}
        value = entry.get("default")
    return value


def _path(dotted: str) -> Path:
    return tuple(dotted.split("."))


def _mentions_zone(value: Any) -> bool:
    return ZONE_KEY in json.dumps(value) if not isinstance(value, str) else ZONE_KEY in value


def _enabled(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def deploys_server(values: dict[str, Any]) -> bool:
    """Whether the release runs Vault servers (not only the injector or CSI provider)."""
    if lookup(values, "global.externalVaultAddr") or lookup(values, "injector.externalVaultAddr"):
        return False
    server = effective(values, "server.enabled")
    if server == "-" or server is None:
        return effective(values, "global.enabled") not in (False, "false")
    return _enabled(server) or server is True


def rule_issues(values: dict[str, Any]) -> list[Issue]:
    """The handbook's production rules that a values file can show."""
    issues: list[Issue] = []
    if lookup(values, "global.tlsDisable") is True:
        issues.append(Issue(_path("global.tlsDisable"), "global.tlsDisable: true serves Vault without TLS",
                            "values-tls-disabled"))
    if _enabled(lookup(values, "server.dev.enabled")):
        issues.append(Issue(_path("server.dev.enabled"), "server.dev.enabled: true runs an in-memory dev server",
                            "values-dev-mode"))
    server = deploys_server(values) and not _enabled(lookup(values, "server.dev.enabled"))
    ha = server and _enabled(lookup(values, "server.ha.enabled"))
    if ha:
        replicas = effective(values, "server.ha.replicas")
        at = _path("server.ha.replicas" if lookup(values, "server.ha.replicas") is not None else "server.ha.enabled")
        if isinstance(replicas, int) and replicas < 3:
            issues.append(Issue(at, f"server.ha.replicas is {replicas}: Raft needs at least 3 voters to survive "
                                    "the loss of one", "values-ha-replicas-too-few"))
        elif isinstance(replicas, int) and replicas % 2 == 0:
            issues.append(Issue(at, f"server.ha.replicas is {replicas}, an even number: it tolerates no more "
                                    f"failures than {replicas - 1}", "values-ha-replicas-even"))
        raft = _enabled(lookup(values, "server.ha.raft.enabled"))
        if raft and lookup(values, "server.ha.raft.config") is None:
            issues.append(Issue(_path("server.ha.raft.enabled"),
                                "server.ha.raft.enabled with the chart's default config, which has no retry_join: "
                                "set server.ha.raft.config with retry_join stanzas or auto_join",
                                "values-raft-no-join"))
        spread = lookup(values, "server.topologySpreadConstraints")
        affinity = lookup(values, "server.affinity")
        if not _mentions_zone(spread or "") and not _mentions_zone(affinity or ""):
            issues.append(Issue(_path("server.ha.enabled"),
                                f"no server.topologySpreadConstraints or server.affinity on {ZONE_KEY}: all voters "
                                "may land in one zone", "values-no-zone-spread"))
        if lookup(values, "server.auditStorage.enabled") is None:
            issues.append(Issue(_path("server.ha.enabled"),
                                "server.auditStorage is not enabled (the chart's default is false): file audit "
                                "logs have no volume of their own", "values-audit-storage-disabled"))
    if lookup(values, "server.ha.disruptionBudget.enabled") is False:
        issues.append(Issue(_path("server.ha.disruptionBudget.enabled"),
                            "server.ha.disruptionBudget.enabled: false lets a node drain evict several voters at once",
                            "values-no-disruption-budget"))
    if lookup(values, "server.auditStorage.enabled") in (False, "false"):
        issues.append(Issue(_path("server.auditStorage.enabled"),
                            "server.auditStorage.enabled: false: file audit logs have no volume of their own",
                            "values-audit-storage-disabled"))
    injector = effective(values, "injector.enabled")
    injector_on = _enabled(injector) or injector is True or (
        injector == "-" and effective(values, "global.enabled") not in (False, "false"))
    new_key = "injector.webhook.failurePolicy"
    policy_key = new_key if lookup(values, new_key) else "injector.failurePolicy"
    policy = lookup(values, policy_key)
    replicas = effective(values, "injector.replicas")
    if injector_on and policy == "Fail" and isinstance(replicas, int) and replicas <= 1:
        issues.append(Issue(_path(policy_key),
                            f"{policy_key}: Fail with injector.replicas {replicas}: while that one injector pod is "
                            "down, no pod that matches the webhook can be created", "values-injector-fail-closed"))
    return issues


def lint(doc: YamlDoc) -> tuple[list[Hit], list[tuple[int | None, str]]]:
    """Hits for one values document, and the embedded configurations that do not parse."""
    values = doc.value
    issues = key_issues(values)
    if isinstance(values, dict):
        issues += rule_issues(values)
    hits = [Hit(i.rule, doc.line(i.path), i.message) for i in issues]
    unreadable: list[tuple[int | None, str]] = []
    if not isinstance(values, dict):
        return hits, unreadable
    for dotted in EMBEDDED_CONFIG:
        config = lookup(values, dotted)
        path = _path(dotted)
        if isinstance(config, str):
            start = doc.content_lines.get(path, doc.line(path))
            try:
                embedded = hcl.lint_text(config, in_chart=True, line_offset=start - 1, where=dotted)
            except hcl.HclSyntaxError as exc:
                line = start + exc.line - 1 if exc.line else doc.line(path)
                unreadable.append((line, f"{dotted}: {exc}"))
                continue
        elif isinstance(config, dict):
            embedded = hcl.lint_doc(hcl.from_json_config(config), None, in_chart=True,
                                    line_offset=doc.line(path) - 1, where=dotted)
        else:
            continue
        for hit in embedded:
            rule = "values-raft-no-join" if hit.rule == "hcl-raft-no-join" else hit.rule
            hits.append(Hit(rule, hit.line, hit.message))
    return hits, unreadable
