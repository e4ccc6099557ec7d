"""Pydantic models: the shape of every file in data/, one module per file.

Each model forbids unknown keys, so a typo in a data file fails the build instead of being
silently ignored. Rules across rows (duplicate ids, threshold ordering, runbook targets) sit
beside each model as a `problems()` function, because they need the key path of the
offending row to report it.

This module holds the field types every data file shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as StrictType

from ..errors import format_loc

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




def problem(file: str, loc: Sequence[str | int], what: str) -> str:
    return f"{file}: {format_loc(loc)}: {what}"


def duplicate_ids(file: str, key: str, ids: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    problems = []
    for index, row_id in enumerate(ids):
        if row_id in seen:
            problems.append(problem(
                file, [key, index, "id"], f"duplicate id {row_id!r} (first used at {key}[{seen[row_id]}])"
            ))
        else:
            seen[row_id] = index
    return problems
