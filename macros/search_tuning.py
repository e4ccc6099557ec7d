"""Search configurations to compare against the handbook's own, for `make bench` only.

Inert unless VOH_SEARCH_VARIANT is set, so a normal build is the handbook's design (wired by
macros/hooks/search_variants.py). The bench builds the same sources three times and measures
each on the same query set:

- `handbook`: mkdocs.yml as it is (no change);
- `material-defaults`: Material's search with no options (default separator, no field boosts),
  every page in the index, the error index included, and no paste handling;
- `previous`: the configuration that landed before the failure catalogue: separator without stop
  words, title boost 10, runbook pages boosted ×4 as documents, the error index in the index, no
  paste handling.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

VARIANTS = ("handbook", "material-defaults", "previous")
PREVIOUS_SEPARATOR = r'[\s\-_,:!=\[\]()"/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;'
PREVIOUS_RUNBOOK_BOOST = 4.0


def variant() -> str:
    name = os.environ.get("VOH_SEARCH_VARIANT", "handbook")
    if name not in VARIANTS:
        raise PluginError(f"VOH_SEARCH_VARIANT={name}: expected one of {', '.join(VARIANTS)}")
    return name


def configure(config: MkDocsConfig) -> MkDocsConfig:
    """The variant's search options; must run before the search plugin reads its config."""
    name = variant()
    if name == "handbook":
        return config
    search = config.plugins["material/search"].config
    # Neither had the handbook's paste handling (docs/assets/javascripts/error-lookup.js).
    config.extra_javascript = []
    if name == "material-defaults":
        search.separator = None
        search.fields = {}
    else:
        search.separator = PREVIOUS_SEPARATOR
        search.fields = {"title": {"boost": 10}, "text": {"boost": 1}}
    return config


def adjust_page(page: Page) -> None:
    """The variant's per-page search settings (front matter)."""
    name = variant()
    if name == "handbook":
        return
    page.meta.pop("search", None)  # the error index back in the index, as it was
    uri = page.file.src_uri
    if name == "previous" and uri.startswith("troubleshooting/runbooks/") and not uri.endswith("index.md"):
        page.meta["search"] = {"boost": PREVIOUS_RUNBOOK_BOOST}
