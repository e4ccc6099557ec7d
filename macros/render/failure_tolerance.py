"""The Raft failure-tolerance tables."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import badge
from ..loading import Handbook
from ..models.failure_tolerance import FailureTolerance
from ..sources import source_links
from . import Context, cell, table
from .blocks import Fragment, Row, Source, fragment


def render_voters(data: FailureTolerance, highlight: int | None = None) -> Fragment:
    rows = []
    for row in data.voters:
        mark = (("class", "voh-row--recommended"),) if row.servers == highlight else ()
        strong = "**" if row.servers == highlight else ""
        rows.append(Row(str(row.servers), (
            cell("servers", f"{strong}{row.servers}{strong}"),
            cell("quorum", str(row.quorum)),
            cell("failure_tolerance", str(row.failure_tolerance)),
        ), id=f"voters-{row.servers}", attrs=mark))
    caption = Source(fragment(f"Source: {source_links(data.source)}"))
    table_ = table("failure_tolerance", ["Voting servers", "Quorum", "Failures tolerated"], rows)
    return fragment(table_, "\n", caption, "\n")


def render_zones(data: FailureTolerance) -> Fragment:
    rows = []
    for row in data.redundancy_zones:
        row_id = f"{row.zones}x{row.servers_per_zone}"
        rows.append(Row(row_id, (
            cell("zones", str(row.zones)),
            cell("servers_per_zone", str(row.servers_per_zone)),
            cell("quorum", str(row.quorum)),
            cell("failure_tolerance", str(row.failure_tolerance)),
            cell("optimistic_failure_tolerance", str(row.optimistic_failure_tolerance)),
        ), id=f"zones-{row_id}"))
    headers = ["Redundancy zones", "Servers per zone", "Quorum", "Failures tolerated", "Optimistic failures tolerated"]
    caption = Source(fragment(badge(edition="enterprise"), f" Source: {source_links(data.source)}"))
    return fragment(table("redundancy_zones", headers, rows), "\n", caption, "\n")


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment]]:
    def failure_tolerance_table(highlight: int | None = 5) -> Fragment:
        return render_voters(handbook.failure_tolerance, highlight)

    def redundancy_zone_table() -> Fragment:
        return render_zones(handbook.failure_tolerance)

    return {"failure_tolerance_table": failure_tolerance_table, "redundancy_zone_table": redundancy_zone_table}
