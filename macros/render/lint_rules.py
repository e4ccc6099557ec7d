"""The rules of `vault-handbook lint`, as one table: id, severity, what each checks, why, the
section that explains it and the source."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..loading import Handbook
from ..models.lint_rules import LintRule, LintRules
from ..sources import source_links
from . import Context, cell, relative_link, table
from .blocks import Row, Table

KIND_TITLES = {"values": "Chart values", "hcl": "Server HCL", "manifest": "Manifests"}
HEADERS = ("Rule", "Severity", "Checks", "Why", "Explained in", "Source")


def row(rule: LintRule, from_page: str) -> Row:
    link = f"{relative_link(from_page, rule.page)}#{rule.anchor}"
    return Row(rule.id, (
        cell("id", f"`{rule.id}`"),
        cell("severity", rule.severity),
        cell("checks", rule.checks),
        cell("why", rule.why, search=False),
        cell("section", f"[{escape(rule.page.removesuffix('.md'))}#{rule.anchor}]({link})"),
        cell("source", source_links(rule.source)),
    ), id=f"rule-{rule.id}")


def render(data: LintRules, from_page: str, kind: str | None = None) -> Table:
    rules = [r for r in data.rules if kind is None or r.kind == kind]
    if kind is not None and not rules:
        raise ValueError(f"lint_rules: no rule of kind {kind!r} ({', '.join(KIND_TITLES)})")
    return table("lint-rules", HEADERS, (row(r, from_page) for r in rules))


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table | str]]:
    def lint_rules(kind: str | None = None) -> Table:
        return render(handbook.lint_rules, context.page.src_uri, kind)

    def lint_rule_count() -> str:
        return str(len(handbook.lint_rules.rules))

    return {"lint_rules": lint_rules, "lint_rule_count": lint_rule_count}
