"""MkDocs hook, inert unless VOH_SEARCH_VARIANT is set: the search configurations `make bench`
compares (macros/search_tuning.py)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from macros.search_tuning import adjust_page, configure


@event_priority(90)  # after macros/hooks/site.py, before the search plugin reads its config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return configure(config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    adjust_page(page)
    return markdown
