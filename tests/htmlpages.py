"""Small helpers for reading the built site."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    """Every HTML page of the built site as (path relative to the site, parsed document)."""
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text(node: object) -> str:
    """Visible text with white space folded, as a reader sees it."""
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()  # type: ignore[attr-defined]
