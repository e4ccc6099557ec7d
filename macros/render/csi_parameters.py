"""The SecretProviderClass reference of the Vault CSI provider."""

from __future__ import annotations

from collections.abc import Callable

from ..badges import badge
from ..loading import Handbook
from ..models.csi_parameters import CsiParameters
from ..sources import source_links
from . import Context, cell, table, yes_no


def render(data: CsiParameters, part: str) -> str:
    if part not in ("parameters", "objects"):
        raise ValueError(f"csi_parameters: part must be 'parameters' or 'objects', got {part!r}")
    rows = []
    for row in getattr(data, part):
        marks = []
        if row.enterprise_only:
            marks.append(badge(edition="enterprise"))
        if row.insecure:
            marks.append('<span class="voh-badge voh-badge--insecure" title="Weakens security">Insecure</span>')
        values = f"<br>Values: {', '.join(f'`{v}`' for v in row.values)}" if row.values else ""
        cells = [
            cell("key", f"`{row.key}`<br>{' '.join(marks)}" if marks else f"`{row.key}`"),
            cell("required", yes_no(row.required)),
            cell("default", row.default if row.default is not None else "—"),
            cell("meaning", row.meaning + values),
            cell("since", badge(since=row.since, product="vault-csi-provider")),
            cell("source", source_links(row.source)),
        ]
        rows.append(f'<tr id="csi-{part}-{row.id}" data-id="{row.id}" markdown>{"".join(cells)}</tr>')
    headers = ["Key", "Required", "Default", "Meaning", "Since (provider)", "Source"]
    return table(f"csi_{part}", headers, rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., str]]:
    def csi_parameters(part: str = "parameters") -> str:
        return render(handbook["csi_parameters"], part)

    return {"csi_parameters": csi_parameters}
