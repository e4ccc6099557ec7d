"""data/injector_annotations.yaml: every pod annotation of the Agent Injector, and its settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from . import KebabId, NonEmpty, Sources, Strict, Version, duplicate_ids, problem

AnnotationName = Annotated[str, StringConstraints(pattern=r"^vault\.hashicorp\.com/[a-z0-9-]+(-<[a-z]+>)?$")]
EnvName = Annotated[str, StringConstraints(pattern=r"^AGENT_INJECT_[A-Z0-9_]+$")]


class Group(Strict):
    id: KebabId
    title: NonEmpty


# How the injector parses the value (agent-inject/agent/annotations.go, agent.go): parseutil.ParseBool,
# parseutil.ParseInt, strconv.ParseUint, strconv.ParseFloat, time.ParseDuration; a value that does
# not parse makes the injector refuse the pod. "string": passed on as it is.
ValueType = Literal["string", "bool", "int", "uint", "float", "duration"]


class Annotation(Strict):
    id: KebabId
    annotation: AnnotationName
    group: KebabId
    default: NonEmpty | None = None
    values: list[NonEmpty] | None = None
    meaning: NonEmpty
    since: Version
    enterprise_only: bool = False
    insecure: bool = False
    templated: bool
    value_type: ValueType = "string"
    source: Sources


class EnvSetting(Strict):
    id: KebabId
    variable: EnvName
    flag: Annotated[str, StringConstraints(pattern=r"^-[a-z0-9-]+$")] | None = None
    default: NonEmpty
    meaning: NonEmpty
    helm: NonEmpty | None = None
    source: Sources


class InjectorAnnotations(Strict):
    groups: list[Group] = Field(min_length=1)
    annotations: list[Annotation] = Field(min_length=1)
    environment: list[EnvSetting] = Field(min_length=1)


def problems(file: str, data: InjectorAnnotations, docs_dir: Path) -> list[str]:
    problems = duplicate_ids(file, "groups", (g.id for g in data.groups))
    problems += duplicate_ids(file, "annotations", (a.id for a in data.annotations))
    problems += duplicate_ids(file, "annotations", (a.annotation for a in data.annotations))
    problems += duplicate_ids(file, "environment", (e.id for e in data.environment))
    groups = {g.id for g in data.groups}
    used = set()
    for index, row in enumerate(data.annotations):
        used.add(row.group)
        if row.group not in groups:
            problems.append(problem(file, ["annotations", index, "group"], f"unknown group {row.group!r}"))
        # A per-secret annotation is named with a <placeholder>; the flag must say so, because
        # the reference sorts and explains templated annotations differently.
        if row.templated != ("<" in row.annotation):
            problems.append(problem(
                file, ["annotations", index, "templated"],
                f"must be {'<' in row.annotation} for {row.annotation}",
            ))
    for index, group in enumerate(data.groups):
        if group.id not in used:
            problems.append(problem(file, ["groups", index], f"group {group.id!r} has no annotation"))
    return problems
