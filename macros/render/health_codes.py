"""sys/health status codes, its query parameters, and `vault status` exit codes."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import badge
from ..loading import Handbook
from ..models.health_codes import HealthCodes
from ..sources import source_links
from . import Context, cell, table
from .blocks import Row, Table


def health_table(data: HealthCodes) -> Table:
    rows = []
    for code in data.health_codes:
        since = (" ", badge(since=code.since)) if code.since else None
        cells = [
            cell("code", f"`{code.code}`", since),
            cell("state", code.state),
            cell("parameter", f"`{code.parameter}`" if code.parameter else "—"),
            cell("what_to_do", code.what_to_do),
            cell("source", source_links(code.source)),
        ]
        rows.append(Row(str(code.code), tuple(cells), id=f"health-{code.code}"))
    headers = ["Code", "Node state (default)", "Parameter that replaces it", "What to do", "Source"]
    return table("health_codes", headers, rows)


def parameter_table(data: HealthCodes) -> Table:
    rows = []
    for param in data.flag_parameters:
        cells = [
            cell("name", f"`{param.name}`"),
            cell("default", f"`{param.default}`"),
            cell("effect", param.effect),
            cell("source", source_links(param.source)),
        ]
        rows.append(Row(param.name, tuple(cells)))
    return table("health_parameters", ["Parameter", "Default", "Effect", "Source"], rows)


def exit_code_table(data: HealthCodes) -> Table:
    rows = []
    for code in data.status_exit_codes:
        cells = [
            cell("code", f"`{code.code}`"),
            cell("meaning", code.meaning),
            cell("source", source_links(code.source)),
        ]
        rows.append(Row(str(code.code), tuple(cells)))
    return table("status_exit_codes", ["Exit code", "Meaning", "Source"], rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table]]:
    def health_codes_table() -> Table:
        return health_table(handbook.health_codes)

    def health_parameters_table() -> Table:
        return parameter_table(handbook.health_codes)

    def status_exit_codes_table() -> Table:
        return exit_code_table(handbook.health_codes)

    return {
        "health_codes_table": health_codes_table,
        "health_parameters_table": health_parameters_table,
        "status_exit_codes_table": status_exit_codes_table,
    }
