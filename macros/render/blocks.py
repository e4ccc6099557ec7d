"""What the renderers build: a small document model, and the two writers that turn it into text.

A renderer returns nodes, not text: Markdown strings (the same for both writers), badges,
verdicts, data tables, wrapper divs, paragraphs with a class, source notes, and parts that exist
on the site only (diagrams, the error lookup's form).

- The HTML writer (`html`) gives what the site shows: the classes the stylesheets and scripts use,
  rows' `id` and `data-id` and cells' `data-field` (the tests compare every figure with the data
  through them), and `markdown` attributes, so that Python-Markdown still renders the Markdown
  inside (md_in_html; MkDocs then checks the links in cells like any other link). A cell made
  only of plain parts (text, code spans, links to other sites, bold, badges) is written as
  Markdown would render it, without the attribute (`cell_html`).
- The Markdown writer (`markdown`) gives what the agent-skills references and llms-full.txt hold:
  pipe tables named by a comment, badges as **[label]**, row and wrapper ids as anchors, no
  site-only parts.

Both write from the same nodes, so nothing is ever parsed back out of the site's HTML. During a
site build the macros hand their nodes to `Placeholders` (see there).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeAlias

from jinja2.filters import do_indent

# An element's attributes in the order the site writes them; None is an attribute without a value.
Attrs: TypeAlias = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class Badge:
    """An edition, version or status mark (macros/badges.py makes them)."""

    kind: str  # the CSS modifier: enterprise, since, unverified, storage, insecure
    label: str
    title: str  # the tooltip on the site


@dataclass(frozen=True)
class Verdict:
    """The short answer heading a decision-matrix cell."""

    label: str


@dataclass(frozen=True)
class Fragment:
    """Nodes in sequence; build one with `fragment()` or `joined()`."""

    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Span:
    """Inline text the site marks (a class, out of search); in Markdown, the text."""

    attrs: Attrs
    content: Fragment


@dataclass(frozen=True)
class Cell:
    field: str  # data-field: the data column the cell shows
    content: Fragment
    searched: bool = True  # False: out of the site's search index (data-search-exclude)


@dataclass(frozen=True)
class Row:
    data_id: str  # the data row's id
    cells: tuple[Cell, ...]
    id: str | None = None  # the anchor links use; the Markdown writer keeps it too
    attrs: Attrs = ()  # more attributes, written after data-id


@dataclass(frozen=True)
class Table:
    name: str  # data-table, and the name comment above the Markdown table
    headers: tuple[str, ...]  # plain text
    rows: tuple[Row, ...]
    search_exclude: bool = False  # out of the site's search index


@dataclass(frozen=True)
class Div:
    """A wrapper the site styles or scripts; in Markdown only its id stays, as an anchor."""

    attrs: Attrs
    body: Fragment


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with a class (and Markdown inside); in Markdown, its content."""

    attrs: Attrs
    content: Fragment


@dataclass(frozen=True)
class Source:
    """The source (or confidence) note under a table: one line of Markdown in both forms."""

    content: Fragment
    attrs: Attrs = ()  # after the class


@dataclass(frozen=True)
class SiteOnly:
    """HTML with no place in a Markdown file: a diagram whose numbered text sits beside it, or a
    form that needs the site's JavaScript."""

    html: str


@dataclass(frozen=True)
class Indented:
    """A node through Jinja's `indent` filter: a block a page puts inside an admonition or a tab."""

    node: Node
    width: int | str = 4
    first: bool = False
    blank: bool = False


Node: TypeAlias = str | Badge | Verdict | Span | Fragment | Table | Div | Paragraph | Source | SiteOnly | Indented
NODE_TYPES = (str, Badge, Verdict, Span, Fragment, Table, Div, Paragraph, Source, SiteOnly, Indented)
Content: TypeAlias = Node | Iterable[Node] | None


