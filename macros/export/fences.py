"""Fenced code blocks and code spans: the parts of a page's Markdown that the export never
rewrites (a command or manifest must reach the reader byte for byte)."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


def split_fences(markdown: str) -> list[tuple[bool, str]]:
    """[(is_code, text)]: fenced code blocks are left exactly as they are."""
    parts: list[tuple[bool, str]] = []
    buffer: list[str] = []
    fence: tuple[str, int, int] | None = None  # (char, length, indent)
    for line in markdown.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            if buffer:
                parts.append((False, "".join(buffer)))
            buffer = [line]
            fence = (match["fence"][0], len(match["fence"]), len(match["indent"]))
            continue
        buffer.append(line)
        if fence is not None and match and match["fence"][0] == fence[0] and len(match["fence"]) >= fence[1]:
            if line.strip() == match["fence"]:
                parts.append((True, "".join(buffer)))
                buffer, fence = [], None
    if buffer:
        parts.append((fence is not None, "".join(buffer)))
    return parts


def prose(markdown: str) -> str:
    """The Markdown without its fenced code blocks."""
    return "".join(chunk for is_code, chunk in split_fences(markdown) if not is_code)


def protect_code(text: str) -> tuple[str, list[str]]:
    """Code spans out of the way of a rewrite; `restore_code` puts them back."""
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    return _CODE_SPAN.sub(keep, text), spans


def restore_code(text: str, spans: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)
