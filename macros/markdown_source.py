"""The fences and headings of a Markdown source, read with a CommonMark parser (markdown-it-py).
The export cuts a page at its fences with the same parse (`split_fences`).

What the handbook's pages use on top of CommonMark is taught to the parser rather than matched
with patterns: MkDocs' YAML front matter (MkDocs' own pattern; the lines become blank, so line
numbers stay those of the file), and Python-Markdown's indented containers (admonitions
`!!!`, collapsible blocks `???`/`???+`, content tabs `===`), whose body is parsed as Markdown
as Python-Markdown does. A heading's pinned id is attr_list's `{ #id }` at its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mkdocs.utils.meta import YAML_RE

# `!!! warning "Title"`, `??? note`, `???+ tip`, `=== "Tab"`, `===! "Tab"`: a marker and a space.
_CONTAINER = re.compile(r"(?:!!!|\?\?\?\+?|===[!+]?)[ \t]")
_ATTR_LIST = re.compile(r"\s*\{:?([^}]*)\}\s*$")  # attr_list at the end of a heading
_ID = re.compile(r"(?:^|\s)#([\w-]+)")


@dataclass(frozen=True)
class Fence:
    info: str  # after the backticks: `yaml title="values.yaml"`, `{ .hcl .anti-pattern }`
    content: str
    line: int  # of the opening fence, 1-based

    @property
    def language(self) -> str:
        """`yaml` for ```` ```yaml title="x" ```` and for ```` ``` { .yaml .anti-pattern } ````."""
        info = self.info.strip()
        if info.startswith("{"):
            classes = re.findall(r"(?:^|\s)\.([\w+-]+)", info.strip("{} "))
            return classes[0] if classes else ""
        return info.split(maxsplit=1)[0] if info else ""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # the heading's Markdown, without its attribute list
    id: str | None  # the pinned id, `{ #id }`, or None
    line: int  # 1-based


def _container(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Python-Markdown's indented containers: the marker line, then every following line that is
    blank or indented four more spaces, parsed as the container's own blocks."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False  # an indented code block
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not _CONTAINER.match(state.src, start, state.eMarks[start_line] + 1):
        return False
    if silent:
        return True
    indent = state.sCount[start_line] + 4
    next_line = start_line + 1
    last = start_line  # the last line that belongs to the body (trailing blank lines do not)
    while next_line < end_line:
        if state.isEmpty(next_line):
            next_line += 1
            continue
        if state.sCount[next_line] < indent:
            break
        last = next_line
        next_line += 1
    opening = state.push("container_open", "div", 1)
    opening.info = state.src[start:state.eMarks[start_line]]
    opening.map = [start_line, last + 1]
    saved = state.parentType, state.lineMax, state.blkIndent
    state.parentType, state.lineMax, state.blkIndent = "container", last + 1, indent  # type: ignore[assignment]
    state.md.block.tokenize(state, start_line + 1, last + 1)
    state.parentType, state.lineMax, state.blkIndent = saved
    state.push("container_close", "div", -1)
    state.line = last + 1
    return True


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    parser.block.ruler.before("fence", "container", _container,
                              {"alt": ["paragraph", "reference", "blockquote", "list"]})
    # Blocks only: an inline token keeps its text (a heading's, say) without children. Nothing
    # here looks inside a paragraph, and the inline rules were most of the parse (about 2/3).
    return parser.disable("inline")


def tokens(markdown: str) -> list[Token]:
    """The page's block tokens, front matter left out (its lines kept blank)."""
    if match := YAML_RE.match(markdown):
        markdown = "\n" * match.group(0).count("\n") + markdown[match.end():]
    return _parser().parse(markdown)


def fences(markdown: str) -> list[Fence]:
    """Every fenced code block, in order, those in lists, admonitions and tabs included."""
    return [Fence(t.info.strip(), t.content, t.map[0] + 1 if t.map else 0)
            for t in tokens(markdown) if t.type == "fence"]


# The parser's lines: it ends a line at \r\n, \r or \n (and only there), so its token maps index these.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


# By the text: the export cuts most of its files twice or three times a build (the page, then the
# bundle's checks of links, anchors and leftovers), about 210 texts; room for several builds of
# `mkdocs serve`, whose unchanged pages are the same texts.
@lru_cache(maxsize=1024)
def split_fences(markdown: str) -> tuple[tuple[bool, str], ...]:
    """The Markdown in whole-line chunks, ((is_code, text), …), joined back it is the input: each
    fenced code block (fences and content; one left open runs to the end of its container) is
    one code chunk, from the lines its token maps."""
    if "```" not in markdown and "~~~" not in markdown:  # no fence can open: nothing to parse
        return ((False, markdown),) if markdown else ()
    lines = _LINE.findall(markdown)
    chunks: list[tuple[bool, str]] = []
    done = 0  # lines already in a chunk
    for token in tokens(markdown):
        # A fence's token always has a map; nested tokens (lists, admonitions) map the file's lines.
        if token.type != "fence" or not token.map:
            continue
        start, end = token.map
        if start > done:
            chunks.append((False, "".join(lines[done:start])))
        chunks.append((True, "".join(lines[start:end])))
        done = end
    if done < len(lines):
        chunks.append((False, "".join(lines[done:])))
    return tuple(chunks)


def headings(markdown: str) -> list[Heading]:
    """Every heading (ATX or setext), in order; `#` lines inside code blocks are not headings."""
    found = []
    parsed = tokens(markdown)
    for index, token in enumerate(parsed):
        if token.type != "heading_open":
            continue
        text = parsed[index + 1].content
        pinned = None
        if attrs := _ATTR_LIST.search(text):
            text = text[:attrs.start()]
            if ids := _ID.findall(attrs.group(1)):
                pinned = ids[-1]
        found.append(Heading(int(token.tag[1]), text.strip(), pinned, token.map[0] + 1 if token.map else 0))
    return found
