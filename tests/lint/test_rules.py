"""data/lint_rules.yaml: every rule has a section that exists and a source; the build refuses one without."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.datasets import DATASETS
from macros.errors import DataError
from macros.lint.rules import page_url, rule_url, rules
from macros.loading import DATA_DIR, DOCS_DIR, parse
from macros.models.lint_rules import LintRules, problems

RAW = yaml.safe_load((DATA_DIR / "lint_rules.yaml").read_text(encoding="utf-8"))


def _one(**changes: object) -> dict[str, object]:
    rule = dict(RAW["rules"][0], **changes)
    return {"rules": [{k: v for k, v in rule.items() if v is not None}]}


def test_the_dataset_is_registered_like_the_others() -> None:
    assert DATASETS["lint_rules"].model is LintRules


def test_every_rule_links_to_a_pinned_section_that_exists() -> None:
    known = rules()
    assert len(known) >= 30
    for rule in known.values():
        assert (DOCS_DIR / rule.page).is_file(), rule.id


@pytest.mark.parametrize("missing", ["section", "source"])
def test_a_rule_without_section_or_source_does_not_load(missing: str) -> None:
    with pytest.raises(DataError) as caught:
        parse(LintRules, _one(**{missing: None}), "data/lint_rules.yaml")
    assert f"rules[0].{missing}: required field is missing" in str(caught.value)


def test_a_section_that_is_not_a_pinned_heading_fails(tmp_path: Path) -> None:
    data = parse(LintRules, _one(section="operations/monitoring.md#no-such-heading"), "data/lint_rules.yaml")
    assert problems("data/lint_rules.yaml", data, DOCS_DIR) == [
        "data/lint_rules.yaml: rules[0].section: docs/operations/monitoring.md has no pinned heading id #no-such-heading"]
    data = parse(LintRules, _one(section="operations/nowhere.md#x"), "data/lint_rules.yaml")
    assert problems("data/lint_rules.yaml", data, DOCS_DIR) == [
        "data/lint_rules.yaml: rules[0].section: no page docs/operations/nowhere.md"]


def test_a_source_must_be_checkable() -> None:
    with pytest.raises(DataError, match="is not a source"):
        parse(LintRules, _one(source="the docs"), "data/lint_rules.yaml")


def test_rule_links_use_the_sites_directory_urls() -> None:
    assert page_url("operations/monitoring.md") == "operations/monitoring/"
    assert page_url("kubernetes/index.md") == "kubernetes/"
    rule = rules()["hcl-telemetry-hostname"]
    assert rule_url(rule, "https://h.example/") == "https://h.example/operations/monitoring/#telemetry"
