"""data/key_metrics.yaml: the Vault metrics worth watching, with both of their names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem

Area = Literal["availability", "raft", "requests", "resources", "audit", "leases", "replication", "snapshots"]
AREAS: tuple[str, ...] = Area.__args__  # type: ignore[attr-defined]


class Metric(Strict):
    id: KebabId
    area: Area
    vault: Annotated[str, StringConstraints(pattern=r"^vault\.[\w.-]+$")]
    prometheus: Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    type: Literal["gauge", "counter", "summary", "timer"]
    unit: NonEmpty
    enterprise_only: bool
    tells: NonEmpty
    source: Sources


class KeyMetrics(Strict):
    source_key_metrics: Sources
    metrics: list[Metric] = Field(min_length=1)


def prometheus_name(vault_name: str) -> str:
    """Vault's Prometheus sink turns every character outside [A-Za-z0-9_] into '_'."""
    return re.sub(r"[^A-Za-z0-9_]", "_", vault_name)


def problems(file: str, data: KeyMetrics, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "metrics", (m.id for m in data.metrics))
    found += duplicate_ids(file, "metrics", (m.vault for m in data.metrics))
    for index, metric in enumerate(data.metrics):
        expected = prometheus_name(metric.vault)
        if metric.prometheus != expected:
            found.append(problem(file, ["metrics", index, "prometheus"], f"{metric.vault} is exported as {expected}"))
    return found
