"""The error index and the error lookup: every text of the failure catalogue (each printed
variant its own row), linked to the entry that explains it.

The lookup (docs/assets/javascripts/error-lookup.js) reads its catalogue from this table, so the
index and the lookup can never disagree and their links are MkDocs' own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from ..badges import expand_badges, unverified_mark
from ..loading import Handbook
from ..models.failures import Failures, page_of
from ..sources import source_links
from ..urls import page_url
from . import Context, cell, relative_link, table
from .blocks import Row, SiteOnly, Table
from .failures import SHOWN_IN, code_span


@dataclass(frozen=True)
class IndexRow:
    row_id: str
    entry: str
    text: str
    heading: str
    shown_in: str
    meaning: str
    page: str
    sources: list[str]
    verification_note: str | None


def index_rows(failures: Failures) -> list[IndexRow]:
    rows: list[IndexRow] = []
    for area, failure_area in failures.areas.items():
        for entry in failure_area.entries:
            for n, text in enumerate(entry.texts):
                rows.append(IndexRow(
                    f"error-{entry.id}" + (f"-{n}" if n else ""), entry.id, text.text, entry.texts[0].text,
                    SHOWN_IN[text.shown_in], entry.meaning, page_of(area), list(entry.source.code),
                    None if text.verified else text.note,
                ))
    # Alphabetical, ignoring case and leading punctuation, so a reader scanning finds it.
    return sorted(rows, key=lambda r: (r.text.lstrip("*\"' ").lower(), r.row_id))


# A meaning may link relative to its own page; in the index, keep the words, drop the link.
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")


def render(rows: list[IndexRow], page: str) -> Table:
    out = []
    for row in rows:
        mark = (" ", unverified_mark(row.verification_note)) if row.verification_note else None
        link = relative_link(page, row.page) + f"#{row.entry}"
        cells = [
            cell("text", code_span(row.text), mark),
            cell("shown_in", escape(row.shown_in)),
            cell("meaning", expand_badges(_LINK.sub(r"\1", row.meaning))),
            cell("link", f"[Causes and fix]({link})"),
            cell("source", source_links(row.sources)),
        ]
        out.append(Row(row.row_id, tuple(cells), id=row.row_id,
                       attrs=(("data-entry", row.entry), ("data-heading", row.heading))))
    return table("error_index", ["Error or log text", "Where you see it", "What it means", "Go to", "Source"], out)


# The lookup needs the site's script (docs/assets/javascripts/error-lookup.js): site only.
LOOKUP_FORM = SiteOnly("""
<form id="voh-error-lookup" class="voh-error-lookup" role="search" aria-label="Error lookup">
<label for="voh-error-lookup-input">Paste the error text or the whole log line</label>
<textarea id="voh-error-lookup-input" rows="4" spellcheck="false" autocomplete="off"
placeholder='2026-01-15T10:22:33.123Z [ERROR] auth.handler: error authenticating: ... invalid role name "app"'>
</textarea>
<p role="status" aria-live="polite"></p>
<ol class="voh-error-lookup__results"></ol>
</form>
""")


def catalogue_script(failures: Failures, use_directory_urls: bool) -> str:
    """`window.vohErrorCatalogue = [...]`: every printed text with its entry's site-relative URL."""
    rows = [{"id": r.entry, "text": r.text, "heading": r.heading,
             "page": page_url(r.page, use_directory_urls) + "#" + r.entry} for r in index_rows(failures)]
    return "window.vohErrorCatalogue = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n"


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Table | SiteOnly]]:
    def error_index() -> Table:
        return render(index_rows(handbook.failures), context.page.src_uri)

    def error_lookup() -> SiteOnly:
        return LOOKUP_FORM

    return {"error_index": error_index, "error_lookup": error_lookup}
