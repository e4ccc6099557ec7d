"""A table cell written without `markdown="span"` (plain text, one code span) must be the HTML
Python-Markdown makes of the same cell with it, under the site's own Markdown extensions."""

from __future__ import annotations

from functools import cache

import markdown
import pytest
from mkdocs.config import load_config

from macros.loading import PROJECT_DIR
from macros.render.blocks import Cell, cell_html, fragment

CELLS = [
    "60s", "true", "1.16.3", "Raft (integrated storage)", "10% of the nodes", "n/a", "it's 5 = 2 + 3",
    "`csi.enabled`", "`a < b && c > d`", "`vault operator raft list-peers`", "`{{ .Data }}`", "`x|y`",
    # Left to Markdown: the writer must keep the attribute on these.
    "**bold**", "[a link](https://example.com)", " leading space", "`#!python print()`", "a & b", "`a` and `b`",
    "",
]


@cache
def _site_markdown() -> markdown.Markdown:
    config = load_config(str(PROJECT_DIR / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def _rendered(cell_markup: str) -> str:
    md = _site_markdown()
    md.reset()
    return md.convert(f'<table markdown>\n<tbody markdown>\n<tr markdown>{cell_markup}</tr>\n</tbody>\n</table>')


@pytest.mark.parametrize("text", CELLS)
def test_a_cell_renders_as_markdown_would(text: str) -> None:
    written = cell_html(Cell("f", fragment(text)))
    with_attribute = f'<td data-field="f" markdown="span">{text}</td>'
    assert _rendered(written) == _rendered(with_attribute)


def test_only_plain_cells_lose_the_attribute() -> None:
    assert 'markdown="span"' not in cell_html(Cell("f", fragment("`csi.enabled`")))
    assert 'markdown="span"' not in cell_html(Cell("f", fragment("60s")))
    for text in ("**bold**", "[a link](x.md)", "a & b", "`#!python x`", "`a` and `b`"):
        assert 'markdown="span"' in cell_html(Cell("f", fragment(text))), text
