"""A second process that converts the last pages of a build while the build converts the first
ones, so a clean build with a cold cache uses two cores.

The build converts its pages one after another (Python-Markdown and Material's search indexing
are most of a clean build). Once the pages are known (`on_nav`), a forked copy of the build
(macros/forks.py) takes pages from the end of the list, runs what MkDocs runs for each (the page
events, the conversion) and Material's search indexing of it, and exits. The build takes pages
from the start, and indexes each of its own for search right after converting it (into the
cache, so Material's indexing of it later is a hit). Each page goes to whichever process claims
it first, under a lock, so the two meet wherever the work splits evenly.

When the build reaches a page the copy claimed, it waits for the copy to end and goes on: the
copy's results are in the on-disk build cache (macros/build_cache.py), so that page's conversion
and search entries are cache hits, checked by their keys like any other. Nothing else the copy
does reaches the site: a page whose key differs, or that the copy did not finish, is converted
by the build itself, and a hit logs again what the conversion logged, so `--strict` counts the
same warnings. Only with the on-disk cache on and writable: the copy's results travel through it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import forks
from .build_cache import disk_cache


@dataclass
class Claims:
    """Which process converts which page: the build takes indexes from the front, the copy from
    the back, each under the lock. `front` is the next index the build may take; `back` is the
    last one the copy took (the list's length before it took any)."""

    size: int
    _lock: Any = field(init=False, repr=False)
    _ends: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._ends = context.RawArray(ctypes.c_long, [0, self.size])  # [front, back], shared with the copy

    def take_front(self, index: int) -> bool:
        """The build's claim on page `index` (it goes through them in order): False when the copy has it."""
        with self._lock:
            if index >= self._ends[1]:
                return False
            self._ends[0] = max(self._ends[0], index + 1)
            return True

    def take_back(self) -> int | None:
        """The copy's next page, from the end; None once it would reach the build's."""
        with self._lock:
            index = self._ends[1] - 1
            if index < self._ends[0]:
                return None
            self._ends[1] = index
            return index


@dataclass
class Warmer:
    """The copy, seen from the build."""

    copy: forks.Forked[int]
    claims: Claims
    index: dict[str, int]  # src_uri -> position in the list the copy takes pages from
    search: Callable[[Page], None]  # indexes a page for search into the cache only
    mine: set[str] = field(default_factory=set)  # the pages the build claimed, by src_uri

    def before_page(self, page: Page) -> None:
        """Before the build reads a page: a page the copy took waits for the copy to end."""
        position = self.index.get(page.file.src_uri)
        if self.copy.ended or position is None:
            return
        if self.claims.take_front(position):
            self.mine.add(page.file.src_uri)
            return
        self.end()

    def after_page(self, page: Page, html: str) -> None:
        """Once the build has converted a page it claimed (`html` as the page events left it):
        its search entries, while the copy still works, so the two share that work too (the build
        would index it later, alone)."""
        if page.file.src_uri in self.mine and page.content == html:  # the HTML Material will index
            self.search(page)

    def end(self) -> None:
        if self.copy.ended:
            return
        try:
            self.copy.result()
        except forks.Failed:
            pass  # the build converts the pages the copy did not

    def stop(self) -> None:
        self.copy.stop()


def pages_of(files: Files) -> list[Page]:
    """The pages `mkdocs build` converts, in its order (mkdocs/commands/build.py)."""
    return [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included) if f.page is not None]


def start(command: str | None, config: MkDocsConfig, files: Files) -> Warmer | None:
    """Fork the copy when that is allowed and pays (`command` is MkDocs')."""
    pages = pages_of(files)
    if len(pages) < 2 or not _writable(disk_cache()) or not forks.allowed(command):
        return None
    claims = Claims(len(pages))
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    try:
        convert = convert_page(config, files, index)
    except ImportError:  # MkDocs' own page step moved (it is private): the build converts every page
        return None

    def work() -> int:
        done = 0
        while (taken := claims.take_back()) is not None:
            convert(pages[taken])
            done += 1
        return done

    copy = forks.Forked.start(work)
    return Warmer(copy, claims, {page.file.src_uri: i for i, page in enumerate(pages)}, scratch_search(search))


def _writable(folder: Path | None) -> bool:
    """Whether the copy's results can reach the build: without the on-disk cache, or with one it
    cannot write, the build would wait for a copy whose work it must then do again."""
    if folder is None:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def scratch_search(search: Any) -> Callable[[Page], None]:
    """Material's search indexing of a page into an index of its own, which is dropped: what
    stays is the cache's copy of the entries (the build's index adds them when Material asks)."""
    if getattr(search, "search_index", None) is None:
        return lambda page: None
    from material.plugins.search.plugin import SearchIndex  # noqa: PLC0415 (the theme is a dependency)

    def index(page: Page) -> None:
        SearchIndex(**search.config).add_entry_from_context(page)

    return index


def convert_page(config: MkDocsConfig, files: Files, index: Any) -> Callable[[Page], None]:
    """What MkDocs does to read and convert a page, then Material's search indexing of it (`index`,
    the copy's own): each result lands in the build cache."""
    from mkdocs.commands.build import _populate_page  # noqa: PLC0415 (MkDocs 1.6's own step)

    def convert(page: Page) -> None:
        _populate_page(page, config, files)
        if index is not None:
            index.add_entry_from_context(page)

    return convert
