"""The Raft failure-tolerance tables."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import badge
from ..loading import Handbook
from ..models.failure_tolerance import FailureTolerance
from ..sources import source_links
from . import Context, cell, table


def render_voters(data: FailureTolerance, highlight: int | None = None) -> str:
    rows = []
    for row in data.voters:
        mark = ' class="voh-row--recommended"' if row.servers == highlight else ""
        strong = "**" if row.servers == highlight else ""
        rows.append(
            f'<tr id="voters-{row.servers}" data-id="{row.servers}"{mark} markdown>'
            + cell("servers", f"{strong}{row.servers}{strong}")
            + cell("quorum", str(row.quorum))
            + cell("failure_tolerance", str(row.failure_tolerance))
            + "</tr>"
        )
    caption = f'\n<p class="voh-source" markdown="span">Source: {source_links(data.source)}</p>\n'
    return table("failure_tolerance", ["Voting servers", "Quorum", "Failures tolerated"], rows) + caption


def render_zones(data: FailureTolerance) -> str:
    rows = []
    for row in data.redundancy_zones:
        row_id = f"{row.zones}x{row.servers_per_zone}"
        rows.append(
            f'<tr id="zones-{row_id}" data-id="{row_id}" markdown>'
            + cell("zones", str(row.zones))
            + cell("servers_per_zone", str(row.servers_per_zone))
            + cell("quorum", str(row.quorum))
            + cell("failure_tolerance", str(row.failure_tolerance))
            + cell("optimistic_failure_tolerance", str(row.optimistic_failure_tolerance))
            + "</tr>"
        )
    headers = ["Redundancy zones", "Servers per zone", "Quorum", "Failures tolerated", "Optimistic failures tolerated"]
    caption = (
        f'\n<p class="voh-source" markdown="span">{badge(edition="enterprise")} '
        f"Source: {source_links(data.source)}</p>\n"
    )
    return table("redundancy_zones", headers, rows) + caption


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., str]]:
    def failure_tolerance_table(highlight: int | None = 5) -> str:
        return render_voters(handbook["failure_tolerance"], highlight)

    def redundancy_zone_table() -> str:
        return render_zones(handbook["failure_tolerance"])

    return {"failure_tolerance_table": failure_tolerance_table, "redundancy_zone_table": redundancy_zone_table}