def fragment(*parts: Content) -> Fragment:
    """One fragment from nodes, lists of nodes and fragments; empty strings and None drop out."""
    nodes: list[Node] = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, Fragment):
            nodes += part.nodes
        elif isinstance(part, NODE_TYPES):
            nodes.append(part)
        else:
            nodes += fragment(*part).nodes
    return Fragment(tuple(nodes))


def joined(separator: str, items: Iterable[Content]) -> Fragment:
    """str.join for nodes: the separator between every two items, empty ones included."""
    out: list[Content] = []
    for item in items:
        if out:
            out.append(separator)
        out.append(item)
    return fragment(*out)


# ---------------------------------------------------------------------------------------------
# The HTML writer: what the site shows.


# Python-Markdown runs its first inline patterns (code spans, backslash escapes, links) before it
# sets raw HTML aside, so they reach into an inline tag's attributes: a tooltip with `code` in
# it showed "<code>code</code>". As character references these characters are plain text to
# Markdown, and the same characters to a browser.
_MARKDOWN_IN_ATTRIBUTES = str.maketrans({"`": "&#96;", "\\": "&#92;", "[": "&#91;", "]": "&#93;"})


def attribute(value: str) -> str:
    """An attribute value as the site writes it: escaped for HTML, and out of Markdown's reach."""
    return html_lib.escape(value).translate(_MARKDOWN_IN_ATTRIBUTES)


def _attrs(attrs: Attrs) -> str:
    return "".join(f" {name}" if value is None else f' {name}="{attribute(value)}"' for name, value in attrs)


def html(node: Node) -> str:
    match node:
        case str():
            return node
        case Fragment():
            return "".join(html(n) for n in node.nodes)
        case Badge():
            return (f'<span class="voh-badge voh-badge--{node.kind}" title="{attribute(node.title)}">'
                    f"{html_lib.escape(node.label)}</span>")
        case Verdict():
            return f'<span class="voh-verdict">{html_lib.escape(node.label)}</span>'
        case Span():
            return f"<span{_attrs(node.attrs)}>{html(node.content)}</span>"
        case Table():
            return _table_html(node)
        case Div():
            return f"<div{_attrs(node.attrs)} markdown>{html(node.body)}</div>"
        case Paragraph():
            return f"<p{_attrs(node.attrs)} markdown>{html(node.content)}</p>"
        case Source():
            return f'<p class="voh-source"{_attrs(node.attrs)} markdown="span">{html(node.content)}</p>'
        case SiteOnly():
            return node.html
        case Indented():
            return do_indent(html(node.node), node.width, node.first, node.blank)
    raise TypeError(f"not a block node: {node!r}")


# A cell written as the HTML Python-Markdown would make of it needs no `markdown` attribute, which
# spares Python-Markdown parsing it: the inline parsing of table cells was a third of all Markdown
# conversion. That holds for a cell made only of these parts (anything else is left to Markdown):
# - text with no Markdown or HTML syntax: no `*`, `[`, `&`, `<`, backslash, braces, no `:` that
#   could open an emoji, `_` only inside a word, `!` not before `[`; `>` is written `&gt;`;
# - a code span that is not inlinehilite's `#!lang` or `:::lang`;
# - a link of such text to an absolute http(s) URL (MkDocs rewrites only relative links, and it
#   sees none in a cell written as HTML, so those stay Markdown);
# - `**bold**` such text, `<br>`, and the badges this writer makes.
# No white space at the cell's ends. tests/test_blocks_cells.py holds every cell of the real
# tables to Python-Markdown's rendering of it.
_TEXT = r"""(?:[A-Za-z0-9 .,;()/+%='"?#@|$^~-]|[^\x00-\x7f]|:(?![\w+-])|(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])|!(?!\[)|>)+"""
_CELL_PART = re.compile(
    rf"(?P<text>{_TEXT})"
    r"|`(?P<code>[^`\s](?:[^`\n]*[^`\s])?)`"
    rf"|\[(?P<label>{_TEXT})\]\((?P<url>https?://[^\s()<>\"'`\\]+)\)"
    rf"|\*\*(?P<strong>{_TEXT})\*\*"
    r'|(?P<html><br>|<span class="voh-badge voh-badge--[a-z]+" title="[^"<>`\\\[\]]*">[A-Za-z0-9 .+-]+</span>)'
)


