"""Operational anti-patterns: one section each, with why it hurts, how to detect it, and what to do."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import badge, expand_badges
from ..loading import Handbook
from ..models.anti_patterns import AntiPattern, AntiPatterns
from ..sources import source_links
from . import Context

DETECT_BY = {
    "metric": "Metric",
    "audit-log": "Audit log",
    "command": "Command",
    "configuration": "Configuration review",
}


def section(item: AntiPattern, number: int) -> str:
    mark = f" {badge(edition='enterprise')}" if item.enterprise_only else ""
    return expand_badges(
        f"### {number}. {item.name} {{ #{item.id} }}\n\n"
        f'<div class="voh-anti-pattern" data-id="{item.id}" markdown>\n\n'
        f"**Why it hurts.** {item.why_it_hurts}\n\n"
        f'<div data-field="detect" markdown>\n\n**Detect it ({DETECT_BY[item.detect_by]}).**{mark} '
        f"{item.detect}\n\n</div>\n\n"
        f"**Do this instead.** {item.instead}\n\n"
        f"**Source:** {source_links(item.source)}\n\n"
        f"</div>\n"
    )


def render(data: AntiPatterns) -> str:
    return "\n".join(section(item, n) for n, item in enumerate(data.anti_patterns, 1))


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., str]]:
    def anti_patterns() -> str:
        return render(handbook["anti_patterns"])

    return {"anti_patterns": anti_patterns}
