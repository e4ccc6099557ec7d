#!/usr/bin/env python3
"""Derive tests/schemas/sarif/sarif-2.1.0.json from the OASIS SARIF 2.1.0 JSON Schema.

No package on PyPI or npm that the project uses ships the SARIF schema (sarif-om, sarif-tools,
sarif-pydantic and node-sarif-builder carry object models, not the schema), so the test of
`vault-handbook lint --format sarif` validates against this derivation. It keeps every
structural fact of the schema (types, required properties, enums, patterns, minimums,
additionalProperties, definitions and references) and drops the prose (`description`,
`title`), which the checks do not need. We commit what this script derives:

    git -C <sarif-spec-checkout> show <commit>:sarif-2.1/schema/sarif-schema-2.1.0.json > /tmp/sarif.json
    python tools/derive_sarif_schema.py --schema /tmp/sarif.json \
        --repo oasis-tcs/sarif-spec --commit <commit> --out tests/schemas/sarif/sarif-2.1.0.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

PROSE = frozenset({"description", "title"})


def strip(node: Any, *, in_properties: bool = False) -> Any:
    """The schema without prose keywords (a property *named* description stays)."""
    if isinstance(node, dict):
        return {k: strip(v, in_properties=(k in ("properties", "definitions")))
                for k, v in node.items() if in_properties or k not in PROSE}
    if isinstance(node, list):
        return [strip(item) for item in node]
    return node


def derive(schema: dict[str, Any], repo: str, commit: str, path: str) -> dict[str, Any]:
    if schema.get("properties", {}).get("version", {}).get("enum") != ["2.1.0"]:
        raise SystemExit("not the SARIF 2.1.0 schema: properties.version.enum is not ['2.1.0']")
    derived = strip(schema)
    return {
        "$comment": f"Derived by tools/derive_sarif_schema.py from {repo}@{commit}:{path} "
                    "(prose removed). Do not edit: re-run the script.",
        "x-source": {"repo": repo, "commit": commit, "path": path},
        **derived,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", type=Path, required=True, help="the upstream sarif-schema-2.1.0.json")
    parser.add_argument("--repo", default="oasis-tcs/sarif-spec")
    parser.add_argument("--commit", required=True)
    parser.add_argument("--path", default="sarif-2.1/schema/sarif-schema-2.1.0.json")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    derived = derive(schema, args.repo, args.commit, args.path)
    args.out.write_text(json.dumps(derived, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
