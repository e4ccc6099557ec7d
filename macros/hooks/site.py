"""MkDocs hook, site-wide machinery: the offline bundle and its download link (macros/offline.py),
the search dialog's accessible name (macros/search_dialog.py) and the failure entries' summaries
in the search index (macros/search_summaries.py).

No page gets a document-level search boost: a boosted page that matches a pasted message only
on its common words outranked the section that answers it (measured by `make bench`).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros.build_state import handbook_of
from macros.offline import add_files, configure
from macros.search_dialog import name_search_dialog
from macros.search_summaries import add_summaries


@event_priority(100)  # before the offline plugin and mkdocs-macros read the config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return configure(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return add_files(files, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return name_search_dialog(output, page)


@event_priority(-50)  # after the search plugin (priority 0) has indexed the page
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    add_summaries(page, config, handbook_of(config).failures)
    return context
