"""The one docs-path -> URL mapping: MkDocs' own (`File.url`), not a copy of its rules."""

from __future__ import annotations

from mkdocs.structure.files import File


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL of a docs page: `a/b.md` -> `a/b/`, `a/index.md` -> `a/`, `index.md` -> ``
    (with `use_directory_urls=False`: `a/b.html`, `a/index.html`, `index.html`)."""
    url = File(src_uri, None, "", use_directory_urls).url
    return "" if url == "./" else url
