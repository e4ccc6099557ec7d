"""Caches that make an unchanged page free on the next build: in the process, for the rebuilds
of `mkdocs serve`, and on disk, for the next clean build on the same machine.

`mkdocs serve` rebuilds the whole site in the same process after every change, so the modules
stay imported and what is held here outlives a build; a clean build finds the results of earlier
builds in a folder beside the diagrams' cache (`~/.cache/vault-operations-handbook/build`, or
under VOH_CACHE_DIR; VOH_BUILD_CACHE=off builds without it). Each result is keyed by everything
it is computed from, so an edit anywhere (a page, a data row that a macro shows, mkdocs.yml, a
package upgrade, this package's code) gives every result it affects a new key:

- Python-Markdown's conversion of a page (MkDocs' `Page.render`): keyed by the page's Markdown
  after the macros (which holds every figure a macro wrote from the data), the page's own paths,
  every file of the build with its URL (links are resolved and checked against them), the
  Markdown extensions and their settings, the link validation settings, and the toolchain
  (Python, the versions of Markdown, pymdown-extensions, Pygments, MkDocs, Material and
  mkdocs-macros, and the hash of this package's code). A hit restores what `render` sets (HTML,
  table of contents, title, anchors, links to other pages' anchors) and logs again the warnings
  the conversion logged, so `--strict` fails as it did;
- Material's search index entries of a page (`SearchIndex.add_entry_from_context`): keyed by
  the page's HTML, table of contents, URL, title and front matter, which are all it reads, and
  the toolchain;
- in the process only, the theme's compiled templates (a Jinja bytecode cache on every
  environment the theme makes): MkDocs makes a new environment per build, and the search and
  print-view plugins make their own, each compiling main.html and its partials again; Jinja
  checks each template's source against the checksum it stored, so an edited template is
  compiled again.

Settings that cannot be written down the same in every process (an object's repr with its
address) keep a result in memory only. The on-disk copy keeps the MAX_FILES most recently used
results.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import pickle
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

# Several times the site's 68 pages: the previous build's results stay while the next build adds
# its own, and an old entry falls out only after that many newer ones; a page's HTML is tens of
# KB, so a long `mkdocs serve` session holds some tens of MB at most.
MAX_ENTRIES = 400


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


# The machine's cache folder: the on-disk copy here, the diagrams (macros/render/decision_trees.py).
CACHE_ROOT = Path(os.environ.get("VOH_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                  / "vault-operations-handbook")
# More files than this after a build, and the least recently used go, down to half of it.
MAX_FILES = 4000


def disk_cache() -> Path | None:
    """The folder of the on-disk copy: VOH_BUILD_CACHE=off builds without one, and
    VOH_BUILD_CACHE=<folder> uses that folder (`make bench` measures a cold one that way)."""
    setting = os.environ.get("VOH_BUILD_CACHE", "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    return Path(setting) if setting and setting.lower() not in ("on", "1", "yes", "true") else CACHE_ROOT / "build"


class Store(LRU):
    """An LRU in memory in front of a folder of pickles, one per key, shared by every build on
    the machine. A key whose inputs could not be written down stably (`disk=False`) stays in
    memory; an unreadable or half-written file is a miss."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def fetch(self, key: str, disk: bool = True) -> Any:
        value = self.get(key)
        if value is not None or not disk or (folder := disk_cache()) is None:
            return value
        path = folder / self.name / key[:2] / f"{key}.pickle"
        try:
            value = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        try:
            os.utime(path)  # recently used: pruned last
        except OSError:
            pass  # a read-only copy is still read
        self.misses -= 1
        self.hits += 1
        self.put(key, value)
        return value

    def store(self, key: str, value: Any, disk: bool = True) -> None:
        self.put(key, value)
        if not disk or (folder := disk_cache()) is None:
            return
        path = folder / self.name / key[:2] / f"{key}.pickle"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(path)  # atomic: a parallel build never reads half a file
        except OSError:
            pass  # a read-only home still builds, only without the copy


