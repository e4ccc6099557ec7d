"""Edition and version marks: the one way a page says "Enterprise" or "1.16+"."""

from __future__ import annotations

import re
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


def unverified_mark(note: str) -> str:
    """The mark on a text we could not find verbatim upstream; the note says what is missing."""
    return f'<span class="voh-badge voh-badge--unverified" title="{escape(note)}">Unverified</span>'


# Macro output is not rendered again by Jinja, so a badge written in a data file's text the way
# pages write it is expanded here; any other {@ ... @} in data is an error.
_BADGE = re.compile(r'\{@\s*badge\((?P<args>[^)]*)\)\s*@\}')
_ARG = re.compile(r'(edition|since|product)\s*=\s*"([^"]*)"')


def expand_badges(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        return badge(**dict(_ARG.findall(match["args"])))

    expanded = _BADGE.sub(one, text)
    if "{@" in expanded:
        raise ValueError(f"only badge(...) macros may appear in data text: {text[:80]!r}")
    return expanded
