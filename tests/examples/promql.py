"""PromQL: ```promql blocks, and the rules of Prometheus rule files and PrometheusRule objects.

Where promtool is installed (on PATH, or unpacked by `make test-tools` into
.tools/prometheus/usr/bin/promtool) it decides: it is Prometheus's own parser, and for rules it
also checks `for` durations and annotation templates. Without it, the promql-parser package
(a PyPI wheel of a Rust port of the Prometheus parser; no pure-Python parser is maintained)
parses each expression, so the checker still runs on a machine without promtool.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .classify import YamlLoadError, is_manifest, is_rule_file, yaml_documents
from .collect import Block
from .paths import REPO_ROOT

LOCAL_PROMTOOL = REPO_ROOT / ".tools" / "prometheus" / "usr" / "bin" / "promtool"
EXPRESSION_PREFIX = 'group "promql", rule 1, "Example": '
PROMTOOL_LINE = re.compile(r"^\S+?: (?:\d+:\d+: )?(?P<msg>.+)$")


@functools.cache
def promtool() -> Path | None:
    found = shutil.which("promtool")
    if found:
        return Path(found)
    return LOCAL_PROMTOOL if LOCAL_PROMTOOL.is_file() else None


def backend() -> str:
    """Which parser decides, for the test report."""
    return f"promtool ({promtool()})" if promtool() else "promql-parser"


def _run_promtool(groups: list[Any]) -> tuple[bool, list[str]]:
    """(passed, error lines without the file name) for one rules file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rules.yaml"
        path.write_text(yaml.safe_dump({"groups": groups}, sort_keys=False), encoding="utf-8")
        result = subprocess.run([str(promtool()), "check", "rules", str(path)],
                                capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return True, []
    lines = []
    for line in (result.stdout + result.stderr).splitlines():
        line = line.strip()
        if not line or line.startswith(("Checking ", "FAILED", "SUCCESS")):
            continue
        match = PROMTOOL_LINE.match(line.replace(str(path), "rules.yaml"))
        lines.append(match["msg"] if match else line)
    return False, lines or [f"promtool check rules failed: {' '.join(result.stderr.split())}"]


def _promtool_many(items: list[list[Any]]) -> list[list[str]]:
    """promtool over many rule-group lists in one run (one process per block is slow).

    Groups are renamed to a token naming their item, so each error maps back to its block
    with the author's group name restored. An error that names no group (the whole file
    failed to load) falls back to one run per item.
    """
    if not all(isinstance(groups, list) and all(isinstance(g, dict) for g in groups) for groups in items):
        # A malformed rule set cannot be renamed: let promtool judge each item on its own.
        return [_run_promtool(g)[1] if isinstance(g, list) else ["groups must be a list"] for g in items]
    combined: list[Any] = []
    names: dict[str, tuple[int, str]] = {}
    for i, groups in enumerate(items):
        for j, group in enumerate(groups):
            token = f"example{i}group{j}"
            names[token] = (i, str(group.get("name", "")))
            combined.append({**group, "name": token})
    passed, lines = _run_promtool(combined)
    results: list[list[str]] = [[] for _ in items]
    if passed:
        return results
    for line in lines:
        match = re.search(r'group "(example\d+group\d+)"', line)
        if not match:
            return [_run_promtool(groups)[1] for groups in items]
        index, original = names[match[1]]
        results[index].append(line.replace(match[0], f'group "{original}"'))
    return results


def _parse_expr(expr: str) -> str | None:
    import promql_parser  # imported here: only needed when promtool is absent

    try:
        promql_parser.parse(expr)
    except (ValueError, RuntimeError) as exc:
        return " ".join(str(exc).split())
    return None


def _expression_groups(expr: str) -> list[Any]:
    return [{"name": "promql", "rules": [{"alert": "Example", "expr": expr}]}]


def check_expression(expr: str) -> list[str]:
    if promtool():
        return [p.replace(EXPRESSION_PREFIX, "") for p in _promtool_many([_expression_groups(expr)])[0]]
    error = _parse_expr(expr)
    return [] if error is None else [f"could not parse expression: {error}"]


def check_groups(groups: Any) -> list[str]:
    """Problems with a list of rule groups (a rule file's or a PrometheusRule's spec.groups)."""
    if not isinstance(groups, list):
        return ["groups must be a list"]
    if promtool():
        return _promtool_many([groups])[0]
    problems: list[str] = []
    for g_index, group in enumerate(groups, start=1):
        name = group.get("name", f"#{g_index}") if isinstance(group, dict) else f"#{g_index}"
        for r_index, rule in enumerate((group or {}).get("rules") or [], start=1):
            label = f'group "{name}", rule {r_index}'
            if not isinstance(rule, dict) or "expr" not in rule:
                problems.append(f"{label}: no expr")
                continue
            if ("alert" in rule) == ("record" in rule):
                problems.append(f"{label}: a rule has exactly one of alert and record")
            error = _parse_expr(str(rule["expr"]))
            if error:
                problems.append(f"{label}: could not parse expression: {error}")
    return problems


def check_rules(rules: Any) -> list[str]:
    """Problems with a bare list of rules (as in Helm's serverTelemetry.prometheusRules.rules)."""
    return check_groups([{"name": "helm-values", "rules": rules}]) if rules else []


def _groups_of(block: Block) -> list[tuple[str, Any]]:
    """(label, rule groups) for each rule set in a block; a promql block is one expression."""
    if block.language == "promql":
        return [("", _expression_groups(block.text))]
    try:
        docs = yaml_documents(block.text)
    except YamlLoadError:
        return []  # reported by the YAML checker
    found: list[tuple[str, Any]] = []
    for number, doc in enumerate(docs, start=1):
        if is_manifest(doc) and doc.get("kind") == "PrometheusRule":
            groups = (doc.get("spec") or {}).get("groups")
        elif is_rule_file(doc) and not is_manifest(doc):
            groups = doc["groups"]
        else:
            continue
        found.append((f"document {number}: " if len(docs) > 1 else "", groups))
    return found


def check_many(blocks: list[Block]) -> list[str]:
    """Problems of many blocks, with one promtool run for all of them."""
    sets = [(block, label, groups) for block in blocks for label, groups in _groups_of(block)]
    if promtool():
        results = _promtool_many([groups for _, _, groups in sets])
    else:
        results = [check_expression(block.text) if block.language == "promql" else check_groups(groups)
                   for block, _, groups in sets]
    problems: list[str] = []
    for (block, label, _), found in zip(sets, results, strict=False):
        for problem in found:
            # A promql block was wrapped in a one-rule group: the group is ours, not the author's.
            problem = problem.replace(EXPRESSION_PREFIX, "") if block.language == "promql" else problem
            problems.append(f"{block.where}: {label}{problem}")
    return problems


def check(block: Block) -> list[str]:
    return check_many([block])