def _text_html(text: str) -> str:
    return text.replace(">", "&gt;")


def _cell_parts_html(content: str) -> str | None:
    """The cell's HTML when every part of it is one of the above, else None."""
    if not content or content != content.strip():
        return None
    out, position = [], 0
    while position < len(content):
        part = _CELL_PART.match(content, position)
        if part is None:
            return None
        position = part.end()
        if (text := part["text"]) is not None:
            out.append(_text_html(text))
        elif (code := part["code"]) is not None:
            if code.startswith(("#!", ":::")):
                return None
            out.append(f"<code>{html_lib.escape(code, quote=False)}</code>")
        elif (label := part["label"]) is not None:
            if label != label.strip():
                return None
            out.append(f'<a href="{html_lib.escape(part["url"])}">{_text_html(label)}</a>')
        elif (strong := part["strong"]) is not None:
            if strong != strong.strip():
                return None
            out.append(f"<strong>{_text_html(strong)}</strong>")
        else:
            out.append(part["html"])
    return "".join(out)


def cell_html(cell: Cell) -> str:
    exclude = "" if cell.searched else " data-search-exclude"
    content = html(cell.content)
    written = _cell_parts_html(content)
    if written is None:
        return f'<td data-field="{cell.field}"{exclude} markdown="span">{content}</td>'
    return f'<td data-field="{cell.field}"{exclude}>{written}</td>'


def _row_html(row: Row) -> str:
    attrs: Attrs = ((("id", row.id),) if row.id is not None else ()) + (("data-id", row.data_id),) + row.attrs
    return f"<tr{_attrs(attrs)} markdown>{''.join(cell_html(c) for c in row.cells)}</tr>"


def _table_html(table: Table) -> str:
    head = "".join(f"<th>{html_lib.escape(h)}</th>" for h in table.headers)
    body = "\n".join(_row_html(r) for r in table.rows)
    wrap = " data-search-exclude" if table.search_exclude else ""
    # md_in_html parses a cell's Markdown only when every enclosing element asks for it.
    # Blank lines around the block keep Markdown from treating the next line as part of it.
    return (
        f'\n<div class="voh-table-wrap"{wrap} markdown>\n'
        f'<table class="voh-table" data-table="{table.name}" markdown>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody markdown>\n{body}\n</tbody>\n</table>\n</div>\n"
    )


# ---------------------------------------------------------------------------------------------
# The Markdown writer: what the agent-skills references and llms-full.txt hold.

_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


def markdown(node: Node) -> str:
    match node:
        case str():
            return node
        case Fragment():
            return "".join(markdown(n) for n in node.nodes)
        case Badge():
            return f"**[{html_lib.escape(node.label)}]**"
        case Verdict():
            return f"**{html_lib.escape(node.label)}**"
        case Span():
            return markdown(node.content)
        case Table():
            return _table_markdown(node)
        case Div():
            found = dict(node.attrs).get("id")
            return (f'<a id="{found}"></a>' if found else "") + markdown(node.body)
        case Paragraph():
            return markdown(node.content)
        case Source():
            return " ".join(markdown(node.content).split())
        case SiteOnly():
            return ""
        case Indented():
            text = markdown(node.node)
            # A wrapper's line that is empty in Markdown stays empty, not a line of spaces.
            return do_indent(text, node.width, node.first and not text.startswith("\n"), node.blank)
    raise TypeError(f"not a block node: {node!r}")


