"""The search dialog gets an accessible name: Material renders role="dialog" without one (axe's
aria-dialog-name, a serious violation on every page). Wired by macros/hooks/site.py."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


def name_search_dialog(output: str, page: Page) -> str:
    if 'data-md-component="search"' not in output:
        return output  # pages without the theme's search (e.g. print-only output)
    if SEARCH_DIALOG not in output and SEARCH_DIALOG_NAMED not in output:
        # Material changed its markup: fail loudly rather than ship the violation again.
        raise PluginError(f"{page.file.src_uri}: search dialog markup changed; update SEARCH_DIALOG in {__file__}")
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG_NAMED)