def prune(max_files: int = MAX_FILES) -> None:
    """Drop the least recently used files once the folder holds more than max_files."""
    if (folder := disk_cache()) is None or not folder.is_dir():
        return
    found = []
    for path in folder.rglob("*.pickle"):
        try:
            found.append((path.stat().st_mtime, path))
        except OSError:
            continue
    if len(found) <= max_files:
        return
    for _, path in sorted(found)[: len(found) - max_files // 2]:
        path.unlink(missing_ok=True)


RENDERED = Store("pages")
SEARCH_ENTRIES = Store("search")


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


class _Unstable(Exception):
    """A value whose repr names a memory address: the same in one process only."""


def stable(value: Any) -> str:
    """A text for the value that is the same in every process: functions (the emoji index) by
    module and name; raises _Unstable for an object it cannot write down."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, Mapping):
        return "{" + ",".join(sorted(f"{stable(k)}:{stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [stable(v) for v in value]
        return "[" + ",".join(sorted(items) if isinstance(value, (set, frozenset)) else items) + "]"
    if callable(value) and hasattr(value, "__module__") and hasattr(value, "__qualname__"):
        return f"<{value.__module__}.{value.__qualname__}>"
    text = repr(value)
    if " at 0x" in text or text.startswith("<"):
        raise _Unstable(text)
    return text


def config_fingerprint(config: MkDocsConfig) -> tuple[str, bool]:
    """What of the config a page's conversion reads, and whether it can be written down the
    same in every process (else the result is kept in memory only)."""
    parts = (config["markdown_extensions"], config["mdx_configs"], config["validation"],
             config["use_directory_urls"], config["docs_dir"])
    try:
        return digest(*(stable(p) for p in parts)), True
    except _Unstable:
        return digest(*parts), False


# Packages whose code turns a page's Markdown into HTML and search entries, and this package.
TOOLCHAIN = ("markdown", "pymdown-extensions", "pygments", "mkdocs", "mkdocs-material", "mkdocs-macros-plugin")


@lru_cache(maxsize=1)
def toolchain() -> str:
    """Python, the packages' versions and the hash of every file of this package: an upgrade
    or a code change makes every key new (models and renderers too, though their output is in
    the page's Markdown already)."""
    package = Path(__file__).resolve().parent
    code = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest(sys.version, *(f"{name}=={metadata.version(name)}" for name in TOOLCHAIN), code.hexdigest())


@dataclass(frozen=True)
class Rendered:
    content: str
    toc: Any  # the page's TableOfContents, copied
    title: str | None
    present_anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[tuple[str, int, str], ...]  # (logger, level, message) the conversion logged, logged again on a hit


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        # Only this build's: the dev server's threads log too. Once: where MkDocs' logger
        # propagates (a build run without its command line), the root logger hands it on again.
        if record.thread == self.thread and not any(seen is record for seen in self.records):
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
        settings, disk = config_fingerprint(config)
        key = digest(self.markdown, self.file.src_uri, self.file.dest_uri, self.file.url,
                     files_fingerprint(files), settings, toolchain())
        hit: Rendered | None = RENDERED.fetch(key, disk)
        if hit is None:
            with _captured() as records:
                original(self, config, files)
            links = self.links_to_anchors
            RENDERED.store(key, Rendered(
                self.content or "", copy.deepcopy(self.toc), self._title_from_render,
                frozenset(self.present_anchor_ids or ()),
                None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
                tuple((r.name, r.levelno, r.getMessage()) for r in records),
            ), disk)
            return
        for name, level, message in hit.records:
            logging.getLogger(name).log(level, message)
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


@lru_cache(maxsize=1)
def _search_code() -> str:
    from material.plugins.search import plugin  # noqa: PLC0415 (the theme is a dependency)

    # Chinese segmentation changes the entries when jieba is installed.
    return digest(toolchain(), plugin.jieba is not None)


def cached_search_entry(original: Callable[[Any, Page], None]) -> Callable[[Any, Page], None]:
    def add_entry_from_context(self: Any, page: Page) -> None:
        try:
            key, disk = digest(page.content, page.url, page.title, stable(page.meta), _toc_key(page.toc),
                               _search_code()), True
        except _Unstable:
            key, disk = digest(page.content, page.url, page.title, page.meta, _toc_key(page.toc)), False
        hit: list[dict[str, Any]] | None = SEARCH_ENTRIES.fetch(key, disk)
        if hit is None:
            start = len(self.entries)
            original(self, page)
            SEARCH_ENTRIES.store(key, copy.deepcopy(self.entries[start:]), disk)
            return
        self.entries.extend(copy.deepcopy(hit))

    add_entry_from_context.__wrapped__ = original  # type: ignore[attr-defined]
    return add_entry_from_context


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates by Jinja's key for them (name and file), in memory; Jinja discards one
    whose source changed. `code` may be filled from elsewhere (macros/theme_templates.py)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.code.clear()


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
