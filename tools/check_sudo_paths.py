#!/usr/bin/env python3
"""Check the `sudo` column of data/privileged_endpoints.yaml against a Vault source tree.

    tools/check_sudo_paths.py <vault-source-tree> [--data FILE] [--label TEXT] [--record]

Vault marks a path root-protected (it needs the `sudo` capability) in two ways, and this script
reads both from the tree it is given (any checkout of hashicorp/vault, or of a fork):

* the `Root:` list of the backend's `PathsSpecial`: the system backend's in
  `vault/logical_system.go` (`NewSystemBackend`, paths relative to `sys/`) and the token store's
  in `vault/token_store.go` (relative to `auth/token/`). An entry ending in `*` matches every path
  it prefixes; a `+` segment matches any one segment;
* a few requests that check `sudo` in code instead: `sys/seal` (`sealInitCommon` in
  `vault/core.go`) and `sys/step-down` (`StepDown` in `vault/ha.go`) call the policy check with
  `RootPrivsRequired: true`, and `auth/token/create` (`handleCreateCommon` in
  `vault/token_store.go`) asks `SudoPrivilege` before it grants orphan tokens, other policies
  and the like.

A row whose path ends in `/*` stands for the paths under it and is checked on one of them
(`sys/audit/*` on `sys/audit/example`); a `+` segment is checked on every segment the tree's
Root entries of the same shape use there (`performance` and `dr` for
`sys/replication/+/...`). Rows outside `sys/` and `auth/token/` are reported as not checked. An
Enterprise-only row that the tree does not declare is a warning, not an error, since the
Community source may lack its paths.

Exit status 1 when a row's `sudo` disagrees with the tree. With `--record`, a clean run writes
`sudo_checked_against` (the label, by default the tree's `git describe` or HEAD commit, and the
date) into the data file, so the page can say which code the column was checked against.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = REPO_ROOT / "data" / "privileged_endpoints.yaml"

# Backends whose PathsSpecial.Root the rows are checked against: row prefix -> (file, function).
BACKENDS = {
    "sys/": ("vault/logical_system.go", "NewSystemBackend"),
    "auth/token/": ("vault/token_store.go", "NewTokenStore"),
}

# Requests that enforce sudo in code rather than (only) through PathsSpecial.Root:
# row path -> (file, function, text that must appear in the function's body).
CODE_CHECKS = {
    "sys/seal": ("vault/core.go", "sealInitCommon", "RootPrivsRequired: true"),
    "sys/step-down": ("vault/ha.go", "StepDown", "RootPrivsRequired: true"),
    "auth/token/create": ("vault/token_store.go", "handleCreateCommon", "SudoPrivilege("),
}


class SourceError(Exception):
    """The tree lacks a file or function the check needs."""


def _function_body(source: str, name: str) -> str:
    """The text of Go function `name` (a method or a plain function), up to its closing brace."""
    match = re.search(r"^func (?:\([^)]*\) )?" + re.escape(name) + r"\(", source, re.MULTILINE)
    if not match:
        raise SourceError(f"function {name} not found")
    end = re.search(r"^}", source[match.end():], re.MULTILINE)
    return source[match.start(): match.end() + (end.end() if end else len(source))]


def root_paths(tree: Path, file: str, function: str) -> list[str]:
    """The string entries of the first `Root: []string{...}` inside PathsSpecial in `function`."""
    path = tree / file
    if not path.is_file():
        raise SourceError(f"{file} not found in {tree}")
    body = _function_body(path.read_text(encoding="utf-8"), function)
    special = body.find("PathsSpecial")
    match = re.search(r"Root:\s*\[\]string\{(.*?)\n\s*\}", body[special:], re.DOTALL) if special >= 0 else None
    if not match:
        raise SourceError(f"no PathsSpecial Root list in {file} {function}")
    lines = [re.sub(r"//.*$", "", line) for line in match.group(1).splitlines()]
    return re.findall(r'"([^"]*)"', "\n".join(lines))


def code_enforced(tree: Path, row_path: str) -> bool | None:
    """Whether the request enforces sudo in code (None when the path has no such check)."""
    if row_path not in CODE_CHECKS:
        return None
    file, function, needle = CODE_CHECKS[row_path]
    path = tree / file
    if not path.is_file():
        raise SourceError(f"{file} not found in {tree}")
    return needle in _function_body(path.read_text(encoding="utf-8"), function)


def _pattern(entry: str) -> re.Pattern[str]:
    """Vault's matching of one Root entry: trailing * is a prefix match, + is one segment."""
    prefix = entry.endswith("*")
    parts = (entry[:-1] if prefix else entry).split("/")
    regex = "/".join("[^/]+" if p == "+" else re.escape(p) for p in parts)
    return re.compile("^" + regex + (".*" if prefix else "$"))


