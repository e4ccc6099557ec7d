"""The downloads hook (macros/downloads.py) publishes from the data define_env loaded for the same
build (macros/build_state.py), not from a second read of data/."""

from __future__ import annotations

from dataclasses import replace

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from macros.build_state import keep_handbook
from macros.downloads import CATALOGUE_SCRIPT, DOWNLOADS, add_downloads
from macros.loading import DOCS_DIR, load_all
from macros.prometheus_rules import RULE_FILE


def config() -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "site_url": "https://handbook.test/", "docs_dir": str(DOCS_DIR)})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = None  # MkDocs sets it while an event runs; File.generated reads it
    return config


def test_downloads_come_from_the_handbook_of_this_build() -> None:
    handbook = load_all()
    thresholds = handbook.alert_thresholds
    first = thresholds.alerts[0].model_copy(update={"summary": "A summary only this build holds"})
    changed = thresholds.model_copy(update={"alerts": [first, *thresholds.alerts[1:]]})
    built = config()
    keep_handbook(built, replace(handbook, alert_thresholds=changed))

    files = add_downloads(Files([]), built)

    rules = files.get_file_from_path(f"{DOWNLOADS}/{RULE_FILE}")
    assert rules is not None and "A summary only this build holds" in rules.content_string
    assert "https://handbook.test/" in rules.content_string
    assert files.get_file_from_path(CATALOGUE_SCRIPT) is not None


def test_without_the_macros_plugin_the_hook_says_what_is_missing() -> None:
    with pytest.raises(PluginError, match="must list the `macros` plugin"):
        add_downloads(Files([]), config())
