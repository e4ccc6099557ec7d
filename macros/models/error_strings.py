"""data/error_strings.yaml: error and log strings explained outside the authentication page.

Together with data/auth_errors.yaml this feeds the error index, so every row points at the
pinned heading that explains it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..anchors import pinned_anchors
from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem

ShownIn = Literal["client", "server-log", "server-debug-log", "cli", "kubernetes"]
Anchor = Annotated[str, StringConstraints(pattern=r"^[\w-]+$")]
DocsPage = Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")]


class PageLink(Strict):
    page: DocsPage  # path under docs/
    anchor: Anchor  # a pinned heading id on that page


class ErrorString(Strict):
    id: KebabId
    string: NonEmpty  # verbatim
    shown_in: ShownIn
    http_status: int | None = Field(default=None, ge=100, le=599)
    meaning: NonEmpty
    explained_at: PageLink
    source: Sources
    verified: bool
    verification_note: NonEmpty | None = None


class ErrorStrings(Strict):
    strings: list[ErrorString] = Field(min_length=1)


def link_problems(file: str, loc: list[str | int], link: PageLink, docs_dir: Path) -> list[str]:
    """A link must land on a pinned heading id: derived ids change when a heading is reworded."""
    page = docs_dir / link.page
    if not page.is_file():
        return [problem(file, [*loc, "page"], f"no page docs/{link.page}")]
    if link.anchor not in pinned_anchors(page):
        return [problem(file, [*loc, "anchor"], f"docs/{link.page} has no pinned heading id #{link.anchor}")]
    return []


def problems(file: str, data: ErrorStrings, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "strings", (s.id for s in data.strings))
    for index, entry in enumerate(data.strings):
        loc: list[str | int] = ["strings", index]
        found += link_problems(file, [*loc, "explained_at"], entry.explained_at, docs_dir)
        if not entry.verified and entry.verification_note is None:
            found.append(problem(file, [*loc, "verification_note"],
                                 "an unverified string needs a note saying what could not be confirmed"))
    return found
