"""Render data as tables whose cells hold Markdown, and the other blocks of the pages; one module
per dataset.

Each module has `macros(handbook, context)` returning the macros it offers by name (`context`
says which page is being rendered, see `Context`); the
registry (`macros/datasets.py`) declares each module with the dataset it renders and the names
of its macros, and `define_env` registers them from there (`renderer_macros` below).

A macro returns text or nodes of the document model (`blocks.py`), which has two writers: HTML
for the site and Markdown for the agent-skills references and llms-full.txt. On the site, rows
carry `data-id` and cells `data-field`, so tests can compare every figure a reader sees with the
data, and cells with Markdown in them are `markdown="span"`, so links to pages inside them
(runbooks, catalogue entries) are checked by MkDocs' own link validation like any other link.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .blocks import Cell, Content, Row, Table, fragment

if TYPE_CHECKING:
    from ..datasets import Renderer
    from ..loading import Handbook

@dataclass(frozen=True)
class Page:
    """The page being rendered, as a renderer sees it."""

    src_uri: str  # its docs path, `troubleshooting/runbooks/vault-sealed.md` (for relative links)
    # Its front matter, the page's own dict: a macro may extend it (the runbook's search tags).
    meta: dict[str, Any] = field(default_factory=dict)


class Context:
    """What a renderer may ask of the build: `page`, the page whose macro is being expanded (read
    when the macro runs, so one Context serves the whole build), and `site_url`, the running
    config's (mkdocs.yml's, or SITE_URL's), the base of every absolute link to the site."""

    def __init__(self, page: Callable[[], Page], site_url: str | None) -> None:
        self._page = page
        self._site_url = site_url

    @property
    def page(self) -> Page:
        return self._page()

    @property
    def site_url(self) -> str:
        if not self._site_url:
            raise ValueError("site_url is empty: set it in mkdocs.yml or build with SITE_URL=<url>")
        return self._site_url

    @classmethod
    def fixed(cls, src_uri: str, meta: dict[str, Any] | None = None, site_url: str | None = None) -> Context:
        """Always the same page: for tests, and for rendering outside a build."""
        page = Page(src_uri, {} if meta is None else meta)
        return cls(lambda: page, site_url)


UNIT_SUFFIX = {
    "ms": " ms", "seconds": " s", "percent": " %", "bytes": " bytes",
    "per_second": "/s", "ratio": "", "count": "", "boolean": "",
}


def relative_link(from_page: str, to_page: str) -> str:
    """Path from one docs page (src path) to another, as Markdown wants it."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def format_value(value: float, unit: str) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
    return number + UNIT_SUFFIX[unit]


def cell(field: str, *content: Content, search: bool | None = None) -> Cell:
    """A cell showing the data column `field`: Markdown text and badges, in order.

    `search=False` keeps a prose cell out of the search index: a reference table is found by its
    keys (paths, names, verdicts); its long notes, repeated over dozens of rows, would make the
    whole table one search section that matches any prose query. A `source` cell is never
    searched: repository and file names are on every row of every table."""
    return Cell(field, fragment(*content), field != "source" if search is None else search)


def table(name: str, headers: Sequence[str], rows: Iterable[Row], search_exclude: bool = False) -> Table:
    return Table(name, tuple(headers), tuple(rows), search_exclude)


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def select(rows: list, ids: Sequence[str] | None, what: str) -> list:
    if ids is None:
        return rows
    by_id = {row.id: row for row in rows}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"{what}: unknown id(s) {', '.join(unknown)}")
    return [by_id[i] for i in ids]


def renderer_macros(renderer: Renderer, handbook: Handbook, context: Context) -> dict[str, Callable[..., Any]]:
    """The macros of one registered renderer, refusing any that the registry does not declare
    (or that the module does not offer), so the registry cannot drift from the code."""
    module = importlib.import_module(f"{__name__}.{renderer.module}")
    offered: dict[str, Callable[..., Any]] = module.macros(handbook, context)
    if set(offered) != set(renderer.macros):
        raise ValueError(
            f"macros/render/{renderer.module}.py offers {sorted(offered)}, but macros/datasets.py "
            f"declares {sorted(renderer.macros)}")
    return offered
