"""data/alert_peers.yaml: our alerts compared with the public rule sets teams install for Vault.

Rules across files and rows: every `ours` row names an alert of data/alert_thresholds.yaml and
every alert there has exactly one row; every peer alert named anywhere is in that peer's
`alerts` list; and every peer alert is accounted for exactly once, either as the equivalent of
one or more of ours or in one `not_adopted` entry with its reason.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem
from .alert_thresholds import AlertThresholds


class Peer(Strict):
    id: KebabId
    name: NonEmpty
    url: NonEmpty
    source: Sources  # the exact files read, as owner/repo@commit:path
    alerts: list[NonEmpty] = Field(min_length=1)  # every alert the peer defines for Vault


class OurAlert(Strict):
    alert: KebabId  # an id of data/alert_thresholds.yaml
    peers: dict[KebabId, list[NonEmpty]]  # peer id -> its equivalent alerts ([] = none)
    note: NonEmpty | None = None


class NotAdopted(Strict):
    peer: KebabId
    alerts: list[NonEmpty] = Field(min_length=1)
    also: dict[KebabId, list[NonEmpty]] = {}  # the same alerts under other peers' names
    reason: NonEmpty


class AlertPeers(Strict):
    peers: list[Peer] = Field(min_length=1)
    ours: list[OurAlert] = Field(min_length=1)
    not_adopted: list[NotAdopted]


def problems(file: str, data: AlertPeers, docs_dir: Path, alerts: AlertThresholds) -> list[str]:
    """Rules within the file and against the alert data (the registry passes it)."""
    found = duplicate_ids(file, "peers", (p.id for p in data.peers))
    found += duplicate_ids(file, "ours", (o.alert for o in data.ours))
    label = "data/alert_thresholds.yaml"
    alert_ids = [a.id for a in alerts.alerts]
    peer_alerts = {p.id: set(p.alerts) for p in data.peers}
    for index, peer in enumerate(data.peers):
        found += [problem(file, ["peers", index, "alerts"], f"{name!r} is listed twice")
                  for name in {n for n in peer.alerts if peer.alerts.count(n) > 1}]
    accounted: dict[tuple[str, str], str] = {}

    def account(peer: str, name: str, where: list[str | int], what: str, shared: bool) -> None:
        if peer not in peer_alerts:
            found.append(problem(file, where, f"no peer {peer!r} in peers"))
            return
        if name not in peer_alerts[peer]:
            found.append(problem(file, where, f"{peer} defines no alert {name!r}"))
            return
        key = (peer, name)
        if key in accounted and not (shared and accounted[key].startswith("ours")):
            found.append(problem(file, where, f"{peer} {name!r} is already accounted for at {accounted[key]}"))
        accounted.setdefault(key, what)

    for index, row in enumerate(data.ours):
        loc: list[str | int] = ["ours", index]
        if row.alert not in alert_ids:
            found.append(problem(file, [*loc, "alert"], f"no alert {row.alert!r} in {label}"))
        missing = sorted(set(peer_alerts) - set(row.peers))
        if missing:
            found.append(problem(file, [*loc, "peers"], f"no entry for peer(s) {', '.join(missing)} (use [] for none)"))
        for peer, names in row.peers.items():
            for name in names:
                # One peer alert may cover two of ours (vault-mixin's VaultAuditFailures).
                account(peer, name, [*loc, "peers", peer], f"ours[{index}]", shared=True)
    for index, entry in enumerate(data.not_adopted):
        loc = ["not_adopted", index]
        for name in entry.alerts:
            account(entry.peer, name, [*loc, "alerts"], f"not_adopted[{index}]", shared=False)
        for peer, names in entry.also.items():
            for name in names:
                account(peer, name, [*loc, "also", peer], f"not_adopted[{index}]", shared=False)
    for alert_id in alert_ids:
        if alert_id not in {o.alert for o in data.ours}:
            found.append(problem(file, ["ours"], f"alert {alert_id!r} of {label} has no row"))
    for peer, names in peer_alerts.items():
        for name in sorted(names):
            if (peer, name) not in accounted:
                found.append(problem(file, ["not_adopted"],
                                     f"{peer} {name!r} is neither mapped to one of ours nor explained"))
    return found
