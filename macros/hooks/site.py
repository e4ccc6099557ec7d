"""MkDocs hook, site-wide machinery: the offline bundle and its download link (macros/offline.py),
and the search dialog's accessible name (macros/search_dialog.py).

No page gets a document-level search boost: a boosted page that matches a pasted message only
on its common words outranked the section that answers it (measured by `make bench`).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros.offline import add_files, configure
from macros.search_dialog import name_search_dialog


@event_priority(100)  # before the offline plugin and mkdocs-macros read the config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return configure(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return add_files(files, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return name_search_dialog(output, page)
