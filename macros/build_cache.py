"""In-process caches that make an unchanged page free on the next `mkdocs serve` rebuild.

`mkdocs serve` rebuilds the whole site in the same process after every change, so the modules
stay imported and a cache held here outlives a build. Each cache is keyed by everything its
result is computed from, so an edit anywhere (a page, a data row that a macro shows, mkdocs.yml)
changes the key of every result it affects, which is computed again:

- Python-Markdown's conversion of a page (MkDocs' `Page.render`): keyed by the page's Markdown
  after the macros (which holds every figure a macro wrote from the data), the page's own paths,
  every file of the build with its URL (links are resolved and checked against them), the
  Markdown extensions and their settings, and the link validation settings. A hit restores what
  `render` sets (HTML, table of contents, title, anchors, links to other pages' anchors) and
  logs again the warnings the conversion logged, so `--strict` fails as it did;
- the theme's compiled templates (a Jinja bytecode cache on every environment the theme makes):
  MkDocs makes a new environment per build, and the search and print-view plugins make their
  own, each compiling main.html and its partials again; Jinja checks each template's source
  against the checksum it stored, so an edited template is compiled again;
- Material's search index entries of a page (`SearchIndex.add_entry_from_context`): keyed by
  the page's HTML, table of contents, URL, title and front matter, which are all it reads.

A single `mkdocs build` converts each page once, so there the caches cost only the hashing.
Nothing is kept on disk: a new process starts empty.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

# Several times the site's pages: the previous build's results stay while the next build adds
# its own, and an old entry falls out only after that many newer ones.
MAX_ENTRIES = 1024


class LRU:
    """A bounded mapping: the least recently used entry goes first when it is full."""

    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self._data: OrderedDict[str, Any] = OrderedDict()
        self._size = size
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Any:
        value = self._data.get(key)
        if value is None:
            self.misses += 1
            return None
        self._data.move_to_end(key)
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self._size:
            self._data.popitem(last=False)

    def clear(self) -> None:
        self._data.clear()
        self.hits = self.misses = 0


RENDERED = LRU()
SEARCH_ENTRIES = LRU()


def digest(*parts: object) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else repr(part).encode())
        hashed.update(b"\x00")
    return hashed.hexdigest()


# One fingerprint per Files object (a build has one): every file's paths, URL and inclusion.
_FILES: weakref.WeakKeyDictionary[Files, tuple[int, str]] = weakref.WeakKeyDictionary()


def files_fingerprint(files: Files) -> str:
    known = _FILES.get(files)
    if known is not None and known[0] == len(files):
        return known[1]
    found = digest(*((f.src_uri, f.dest_uri, f.url, f.inclusion.name, f.is_documentation_page()) for f in files))
    _FILES[files] = (len(files), found)
    return found


def config_fingerprint(config: MkDocsConfig) -> str:
    """What of the config a page's conversion reads. The extensions' settings hold functions
    (the emoji index), whose repr is the same object's within one process, which is all this
    in-process cache needs."""
    return digest(config["markdown_extensions"], sorted(config["mdx_configs"].items()), config["validation"],
                   config["use_directory_urls"], config["docs_dir"])


@dataclass(frozen=True)
class Rendered:
    content: str
    toc: Any  # the page's TableOfContents, copied
    title: str | None
    present_anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]  # what the conversion logged, logged again on a hit


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        # Only this build's: the dev server's threads log too.
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def _captured() -> Iterator[list[logging.LogRecord]]:
    # MkDocs' own logger does not propagate to the root logger: listen on both.
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    capture = _Capture()
    for logger in loggers:
        logger.addHandler(capture)
    try:
        yield capture.records
    finally:
        for logger in loggers:
            logger.removeHandler(capture)


def cached_render(original: Callable[[Page, MkDocsConfig, Files], None]) -> Callable[[Page, MkDocsConfig, Files], None]:
    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            return original(self, config, files)  # MkDocs' own error
        key = digest(self.markdown, self.file.src_uri, self.file.dest_uri, self.file.url,
                      files_fingerprint(files), config_fingerprint(config))
        hit: Rendered | None = RENDERED.get(key)
        if hit is None:
            with _captured() as records:
                original(self, config, files)
            links = self.links_to_anchors
            RENDERED.put(key, Rendered(
                self.content or "", copy.deepcopy(self.toc), self._title_from_render,
                frozenset(self.present_anchor_ids or ()),
                None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
                tuple(records),
            ))
            return
        for record in hit.records:
            logging.getLogger(record.name).handle(record)
        self.content = hit.content
        self.toc = copy.deepcopy(hit.toc)
        self._title_from_render = hit.title
        self.present_anchor_ids = set(hit.present_anchor_ids)
        if hit.links_to_anchors is not None:
            restored = {}
            for src_uri, anchors in hit.links_to_anchors.items():
                target = files.get_file_from_path(src_uri)
                if target is not None:  # always: the files are part of the key
                    restored[target] = dict(anchors)
            self.links_to_anchors = restored

    render.__wrapped__ = original  # type: ignore[attr-defined]
    return render


def _toc_key(toc: Any) -> list[tuple[Any, ...]]:
    return [(item.id, item.url, item.title, item.level, _toc_key(item.children)) for item in toc]


def cached_search_entry(original: Callable[[Any, Page], None]) -> Callable[[Any, Page], None]:
    def add_entry_from_context(self: Any, page: Page) -> None:
        key = digest(page.content, page.url, page.title, page.meta, _toc_key(page.toc))
        hit: list[dict[str, Any]] | None = SEARCH_ENTRIES.get(key)
        if hit is None:
            start = len(self.entries)
            original(self, page)
            SEARCH_ENTRIES.put(key, copy.deepcopy(self.entries[start:]))
            return
        self.entries.extend(copy.deepcopy(hit))

    add_entry_from_context.__wrapped__ = original  # type: ignore[attr-defined]
    return add_entry_from_context


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates by name, in memory; Jinja discards one whose source changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


THEME_BYTECODE = MemoryBytecodeCache()


def cached_env(original: Callable[[Theme], jinja2.Environment]) -> Callable[[Theme], jinja2.Environment]:
    def get_env(self: Theme) -> jinja2.Environment:
        env = original(self)
        env.bytecode_cache = THEME_BYTECODE
        return env

    get_env.__wrapped__ = original  # type: ignore[attr-defined]
    return get_env


def install() -> None:
    """Wrap MkDocs' page conversion and theme environments, and Material's search indexing,
    once per process."""
    from material.plugins.search.plugin import SearchIndex  # noqa: PLC0415 (the theme is a dependency)

    if not hasattr(Page.render, "__wrapped__"):
        Page.render = cached_render(Page.render)  # type: ignore[method-assign]
    if not hasattr(SearchIndex.add_entry_from_context, "__wrapped__"):
        SearchIndex.add_entry_from_context = cached_search_entry(SearchIndex.add_entry_from_context)
    if not hasattr(Theme.get_env, "__wrapped__"):
        Theme.get_env = cached_env(Theme.get_env)  # type: ignore[method-assign]
