"""Server HCL: lines of blocks and keys, each rule on its line, syntax errors with their line."""

from __future__ import annotations

import pytest

from macros.lint.hcl import HclLines, HclSyntaxError, check_text, lint_text

from .expectations import BAD, GOOD, expected, lint_tree, reported


def test_lines_of_blocks_and_keys() -> None:
    text = 'ui = true\n# listener "x" {\nlistener "tcp" {\n  address = "https://a:1" # {\n}\nstorage "raft" {\n  retry_join {\n    a = 1\n  }\n  retry_join {\n    b = 2\n  }\n}\n'
    lines = HclLines(text)
    assert lines.line(("listener#0", "address")) == 4
    assert lines.line(("storage#0", "retry_join#1", "b")) == 11
    assert lines.line(("storage#0", "retry_join#1", "missing")) == 10
    assert lines.line(()) == 1


def test_bad_hcl_reports_each_rule_on_its_line() -> None:
    report = lint_tree(BAD)
    files = {str(p) for p in BAD.glob("*.hcl")}
    assert {r for r in reported(report) if r[0] in files} == {e for e in expected(BAD) if e[0] in files}


def test_good_hcl_is_clean() -> None:
    for path in GOOD.glob("*.hcl"):
        assert lint_text(path.read_text(encoding="utf-8")) == [], path


def test_a_syntax_error_names_its_line() -> None:
    with pytest.raises(HclSyntaxError) as caught:
        lint_text('ui = true\nlistener "tcp" {\n  address =\n}\n')
    assert caught.value.line == 3
    assert str(caught.value).startswith("HCL does not parse: line 3")


def test_the_chart_sets_the_addresses() -> None:
    text = 'storage "raft" {\n  path = "/d"\n  retry_join {\n    auto_join = "provider=k8s"\n  }\n}\n'
    assert {h.rule for h in lint_text(text)} == {"hcl-missing-api-addr", "hcl-missing-cluster-addr"}
    assert lint_text(text, in_chart=True) == []


def test_examples_checker_messages_are_unchanged() -> None:
    assert check_text('storage "raft" {\n  snapshot_treshold = 1\n}\n') == [
        "storage \"raft\": unknown key 'snapshot_treshold' (not a Vault configuration key)"]
