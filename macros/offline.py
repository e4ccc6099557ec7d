"""The offline bundle: built from mkdocs.offline.yml, and published by the hosted build.

- Hosted build: when an offline bundle has been built (`make offline` writes
  dist/vault-operations-handbook-offline.zip, or VOH_OFFLINE_ZIP names one), it is published at
  downloads/ and `config.extra.offline_bundle` holds its site path for the home page's link;
  otherwise that is None and the home page says how to build one, so the link never dangles.
- Offline build (mkdocs.offline.yml sets extra.offline_build): switch on Material's offline
  plugin and serve the iframe-worker shim from the build's own files instead of the CDN URL the
  plugin would otherwise add, so search works from file:// with no network at all.

Wired by macros/hooks/site.py, so every build (hosted and offline) runs it.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

BUNDLE_NAME = "vault-operations-handbook-offline.zip"
BUNDLE_SITE_PATH = f"downloads/{BUNDLE_NAME}"
SHIM_SITE_PATH = "assets/javascripts/iframe-worker/shim.js"

# What on_config found, for on_files of the same build (reset by every on_config).
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


def configure(config: MkDocsConfig) -> MkDocsConfig:
    """Must run before the offline plugin and mkdocs-macros read the config."""
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


def add_files(files: Files, config: MkDocsConfig) -> Files:
    """The shim (offline build) or the bundle (hosted build, when one was built)."""
    shim, bundle = _state["shim"], _state["bundle"]
    if shim is not None:
        files.append(File.generated(config, SHIM_SITE_PATH, abs_src_path=str(shim)))
    if bundle is not None:
        files.append(File.generated(config, BUNDLE_SITE_PATH, abs_src_path=str(bundle)))
    return files
