"""A table cell written without `markdown="span"` (macros/render/blocks.py's cell_html) must be the
HTML Python-Markdown makes of the same cell with it, under the site's own Markdown extensions:
for sample cells, and for every cell of every table the site's pages render."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from macros.datasets import renderers
from macros.loading import PROJECT_DIR, load_all
from macros.render import Context, Page, renderer_macros
from macros.render.blocks import Cell, Div, Fragment, Indented, Node, Table, cell_html, fragment, html

CELLS = [
    "60s", "true", "1.16.3", "Raft (integrated storage)", "10% of the nodes", "n/a", "it's 5 = 2 + 3",
    "`csi.enabled`", "`a < b && c > d`", "`vault operator raft list-peers`", "`{{ .Data }}`", "`x|y`",
    "**bold**", "`a` and `b`", "> 5% for 10m", "port :8200", "auto_join or retry_join", "Café — naïve",
    "[vault: raft.go](https://github.com/hashicorp/vault/blob/v1.19.0/vault/raft.go?a=1&b=2)<br>`x`",
    '`text` <span class="voh-badge voh-badge--unverified" title="Seen in `kubectl` [output]">Unverified</span>',
    "Is it? Yes! \"quoted\" #1 @me",
    # Left to Markdown: the writer must keep the attribute on these.
    "[a link](x.md)", "[here](#anchor)", " leading space", "trailing space ", "`#!python print()`", "a & b",
    "*em*", "_under_", "a\\*b", ":smile:", "![img](https://example.com/a.png)", "<b>raw</b>", "x{: .cls}",
    "two\nlines", "`code` [rel](../a.md#b)", "",
]


@cache
def _config() -> MkDocsConfig:
    return load_config(str(PROJECT_DIR / "mkdocs.yml"))


@cache
def _site_markdown() -> markdown.Markdown:
    config = _config()
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def _rendered(rows: str) -> str:
    md = _site_markdown()
    md.reset()
    return md.convert(f"<table markdown>\n<tbody markdown>\n{rows}\n</tbody>\n</table>")


def _left_to_markdown(cell: Cell) -> str:
    """The cell as the writer would write it if it always left the cell to Markdown."""
    exclude = "" if cell.searched else " data-search-exclude"
    return f'<td data-field="{cell.field}"{exclude} markdown="span">{html(cell.content)}</td>'


@pytest.mark.parametrize("text", CELLS)
def test_a_cell_renders_as_markdown_would(text: str) -> None:
    cell = Cell("f", fragment(text))
    assert _rendered(f"<tr markdown>{cell_html(cell)}</tr>") == _rendered(f"<tr markdown>{_left_to_markdown(cell)}</tr>")


def test_only_cells_of_plain_parts_lose_the_attribute() -> None:
    for text in ("`csi.enabled`", "60s", "**bold**", "`a` and `b`", "[x: y.go](https://example.com/y.go)<br>z"):
        assert 'markdown="span"' not in cell_html(Cell("f", fragment(text))), text
    for text in ("[a link](x.md)", "[here](#a)", "a & b", "`#!python x`", "*em*", ":smile:", "x{: .c}", ""):
        assert 'markdown="span"' in cell_html(Cell("f", fragment(text))), text


def _tables(node: Node) -> Iterator[Table]:
    match node:
        case Table():
            yield node
        case Fragment():
            for part in node.nodes:
                yield from _tables(part)
        case Div():
            yield from _tables(node.body)
        case Indented():
            yield from _tables(node.node)


@cache
def site_tables() -> tuple[tuple[str, Table], ...]:
    """Every table the pages render, by page: each page's Jinja run the way mkdocs-macros runs it
    (mkdocs.yml's delimiters, the registry's macros, the page as the macros' context)."""
    config = _config()
    config.extra.setdefault("offline_build", False)
    delimiters = {key[3:]: value for key, value in config.plugins["macros"].config.items() if key.startswith("j2_")}
    handbook = load_all()
    current = {"page": Page("index.md")}
    context = Context(lambda: current["page"], config["site_url"])
    found: list[tuple[str, Table]] = []

    def keeping(function: Callable[..., Node]) -> Callable[..., str]:
        def macro(*args: Any, **kwargs: Any) -> str:
            found.extend((current["page"].src_uri, t) for t in _tables(function(*args, **kwargs)))
            return ""
        return macro

    env = jinja2.Environment(undefined=jinja2.ChainableUndefined, **delimiters)
    for renderer in renderers():
        for name, function in renderer_macros(renderer, handbook, context).items():
            env.globals[name] = keeping(function)
    env.globals.update(badge=lambda **_: "", config=config)
    env.filters["indent"] = lambda text, *_, **__: text
    docs = Path(config["docs_dir"])
    for path in sorted(docs.rglob("*.md")):
        source, meta = get_data(path.read_text(encoding="utf-8"))
        current["page"] = Page(path.relative_to(docs).as_posix(), meta)
        env.from_string(source).render()
    return tuple(found)


def test_every_cell_of_the_site_renders_as_markdown_would() -> None:
    tables = site_tables()
    assert len({t.name for _, t in tables}) >= 30, "the pages' tables were not all found"
    written = 0
    for page, table in tables:
        rows = [row.cells for row in table.rows]
        ours = "\n".join(f"<tr markdown>{''.join(cell_html(c) for c in cells)}</tr>" for cells in rows)
        theirs = "\n".join(f"<tr markdown>{''.join(_left_to_markdown(c) for c in cells)}</tr>" for cells in rows)
        assert _rendered(ours) == _rendered(theirs), f"{page}: table {table.name}"
        written += ours.count("<td") - ours.count('markdown="span"')
    # Most cells skip Markdown (the point of the writer's shortcut): links to pages stay Markdown.
    cells = sum(len(row.cells) for _, t in tables for row in t.rows)
    assert written > cells / 2, (written, cells)
