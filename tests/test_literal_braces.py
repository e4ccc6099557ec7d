"""Literal {{ … }} in examples (Helm, consul-template, Prometheus) reach the reader unchanged."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT
from htmlpages import pages
from macros.markdown_source import fences


def brace_lines(markdown: str) -> list[str]:
    """Lines inside fenced code blocks that carry {{ … }}."""
    return [line.strip() for fence in fences(markdown) for line in fence.content.splitlines()
            if "{{" in line and "}}" in line]


def test_every_brace_line_survives(built_site: Path) -> None:
    code_text: dict[str, str] = {}
    for page, soup in pages(built_site):
        code_text[page] = "\n".join(code.get_text() for code in soup.find_all("code"))
    sources = sorted((PROJECT / "docs").rglob("*.md"))
    checked = 0
    for source in sources:
        rel = source.relative_to(PROJECT / "docs").as_posix().removesuffix(".md")
        page = f"{rel.removesuffix('index')}index.html" if rel.endswith("index") else f"{rel}/index.html"
        for line in brace_lines(source.read_text(encoding="utf-8")):
            checked += 1
            assert line in code_text[page], f"{source.name}: {line!r} did not survive the build"
    assert checked >= 2, "no {{ … }} example found: the check would prove nothing"
