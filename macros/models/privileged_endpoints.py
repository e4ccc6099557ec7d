"""data/privileged_endpoints.yaml: the sys/ paths to guard and watch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from . import KebabId, NonEmpty, Sources, Strict, Version, duplicate_ids

Area = Literal[
    "seal", "keys", "replication", "storage", "audit", "auth", "policy", "tokens",
    "plugins", "config", "leases", "monitoring", "namespaces",
]


class Endpoint(Strict):
    id: KebabId
    path: Annotated[str, StringConstraints(pattern=r"^[a-z][\w\-/*+<>{}.]*$")]
    area: Area
    why: NonEmpty
    sudo: bool
    root_namespace_only: bool
    enterprise_only: bool
    since: Version | None = None
    requires_token_since: Version | None = None
    alert_on: NonEmpty
    source: Sources


class SudoCheck(Strict):
    """Where tools/check_sudo_paths.py last found the sudo column matching Vault's code."""

    source: NonEmpty
    date: NonEmpty
    rows_checked: int = Field(ge=1)
    tool: NonEmpty


class PrivilegedEndpoints(Strict):
    sudo_checked_against: SudoCheck | None = None
    endpoints: list[Endpoint] = Field(min_length=1)


def problems(file: str, data: PrivilegedEndpoints, docs_dir: Path) -> list[str]:
    problems = duplicate_ids(file, "endpoints", (e.id for e in data.endpoints))
    return problems
