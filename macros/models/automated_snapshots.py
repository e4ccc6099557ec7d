"""data/automated_snapshots.yaml: every parameter of an automated snapshot configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem

StorageType = Literal["all", "local", "aws-s3", "google-gcs", "azure-blob"]
PREFIX = {"aws-s3": ("aws_",), "google-gcs": ("google_",), "azure-blob": ("azure_",), "local": ("local_",)}


class Parameter(Strict):
    id: KebabId
    key: NonEmpty
    storage_type: StorageType
    type: NonEmpty
    required: bool
    default: NonEmpty | None
    meaning: NonEmpty
    source: Sources


class AutomatedSnapshots(Strict):
    source: Sources
    parameters: list[Parameter] = Field(min_length=1)


def problems(file: str, data: AutomatedSnapshots, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "parameters", (p.id for p in data.parameters))
    for index, parameter in enumerate(data.parameters):
        loc: list[str | int] = ["parameters", index]
        if parameter.required and parameter.default is not None:
            found.append(problem(file, [*loc, "default"], "a required parameter has no default"))
        # Vault prefixes storage-specific keys with their storage type; a key filed under the
        # wrong type would be shown in the wrong table.
        prefixes = PREFIX.get(parameter.storage_type)
        if prefixes and not parameter.key.startswith(prefixes):
            found.append(problem(
                file, [*loc, "storage_type"], f"{parameter.key!r} does not belong to {parameter.storage_type}"
            ))
    return found
