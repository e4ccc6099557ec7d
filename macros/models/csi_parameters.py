"""data/csi_parameters.yaml: what the Vault CSI provider reads from a SecretProviderClass."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from . import KebabId, NonEmpty, Sources, Strict, Version, duplicate_ids, problem

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][A-Za-z]+$")]


class Setting(Strict):
    id: KebabId
    key: Key
    required: bool
    default: NonEmpty | None = None
    values: list[NonEmpty] | None = None
    meaning: NonEmpty
    enterprise_only: bool = False
    insecure: bool = False
    since: Version
    source: Sources


class CsiParameters(Strict):
    parameters: list[Setting] = Field(min_length=1)
    objects: list[Setting] = Field(min_length=1)


def problems(file: str, data: CsiParameters, docs_dir: Path) -> list[str]:
    problems: list[str] = []
    for key in ("parameters", "objects"):
        rows = getattr(data, key)
        problems += duplicate_ids(file, key, (r.id for r in rows))
        problems += duplicate_ids(file, key, (r.key for r in rows))
        for index, row in enumerate(rows):
            # A required key has no default: saying both would mislead the reader.
            if row.required and row.default is not None:
                problems.append(problem(file, [key, index, "default"], "a required key has no default"))
    return problems
