#!/usr/bin/env python3
"""Copy the JSON Schemas grafana-foundation-sdk publishes into tests/schemas/grafana/.

tests/test_dashboards.py validates the generated dashboards against them: the dashboard schema for
the document and each panel's frame, the panel plugins' schemas (timeseries, stat) for each panel's
`options` and `fieldConfig.defaults.custom`, and the Prometheus dataquery schema for each target.
They come from the SDK repository's branch for the Grafana version the pinned Python package
targets (grafana-foundation-sdk 1769699379!11.6.0 is the 11.6 build of 2026-01-29):

    python tools/derive_grafana_schemas.py \\
        --git-dir /work/.mirror/grafana+grafana-foundation-sdk/repo \\
        --commit aba721fdefde7979d14dbd551a6ea0d4ed14599f --branch v11.6.x+cog-v0.0.x \\
        --out tests/schemas/grafana

What it changes, and why:

* `description` keys are dropped: they do not constrain a document, and leaving them out keeps
  the files small enough to review.
* A threshold step's `value` may be null. The SDK's schema says number, but Grafana writes the
  base step (-Infinity) as null, and so does the SDK's own encoder; the schema's own description
  says so ("Nulls currently appear here when serializing -Infinity to JSON").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SCHEMAS = ("dashboard", "timeseries", "stat", "prometheus")


def strip_descriptions(node: Any, names: bool = False) -> Any:
    """Drop the `description` keyword; `names` marks a map of property names (a property may be
    called "description" itself, as the dashboard's and the panel's are)."""
    if isinstance(node, dict):
        if names:
            return {k: strip_descriptions(v) for k, v in node.items()}
        return {k: strip_descriptions(v, names=k in ("properties", "definitions"))
                for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [strip_descriptions(v) for v in node]
    return node


def derive(name: str, raw: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    schema = strip_descriptions(raw)
    if name == "dashboard":
        value = schema["definitions"]["Threshold"]["properties"]["value"]
        value["type"] = ["number", "null"]
    path = f"jsonschema/{name}.jsonschema.json"
    return {
        "$comment": (f"Derived by tools/derive_grafana_schemas.py from grafana/grafana-foundation-sdk@"
                     f"{args.commit} ({args.branch}):{path}. Do not edit: re-run the script."),
        "x-source": {"repo": "grafana/grafana-foundation-sdk", "branch": args.branch,
                     "commit": args.commit, "path": path},
        **schema,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--git-dir", required=True, help="a clone (or bare mirror) of grafana/grafana-foundation-sdk")
    parser.add_argument("--commit", required=True)
    parser.add_argument("--branch", required=True, help="the branch the commit is on, for the record")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        try:
            text = subprocess.run(
                ["git", "--git-dir", args.git_dir, "show", f"{args.commit}:jsonschema/{name}.jsonschema.json"],
                check=True, capture_output=True, text=True,
            ).stdout
        except subprocess.CalledProcessError as exc:
            print(f"derive_grafana_schemas: {exc.stderr.strip()}", file=sys.stderr)
            return 1
        out = args.out / f"{name}.json"
        out.write_text(json.dumps(derive(name, json.loads(text), args), indent=1) + "\n", encoding="utf-8")
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
