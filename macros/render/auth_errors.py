"""Authentication failures: the full catalogue on the troubleshooting page, and a filtered
summary table (for example on the Kubernetes auth page) whose rows link to the catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from ..badges import badge
from ..loading import Handbook
from ..models.auth_errors import AuthError, AuthErrors
from ..sources import source_links
from . import cell, relative_link, table

CATALOGUE_PAGE = "troubleshooting/authentication.md"

SHOWN_IN = {
    "client": "Client error",
    "server-log": "Vault server log",
    "server-debug-log": "Vault server log, debug level only",
}
METHODS = {"kubernetes": "Kubernetes auth", "token": "Token auth", "any": "Any auth method"}


# Macro output is not rendered again by Jinja, so a badge written in a data file's text the way
# pages write it is expanded here; any other {@ ... @} in data is an error.
_BADGE = re.compile(r'\{@\s*badge\((?P<args>[^)]*)\)\s*@\}')
_ARG = re.compile(r'(edition|since|product)\s*=\s*"([^"]*)"')


def expand_badges(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        return badge(**dict(_ARG.findall(match["args"])))

    expanded = _BADGE.sub(one, text)
    if "{@" in expanded:
        raise ValueError(f"only badge(...) macros may appear in data text: {text[:80]!r}")
    return expanded


def shown_in_label(shown_in: str, http_status: int | None) -> str:
    label = SHOWN_IN.get(shown_in, shown_in)
    return f"{label} (HTTP {http_status})" if http_status else label


def unverified_mark(note: str) -> str:
    return f'<span class="voh-badge voh-badge--unverified" title="{escape(note)}">Unverified</span>'


def entry(item: AuthError) -> str:
    """One catalogue entry: the verbatim text as the heading, then causes, checks and fix."""
    causes = "\n".join(f"{n}. {cause}" for n, cause in enumerate(item.causes, 1))
    confirm = "\n".join(f"- {step}" for step in item.confirm)
    methods = ", ".join(METHODS[m] for m in item.methods)
    verified = (
        f"{unverified_mark(item.verification_note or '')} {item.verification_note}"
        if not item.verified else "Text checked against the source."
    )
    # The heading carries the verbatim text in a code span: search finds a pasted error, and
    # the pinned id is what other pages and the error index link to.
    return expand_badges(
        f"### `{item.error}` {{ #{item.id} }}\n\n"
        f'<div class="voh-error" data-id="{item.id}" markdown>\n\n'
        f"**Shown in:** {shown_in_label(item.shown_in, item.http_status)}. **Applies to:** {methods}.\n\n"
        f"{item.meaning}\n\n"
        f"**Causes, most likely first**\n\n{causes}\n\n"
        f"**Confirm**\n\n{confirm}\n\n"
        f"**Fix**\n\n{item.fix}\n\n"
        f"**Source:** {source_links(item.source)}. {verified}\n\n"
        f"</div>\n"
    )


def catalogue(data: AuthErrors) -> str:
    return "\n".join(entry(item) for item in data.errors)


def summary(data: AuthErrors, page: str, method: str | None) -> str:
    if method is not None and method not in METHODS:
        raise ValueError(f"auth_errors: method must be one of {', '.join(METHODS)}, got {method!r}")
    items = [e for e in data.errors if method is None or method in e.methods]
    if not items:
        raise ValueError(f"auth_errors: no entry for method {method!r}")
    target = relative_link(page, CATALOGUE_PAGE)
    rows = []
    for item in items:
        mark = f" {unverified_mark(item.verification_note or '')}" if not item.verified else ""
        cells = [
            cell("error", f"`{item.error}`{mark}"),
            cell("shown_in", shown_in_label(item.shown_in, item.http_status)),
            cell("cause", expand_badges(item.causes[0])),
            cell("link", f"[Causes and fix]({target}#{item.id})"),
        ]
        rows.append(f'<tr id="auth-error-{item.id}" data-id="{item.id}" markdown>{"".join(cells)}</tr>')
    return table("auth_errors", ["Error text", "Shown in", "Most likely cause", "Details"], rows)


def macros(handbook: Handbook, current_page: Callable[[], str]) -> dict[str, Callable[..., str]]:
    def auth_errors(method: str | None = None) -> str:
        return summary(handbook["auth_errors"], current_page(), method)

    def auth_error_catalogue() -> str:
        if current_page() != CATALOGUE_PAGE:
            raise ValueError(f"auth_error_catalogue() belongs on {CATALOGUE_PAGE} only: its anchors are linked there")
        return catalogue(handbook["auth_errors"])

    return {"auth_errors": auth_errors, "auth_error_catalogue": auth_error_catalogue}
