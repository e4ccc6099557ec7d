"""A page as the export uses it: its Markdown made portable, its title and one-line summary.

The Markdown a page's macros produce for the export is already plain (the Markdown writer of
macros/render/blocks.py). What is left is the page's own text: links to rewrite (links.py), the
attribute lists of links (`{ .md-button }`, `{ download }`), and the few lines of HTML written
by hand in docs/*.md: layout wrappers (`<div class="grid cards" markdown>`) and a link MkDocs
must not check (the print view's). Fenced code blocks stay byte for byte.
"""

from __future__ import annotations

import re

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..build_cache import LRU, digest
from .fences import protect_code, restore_code, split_fences
from .links import Rewrite, rewrite_links

SUMMARY_MAX = 240

# Hand-written HTML in pages: a wrapper <div> alone on its line goes (an id it carries stays as an
# anchor), a raw link becomes a Markdown link.
_WRAPPER_LINE = re.compile(r"^(?P<indent>[ \t]*)(?:<div\b(?P<attrs>[^>]*)>|</div>)[ \t]*$", re.M)
_ID_ATTR = re.compile(r'(?<![\w-])id="(?P<id>[^"]+)"')
_ANCHOR_TAG = re.compile(r'<a\s+href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)
_LINK_ATTR_LIST = re.compile(r"\)\{:?[ \t]*(?:[.#][\w-]+|download|target=[^\s}]+|[ \t])+\}")


def _unwrap_line(match: re.Match[str]) -> str:
    found = _ID_ATTR.search(match["attrs"] or "")
    return f'{match["indent"]}<a id="{found["id"]}"></a>' if found else ""


# Converted pages by (text, the rewriter's cache_key): links.rewriter says what its targets depend on.
CONVERTED = LRU()


def convert(markdown: str, rewrite: Rewrite) -> str:
    """Whole page: hand-written HTML and link attributes out, links rewritten; code left byte for byte."""
    rewriter_key = getattr(rewrite, "cache_key", None)
    if rewriter_key is None:
        return _convert(markdown, rewrite)
    key = digest(markdown, rewriter_key)
    converted: str | None = CONVERTED.get(key)
    if converted is None:
        converted = _convert(markdown, rewrite)
        CONVERTED.put(key, converted)
    return converted


def _convert(markdown: str, rewrite: Rewrite) -> str:
    out: list[str] = []
    for is_code, chunk in split_fences(markdown):
        if is_code:
            out.append(chunk)
            continue
        if "<div" in chunk or "</div>" in chunk:  # the patterns below only where they can match
            chunk = _WRAPPER_LINE.sub(_unwrap_line, chunk)
        protected, spans = protect_code(chunk)
        if "<a" in protected:
            protected = _ANCHOR_TAG.sub(lambda m: f"[{m['text']}]({m['href']})", protected)
        if "){" in protected:
            protected = _LINK_ATTR_LIST.sub(")", protected)
        out.append(restore_code(rewrite_links(protected, rewrite), spans))
    text = "".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def nav_order(nav: Navigation | None, pages: dict[str, Page]) -> list[str]:
    """src_uris in nav order, then any page not in the nav (sorted)."""
    ordered = [p.file.src_uri for p in (nav.pages if nav else []) if p.file.src_uri in pages]
    return ordered + sorted(set(pages) - set(ordered))


def title_of(page: Page) -> str:
    return str(page.title or page.file.src_uri)


# A fence opens on a line that holds ``` or ~~~: the lines before the first such line are prose.
_FENCE_MARK = re.compile(r"^.*(?:```|~~~)", re.M)


def summary(page: Page, markdown: str) -> str:
    """One line: the page's `description` front matter, else its first paragraph's first sentence."""
    described = page.meta.get("description")
    if isinstance(described, str) and described.strip():
        return " ".join(described.split())
    # A runbook's preface may only say how to reach it; its Meaning section says what it is about.
    meaning = re.search(r"^##[ \t].*\{[^}\n]*#meaning[^}\n]*\}[ \t]*$", markdown, re.M)
    if meaning:
        markdown = markdown[meaning.end():]
    # Most pages' first paragraph comes before any fence: found there, it needs no parse. The
    # last block before the mark may go on past it, so only a block before that one counts.
    mark = _FENCE_MARK.search(markdown)
    if mark is None:
        return _first_sentence(re.split(r"\n[ \t]*\n", markdown)) or title_of(page)
    head = re.split(r"\n[ \t]*\n", markdown[:mark.start()])
    if (line := _first_sentence(head[:-1])) is not None:
        return line
    for is_code, chunk in split_fences(markdown):
        if not is_code and (line := _first_sentence(re.split(r"\n[ \t]*\n", chunk))) is not None:
            return line
    return title_of(page)


def _first_sentence(blocks: list[str]) -> str | None:
    """The first sentence of the first block that is a paragraph (not a heading, list, table,
    admonition, HTML or attribute list), links reduced to their text; None without one."""
    for block in blocks:
        block = block.strip()
        if not block or block[0] in "#<|!=>-*+{" or block[0].isdigit() or block.startswith("---"):
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(block.split()))
        text = re.sub(r"\*\*\[([^\]]+)\]\*\*", r"(\1)", text)
        text = text.replace("**", "")
        sentence = re.match(r"(.+?[.!?])(?:\s|$)", text)
        line = sentence.group(1) if sentence else text
        # One line: a long first sentence is cut at a word, and says so.
        return line if len(line) <= SUMMARY_MAX else line[:SUMMARY_MAX].rsplit(" ", 1)[0] + " …"
    return None
