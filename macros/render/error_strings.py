"""The error index: every error or log string the handbook explains, from the auth catalogue and
data/error_strings.yaml, each linked to the heading that explains it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..loading import Handbook
from ..models.auth_errors import AuthErrors
from ..models.error_strings import ErrorStrings
from ..sources import source_links
from . import cell, relative_link, table
from .auth_errors import CATALOGUE_PAGE, expand_badges, unverified_mark

SHOWN_IN = {
    "client": "Client error",
    "server-log": "Vault server log",
    "server-debug-log": "Vault server log (debug)",
    "cli": "Vault CLI output",
    "kubernetes": "Kubernetes events or pod log",
}


@dataclass(frozen=True)
class IndexRow:
    id: str
    text: str
    shown_in: str
    meaning: str
    page: str
    anchor: str
    sources: list[str]
    verification_note: str | None


def index_rows(auth: AuthErrors, strings: ErrorStrings) -> list[IndexRow]:
    rows = [
        IndexRow(e.id, e.error, e.shown_in, e.meaning, CATALOGUE_PAGE, e.id, list(e.source),
                 None if e.verified else e.verification_note)
        for e in auth.errors
    ]
    rows += [
        IndexRow(s.id, s.string, s.shown_in, s.meaning, s.explained_at.page, s.explained_at.anchor,
                 list(s.source), None if s.verified else s.verification_note)
        for s in strings.strings
    ]
    # Alphabetical, ignoring case and leading punctuation, so a reader scanning finds it.
    return sorted(rows, key=lambda r: r.text.lstrip("*\"' ").lower())


def render(auth: AuthErrors, strings: ErrorStrings, page: str) -> str:
    out = []
    for row in index_rows(auth, strings):
        mark = f" {unverified_mark(row.verification_note)}" if row.verification_note else ""
        link = relative_link(page, row.page) + f"#{row.anchor}"
        cells = [
            cell("text", f"`{row.text}`{mark}"),
            cell("shown_in", SHOWN_IN[row.shown_in]),
            cell("meaning", expand_badges(row.meaning)),
            cell("link", f"[Explanation]({link})"),
            cell("source", source_links(row.sources)),
        ]
        out.append(f'<tr id="error-{row.id}" data-id="{row.id}" markdown>{"".join(cells)}</tr>')
    return table("error_index", ["Error or log text", "Where you see it", "What it means", "Go to", "Source"], out)


def macros(handbook: Handbook, current_page: Callable[[], str]) -> dict[str, Callable[..., str]]:
    def error_index() -> str:
        return render(handbook["auth_errors"], handbook["error_strings"], current_page())

    return {"error_index": error_index}
