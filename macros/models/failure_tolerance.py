"""data/failure_tolerance.yaml: Raft quorum and failure tolerance, plain and with redundancy zones."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, PositiveInt

from . import Sources, Strict, problem


class VoterRow(Strict):
    servers: PositiveInt
    quorum: PositiveInt
    failure_tolerance: int = Field(ge=0)


class ZoneRow(Strict):
    zones: PositiveInt
    servers_per_zone: PositiveInt
    quorum: PositiveInt
    failure_tolerance: int = Field(ge=0)
    optimistic_failure_tolerance: int = Field(ge=0)


class FailureTolerance(Strict):
    source: Sources
    voters: list[VoterRow] = Field(min_length=1)
    redundancy_zones: list[ZoneRow] = Field(min_length=1)


def quorum(voters: int) -> int:
    """Raft's majority, ceil((N + 1) / 2), written without floats."""
    return voters // 2 + 1


def problems(file: str, data: FailureTolerance, docs_dir: Path) -> list[str]:
    # The vendor table is arithmetic; recomputing it catches a mistyped digit that a reader
    # sizing a cluster would otherwise trust.
    found: list[str] = []
    seen: set[int] = set()
    for index, row in enumerate(data.voters):
        loc: list[str | int] = ["voters", index]
        if row.servers in seen:
            found.append(problem(file, [*loc, "servers"], f"{row.servers} servers listed twice"))
        seen.add(row.servers)
        if row.quorum != quorum(row.servers):
            found.append(problem(
                file, [*loc, "quorum"], f"quorum of {row.servers} is {quorum(row.servers)}, not {row.quorum}"
            ))
        if row.failure_tolerance != row.servers - row.quorum:
            found.append(problem(file, [*loc, "failure_tolerance"],
                                 f"{row.servers} servers with quorum {row.quorum} tolerate {row.servers - row.quorum}"))
    for index, zone in enumerate(data.redundancy_zones):
        loc = ["redundancy_zones", index]
        # One voter per zone: quorum and tolerance follow from the zone count alone.
        if zone.quorum != quorum(zone.zones):
            found.append(problem(
                file, [*loc, "quorum"], f"{zone.zones} zones (one voter each) need quorum {quorum(zone.zones)}"
            ))
        if zone.failure_tolerance != zone.zones - zone.quorum:
            found.append(problem(file, [*loc, "failure_tolerance"], f"should be {zone.zones - zone.quorum}"))
        if zone.optimistic_failure_tolerance > zone.zones * zone.servers_per_zone - zone.quorum:
            found.append(problem(file, [*loc, "optimistic_failure_tolerance"], "larger than servers minus quorum"))
    return found
