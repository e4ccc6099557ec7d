"""The automated-snapshot configuration parameters."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..loading import Handbook
from ..models.automated_snapshots import AutomatedSnapshots
from ..sources import source_links
from . import Context, cell, table
from .blocks import Fragment, Row, Source, fragment


def render(data: AutomatedSnapshots, storage_type: str | None = None) -> Fragment:
    parameters = [p for p in data.parameters if storage_type is None or p.storage_type == storage_type]
    if not parameters:
        raise ValueError(f"snapshot_parameters: no parameter for storage_type={storage_type!r}")
    rows = []
    for parameter in parameters:
        default = "required" if parameter.required else (f"`{parameter.default}`" if parameter.default else "unset")
        cells = [
            cell("key", f"`{parameter.key}`"),
            cell("storage_type", parameter.storage_type),
            cell("type", escape(parameter.type)),
            cell("default", default),
            cell("meaning", escape(parameter.meaning)),
        ]
        rows.append(Row(parameter.id, tuple(cells), id=f"snapshot-{parameter.id}"))
    headers = ["Parameter", "Storage type", "Type", "Default", "What it does"]
    caption = Source(fragment(f"Source: {source_links(data.source)}"))
    return fragment(table("automated_snapshots", headers, rows), "\n", caption, "\n")


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment]]:
    def snapshot_parameters(storage_type: str | None = None) -> Fragment:
        return render(handbook.automated_snapshots, storage_type)

    return {"snapshot_parameters": snapshot_parameters}
