"""Our alerts next to the public rule sets' equivalents, and the peer alerts we did not add."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..loading import Handbook
from ..models.alert_peers import AlertPeers
from ..models.alert_thresholds import AlertThresholds
from ..sources import source_links
from . import Context, cell, relative_link, table
from .blocks import Row, Table


def _names(names: list[str]) -> str:
    return "<br>".join(f"`{escape(n)}`" for n in names) or "none"


def peer_table(peers: AlertPeers, alerts: AlertThresholds, page: str) -> Table:
    by_id = {a.id: a for a in alerts.alerts}
    order = [a.id for a in alerts.alerts]
    rows = []
    for row in sorted(peers.ours, key=lambda r: order.index(r.alert) if r.alert in order else len(order)):
        alert = by_id[row.alert]
        link = relative_link(page, alert.runbook.page) + f"#{alert.runbook.anchor}"
        cells = [cell("alert", f"[{alert.alert}]({link})")]
        cells += [cell(peer.id, _names(row.peers.get(peer.id, []))) for peer in peers.peers]
        cells.append(cell("note", escape(row.note) if row.note else ""))
        rows.append(Row(row.alert, tuple(cells)))
    headers = ["Our alert", *[p.name for p in peers.peers], "Note"]
    return table("alert_peers", headers, rows)


def not_adopted_table(peers: AlertPeers) -> Table:
    names = {p.id: p.name for p in peers.peers}
    rows = []
    for index, entry in enumerate(peers.not_adopted):
        listed = [f"{names[entry.peer]}: {_names(entry.alerts)}"]
        listed += [f"{names[peer]}: {_names(alerts)}" for peer, alerts in entry.also.items()]
        cells = [cell("alerts", "<br>".join(listed)), cell("reason", escape(entry.reason))]
        rows.append(Row(f"not-adopted-{index}", tuple(cells)))
    return table("alerts_not_adopted", ["Peer alerts", "Why we did not add them"], rows)


def peer_sources(peers: AlertPeers) -> str:
    return "\n".join(f"- [{escape(p.name)}]({p.url}): {source_links(p.source).replace('<br>', ', ')}"
                     for p in peers.peers) + "\n"


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table | str]]:
    def alert_peer_table() -> Table:
        return peer_table(handbook.alert_peers, handbook.alert_thresholds, context.page.src_uri)

    def alerts_not_adopted() -> Table:
        return not_adopted_table(handbook.alert_peers)

    def alert_peer_sources() -> str:
        return peer_sources(handbook.alert_peers)

    return {"alert_peer_table": alert_peer_table, "alerts_not_adopted": alerts_not_adopted,
            "alert_peer_sources": alert_peer_sources}
