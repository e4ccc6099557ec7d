#!/usr/bin/env python3
"""Derive data/vso_crd_fields.yaml (the VSO field reference) from upstream CRD files.

The handbook's field reference for the Vault Secrets Operator custom resources is generated,
never typed: this script flattens every spec field of every kind into one row (path, type,
required, default, allowed values, the release that added it) and applies the API changes
recorded in data/upstream/vso_api_delta.yaml, so the reference shows the API the handbook targets
(VSO 2.0.x, API of 1.6) although the newest CRD files available are older.

    python tools/derive_vso_fields.py \
        --repo hashicorp/vault-secrets-operator --tag v1.4.1 \
        --commit 9b840a5a0c3455278d580418d6336f2011cf8574 --path-prefix config/crd/bases/ \
        --delta data/upstream/vso_api_delta.yaml --history /path/to/vault-secrets-operator.git \
        --out data/vso_crd_fields.yaml /tmp/vso-crds/*.yaml

`--history` is a git directory of the upstream repository: the script reads the CRD files of
every release tag up to --tag with `git show` and records, for each kind and field, the first
release whose CRD has it. Without it, `since` is left out and the file says so.

The conversion and the delta are those of tools/derive_crd_schemas.py (imported, not copied),
so the field reference and the schemas the examples are checked against cannot disagree.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("derive_crd_schemas", _HERE / "derive_crd_schemas.py")
assert _spec is not None and _spec.loader is not None
schemas = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(schemas)

DeriveError = schemas.DeriveError
_RELEASE = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")  # release tags only: no -rc, no -beta


def crd_schema(doc: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(kind, converted root schema) of the served, non-deprecated version of one CRD."""
    if not doc or doc.get("kind") != "CustomResourceDefinition":
        return None
    kind = doc["spec"]["names"]["kind"]
    served = [v for v in doc["spec"]["versions"] if v.get("served") and not v.get("deprecated")]
    if len(served) != 1:
        raise DeriveError(f"{kind}: expected one served version, found {len(served)}")
    return kind, schemas.convert(served[0]["schema"]["openAPIV3Schema"], kind)


def _type_of(node: dict[str, Any]) -> str:
    kind = node.get("type", "any")
    if isinstance(kind, list):
        kind = "/".join(k for k in kind if k != "null")
    if kind == "array":
        return f"array of {_type_of(node.get('items') or {})}"
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return f"map of {_type_of(node['additionalProperties'])}"
    if node.get("format"):
        return f"{kind} ({node['format']})"
    return str(kind)


def flatten(node: dict[str, Any], prefix: str, required: bool) -> list[dict[str, Any]]:
    """One row per field under `prefix`; array items and map values are walked with [] and <key>."""
    rows: list[dict[str, Any]] = []
    row: dict[str, Any] = {"path": prefix, "type": _type_of(node), "required": required}
    if "default" in node:
        row["default"] = node["default"]
    if "enum" in node:
        row["enum"] = [e for e in node["enum"] if e is not None]
    for bound in ("minimum", "maximum", "pattern", "minLength"):
        if bound in node:
            row[bound] = node[bound]
    rows.append(row)
    child = node
    suffix = ""
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        child, suffix = node["items"], "[]"
    elif isinstance(node.get("additionalProperties"), dict):
        child, suffix = node["additionalProperties"], ".<key>"
    needed = set(child.get("required", []))
    for name, sub in (child.get("properties") or {}).items():
        rows += flatten(sub, f"{prefix}{suffix}.{name}", name in needed)
    return rows


def spec_rows(schema: dict[str, Any]) -> list[dict[str, Any]]:
    spec = (schema.get("properties") or {}).get("spec")
    if spec is None:
        return []
    required = "spec" in schema.get("required", [])
    return flatten(spec, "spec", required)


def release_tags(git_dir: Path, up_to: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(git_dir), "tag"], capture_output=True, text=True, check=True)
    tags = [t for t in out.stdout.split() if _RELEASE.match(t)]

    def key(tag: str) -> tuple[int, ...]:
        match = _RELEASE.match(tag)
        assert match is not None
        return tuple(int(g) for g in match.groups())

    tags.sort(key=key)
    if up_to not in tags:
        raise DeriveError(f"--history has no release tag {up_to}")
    return tags[: tags.index(up_to) + 1]


