"""data/vso_crd_fields.yaml: every spec field of the VSO custom resources (generated).

The file is written by tools/derive_vso_fields.py from the upstream CRDs plus
data/upstream/vso_api_delta.yaml; these checks catch a hand edit that breaks its shape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from . import NonEmpty, Sources, Strict, Version, problem

FieldPath = Annotated[str, StringConstraints(pattern=r"^spec(\.[A-Za-z0-9]+(\[\])?|\.<key>)*$")]
Kind = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z]+$")]


class CrdField(Strict):
    path: FieldPath
    type: NonEmpty
    required: bool
    default: Any = None
    enum: list[Any] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    minLength: int | None = None  # noqa: N815 - the JSON Schema keyword, as the generator writes it
    since: Version | None = None
    delta: NonEmpty | None = None
    source: Sources


class CrdKind(Strict):
    kind: Kind
    since: Version | None = None
    source: Sources
    fields: list[CrdField] = Field(min_length=1)


class Baseline(Strict):
    repo: NonEmpty
    tag: NonEmpty
    commit: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")]


class Delta(Strict):
    file: NonEmpty
    target: NonEmpty
    applied: list[NonEmpty]


class VsoCrdFields(Strict):
    generated_by: NonEmpty
    baseline: Baseline
    delta: Delta
    since_method: NonEmpty
    kinds: list[CrdKind] = Field(min_length=1)


# The API the handbook targets (VSO 2.0.x, API of 1.6): these kinds and no others.
EXPECTED_KINDS = {
    "VaultConnection", "VaultAuth", "VaultAuthGlobal", "VaultStaticSecret", "VaultDynamicSecret",
    "VaultPKISecret", "SecretTransformation", "CSISecrets",
}


def problems(file: str, data: VsoCrdFields, docs_dir: Path) -> list[str]:
    problems: list[str] = []
    kinds = [k.kind for k in data.kinds]
    if set(kinds) != EXPECTED_KINDS or len(kinds) != len(set(kinds)):
        problems.append(problem(
            file, ["kinds"],
            f"expected each of {', '.join(sorted(EXPECTED_KINDS))} once, got {', '.join(kinds)}",
        ))
    for k_index, kind in enumerate(data.kinds):
        seen: set[str] = set()
        for f_index, field in enumerate(kind.fields):
            loc: list[str | int] = ["kinds", k_index, "fields", f_index]
            if field.path in seen:
                problems.append(problem(file, [*loc, "path"], f"duplicate path {field.path}"))
            seen.add(field.path)
            # A field's parent is the path before its last name, less the [] or <key> that
            # stands for an array item or a map value.
            parent = field.path.rsplit(".", 1)[0].removesuffix(".<key>").removesuffix("[]")
            if field.path != "spec" and parent not in seen:
                problems.append(problem(file, [*loc, "path"], f"{field.path} comes before its parent"))
    return problems
