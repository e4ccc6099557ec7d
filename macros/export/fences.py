"""Fenced code blocks and code spans: the parts of a page's Markdown that the export never
rewrites (a command or manifest must reach the reader byte for byte). The fences are the
CommonMark parser's (macros/markdown_source.py), as everywhere else; code spans are matched here,
since the parser's inline tokens carry no position in the text."""

from __future__ import annotations

import re

from ..markdown_source import split_fences

_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


def prose(markdown: str) -> str:
    """The Markdown without its fenced code blocks."""
    return "".join(chunk for is_code, chunk in split_fences(markdown) if not is_code)


def protect_code(text: str) -> tuple[str, list[str]]:
    """Code spans out of the way of a rewrite; `restore_code` puts them back."""
    spans: list[str] = []
    if "`" not in text:
        return text, spans

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    return _CODE_SPAN.sub(keep, text), spans


def restore_code(text: str, spans: list[str]) -> str:
    if not spans:
        return text
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)
