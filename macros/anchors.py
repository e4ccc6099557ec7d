"""Pinned heading ids in a Markdown page: the anchors an alert may link to."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .markdown_source import headings


def pinned_anchors(page: Path) -> set[str]:
    """The ids pinned with attr_list (`## Meaning { #meaning }`). Only pinned ids count, because an
    id derived from heading text changes when the heading is reworded and would break a link."""
    return set(pinned_ids(page.read_text(encoding="utf-8")))


# Keyed by the text, not the path: the datasets' rules ask about the same runbooks over and over
# (104 calls for 30-odd pages), and under `mkdocs serve` an unchanged page costs nothing on the
# next rebuild while an edited one is parsed again. 512 pages' worth is far more than the docs.
@lru_cache(maxsize=512)
def pinned_ids(markdown: str) -> frozenset[str]:
    """The pinned ids of a page's Markdown."""
    return frozenset(h.id for h in headings(markdown) if h.id)
