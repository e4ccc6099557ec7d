"""Each failure entry's own words in a search field of their own (`summary`, weighed in
mkdocs.yml's search `fields`): what you see and what it means.

An entry's heading is its error text, so a pasted error lands on it; but a reporter who writes
in prose ("the Kubernetes secret is not created") matched the words of other entries' headings,
weighed four times a body word, before the body of the entry that describes exactly that. The
summary gives the entry's description the weight of a heading without changing what the page
shows. Wired by macros/hooks/site.py after Material's search plugin has indexed the page; the
offline bundle inlines the same index. Measured with the query set by `make bench`.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from .badges import without_badges
from .models.failures import Failures, page_of

FIELD = "summary"
_INLINE = MarkdownIt("commonmark")


def plain_words(markdown: str) -> str:
    """The words a reader sees in a line of inline Markdown: code spans and link texts kept,
    markup and badge macros dropped."""
    words: list[str] = []
    for token in _INLINE.parseInline(without_badges(markdown)):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    # Escaped like the text Material indexes, so `<` and `>` split words the same way there.
    return escape(re.sub(r"\s+", " ", "".join(words)).strip(), quote=False)


def page_summaries(failures: Failures, src_uri: str) -> dict[str, str]:
    """{entry id: its summary} for a catalogue page (docs path); empty for any other page."""
    for area, failure_area in failures.areas.items():
        if page_of(area) == src_uri:
            return {entry.id: plain_words(" ".join(filter(None, (entry.symptom, entry.meaning))))
                    for entry in failure_area.entries}
    return {}


def add_summaries(page: Page, config: MkDocsConfig, failures: Failures) -> int:
    """Set the summary on the search index entries Material made for this page's sections;
    returns how many were set. Every entry of the page must get one: a section Material did not
    index under its pinned anchor would otherwise lose its summary without a word."""
    by_id = page_summaries(failures, page.file.src_uri)
    if not by_id:
        return 0
    search: Any = config.plugins["material/search"]
    prefix = f"{page.url}#"
    done = 0
    for item in search.search_index.entries:
        location: str = item["location"]
        if location.startswith(prefix):
            summary = by_id.get(location[len(prefix):])
            if summary:
                item[FIELD] = summary
                done += 1
    if done != len(by_id):
        raise PluginError(f"{page.file.src_uri}: {len(by_id) - done} catalogue entries have no search index "
                          f"entry at {prefix}<id>; did Material's search index format change?")
    return done
