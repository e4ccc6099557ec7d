"""Chart values: every rule on its line, the good values clean, and one key check for the linter
and the examples checker."""

from __future__ import annotations

from macros.lint.values import key_problems, lint
from macros.lint.yaml_lines import load_documents

from .expectations import BAD, GOOD, expected, lint_tree, reported


def test_bad_values_report_each_rule_on_its_line() -> None:
    report = lint_tree(BAD)
    files = {str(p) for p in BAD.glob("values*.yaml")}
    assert {r for r in reported(report) if r[0] in files} == {e for e in expected(BAD) if e[0] in files}


def test_the_handbooks_production_values_are_clean() -> None:
    report = lint_tree(GOOD, "chart")
    assert report.findings == [] and report.problems == []


def test_embedded_hcl_lines_count_from_the_values_file() -> None:
    text = "server:\n  ha:\n    raft:\n      config: |\n        ui = true\n        storage \"raft\" {\n          path = \"/d\"\n          bogus = 1\n        }\n"
    hits, unreadable = lint(load_documents(text)[0])
    assert unreadable == []
    assert [(h.rule, h.line) for h in hits if h.rule == "hcl-unknown-key"] == [("hcl-unknown-key", 8)]


def test_embedded_hcl_that_does_not_parse_is_reported_with_its_line() -> None:
    text = "server:\n  standalone:\n    config: |\n      ui = true\n      listener \"tcp\" {\n        address =\n      }\n"
    _, unreadable = lint(load_documents(text)[0])
    assert len(unreadable) == 1 and unreadable[0][0] == 6 and "HCL does not parse" in unreadable[0][1]


def test_the_examples_checker_uses_the_same_key_rules() -> None:
    import examples.helm  # tests/ is on the path (pyproject pythonpath)

    values = {"server": {"ha": {"raftt": {}}}}
    assert key_problems(values) == examples.helm.check_values(values)
    assert key_problems(values) == ["server.ha.raftt: not a key of the vault chart 0.34.1 (did you mean server.ha.raft?)"]


def test_external_vault_values_are_not_held_to_server_rules() -> None:
    hits, _ = lint(load_documents("global:\n  externalVaultAddr: https://vault.example.com\nserver:\n  ha:\n    enabled: true\n")[0])
    assert hits == []
