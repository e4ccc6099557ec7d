"""data/lint_rules.yaml: the rules of `vault-handbook lint` (macros/lint/).

Every rule says what it checks, why (in the handbook's words), the pinned handbook section that
explains it and the upstream source the reason rests on. A rule without a section or a source
does not load, and a section that is not a pinned heading id on an existing page fails the
build, so every finding the linter prints links to a page that explains it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..anchors import pinned_anchors
from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem

Severity = Literal["error", "warning"]
Kind = Literal["values", "hcl", "manifest"]
# `operations/reference-architecture.md#kubernetes-settings`: a page under docs/ and its pinned id.
Section = Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md#[\w-]+$")]


class LintRule(Strict):
    id: KebabId
    severity: Severity
    kind: Kind
    checks: NonEmpty  # what the rule looks at, one sentence
    why: NonEmpty  # what goes wrong, in the words of the section it links to
    section: Section
    source: Sources

    @property
    def page(self) -> str:
        return self.section.partition("#")[0]

    @property
    def anchor(self) -> str:
        return self.section.partition("#")[2]


class LintRules(Strict):
    rules: list[LintRule] = Field(min_length=1)


def problems(file: str, data: LintRules, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "rules", (r.id for r in data.rules))
    for index, rule in enumerate(data.rules):
        page = docs_dir / rule.page
        loc: list[str | int] = ["rules", index, "section"]
        if not page.is_file():
            found.append(problem(file, loc, f"no page docs/{rule.page}"))
        elif rule.anchor not in pinned_anchors(page):
            found.append(problem(file, loc, f"docs/{rule.page} has no pinned heading id #{rule.anchor}"))
    return found
