"""The troubleshooting data files reject the mistakes that would mislead a reader under stress:
a tree that loops or strands a question, a link to a heading that does not exist (the failure
catalogue's own rules are in tests/test_failures.py)."""

from __future__ import annotations

import copy

import pytest
import yaml

from macros.errors import DataError
from macros.loading import DATA_DIR, DOCS_DIR, parse
from macros.models import decision_trees


def raw(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def tree_problems(data: dict) -> list[str]:
    model = parse(decision_trees.DecisionTrees, data, "data/decision_trees.yaml")
    return decision_trees.problems("data/decision_trees.yaml", model, DOCS_DIR)


def test_shipped_trees_have_no_problems() -> None:
    assert tree_problems(raw("decision_trees")) == []


def test_a_goto_to_a_missing_question_is_reported() -> None:
    data = copy.deepcopy(raw("decision_trees"))
    answer = next(a for a in data["trees"][0]["questions"][0]["answers"] if "goto" in a)
    answer["goto"] = "no-such-question"
    assert any("no question 'no-such-question'" in p for p in tree_problems(data))


def test_a_loop_and_an_unreachable_question_are_reported() -> None:
    data = copy.deepcopy(raw("decision_trees"))
    tree = data["trees"][0]
    first = tree["questions"][0]["id"]
    # Point every answer of the last question back at the first: a loop.
    tree["questions"][-1]["answers"] = [{"label": "again", "goto": first}, {"label": "still", "goto": first}]
    tree["questions"].append({"id": "orphan", "question": "Never asked?",
                              "answers": [{"label": "yes", "outcome": "x"}, {"label": "no", "outcome": "y"}]})
    found = tree_problems(data)
    assert any("form a loop" in p for p in found)
    assert any("never reached" in p and "orphan" in p for p in found)


def test_a_link_to_an_unpinned_anchor_is_reported() -> None:
    data = copy.deepcopy(raw("decision_trees"))
    answer = next(a for a in data["trees"][0]["questions"][0]["answers"] if "outcome" in a)
    answer["link"] = "troubleshooting/first-five-minutes.md#no-such-heading"
    assert any("no pinned heading id #no-such-heading" in p for p in tree_problems(data))


def test_diagram_labels_refuse_characters_mermaid_would_misread() -> None:
    data = copy.deepcopy(raw("decision_trees"))
    data["trees"][0]["questions"][0]["question"] = 'Is it "sealed"?'
    with pytest.raises(DataError):
        tree_problems(data)


