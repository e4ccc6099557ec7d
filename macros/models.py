"""Pydantic models: the shape of every file in data/.

Each model forbids unknown keys, so a typo in a data file fails the build instead of being
silently ignored. Cross-row rules that need the key path of the offending row (duplicate
ids, threshold ordering, runbook targets) live in `validation.py`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as StrictType

KebabId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
Duration = Annotated[str, StringConstraints(pattern=r"^(\d+(ms|s|m|h|d|w|y))+$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Strict numbers: a threshold written as "high" or "500" must fail, not be coerced.
Number = Annotated[float, StrictType()]

# A source is a vendor docs URL or `owner/repo@ref:path`; anything else is not checkable.
_SOURCE = re.compile(r"^(https://\S+|[\w.-]+/[\w.-]+@[\w.\-/]+:\S+)$")


def _as_source_list(value: object) -> object:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str) and not _SOURCE.match(item.strip()):
                raise ValueError(
                    f"{item!r} is not a source: use a https:// URL or owner/repo@ref:path"
                )
    return value


Sources = Annotated[list[NonEmpty], BeforeValidator(_as_source_list), Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- decision_matrix.yaml -----------------------------------------------------------------

OptionId = Literal["vso", "csi", "injector"]


class Option(Strict):
    id: OptionId
    name: NonEmpty


class Cell(Strict):
    verdict: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    note: NonEmpty


class Criterion(Strict):
    id: KebabId
    criterion: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    cells: dict[OptionId, Cell]
    source: Sources


class DecisionMatrix(Strict):
    options: list[Option] = Field(min_length=3, max_length=3)
    criteria: list[Criterion] = Field(min_length=10)


# --- alert_thresholds.yaml ----------------------------------------------------------------

Comparison = Literal[">", ">=", "<", "<=", "=="]
Unit = Literal["ms", "seconds", "ratio", "percent", "count", "boolean", "bytes", "per_second"]


class MetricName(Strict):
    vault: NonEmpty
    prometheus: Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]


class RunbookLink(Strict):
    page: Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")]
    anchor: Annotated[str, StringConstraints(pattern=r"^[\w-]+$")]


class Alert(Strict):
    id: KebabId
    alert: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]+$")]
    summary: NonEmpty
    description: NonEmpty
    metric: MetricName
    query: NonEmpty
    comparison: Comparison
    unit: Unit
    warning: Number | None = None
    critical: Number | None = None
    for_: Duration = Field(alias="for")
    enterprise_only: bool = False
    storage: Literal["raft"] | None = None
    runbook: RunbookLink
    source: Sources | None = None
    rationale: NonEmpty | None = None
    metric_source: Sources

    @property
    def severity(self) -> Literal["critical", "warning"]:
        """The highest level this alert can reach."""
        return "critical" if self.critical is not None else "warning"

    def levels(self) -> list[tuple[Literal["warning", "critical"], float]]:
        """The (severity, threshold) pairs the alert fires at, warning first."""
        pairs: list[tuple[Literal["warning", "critical"], float]] = []
        if self.warning is not None:
            pairs.append(("warning", self.warning))
        if self.critical is not None:
            pairs.append(("critical", self.critical))
        return pairs


class AlertThresholds(Strict):
    alerts: list[Alert] = Field(min_length=1)


# --- privileged_endpoints.yaml ------------------------------------------------------------

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


class PrivilegedEndpoints(Strict):
    endpoints: list[Endpoint] = Field(min_length=1)
