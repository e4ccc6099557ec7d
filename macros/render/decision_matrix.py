"""The integration decision matrix."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..loading import Handbook
from ..models.decision_matrix import DecisionMatrix
from ..sources import source_links
from . import Context, cell, select, table
from .blocks import Row, Span, Table, Verdict, fragment

# The note is prose; the verdict and the criterion are what search should find.
NOTE = (("class", "voh-verdict-note"), ("data-search-exclude", None))


def render(matrix: DecisionMatrix, criteria: Sequence[str] | None = None) -> Table:
    rows = []
    for criterion in select(list(matrix.criteria), criteria, "decision_matrix"):
        cells = [cell("criterion", f"**{criterion.criterion}**")]
        for option in matrix.options:
            verdict = criterion.cells[option.id]
            cells.append(cell(option.id, Verdict(verdict.verdict), "<br>", Span(NOTE, fragment(verdict.note))))
        cells.append(cell("source", source_links(criterion.source)))
        rows.append(Row(criterion.id, tuple(cells), id=f"criterion-{criterion.id}"))
    headers = ["Criterion", *[o.name for o in matrix.options], "Source"]
    return table("decision_matrix", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table]]:
    def decision_matrix(criteria: Sequence[str] | None = None) -> Table:
        return render(handbook.decision_matrix, criteria)

    return {"decision_matrix": decision_matrix}
