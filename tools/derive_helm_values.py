#!/usr/bin/env python3
"""Derive tests/schemas/helm/vault-<version>.json from the hashicorp/vault chart's own files.

The examples checker uses the result to check every Helm values example: each key path must
exist in the chart version the handbook targets, hold a value of the right type, and meet the
chart's values.schema.json; a deprecated key is an error. We commit what this script derives,
never the chart's files:

    python tools/derive_helm_values.py \
        --repo hashicorp/vault-helm --tag v0.34.1 \
        --commit aa1c92e4adddbce9660e536dfe5222a88eda6d52 \
        --chart /tmp/vault-helm/Chart.yaml --values /tmp/vault-helm/values.yaml \
        --schema /tmp/vault-helm/values.schema.json --out tests/schemas/helm

For every key path (dotted; list items as ``path[]``) the output records:

* ``types``: the JSON types allowed. values.schema.json wins where it names a type, because
  that is what ``helm install`` enforces; otherwise the type of the default in values.yaml
  (a null default allows any type).
* ``default``: the default from values.yaml, when the key is there.
* ``open``: true when the value is a map whose keys the chart does not enumerate (annotations,
  resources, securityContext, ...): keys below it are the user's and are not checked.
* ``deprecated``: the chart's own "Deprecated" comment and the replacement key it names.
* ``schema``: the values.schema.json keywords for that path, other than properties/items.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

JSON_TYPE = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?:\s|$)")
DEPRECATED = re.compile(r"^\s*#\s*Deprecated\b[:,]?\s*(?P<text>.*)$", re.IGNORECASE)
REPLACEMENT = re.compile(r"(?:use|set)\s+'?(?P<key>[A-Za-z][A-Za-z0-9_.]*)'?", re.IGNORECASE)


def json_type(value: Any) -> str | None:
    for py, name in JSON_TYPE.items():
        if type(value) is py:  # bool is an int subclass: match exact types only
            return name
    return None


def schema_at(schema: dict[str, Any], parts: list[str]) -> dict[str, Any] | None:
    node: dict[str, Any] | None = schema
    for part in parts:
        if node is None:
            return None
        if part == "[]":
            node = node.get("items") if isinstance(node.get("items"), dict) else None
        else:
            node = (node.get("properties") or {}).get(part)
    return node


def schema_types(node: dict[str, Any] | None) -> list[str] | None:
    if not node or "type" not in node:
        return None
    t = node["type"]
    return [t] if isinstance(t, str) else list(t)


def deprecated_keys(values_text: str) -> dict[str, str]:
    """Map each key path whose comment block starts with "Deprecated" to that comment line.

    values.yaml marks deprecation only in comments, so this reads lines: a comment block
    directly above a key belongs to that key. Block scalars (config: |) are skipped by indent.
    """
    found: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    comments: list[str] = []
    scalar_indent: int | None = None
    for line in values_text.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if scalar_indent is not None:
            if stripped and indent <= scalar_indent:
                scalar_indent = None
            else:
                continue
        if not stripped:
            comments = []
            continue
        if stripped.startswith("#"):
            comments.append(stripped)
            continue
        match = KEY_LINE.match(line)
        if not match:
            comments = []
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, match["key"]))
        path = ".".join(k for _, k in stack)
        for comment in comments[:1]:
            dep = DEPRECATED.match(comment)
            if dep:
                found[path] = dep["text"].strip()
        comments = []
        rest = line[match.end():].strip()
        if rest.startswith(("|", ">")):
            scalar_indent = indent
    return found


def resolve_replacement(path: str, comment: str, known: set[str]) -> str | None:
    """Turn "please use 'webhook.failurePolicy' instead" into a full key path."""
    match = REPLACEMENT.search(comment)
    if not match:
        return None
    name = match["key"].rstrip(".")
    parents = path.split(".")[:-1]
    # Relative to the deprecated key's parent first (webhook.failurePolicy under injector), then
    # each ancestor, then as an absolute path (global.externalVaultAddr).
    for depth in range(len(parents), -1, -1):
        candidate = ".".join([*parents[:depth], name])
        if candidate in known:
            return candidate
    return None


def derive(values: dict[str, Any], schema: dict[str, Any], values_text: str) -> dict[str, dict[str, Any]]:
    keys: dict[str, dict[str, Any]] = {}

    def record(parts: list[str], default: Any, has_default: bool) -> dict[str, Any]:
        node = schema_at(schema, parts)
        types = schema_types(node)
        if types is None and has_default and default is not None:
            t = json_type(default)
            types = [t] if t else None
        entry: dict[str, Any] = {"types": types}
        if has_default:
            entry["default"] = default
        if node:
            extra = {k: v for k, v in node.items() if k not in ("properties", "items", "type", "description")}
            if extra:
                entry["schema"] = extra
        return entry

    def walk_values(node: dict[str, Any], parts: list[str]) -> None:
        for key, value in node.items():
            p = [*parts, str(key)]
            entry = record(p, value, True)
            sch = schema_at(schema, p)
            if isinstance(value, dict):
                # A map is open when the chart does not enumerate its keys: an empty default,
                # or a schema that types it without listing properties (k8s objects such as
                # securityContext, whose keys are Kubernetes', not the chart's).
                if sch is not None and "properties" in sch:
                    is_open = False
                else:
                    is_open = not value or sch is not None
                if is_open:
                    entry["open"] = True
                keys[".".join(p)] = entry
                if not is_open:
                    walk_values(value, p)
            else:
                if value is None and (entry["types"] is None or "object" in entry["types"]):
                    if sch is None or "properties" not in sch:
                        entry["open"] = True  # null default: any map structure is the user's
                keys[".".join(p)] = entry
                if isinstance(value, list):
                    item_schema = schema_at(schema, [*p, "[]"])
                    if item_schema and item_schema.get("properties"):
                        walk_schema(item_schema, [*p, "[]"])

    def walk_schema(node: dict[str, Any], parts: list[str]) -> None:
        for key, sub in (node.get("properties") or {}).items():
            p = [*parts, key]
            name = ".".join(p).replace(".[]", "[]")
            if name not in keys:
                entry = record(p, None, False)
                if sub.get("type") in ("object", ["object"]) and "properties" not in sub:
                    entry["open"] = True
                entry["in_values_yaml"] = False
                keys[name] = entry
            walk_schema(sub, p)
            if isinstance(sub.get("items"), dict) and sub["items"].get("properties"):
                walk_schema(sub["items"], [*p, "[]"])

    walk_values(values, [])
    walk_schema(schema, [])

    known = set(keys)
    for path, comment in deprecated_keys(values_text).items():
        if path not in keys:
            raise SystemExit(f"derive_helm_values: deprecated key {path} not found in values.yaml")
        keys[path]["deprecated"] = {"comment": comment, "replacement": resolve_replacement(path, comment, known)}
    return dict(sorted(keys.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--tag", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--chart", required=True, type=Path, help="Chart.yaml")
    parser.add_argument("--values", required=True, type=Path, help="values.yaml")
    parser.add_argument("--schema", required=True, type=Path, help="values.schema.json")
    parser.add_argument("--out", required=True, type=Path, help="output folder, e.g. tests/schemas/helm")
    args = parser.parse_args(argv)

    chart = yaml.safe_load(args.chart.read_text(encoding="utf-8"))
    values_text = args.values.read_text(encoding="utf-8")
    values = yaml.safe_load(values_text)
    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    keys = derive(values, schema, values_text)
    top_level = sorted({k.split(".")[0].split("[")[0] for k in keys})
    doc = {
        "$comment": (
            f"Derived by tools/derive_helm_values.py from {args.repo}@{args.tag} ({args.commit}): "
            "values.yaml, values.schema.json, Chart.yaml. Do not edit: re-run the script."
        ),
        "x-source": {
            "repo": args.repo,
            "tag": args.tag,
            "commit": args.commit,
            "paths": ["values.yaml", "values.schema.json", "Chart.yaml"],
        },
        "chart": {"name": chart["name"], "version": chart["version"], "appVersion": chart.get("appVersion")},
        "schema_dialect": schema.get("$schema"),
        "top_level": top_level,
        "keys": keys,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"{chart['name']}-{chart['version']}.json"
    out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(out, f"({len(keys)} key paths)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
