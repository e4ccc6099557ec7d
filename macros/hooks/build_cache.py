"""MkDocs hook: the in-process caches that make unchanged pages free on a `mkdocs serve`
rebuild (macros/build_cache.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from macros.build_cache import install, prune


@event_priority(100)  # before anything renders; installing twice is a no-op
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    install()
    return config


def on_post_build(config: MkDocsConfig) -> None:
    prune()  # the on-disk copy keeps the most recently used pages only
