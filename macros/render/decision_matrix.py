"""The integration decision matrix."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from ..loading import Handbook
from ..models.decision_matrix import DecisionMatrix
from ..sources import source_links
from . import Context, cell, select, table


def render(matrix: DecisionMatrix, criteria: Sequence[str] | None = None) -> str:
    rows = []
    for criterion in select(list(matrix.criteria), criteria, "decision_matrix"):
        cells = [cell("criterion", f"**{criterion.criterion}**")]
        for option in matrix.options:
            verdict = criterion.cells[option.id]
            cells.append(
                f'<td data-field="{option.id}" markdown="span">'
                f'<span class="voh-verdict">{escape(verdict.verdict)}</span><br>{verdict.note}</td>'
            )
        cells.append(cell("source", source_links(criterion.source)))
        rows.append(f'<tr id="criterion-{criterion.id}" data-id="{criterion.id}" markdown>{"".join(cells)}</tr>')
    headers = ["Criterion", *[o.name for o in matrix.options], "Source"]
    return table("decision_matrix", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., str]]:
    def decision_matrix(criteria: Sequence[str] | None = None) -> str:
        return render(handbook["decision_matrix"], criteria)

    return {"decision_matrix": decision_matrix}
