"""The rule table of "Check your configuration": one row per rule, each linking its section."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.lint.rules import rules
from macros.loading import DATA_DIR, parse, read_yaml
from macros.models.lint_rules import LintRules
from macros.render.blocks import html
from macros.render.lint_rules import render

PAGE = "operations/check-your-configuration.md"
DATA = parse(LintRules, read_yaml(DATA_DIR / "lint_rules.yaml", "data/lint_rules.yaml"), "data/lint_rules.yaml")


def test_one_row_per_rule_with_a_relative_section_link() -> None:
    soup = BeautifulSoup(html(render(DATA, PAGE)), "lxml")
    rows = soup.select("tr[data-id]")
    assert [r["data-id"] for r in rows] == list(rules())
    by_id = {r["data-id"]: r for r in rows}
    assert "(../kubernetes/agent-injector.md#example-job)" in by_id["injector-job-sidecar"].decode()
    assert "(monitoring.md#telemetry)" in by_id["hcl-telemetry-hostname"].decode()


def test_a_kind_filter_that_matches_nothing_fails() -> None:
    assert 'data-id="values-dev-mode"' in html(render(DATA, PAGE, "values"))
    assert 'data-id="values-dev-mode"' not in html(render(DATA, PAGE, "hcl"))
    with pytest.raises(ValueError, match="no rule of kind"):
        render(DATA, PAGE, "helm")
