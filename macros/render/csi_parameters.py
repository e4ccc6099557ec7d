"""The SecretProviderClass reference of the Vault CSI provider."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import INSECURE, badge
from ..loading import Handbook
from ..models.csi_parameters import CsiParameters
from ..sources import source_links
from . import Context, cell, table, yes_no
from .blocks import Row, Table, joined


def render(data: CsiParameters, part: str) -> Table:
    if part not in ("parameters", "objects"):
        raise ValueError(f"csi_parameters: part must be 'parameters' or 'objects', got {part!r}")
    rows = []
    for row in getattr(data, part):
        marks = []
        if row.enterprise_only:
            marks.append(badge(edition="enterprise"))
        if row.insecure:
            marks.append(INSECURE)
        values = f"<br>Values: {', '.join(f'`{v}`' for v in row.values)}" if row.values else ""
        cells = [
            cell("key", f"`{row.key}`", ("<br>", joined(" ", marks)) if marks else None),
            cell("required", yes_no(row.required)),
            cell("default", row.default if row.default is not None else "—"),
            cell("meaning", row.meaning + values),
            cell("since", badge(since=row.since, product="vault-csi-provider")),
            cell("source", source_links(row.source)),
        ]
        rows.append(Row(row.id, tuple(cells), id=f"csi-{part}-{row.id}"))
    headers = ["Key", "Required", "Default", "Meaning", "Since (provider)", "Source"]
    return table(f"csi_{part}", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table]]:
    def csi_parameters(part: str = "parameters") -> Table:
        return render(handbook.csi_parameters, part)

    return {"csi_parameters": csi_parameters}
