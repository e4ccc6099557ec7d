#!/usr/bin/env python3
"""Derive the JSON Schemas in tests/schemas/crds/ from upstream CustomResourceDefinition files.

The examples checker validates custom resources (VSO, SecretProviderClass, PrometheusRule,
ServiceMonitor) against these schemas. We commit what this script derives, never the upstream
CRD files: run it once per upstream repository, with the CRD files as arguments.

    python tools/derive_crd_schemas.py \
        --repo hashicorp/vault-secrets-operator --tag v1.4.1 \
        --commit 9b840a5a0c3455278d580418d6336f2011cf8574 --path-prefix config/crd/bases/ \
        --delta data/upstream/vso_api_delta.yaml --out tests/schemas/crds /tmp/vso-crds/*.yaml

What the conversion does, and why:

* ``nullable: true`` becomes a JSON Schema type list with "null" (OpenAPI v3 has no null type).
* An object that neither lists ``additionalProperties`` nor carries
  ``x-kubernetes-preserve-unknown-fields: true`` gets ``additionalProperties: false``: the API
  server prunes unknown fields of such objects, and ``kubectl apply`` (strict field validation)
  rejects them, so a misspelt field must fail here too.
* ``metadata`` becomes the writable part of ObjectMeta with ``name`` required, and ``status`` is
  dropped: a manifest a reader applies sets neither server-owned metadata nor status.
* Descriptions and x-kubernetes-* markers other than the two above are dropped: they do not
  constrain a manifest, and leaving them out keeps the files small enough to review.
* Only served, non-deprecated versions are kept, so an example on a deprecated apiVersion has
  no schema and fails.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any

import yaml

# The ObjectMeta fields a manifest may set (k8s.io/apimachinery/pkg/apis/meta/v1 ObjectMeta);
# the rest (uid, resourceVersion, creationTimestamp, managedFields, ...) are set by the server.
OBJECT_META: dict[str, Any] = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "generateName": {"type": "string"},
        "namespace": {"type": "string"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
        "finalizers": {"type": "array", "items": {"type": "string"}},
        "ownerReferences": {"type": "array", "items": {"type": "object"}},
    },
}

# Keywords copied as they are: they are JSON Schema keywords with the same meaning in OpenAPI v3.
PLAIN_KEYWORDS = {
    "type", "enum", "format", "pattern", "required", "default",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
    "minProperties", "maxProperties",
}


class DeriveError(Exception):
    """An input that does not match what the script (or the delta file) expects."""


def convert(node: dict[str, Any], where: str) -> dict[str, Any]:
    """Convert one openAPIV3Schema node (structural schema) to JSON Schema."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            out["properties"] = {name: convert(sub, f"{where}.{name}") for name, sub in value.items()}
        elif key == "items":
            if not isinstance(value, dict):
                raise DeriveError(f"{where}: tuple-style items are not structural")
            out["items"] = convert(value, f"{where}[]")
        elif key == "additionalProperties":
            out["additionalProperties"] = convert(value, f"{where}.*") if isinstance(value, dict) else value
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [convert(sub, where) for sub in value]
        elif key == "not":
            out["not"] = convert(value, where)
        elif key in PLAIN_KEYWORDS:
            out[key] = copy.deepcopy(value)
        # description, nullable (below), x-kubernetes-* and example are dropped on purpose.
    if node.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else [*out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    preserves = node.get("x-kubernetes-preserve-unknown-fields") is True
    if out.get("type") == "object" and "additionalProperties" not in out and not preserves:
        out["additionalProperties"] = False
    return out


def _walk_to(schema: dict[str, Any], path: str, kind: str) -> tuple[dict[str, Any], str]:
    """Return (parent object schema, last name) for a dotted field path such as spec.a.b."""
    parts = path.split(".")
    node = schema
    for part in parts[:-1]:
        props = node.get("properties") or {}
        if part not in props:
            raise DeriveError(f"{kind}: no field {path!r} (stopped at {part!r})")
        node = props[part]
    return node, parts[-1]


def apply_delta(schemas: dict[str, dict[str, Any]], delta: dict[str, Any]) -> dict[str, list[str]]:
    """Apply the delta file's changes to {kind: root schema}; return {kind: [change ids]}."""
    applied: dict[str, list[str]] = {}
    for change in delta["changes"]:
        op, kind, cid = change["op"], change["kind"], change["id"]
        if kind not in schemas:
            raise DeriveError(f"delta {cid}: kind {kind} is not among the input CRDs")
        if op == "remove_kind":
            del schemas[kind]
            continue
        root = schemas[kind]
        parent, name = _walk_to(root, change["path"], kind)
        props = parent.setdefault("properties", {})
        if op == "remove_field":
            if name not in props:
                raise DeriveError(f"delta {cid}: {kind} has no field {change['path']}")
            del props[name]
            if name in parent.get("required", []):
                parent["required"] = [r for r in parent["required"] if r != name]
        elif op == "copy_field":
            if name in props:
                raise DeriveError(f"delta {cid}: {kind} already has {change['path']}; drop this change")
            source_kind = change["from"]["kind"]
            if source_kind not in schemas:
                raise DeriveError(f"delta {cid}: source kind {source_kind} is not among the inputs")
            src_parent, src_name = _walk_to(schemas[source_kind], change["from"]["path"], source_kind)
            if src_name not in (src_parent.get("properties") or {}):
                raise DeriveError(f"delta {cid}: {source_kind} has no field {change['from']['path']}")
            props[name] = copy.deepcopy(src_parent["properties"][src_name])
        else:
            raise DeriveError(f"delta {cid}: unknown op {op!r}")
        applied.setdefault(kind, []).append(cid)
    return applied


def derive(crd_files: list[Path], args: argparse.Namespace) -> dict[Path, dict[str, Any]]:
    """Return {output path: JSON Schema} for every served, non-deprecated CRD version."""
    per_kind: dict[str, dict[str, Any]] = {}
    meta: dict[str, dict[str, Any]] = {}
    for crd_file in crd_files:
        for doc in yaml.safe_load_all(crd_file.read_text(encoding="utf-8")):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            group, kind = spec["group"], spec["names"]["kind"]
            for version in spec["versions"]:
                if not version.get("served") or version.get("deprecated"):
                    continue
                raw = version["schema"]["openAPIV3Schema"]
                schema = convert(raw, kind)
                props = schema.setdefault("properties", {})
                props.pop("status", None)
                props["metadata"] = copy.deepcopy(OBJECT_META)
                props["apiVersion"] = {"const": f"{group}/{version['name']}"}
                props["kind"] = {"const": kind}
                schema["required"] = sorted({*schema.get("required", []), "apiVersion", "kind", "metadata"})
                schema["additionalProperties"] = False
                key = f"{kind}@{version['name']}"
                per_kind[key] = schema
                meta[key] = {
                    "group": group,
                    "version": version["name"],
                    "kind": kind,
                    "crd": doc["metadata"]["name"],
                    "path": f"{args.path_prefix}{crd_file.name}",
                }

    applied: dict[str, list[str]] = {}
    delta_info: dict[str, Any] | None = None
    if args.delta:
        delta = yaml.safe_load(Path(args.delta).read_text(encoding="utf-8"))
        base = delta["baseline"]
        if (base["repo"], base["tag"]) != (args.repo, args.tag):
            raise DeriveError(f"delta baseline {base['repo']}@{base['tag']} does not match --repo/--tag")
        # Deltas name kinds; every input kind has exactly one served version here (checked).
        by_kind: dict[str, dict[str, Any]] = {}
        for key, schema in per_kind.items():
            kind = key.split("@")[0]
            if kind in by_kind:
                raise DeriveError(f"{kind}: several served versions; the delta file cannot say which")
            by_kind[kind] = schema
        applied = apply_delta(by_kind, delta)
        per_kind = {k: v for k, v in per_kind.items() if k.split("@")[0] in by_kind}
        delta_info = {"file": "data/upstream/vso_api_delta.yaml", "target": delta["target"]}

    outputs: dict[Path, dict[str, Any]] = {}
    for key, schema in sorted(per_kind.items()):
        m = meta[key]
        source = {
            "repo": args.repo,
            "tag": args.tag,
            "commit": args.commit,
            "path": m["path"],
            "crd": m["crd"],
        }
        doc: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$comment": (
                f"Derived by tools/derive_crd_schemas.py from {args.repo}@{args.tag} "
                f"({args.commit}):{m['path']}. Do not edit: re-run the script."
            ),
            "x-source": source,
            "x-kubernetes-group-version-kind": {"group": m["group"], "version": m["version"], "kind": m["kind"]},
        }
        if delta_info is not None:
            doc["x-api-delta"] = {**delta_info, "applied": applied.get(m["kind"], [])}
        doc.update(schema)
        out = Path(args.out) / m["group"] / m["version"] / f"{m['kind']}.json"
        outputs[out] = doc
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", required=True, help="upstream owner/name")
    parser.add_argument("--tag", required=True, help="upstream tag the files come from")
    parser.add_argument("--commit", required=True, help="commit of that tag")
    parser.add_argument("--path-prefix", default="", help="folder of the CRD files in the upstream repo")
    parser.add_argument("--delta", help="YAML file of API changes after --tag (see data/upstream/vso_api_delta.yaml)")
    parser.add_argument("--out", required=True, help="output folder, e.g. tests/schemas/crds")
    parser.add_argument("crds", nargs="+", type=Path, help="upstream CRD YAML files")
    args = parser.parse_args(argv)
    try:
        outputs = derive(args.crds, args)
    except DeriveError as exc:
        print(f"derive_crd_schemas: {exc}", file=sys.stderr)
        return 1
    if not outputs:
        print("derive_crd_schemas: no served CRD versions in the input", file=sys.stderr)
        return 1
    for path, doc in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
