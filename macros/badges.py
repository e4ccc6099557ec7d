"""Edition and version marks: the one way a page says "Enterprise" or "1.16+"."""

from __future__ import annotations

from html import escape

EDITIONS = {"enterprise": ("Enterprise", "Vault Enterprise only")}


def badge(edition: str | None = None, since: str | None = None, product: str = "Vault") -> str:
    if edition is None and since is None:
        raise ValueError("badge() needs edition= or since=")
    parts: list[str] = []
    if edition is not None:
        if edition not in EDITIONS:
            raise ValueError(f"badge(): unknown edition {edition!r}; known: {', '.join(EDITIONS)}")
        label, title = EDITIONS[edition]
        parts.append(
            f'<span class="voh-badge voh-badge--{edition}" title="{escape(title)}">{label}</span>'
        )
    if since is not None:
        label = f"{since}+" if product == "Vault" else f"{product} {since}+"
        title = f"Requires {product} {since} or later"
        parts.append(
            f'<span class="voh-badge voh-badge--since" title="{escape(title)}">{escape(label)}</span>'
        )
    return " ".join(parts)
