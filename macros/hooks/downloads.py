"""MkDocs hook: publish the generated alert rules, dashboards and catalogue script (macros/downloads.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from macros.downloads import add_downloads


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return add_downloads(files, config)
