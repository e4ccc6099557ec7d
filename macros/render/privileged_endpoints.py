"""The privileged-endpoints table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..badges import badge
from ..loading import Handbook
from ..models.privileged_endpoints import Endpoint, PrivilegedEndpoints
from ..sources import source_links
from . import Context, cell, select, table, yes_no
from .blocks import Row, Table, joined


def endpoint_rows(data: PrivilegedEndpoints, area: str | None, ids: Sequence[str] | None) -> list[Endpoint]:
    endpoints = select(list(data.endpoints), ids, "endpoints_table")
    if area is not None:
        endpoints = [e for e in endpoints if e.area == area]
    if not endpoints:
        raise ValueError(f"endpoints_table: the filter matches no endpoint (area={area!r})")
    return endpoints


def render(data: PrivilegedEndpoints, area: str | None = None,
                    ids: Sequence[str] | None = None) -> Table:
    rows = []
    for endpoint in endpoint_rows(data, area, ids):
        marks = []
        if endpoint.enterprise_only:
            marks.append(badge(edition="enterprise"))
        if endpoint.since:
            marks.append(badge(since=endpoint.since))
        token_note = (
            ("<br>Needs a token since ", badge(since=endpoint.requires_token_since))
            if endpoint.requires_token_since else None
        )
        cells = [
            cell("path", joined(" ", [f"`{endpoint.path}`", *marks]), token_note),
            cell("area", endpoint.area),
            cell("why", endpoint.why, search=False),
            cell("sudo", yes_no(endpoint.sudo)),
            cell("root_namespace_only", yes_no(endpoint.root_namespace_only)),
            cell("enterprise_only", yes_no(endpoint.enterprise_only)),
            cell("alert_on", endpoint.alert_on, search=False),
            cell("source", source_links(endpoint.source)),
        ]
        rows.append(Row(endpoint.id, tuple(cells), id=f"endpoint-{endpoint.id}"))
    headers = ["Path", "Area", "Why it is sensitive", "sudo", "Root namespace only", "Enterprise only",
               "Alert on (audit log)", "Source"]
    return table("privileged_endpoints", headers, rows)


def sudo_check_note(data: PrivilegedEndpoints) -> str:
    """One sentence saying which Vault code the sudo column was last checked against."""
    check = data.sudo_checked_against
    if check is None:
        raise ValueError("sudo_check_note: data/privileged_endpoints.yaml has no sudo_checked_against; "
                         "run tools/check_sudo_paths.py <vault-source-tree> --record")
    return (f"The **sudo** column was checked against Vault's code ({check.source}) by "
            f"`{check.tool}` on {check.date}: {check.rows_checked} rows, from the `PathsSpecial.Root` "
            "lists of the system backend and the token store and the requests that check `sudo` in code.")


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table | str]]:
    def endpoints_table(area: str | None = None, ids: Sequence[str] | None = None) -> Table:
        return render(handbook.privileged_endpoints, area, ids)

    def endpoints_sudo_check() -> str:
        return sudo_check_note(handbook.privileged_endpoints)

    return {"endpoints_table": endpoints_table, "endpoints_sudo_check": endpoints_sudo_check}
