"""Small helpers for reading the built site.

Each built page is parsed once per test session and the parsed document shared: the site tier
read the 69 pages (8 MB) some ten times over, and the large failure pages once per entry. The
documents are shared, so a test must not modify one (copy.copy() it first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup


def page(site: Path, path: str) -> BeautifulSoup:
    """The built page at `path` (relative to the site), parsed; shared, do not modify."""
    file = (site / path).resolve()
    stat = file.stat()
    # Keyed on size and mtime too: a test that rewrites a file (a project copy) gets it re-read.
    return _parse(file, stat.st_mtime_ns, stat.st_size)


@cache
def _parse(file: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    """Every HTML page of the built site as (path relative to the site, parsed document)."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        yield rel, page(site, rel)


def text(node: object) -> str:
    """Visible text with white space folded, as a reader sees it."""
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()  # type: ignore[attr-defined]
