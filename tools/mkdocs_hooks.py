"""Site-wide build hooks: the offline bundle, its download link, and search boosts.

Loaded by `hooks:` in mkdocs.yml, so every build (hosted and offline) runs them.

- Hosted build: when an offline bundle has been built (`make offline` writes
  dist/vault-operations-handbook-offline.zip, or VOH_OFFLINE_ZIP names one), it is published at
  downloads/ and `config.extra.offline_bundle` holds its site path for the home page's link;
  otherwise that is None and the home page says how to build one, so the link never dangles.
- Offline build (mkdocs.offline.yml sets extra.offline_build): switch on Material's offline
  plugin and serve the iframe-worker shim from the build's own files instead of the CDN URL the
  plugin would otherwise add, so search works from file:// with no network at all.
- The search dialog gets an accessible name (Material renders role="dialog" without one: axe's
  aria-dialog-name, a serious violation on every page).
- No page gets a document-level search boost: a boosted page that matches a pasted message
  only on its common words outranked the section that answers it (measured by `make bench`).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

BUNDLE_NAME = "vault-operations-handbook-offline.zip"
BUNDLE_SITE_PATH = f"downloads/{BUNDLE_NAME}"
SHIM_SITE_PATH = "assets/javascripts/iframe-worker/shim.js"
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'

_state: dict[str, Path | None] = {"bundle": None, "shim": None}


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _bundle_source(config: MkDocsConfig) -> Path | None:
    named = os.environ.get("VOH_OFFLINE_ZIP")
    if named:
        path = Path(named)
        if not path.is_file():
            # A named bundle that is missing is a broken pipeline, not a reason to drop the link.
            raise PluginError(f"VOH_OFFLINE_ZIP={named}: no such file (run `make offline`)")
        return path.resolve()
    default = _project_dir(config) / "dist" / BUNDLE_NAME
    return default if default.is_file() else None


@event_priority(100)  # before the offline plugin and mkdocs-macros read the config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    offline = bool(config.extra.get("offline_build"))
    config.extra["offline_build"] = offline
    _state["bundle"] = None
    _state["shim"] = None
    if offline:
        shim = _project_dir(config) / "node_modules" / "iframe-worker" / "shim" / "index.js"
        if not shim.is_file():
            raise PluginError(f"{shim} is missing: run `npm ci` (or `make offline`, which does)")
        _state["shim"] = shim
        plugin = config.plugins.get("material/offline")
        if plugin is None:
            raise PluginError("mkdocs.yml must list Material's `offline` plugin (disabled) for the offline build")
        plugin.config.enabled = True  # type: ignore[attr-defined]
        polyfills = list(config.extra.get("polyfills") or [])
        # A local path containing "iframe-worker" also stops the plugin adding its unpkg URL.
        if SHIM_SITE_PATH not in polyfills:
            polyfills.append(SHIM_SITE_PATH)
        config.extra["polyfills"] = polyfills
        config.extra["offline_bundle"] = None
    else:
        _state["bundle"] = _bundle_source(config)
        config.extra["offline_bundle"] = BUNDLE_SITE_PATH if _state["bundle"] else None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    shim, bundle = _state["shim"], _state["bundle"]
    if shim is not None:
        files.append(File.generated(config, SHIM_SITE_PATH, abs_src_path=str(shim)))
    if bundle is not None:
        files.append(File.generated(config, BUNDLE_SITE_PATH, abs_src_path=str(bundle)))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if 'data-md-component="search"' not in output:
        return output  # pages without the theme's search (e.g. print-only output)
    if SEARCH_DIALOG not in output and SEARCH_DIALOG_NAMED not in output:
        # Material changed its markup: fail loudly rather than ship the violation again.
        raise PluginError(f"{page.file.src_uri}: search dialog markup changed; update SEARCH_DIALOG in {__file__}")
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG_NAMED)
