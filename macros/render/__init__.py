"""Render data as HTML tables whose cells hold Markdown; one module per dataset.

Each module has `macros(handbook, current_page)` returning the macros it offers by name;
RENDERERS (at the end of this file) lists the modules `define_env` registers.

Rows carry `data-id` and cells `data-field`, so tests can compare every figure a reader sees
with the data. Cells are `markdown="span"`, so links inside them (runbooks, sources) are
checked by MkDocs' own link validation like any other link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from html import escape

UNIT_SUFFIX = {
    "ms": " ms", "seconds": " s", "percent": " %", "bytes": " bytes",
    "per_second": "/s", "ratio": "", "count": "", "boolean": "",
}


def relative_link(from_page: str, to_page: str) -> str:
    """Path from one docs page (src path) to another, as Markdown wants it."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def format_value(value: float, unit: str) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
    return number + UNIT_SUFFIX[unit]


def cell(field: str, markdown: str) -> str:
    return f'<td data-field="{field}" markdown="span">{markdown}</td>'


def table(name: str, headers: Sequence[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "\n".join(rows)
    # md_in_html parses a cell's Markdown only when every enclosing element asks for it.
    # Blank lines around the block keep Markdown from treating the next line as part of it.
    return (
        f'\n<div class="voh-table-wrap" markdown>\n<table class="voh-table" data-table="{name}" markdown>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody markdown>\n{body}\n</tbody>\n</table>\n</div>\n"
    )


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def select(rows: list, ids: Sequence[str] | None, what: str) -> list:
    if ids is None:
        return rows
    by_id = {row.id: row for row in rows}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"{what}: unknown id(s) {', '.join(unknown)}")
    return [by_id[i] for i in ids]


# Imported last: the modules import the helpers above.
from . import (  # noqa: E402
    alert_peers,
    alert_rules,
    alert_thresholds,
    anti_patterns,
    automated_snapshots,
    autopilot,
    csi_parameters,
    dashboards,
    decision_matrix,
    decision_trees,
    error_index,
    failure_tolerance,
    failures,
    health_codes,
    injector_annotations,
    k8s_helm_values,
    key_metrics,
    lint_rules,
    privileged_endpoints,
    sizing,
    vso_crd_fields,
)

RENDERERS = (
    # shared tables
    decision_matrix, alert_thresholds, privileged_endpoints, alert_rules,
    # Production operations
    failure_tolerance, sizing, autopilot, automated_snapshots, key_metrics,
    # Monitoring as code: dashboards, the alert comparison with public rule sets
    dashboards, alert_peers,
    # Kubernetes integration
    injector_annotations, vso_crd_fields, csi_parameters, k8s_helm_values,
    # Troubleshooting
    error_index, failures, health_codes, anti_patterns, decision_trees,
    # Check your configuration (vault-handbook lint)
    lint_rules,
)
