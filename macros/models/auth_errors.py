"""data/auth_errors.yaml: authentication failures keyed by the exact text a client or log shows."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from . import KebabId, NonEmpty, Sources, Strict, duplicate_ids, problem

# Where the reader meets the text: the client's error, or only Vault's log (and at what level).
ShownIn = Literal["client", "server-log", "server-debug-log"]
# Auth methods a row is about; "any" rows apply whichever method issued the token.
Method = Literal["kubernetes", "token", "any"]


class AuthError(Strict):
    id: KebabId
    error: NonEmpty  # verbatim, so that pasting it into search finds the entry
    shown_in: ShownIn
    http_status: int | None = Field(default=None, ge=100, le=599)
    methods: list[Method] = Field(min_length=1)
    meaning: NonEmpty
    causes: list[NonEmpty] = Field(min_length=1)  # most likely first
    confirm: list[NonEmpty] = Field(min_length=1)
    fix: NonEmpty
    source: Sources
    verified: bool  # false: the text was not found verbatim upstream; say so on the page
    verification_note: NonEmpty | None = None


class AuthErrors(Strict):
    errors: list[AuthError] = Field(min_length=10)


def problems(file: str, data: AuthErrors, docs_dir: Path) -> list[str]:
    found = duplicate_ids(file, "errors", (e.id for e in data.errors))
    for index, entry in enumerate(data.errors):
        if not entry.verified and entry.verification_note is None:
            found.append(problem(
                file, ["errors", index, "verification_note"],
                "an unverified string needs a note saying what could not be confirmed",
            ))
    return found
