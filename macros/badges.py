"""Edition and version marks: the one way a page says "Enterprise" or "1.16+"."""

from __future__ import annotations

import re

from .render.blocks import Badge, Div, Fragment, Node, Paragraph, Source, Table, fragment, joined

EDITIONS = {"enterprise": ("Enterprise", "Vault Enterprise only")}
# Marks that are not an edition or a version, with their tooltips.
STORAGE_RAFT = Badge("storage", "Raft", "Integrated Storage only")
INSECURE = Badge("insecure", "Insecure", "Weakens security")


def badge(edition: str | None = None, since: str | None = None, product: str = "Vault") -> Fragment:
    if edition is None and since is None:
        raise ValueError("badge() needs edition= or since=")
    parts: list[Badge] = []
    if edition is not None:
        if edition not in EDITIONS:
            raise ValueError(f"badge(): unknown edition {edition!r}; known: {', '.join(EDITIONS)}")
        label, title = EDITIONS[edition]
        parts.append(Badge(edition, label, title))
    if since is not None:
        label = f"{since}+" if product == "Vault" else f"{product} {since}+"
        parts.append(Badge("since", label, f"Requires {product} {since} or later"))
    return joined(" ", parts)


def unverified_mark(note: str) -> Badge:
    """The mark on a text we could not find verbatim upstream; the note says what is missing."""
    return Badge("unverified", "Unverified", note)


# Macro output is not rendered again by Jinja, so a badge written in a data file's text the way
# pages write it is expanded here; any other {@ ... @} in data is an error.
_BADGE = re.compile(r'\{@\s*badge\((?P<args>[^)]*)\)\s*@\}')
_ARG = re.compile(r'(edition|since|product)\s*=\s*"([^"]*)"')


def without_badges(text: str) -> str:
    """Data text with its badge macros taken out (a version or edition mark, not words)."""
    return _BADGE.sub(" ", text)


def expand_badges(node: Node) -> Fragment:
    """The node with every badge macro in its text (data text, code included) as a badge."""
    match node:
        case str():
            if "{@" not in node:  # most data text: nothing to expand
                return fragment(node)
            parts: list[Node] = []
            last = 0
            for match in _BADGE.finditer(node):
                parts += [node[last:match.start()], badge(**dict(_ARG.findall(match["args"])))]
                last = match.end()
            rest = node[last:]
            if "{@" in rest or any("{@" in p for p in parts if isinstance(p, str)):
                raise ValueError(f"only badge(...) macros may appear in data text: {node[:80]!r}")
            return fragment(*parts, rest)
        case Fragment():
            return fragment(*(expand_badges(n) for n in node.nodes))
        case Div():
            return fragment(Div(node.attrs, expand_badges(node.body)))
        case Paragraph():
            return fragment(Paragraph(node.attrs, expand_badges(node.content)))
        case Source():
            return fragment(Source(expand_badges(node.content), node.attrs))
        case Table():
            raise TypeError("expand_badges: expand a table's cells one by one")
    return fragment(node)
