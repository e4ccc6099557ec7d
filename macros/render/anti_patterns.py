"""Operational anti-patterns: one section each, with why it hurts, how to detect it, and what to do."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import badge, expand_badges
from ..loading import Handbook
from ..models.anti_patterns import AntiPattern, AntiPatterns
from ..sources import source_links
from . import Context
from .blocks import Div, Fragment, fragment, joined

DETECT_BY = {
    "metric": "Metric",
    "audit-log": "Audit log",
    "command": "Command",
    "configuration": "Configuration review",
}


def section(item: AntiPattern, number: int) -> Fragment:
    mark = (" ", badge(edition="enterprise")) if item.enterprise_only else ()
    detect = Div((("data-field", "detect"),), fragment(
        f"\n\n**Detect it ({DETECT_BY[item.detect_by]}).**", mark, f" {item.detect}\n\n"))
    body = fragment(
        f"\n\n**Why it hurts.** {item.why_it_hurts}\n\n", detect, "\n\n"
        f"**Do this instead.** {item.instead}\n\n"
        f"**Source:** {source_links(item.source)}\n\n")
    return expand_badges(fragment(
        f"### {number}. {item.name} {{ #{item.id} }}\n\n",
        Div((("class", "voh-anti-pattern"), ("data-id", item.id)), body), "\n"))


def render(data: AntiPatterns) -> Fragment:
    return joined("\n", (section(item, n) for n, item in enumerate(data.anti_patterns, 1)))


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment]]:
    def anti_patterns() -> Fragment:
        return render(handbook.anti_patterns)

    return {"anti_patterns": anti_patterns}
