"""MkDocs hook: the caches that make unchanged pages free (macros/build_cache.py), the second
process that fills them for the last pages of a clean build (macros/cache_warmer.py), and the one
that compiles the theme's templates while the build starts (macros/theme_templates.py)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros import cache_warmer, collector, theme_templates
from macros.build_cache import install, prune

_command: str | None = None  # MkDocs' command: build, serve, gh-deploy
_warmer: cache_warmer.Warmer | None = None
_templates: theme_templates.Precompiled | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = None if dirty else command  # a --dirty build converts only what changed


@event_priority(100)  # before anything renders; installing twice is a no-op
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _templates
    install()
    _templates = theme_templates.start(_command, config)  # while the plugins load the data
    return config


@event_priority(-100)  # after every plugin's on_config: the data is loaded
def on_pre_build(config: MkDocsConfig) -> None:
    collector.settle(_command)


@event_priority(-100)  # the last on_nav: every plugin has set up what the pages' events read
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _warmer
    _warmer = cache_warmer.start(_command, config, files)
    return nav


@event_priority(100)  # before the page is read: one the second process took is waited for
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    if _warmer is not None:
        _warmer.before_page(page)
    return page


@event_priority(-100)  # the page's HTML as every plugin left it: what Material indexes
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _warmer is not None:
        _warmer.after_page(page, html)
    return html


@event_priority(100)  # before the theme's templates render
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    global _templates
    _end()  # every page is read by now: the second process has nothing left to do
    if _templates is not None:
        _templates.collect()
        _templates = None
    return env


def on_build_error(error: Exception) -> None:
    global _warmer, _templates
    for copy in (_warmer, _templates):
        if copy is not None:
            copy.stop()
    _warmer = _templates = None


def on_post_build(config: MkDocsConfig) -> None:
    _end()
    prune()  # the on-disk copy keeps the most recently used pages only


def on_shutdown() -> None:
    collector.before_exit(_command)  # the process exits next


def _end() -> None:
    global _warmer
    if _warmer is not None:
        _warmer.end()
        _warmer = None
