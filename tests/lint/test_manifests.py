"""Manifests: VSO and SecretProviderClass rules, injector annotations, each on its line."""

from __future__ import annotations

import pytest

from macros.lint.manifests import VALUE_FORMS, annotation_type
from macros.lint.rules import injector_annotations

from .expectations import BAD, GOOD, expected, lint_tree, reported


def test_bad_manifests_report_each_rule_on_its_line() -> None:
    report = lint_tree(BAD, "manifests")
    assert reported(report) == expected(BAD / "manifests")


def test_good_manifests_are_clean() -> None:
    report = lint_tree(GOOD, "manifests")
    assert report.findings == [] and report.problems == []


@pytest.mark.parametrize(("name", "value_type"), [
    ("vault.hashicorp.com/agent-inject", "bool"),
    ("vault.hashicorp.com/agent-inject-secret-db", "string"),
    ("vault.hashicorp.com/agent-inject-template-file-db", "string"),
    ("vault.hashicorp.com/error-on-missing-key-db", "bool"),
    ("vault.hashicorp.com/auth-min-backoff", "duration"),
    ("vault.hashicorp.com/agent-revoke-grace", "uint"),
    ("vault.hashicorp.com/agent-inject-secrets-db", None),
    ("vault.hashicorp.com/agent-inject-secret-", None),
])
def test_annotation_names_and_types_come_from_the_data(name: str, value_type: str | None) -> None:
    assert annotation_type(name) == value_type


def test_every_typed_annotation_has_a_check() -> None:
    types = {row.value_type for row in injector_annotations().annotations}
    assert types - {"string"} <= set(VALUE_FORMS)


@pytest.mark.parametrize(("value_type", "value", "ok"), [
    ("bool", "true", True), ("bool", "T", True), ("bool", "yes", False),
    ("duration", "1m30s", True), ("duration", "0", True), ("duration", "5", False),
    ("uint", "5", True), ("uint", "-1", False), ("float", "0.75", True), ("int", "x", False),
])
def test_value_forms_follow_the_go_parsers(value_type: str, value: str, ok: bool) -> None:
    assert VALUE_FORMS[value_type][1](value) is ok
