"""mkdocs-macros entry point: wires data loading to the table and badge renderers.

Only `define_env`, `env.macro` and `env.variables` are used, so the same module can serve
another builder that reads this mkdocs.yml (Zensical, ProperDocs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import tables
from .badges import badge
from .loading import load_all


def define_env(env: Any) -> None:
    data = load_all()  # once per build; a bad file stops the build here with every problem listed
    env.variables["handbook"] = data

    def current_page() -> str:
        return env.variables["page"].file.src_uri

    env.macro(badge)

    @env.macro
    def decision_matrix(criteria: Sequence[str] | None = None) -> str:
        return tables.decision_matrix_table(data.decision_matrix, criteria)

    @env.macro
    def alert_table(severity: str | None = None, ids: Sequence[str] | None = None) -> str:
        return tables.alert_table(data.alert_thresholds, current_page(), severity, ids)

    @env.macro
    def endpoints_table(area: str | None = None, ids: Sequence[str] | None = None) -> str:
        return tables.endpoints_table(data.privileged_endpoints, area, ids)