def matches(entries: list[str], path: str) -> bool:
    return any(_pattern(e).match(path) for e in entries)


def samples(relative: str, entries: list[str]) -> list[str]:
    """Concrete paths a row stands for: `a/*` -> `a/example`; `+` -> each segment used there."""
    path = relative[:-1] + "example" if relative.endswith("/*") else relative
    parts = path.split("/")
    results = [[]]
    for depth, part in enumerate(parts):
        if part != "+":
            results = [r + [part] for r in results]
            continue
        # the segments the tree's own entries of the same shape use here (performance, dr ...)
        options = sorted({e.split("/")[depth] for e in entries
                          if len(e.split("/")) == len(parts) and e.split("/")[depth] not in ("+", "*")
                          and all(p in ("+", q) for p, q in zip(parts, e.split("/"), strict=True))}) or ["example"]
        results = [r + [o] for r in results for o in options]
    return ["/".join(r) for r in results]


@dataclass
class Result:
    row_id: str
    path: str
    data_sudo: bool
    code_sudo: bool | None
    how: str
    level: str  # ok, error, warning, skipped


def check(tree: Path, rows: list[dict]) -> list[Result]:
    roots = {prefix: root_paths(tree, file, func) for prefix, (file, func) in BACKENDS.items()}
    results = []
    for row in rows:
        path, data_sudo = row["path"], bool(row["sudo"])
        prefix = next((p for p in BACKENDS if path.startswith(p)), None)
        if prefix is None:
            results.append(Result(row["id"], path, data_sudo, None, "no backend checked for this path", "skipped"))
            continue
        relative = path[len(prefix):]
        concrete = samples(relative, roots[prefix])
        hits = [matches(roots[prefix], c) for c in concrete]
        code_sudo = all(hits)
        verb = "matches " if code_sudo else "does not match "
        how = f"{BACKENDS[prefix][0]} PathsSpecial.Root {verb}" + ", ".join(concrete)
        if any(hits) and not all(hits):
            how = f"{BACKENDS[prefix][0]} PathsSpecial.Root matches only some of " + ", ".join(concrete)
        enforced = code_enforced(tree, path)
        if enforced:
            file, function, needle = CODE_CHECKS[path]
            code_sudo, how = True, f"{file} {function} has {needle!r}" + (f"; {how}" if all(hits) else "")
        level = "ok" if code_sudo == data_sudo else "error"
        if level == "error" and row.get("enterprise_only") and not any(hits) and not enforced:
            level = "warning"
            how += " (Enterprise-only row; a Community tree may not declare its paths)"
        results.append(Result(row["id"], path, data_sudo, code_sudo, how, level))
    return results


def describe(tree: Path) -> str:
    for args in (["describe", "--tags", "--always"], ["rev-parse", "HEAD"]):
        out = subprocess.run(["git", "-C", str(tree), *args], capture_output=True, text=True, check=False)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    return str(tree)


def record(data_file: Path, label: str, results: list[Result]) -> None:
    """Write (or replace) the top-level `sudo_checked_against` mapping, keeping the rest as is."""
    text = data_file.read_text(encoding="utf-8")
    text = re.sub(r"^sudo_checked_against:\n(?:  .*\n)+", "", text, flags=re.MULTILINE)
    checked = sum(r.level in ("ok", "warning") for r in results)
    block = (
        "sudo_checked_against:\n"
        f"  source: {json.dumps(label)}\n"
        f"  date: '{datetime.date.today().isoformat()}'\n"
        f"  rows_checked: {checked}\n"
        "  tool: tools/check_sudo_paths.py\n"
    )
    text = text.replace("\nendpoints:\n", "\n" + block + "endpoints:\n", 1)
    data_file.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path, help="path to a Vault source tree (any checkout)")
    parser.add_argument("--data", type=Path, default=DATA_FILE)
    parser.add_argument("--label", help="what to record as the checked source (default: git describe of the tree)")
    parser.add_argument("--record", action="store_true", help="on success, record the source in the data file")
    args = parser.parse_args(argv)
    rows = yaml.safe_load(args.data.read_text(encoding="utf-8"))["endpoints"]
    try:
        results = check(args.tree, rows)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for r in results:
        mark = {"ok": "ok  ", "error": "FAIL", "warning": "warn", "skipped": "skip"}[r.level]
        print(f"{mark} {r.row_id:45} sudo={str(r.data_sudo).lower():5} code={str(r.code_sudo).lower():5} {r.how}")
    errors = [r for r in results if r.level == "error"]
    if errors:
        print(f"{len(errors)} row(s) disagree with {args.tree}", file=sys.stderr)
        return 1
    if args.record:
        record(args.data, args.label or describe(args.tree), results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
