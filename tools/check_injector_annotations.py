#!/usr/bin/env python3
"""Compare data/injector_annotations.yaml with vault-k8s's annotations.go.

Run it when vault-k8s releases, with the file of the new tag as argument:

    git --git-dir <vault-k8s.git> show v1.7.6:agent-inject/agent/annotations.go > /tmp/annotations.go
    python tools/check_injector_annotations.py /tmp/annotations.go

Every `Annotation... = "vault.hashicorp.com/..."` constant must have a row (a per-secret or
per-parameter constant such as `agent-inject-secret` as `agent-inject-secret-<name>`), and every
row must name a constant, so an annotation added upstream or one we invented both fail. The
build never runs this script: it needs upstream source, which the project does not keep.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

CONSTANT = re.compile(r'^\s*Annotation\w+\s*=\s*"(vault\.hashicorp\.com/[^"]+)"', re.MULTILINE)
DATA = Path(__file__).resolve().parent.parent / "data" / "injector_annotations.yaml"
# Per-secret variants that reuse a plain constant with a `-<name>` suffix (annotations.go
# builds them with fmt.Sprintf("%s-%s", ...)): they have rows of their own but no constant.
SUFFIXED_VARIANTS = {"secret-volume-path", "preserve-secret-case"}


def base_name(annotation: str) -> str:
    """`vault.hashicorp.com/agent-inject-secret-<name>` -> `vault.hashicorp.com/agent-inject-secret`."""
    return re.sub(r"-<[a-z]+>$", "", annotation)


def compare(go_source: str, rows: list[dict[str, object]]) -> list[str]:
    constants = set(CONSTANT.findall(go_source))
    problems: list[str] = []
    if not constants:
        return ["no Annotation constants found: is this annotations.go?"]
    in_data = {str(r["annotation"]) for r in rows}
    covered = {base_name(a) for a in in_data}
    for constant in sorted(constants - covered):
        problems.append(f"upstream constant {constant} has no row in {DATA.name}")
    for annotation in sorted(in_data):
        base = base_name(annotation)
        if base not in constants:
            problems.append(f"row {annotation} matches no upstream constant")
        elif annotation != base and base.rsplit("/", 1)[1] in SUFFIXED_VARIANTS and base not in in_data:
            problems.append(f"row {annotation} needs its plain form {base} as well")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))["annotations"]
    problems = compare(Path(argv[0]).read_text(encoding="utf-8"), rows)
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"{len(rows)} rows cover every annotation constant of {argv[0]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