def history(git_dir: Path, tags: list[str], prefix: str) -> dict[str, dict[str, str]]:
    """{kind: {field path or '': first release}} over the CRD files of each tag."""
    first: dict[str, dict[str, str]] = {}
    for tag in tags:
        listing = subprocess.run(
            ["git", "--git-dir", str(git_dir), "ls-tree", "--name-only", f"{tag}:{prefix.rstrip('/')}"],
            capture_output=True, text=True,
        )
        if listing.returncode != 0:
            continue  # a tag from before the CRDs lived here
        for name in listing.stdout.split():
            if not name.endswith(".yaml"):
                continue
            text = subprocess.run(
                ["git", "--git-dir", str(git_dir), "show", f"{tag}:{prefix}{name}"],
                capture_output=True, text=True, check=True,
            ).stdout
            for doc in yaml.safe_load_all(text):
                try:
                    found = crd_schema(doc)
                except DeriveError:
                    continue  # an old multi-version CRD: its served version is read at a later tag
                if found is None:
                    continue
                kind, schema = found
                seen = first.setdefault(kind, {})
                seen.setdefault("", tag.removeprefix("v"))
                for row in spec_rows(schema):
                    seen.setdefault(row["path"], tag.removeprefix("v"))
    return first


def derive(args: argparse.Namespace) -> dict[str, Any]:
    per_kind: dict[str, dict[str, Any]] = {}
    files: dict[str, str] = {}
    for crd_file in args.crds:
        for doc in yaml.safe_load_all(crd_file.read_text(encoding="utf-8")):
            found = crd_schema(doc)
            if found is not None:
                per_kind[found[0]] = found[1]
                files[found[0]] = crd_file.name
    baseline_rows = {kind: {r["path"] for r in spec_rows(s)} for kind, s in per_kind.items()}

    delta = yaml.safe_load(Path(args.delta).read_text(encoding="utf-8"))
    base = delta["baseline"]
    if (base["repo"], base["tag"]) != (args.repo, args.tag):
        raise DeriveError(f"delta baseline {base['repo']}@{base['tag']} does not match --repo/--tag")
    schemas.apply_delta(per_kind, delta)
    # Which delta change added a field, so its row names that release and source.
    added: dict[tuple[str, str], dict[str, Any]] = {}
    for change in delta["changes"]:
        if change["op"] == "copy_field":
            added[(change["kind"], change["path"])] = change

    first = history(args.history, release_tags(args.history, args.tag), args.path_prefix) if args.history else {}

    kinds = []
    for kind in sorted(per_kind):
        source = f"{args.repo}@{args.tag}:{args.path_prefix}{files[kind]}"
        rows = []
        for row in spec_rows(per_kind[kind]):
            origin = next(
                (c for (k, p), c in added.items()
                 if k == kind and (row["path"] == p or row["path"].startswith(p + "."))),
                None,
            )
            if origin is not None and row["path"] not in baseline_rows[kind]:
                row["since"] = str(origin["since"]).removeprefix("v")
                row["source"] = [s for s in origin["source"] if re.match(r"^(https://|[\w.-]+/[\w.-]+@)", s)]
                row["delta"] = origin["id"]
            else:
                if kind in first and row["path"] in first[kind]:
                    row["since"] = first[kind][row["path"]]
                row["source"] = [source]
            rows.append(row)
        entry: dict[str, Any] = {"kind": kind, "source": [source], "fields": rows}
        if kind in first:
            entry["since"] = first[kind][""]
        kinds.append(entry)
    return {
        "generated_by": "tools/derive_vso_fields.py",
        "baseline": {"repo": args.repo, "tag": args.tag, "commit": args.commit},
        "delta": {"file": "data/upstream/vso_api_delta.yaml", "target": delta["target"],
                  "applied": [c["id"] for c in delta["changes"]]},
        "since_method": (
            "first release tag whose CRD file has the field (git show over every tag)"
            if args.history else "not derived (--history not given)"
        ),
        "kinds": kinds,
    }


HEADER = (
    "# Generated by tools/derive_vso_fields.py from the upstream VSO CRD files and\n"
    "# data/upstream/vso_api_delta.yaml. Do not edit by hand: re-run the script (see its docstring).\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--tag", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--path-prefix", default="config/crd/bases/")
    parser.add_argument("--delta", required=True)
    parser.add_argument("--history", type=Path, help="git directory of the upstream repository")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("crds", nargs="+", type=Path)
    args = parser.parse_args(argv)
    try:
        data = derive(args)
    except DeriveError as exc:
        print(f"derive_vso_fields: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(HEADER + yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
