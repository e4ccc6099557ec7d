"""data/health_codes.yaml: /v1/sys/health status codes and `vault status` exit codes."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from . import NonEmpty, Sources, Strict, Version, duplicate_ids


class HealthCode(Strict):
    code: int = Field(ge=100, le=599)
    state: NonEmpty  # what the node is when it answers with this code by default
    parameter: NonEmpty | None = None  # query parameter that replaces the code
    what_to_do: NonEmpty
    since: Version | None = None
    source: Sources


class ExitCode(Strict):
    code: int = Field(ge=0, le=255)
    meaning: NonEmpty
    source: Sources


class HealthParameter(Strict):
    name: NonEmpty
    default: NonEmpty
    effect: NonEmpty
    source: Sources


class HealthCodes(Strict):
    health_codes: list[HealthCode] = Field(min_length=1)
    flag_parameters: list[HealthParameter] = Field(min_length=1)
    status_exit_codes: list[ExitCode] = Field(min_length=1)


def problems(file: str, data: HealthCodes, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "health_codes", (str(c.code) for c in data.health_codes))
    found += duplicate_ids(file, "status_exit_codes", (str(c.code) for c in data.status_exit_codes))
    found += duplicate_ids(file, "flag_parameters", (p.name for p in data.flag_parameters))
    return found