def cell_markdown(text: str) -> str:
    """A cell's Markdown as one line of a pipe table: white space folded, pipes escaped."""
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE_SPAN.sub(keep, text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<!\\)\|", r"\\|", text)
    # A pipe inside a code span would end the cell in GFM, and a backslash before it shows up in
    # Python-Markdown; as HTML with an entity it reads the same in both.
    spans = [_code_with_pipe(s.replace("\n", " ")) if "|" in s else s.replace("\n", " ") for s in spans]
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)


def _code_with_pipe(span: str) -> str:
    inner = span.strip("`")
    inner = inner[1:-1] if inner.startswith(" ") and inner.endswith(" ") and inner.strip() else inner
    # Markdown still parses the text between HTML tags: every character it would act on is an entity.
    inner = html_lib.escape(inner, quote=False)
    for char in "\\|*_[]`":
        inner = inner.replace(char, f"&#{ord(char)};")
    return f"<code>{inner}</code>"


def _table_markdown(table: Table) -> str:
    header = [cell_markdown(html_lib.escape(h)) for h in table.headers]
    rows: list[list[str]] = []
    for row in table.rows:
        cells = [cell_markdown(markdown(c.content)) for c in row.cells]
        if row.id is not None and cells:
            cells[0] = f'<a id="{row.id}"></a>{cells[0]}'  # links to the row keep working
        rows.append(cells)
    width = max([len(header), *(len(r) for r in rows)])
    header += [""] * (width - len(header))
    # The comment names the dataset's table for readers and tests; the blank line after it keeps
    # Markdown parsers that end an HTML block only at a blank line from swallowing the table.
    lines = [f"<!-- table: {table.name} -->", "", "| " + " | ".join(header) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return "\n\n" + "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------------------------------------
# Placeholders: how a page's macros hand their nodes to the export.

_PLACEHOLDER = re.compile("\x02voh-block-(\\d+)\x03")
_PLACEHOLDER_START = "\x02voh-block-"


class Placeholders:
    """The nodes the macros of the page being rendered returned.

    Off, `emit` returns a node's HTML, so the site builds with mkdocs-macros alone. Switched on (by
    the export hook, macros/hooks/skills.py), it returns a placeholder, and once mkdocs-macros has
    rendered the page, `split` writes the page twice: the site's Markdown with every node's HTML,
    the export's with every node's Markdown.
    """

    def __init__(self) -> None:
        self.enabled = False
        self._nodes: dict[int, Node] = {}
        self._count = 0

    def emit(self, value: Any) -> Any:
        """What a macro returns: text and other values as they are, a node as HTML or a placeholder."""
        if isinstance(value, str) or not isinstance(value, NODE_TYPES):
            return value
        if not self.enabled:
            return html(value)
        self._count += 1
        self._nodes[self._count] = value
        return f"{_PLACEHOLDER_START}{self._count}\x03"

    def indent(self, value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
        """Jinja's `indent` filter, which indents the node behind a placeholder, not the placeholder."""
        found = _PLACEHOLDER.fullmatch(str(value))
        if found and int(found[1]) in self._nodes:
            return self.emit(Indented(self._nodes.pop(int(found[1])), width, first, blank))
        return do_indent(value, width, first, blank)

    def split(self, text: str, where: str) -> tuple[str, str]:
        """(site Markdown, export Markdown) of one rendered page; `where` names it in errors."""
        try:
            site = self._write(text, html)
            export = self._write(text, markdown)
        except KeyError as error:
            raise ValueError(f"{where}: a macro's output from another page ({error}) cannot be shown here") from None
        finally:
            self._nodes.clear()
        if _PLACEHOLDER_START[0] in site:
            # Only `indent` knows about nodes; any other filter changed the placeholder itself.
            raise ValueError(f"{where}: a Jinja filter other than indent was applied to a macro's output")
        return site, export

    def _write(self, text: str, writer: Any) -> str:
        # A node may hold another macro's output (a macro called in another's argument).
        return _PLACEHOLDER.sub(lambda m: self._write(writer(self._nodes[int(m[1])]), writer), text)
