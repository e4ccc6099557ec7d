"""Turn a `source` entry into a link a reader can follow."""

from __future__ import annotations

import re

_REPO_REF = re.compile(r"^(?P<repo>[\w.-]+/[\w.-]+)@(?P<ref>[\w.\-/]+?):(?P<path>\S+)$")


def source_url(source: str) -> str:
    """`owner/repo@ref:path` -> its GitHub blob URL; a URL stays as it is."""
    match = _REPO_REF.match(source)
    if not match:
        return source
    return f"https://github.com/{match['repo']}/blob/{match['ref']}/{match['path']}"


def source_label(source: str) -> str:
    """A short label: `vault-k8s: annotations.go`, or the last part of a docs URL."""
    match = _REPO_REF.match(source)
    if match:
        return f"{match['repo'].split('/')[1]}: {match['path'].rsplit('/', 1)[-1]}"
    tail = source.rstrip("/").split("#")[0].rsplit("/", 1)[-1]
    return tail or source


def source_links(sources: list[str]) -> str:
    """Markdown links for a table cell, separated by line breaks."""
    return "<br>".join(f"[{source_label(s)}]({source_url(s)})" for s in sources)
