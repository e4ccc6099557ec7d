"""What one build loads once and shares: define_env keeps the validated handbook on the running
config, and the hooks that publish files from the same data (macros/downloads.py) read it there
instead of loading data/ a second time."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from .loading import Handbook

_KEY = "voh_handbook"  # a key of our own on the config; MkDocs and its plugins use none like it


def keep_handbook(config: Any, handbook: Handbook) -> None:
    config[_KEY] = handbook


def handbook_of(config: Any) -> Handbook:
    """The handbook define_env loaded for this build."""
    try:
        handbook: Handbook = config[_KEY]
    except KeyError:
        raise PluginError("the handbook's data was not loaded for this build: mkdocs.yml must list the "
                          "`macros` plugin (module_name: macros), whose define_env loads data/") from None
    return handbook
