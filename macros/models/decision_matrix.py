"""data/decision_matrix.yaml: VSO vs CSI provider vs Agent Injector."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem

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




def problems(file: str, matrix: DecisionMatrix, docs_dir: Path) -> list[str]:
    problems = duplicate_ids(file, "criteria", (c.id for c in matrix.criteria))
    option_ids = [o.id for o in matrix.options]
    problems += duplicate_ids(file, "options", option_ids)
    for index, criterion in enumerate(matrix.criteria):
        missing = [o for o in option_ids if o not in criterion.cells]
        if missing:
            problems.append(problem(file, ["criteria", index, "cells"], f"no cell for {', '.join(missing)}"))
    return problems
