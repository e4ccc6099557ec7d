"""Autopilot: features by edition, and the parameters with their defaults."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..badges import badge
from ..loading import Handbook
from ..models.autopilot import Autopilot
from ..sources import source_links
from . import Context, cell, table
from .blocks import Fragment, Row, Table


def _edition(edition: str) -> Fragment | str:
    return badge(edition="enterprise") if edition == "enterprise" else "All editions"


def render_features(data: Autopilot) -> Table:
    rows = []
    for feature in data.features:
        cells = [
            cell("name", escape(feature.name)),
            cell("edition", _edition(feature.edition)),
            cell("since", badge(since=feature.since)),
            cell("source", source_links(feature.source)),
        ]
        rows.append(Row(feature.id, tuple(cells), id=f"autopilot-feature-{feature.id}"))
    return table("autopilot_features", ["Feature", "Edition", "Since", "Source"], rows)


def render_parameters(data: Autopilot) -> Table:
    rows = []
    for parameter in data.parameters:
        cells = [
            cell("key", f"`{parameter.key}`<br>`{parameter.flag}`"),
            cell("default", f"`{parameter.default}`" if parameter.default != "none" else "none"),
            cell("edition", _edition(parameter.edition)),
            cell("meaning", escape(parameter.meaning)),
            cell("source", source_links(parameter.source)),
        ]
        rows.append(Row(parameter.id, tuple(cells), id=f"autopilot-{parameter.id}"))
    headers = ["API key / CLI flag", "Default", "Edition", "What it does", "Source"]
    return table("autopilot_parameters", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table]]:
    def autopilot_features() -> Table:
        return render_features(handbook.autopilot)

    def autopilot_parameters() -> Table:
        return render_parameters(handbook.autopilot)

    return {"autopilot_features": autopilot_features, "autopilot_parameters": autopilot_parameters}
