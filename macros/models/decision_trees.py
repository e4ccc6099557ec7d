"""data/decision_trees.yaml: troubleshooting trees, drawn as diagrams and printed as numbered text
from the same definition."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from ..anchors import pinned_anchors
from . import KebabId, NonEmpty, Strict, duplicate_ids, problem

# Diagram labels are plain text: Mermaid would misread Markdown or quotes in them.
PlainLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=90,
                                              pattern=r'^[^"`<>{}\[\]|#;]+$')]
# `page.md#anchor` under docs/, `tree:<id>` for another tree on the decision-trees page, or
# `failure:<id>` for an entry of the failure catalogue (checked against data/failures/ by the
# loader, which holds the rules across files).
Target = Annotated[str, StringConstraints(pattern=r"^(tree:[a-z0-9-]+|failure:[a-z0-9-]+|[\w./-]+\.md#[\w-]+)$")]


class Answer(Strict):
    label: PlainLabel  # edge label: "yes", "no", "VSO"
    goto: KebabId | None = None  # next question in the same tree
    outcome: PlainLabel | None = None  # a leaf: what to do
    link: Target | None = None  # where the leaf's fix is explained

    @model_validator(mode="after")
    def _one_kind(self) -> Answer:
        if (self.goto is None) == (self.outcome is None):
            raise ValueError("an answer needs exactly one of `goto` or `outcome`")
        if self.goto is not None and self.link is not None:
            raise ValueError("`link` belongs to an outcome, not to a `goto`")
        return self


class Question(Strict):
    id: KebabId
    question: PlainLabel
    check: NonEmpty | None = None  # Markdown for the text version: how to answer it
    answers: list[Answer] = Field(min_length=2)


class Tree(Strict):
    id: KebabId
    title: NonEmpty
    questions: list[Question] = Field(min_length=1)  # the first one is where the tree starts


class DecisionTrees(Strict):
    trees: list[Tree] = Field(min_length=1)


def _reachable(tree: Tree) -> set[str]:
    by_id = {q.id: q for q in tree.questions}
    seen: set[str] = set()
    stack = [tree.questions[0].id]
    while stack:
        current = stack.pop()
        if current in seen or current not in by_id:
            continue
        seen.add(current)
        stack += [a.goto for a in by_id[current].answers if a.goto]
    return seen


def _has_cycle(tree: Tree) -> bool:
    by_id = {q.id: q for q in tree.questions}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str) -> bool:
        if state.get(node) == 1:
            return True
        if state.get(node) == 2 or node not in by_id:
            return False
        state[node] = 1
        if any(visit(a.goto) for a in by_id[node].answers if a.goto):
            return True
        state[node] = 2
        return False

    return any(visit(q.id) for q in tree.questions)


def problems(file: str, data: DecisionTrees, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "trees", (t.id for t in data.trees))
    tree_ids = {t.id for t in data.trees}
    for t_index, tree in enumerate(data.trees):
        tree_loc: list[str | int] = ["trees", t_index]
        found += duplicate_ids(file, f"trees[{t_index}].questions", (q.id for q in tree.questions))
        question_ids = {q.id for q in tree.questions}
        for q_index, question in enumerate(tree.questions):
            for a_index, answer in enumerate(question.answers):
                loc = [*tree_loc, "questions", q_index, "answers", a_index]
                if answer.goto is not None and answer.goto not in question_ids:
                    found.append(problem(file, [*loc, "goto"], f"no question {answer.goto!r} in tree {tree.id!r}"))
                if answer.link is None:
                    continue
                if answer.link.startswith("failure:"):
                    continue
                if answer.link.startswith("tree:"):
                    if answer.link.removeprefix("tree:") not in tree_ids:
                        found.append(problem(file, [*loc, "link"], f"no tree {answer.link!r}"))
                    continue
                page, anchor = answer.link.split("#", 1)
                if not (docs_dir / page).is_file():
                    found.append(problem(file, [*loc, "link"], f"no page docs/{page}"))
                elif anchor not in pinned_anchors(docs_dir / page):
                    found.append(problem(file, [*loc, "link"], f"docs/{page} has no pinned heading id #{anchor}"))
        unreachable = sorted(question_ids - _reachable(tree))
        if unreachable:
            found.append(problem(file, tree_loc, f"questions never reached from the first: {', '.join(unreachable)}"))
        if _has_cycle(tree):
            found.append(problem(file, tree_loc, "the questions form a loop; a tree must end in outcomes"))
    return found


def step_anchor(tree: Tree, question: Question) -> str:
    """The id of a question in the text version, stable while the tree and question ids are."""
    return f"{tree.id}-{question.id}"


def mermaid_id(tree: Tree, node: str) -> str:
    """Node ids prefixed by the tree, so that two diagrams on one page never share an id."""
    return re.sub(r"[^A-Za-z0-9_]", "_", f"t_{tree.id}__{node}")
