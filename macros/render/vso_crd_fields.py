"""The VSO field reference: one table per custom resource kind, generated from the CRDs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..badges import badge
from ..loading import Handbook
from ..models.vso_crd_fields import CrdField, CrdKind, VsoCrdFields
from ..sources import source_links
from . import Context, cell, table
from .blocks import Row, Table


def format_default(value: Any) -> str:
    """A default as YAML would spell it in a manifest (`true`, `67`, `"all"`)."""
    if value is None:
        return "—"
    return f"`{json.dumps(value)}`"


def _constraints(field: CrdField) -> str:
    parts = []
    if field.enum:
        parts.append("one of " + ", ".join(f"`{v}`" for v in field.enum))
    if field.minimum is not None:
        parts.append(f"min {field.minimum:g}")
    if field.maximum is not None:
        parts.append(f"max {field.maximum:g}")
    if field.pattern:
        parts.append(f"pattern `{field.pattern}`")
    return "; ".join(parts) or "—"


def kind_of(data: VsoCrdFields, kind: str) -> CrdKind:
    for entry in data.kinds:
        if entry.kind == kind:
            return entry
    raise ValueError(f"vso_fields: unknown kind {kind!r}; known: {', '.join(k.kind for k in data.kinds)}")


def render(data: VsoCrdFields, kind: str) -> Table:
    entry = kind_of(data, kind)
    rows = []
    for field in entry.fields:
        if field.path == "spec":
            continue  # the root says nothing a reader needs
        since = badge(since=field.since, product="VSO") if field.since else "—"
        row_id = f"{entry.kind.lower()}-{field.path}".replace("[]", "").replace("<key>", "key").replace(".", "-")
        cells = [
            cell("field", f"`{field.path.removeprefix('spec.')}`"),
            cell("type", field.type),
            cell("required", "Yes" if field.required else "No"),
            cell("default", format_default(field.default)),
            cell("allowed", _constraints(field)),
            cell("since", since),
            cell("source", source_links(field.source)),
        ]
        rows.append(Row(field.path, tuple(cells), id=row_id.lower()))
    return table(f"vso_fields_{entry.kind}", ["Field (under spec)", "Type", "Required", "Default",
                                               "Allowed values", "Since", "Source"], rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table]]:
    data: VsoCrdFields = handbook.vso_crd_fields

    def vso_fields(kind: str) -> Table:
        return render(data, kind)

    return {"vso_fields": vso_fields}
