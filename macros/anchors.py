"""Pinned heading ids in a Markdown page: the anchors an alert may link to."""

from __future__ import annotations

from pathlib import Path

from .markdown_source import headings


def pinned_anchors(page: Path) -> set[str]:
    """The ids pinned with attr_list (`## Meaning { #meaning }`). Only pinned ids count, because an
    id derived from heading text changes when the heading is reworded and would break a link."""
    return {h.id for h in headings(page.read_text(encoding="utf-8")) if h.id}
