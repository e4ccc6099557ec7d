"""The three output formats: text with file:line, JSON, and SARIF that validates against 2.1.0."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from macros.lint.findings import write_json, write_sarif, write_text
from macros.lint.rules import rules

from .expectations import BAD, UNREADABLE, lint_tree

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "sarif" / "sarif-2.1.0.json"


def test_text_names_file_line_rule_and_section() -> None:
    out = write_text(lint_tree(BAD, "vault.hcl"))
    assert f"{BAD / 'vault.hcl'}:17: error hcl-unknown-key: seal \"awskms\": unknown key 'regoin'" in out
    assert "    see https://handbook.test/operations/check-your-configuration/#unknown-keys" in out
    assert out.rstrip().endswith("1 file checked: 3 error(s), 3 warning(s), 0 skipped")


def test_json_has_every_finding_with_its_line() -> None:
    report = lint_tree(BAD)
    data = json.loads(write_json(report))
    assert len(data["findings"]) == len(report.findings) and data["errors"] == report.errors
    assert all(isinstance(f["line"], int) and f["line"] >= 1 and f["help_url"] for f in data["findings"])


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    report = lint_tree(BAD)
    report.problems += lint_tree(UNREADABLE).problems
    log = json.loads(write_sarif(report, rules(), "https://handbook.test/", "0.1.0"))
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert errors == [], [e.message for e in errors[:5]]
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == set(rules())
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is False  # unreadable inputs were reported


def test_the_schema_check_would_catch_a_broken_log() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"message": {}}]}]}
    assert list(jsonschema.Draft4Validator(schema).iter_errors(broken))
