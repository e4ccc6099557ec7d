"""data/anti_patterns.yaml: operational anti-patterns, each with harm, detection and remedy."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids

DetectBy = Literal["metric", "audit-log", "command", "configuration"]


class AntiPattern(Strict):
    id: KebabId
    name: NonEmpty
    why_it_hurts: NonEmpty
    detect_by: DetectBy
    detect: NonEmpty  # Markdown: the query, audit filter or command that finds it
    instead: NonEmpty
    enterprise_only: bool = False
    source: Sources


class AntiPatterns(Strict):
    anti_patterns: list[AntiPattern] = Field(min_length=15)


def problems(file: str, data: AntiPatterns, docs_dir: Path) -> list[str]:
    return duplicate_ids(file, "anti_patterns", (a.id for a in data.anti_patterns))
