"""data/autopilot.yaml: Autopilot features by edition, and its parameters with defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from . import KebabId, NonEmpty, Sources, Strict, Version, duplicate_ids, problem

Edition = Literal["all", "enterprise"]


class Feature(Strict):
    id: KebabId
    name: NonEmpty
    edition: Edition
    since: Version
    source: Sources


class Parameter(Strict):
    id: KebabId
    key: NonEmpty
    flag: NonEmpty
    default: NonEmpty
    edition: Edition
    meaning: NonEmpty
    source: Sources


class Autopilot(Strict):
    features: list[Feature] = Field(min_length=1)
    parameters: list[Parameter] = Field(min_length=1)


def problems(file: str, data: Autopilot, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "features", (f.id for f in data.features))
    found += duplicate_ids(file, "parameters", (p.id for p in data.parameters))
    for index, parameter in enumerate(data.parameters):
        # The CLI flag is the API key with dashes: a mismatch means one of them is mistyped.
        expected = "-" + parameter.key.replace("_", "-")
        if parameter.flag != expected:
            found.append(problem(
                file, ["parameters", index, "flag"], f"expected {expected!r} for key {parameter.key!r}"
            ))
    return found
