"""data/sizing.yaml: hardware per Vault server, small and large."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PositiveInt, StringConstraints

from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem

# "2-4": a range as the vendor writes it; the model checks low <= high.
Range = Annotated[str, StringConstraints(pattern=r"^\d+(-\d+)?$")]


class Size(Strict):
    id: KebabId
    name: NonEmpty
    use: NonEmpty
    cpu_cores: Range
    memory_gb: Range
    disk_gb_min: PositiveInt
    disk_iops_min: PositiveInt
    disk_throughput_mb_s_min: PositiveInt
    aws_example: NonEmpty
    source: Sources


class Sizing(Strict):
    confidence: Literal["high", "medium", "low"]
    confidence_note: NonEmpty
    sizes: list[Size] = Field(min_length=2)


def _bounds(value: str) -> tuple[int, int]:
    low, _, high = value.partition("-")
    return int(low), int(high or low)


def problems(file: str, data: Sizing, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "sizes", (s.id for s in data.sizes))
    for index, size in enumerate(data.sizes):
        for field in ("cpu_cores", "memory_gb"):
            low, high = _bounds(getattr(size, field))
            if low > high:
                found.append(problem(file, ["sizes", index, field], f"range {low}-{high} runs backwards"))
    # Sizes are listed smallest first; a larger size with less of anything is a typo.
    for index in range(1, len(data.sizes)):
        smaller, larger = data.sizes[index - 1], data.sizes[index]
        for field in ("disk_gb_min", "disk_iops_min", "disk_throughput_mb_s_min"):
            if getattr(larger, field) < getattr(smaller, field):
                found.append(problem(file, ["sizes", index, field], f"smaller than in {smaller.id!r}"))
    return found
