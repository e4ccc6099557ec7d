"""data/k8s_helm_values.yaml: the Helm values of the three integrations that matter in production."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from . import KebabId, NonEmpty, Sources, Strict, Version, duplicate_ids, problem

HelmKey = Annotated[str, StringConstraints(pattern=r"^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$")]
Chart = Literal["vault", "vault-secrets-operator"]


class HelmValue(Strict):
    id: KebabId
    chart: Chart
    key: HelmKey
    default: NonEmpty
    values: list[NonEmpty] | None = None
    replaces: HelmKey | None = None
    since: Version | None = None
    enterprise_only: bool = False
    meaning: NonEmpty
    source: Sources


class K8sHelmValues(Strict):
    values: list[HelmValue] = Field(min_length=1)


def problems(file: str, data: K8sHelmValues, docs_dir: Path) -> list[str]:
    problems = duplicate_ids(file, "values", (v.id for v in data.values))
    problems += duplicate_ids(file, "values", (f"{v.chart}:{v.key}" for v in data.values))
    for index, value in enumerate(data.values):
        if value.replaces == value.key:
            problems.append(problem(file, ["values", index, "replaces"], "a key cannot replace itself"))
    return problems
