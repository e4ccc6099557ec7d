"""MkDocs hook: the agent-skills plugin (downloads/vault-operations.zip), llms.txt and
llms-full.txt, made in every build from the pages' own Markdown (macros/export/).

A build that would publish a broken plugin fails. The export's state lives in one ExportBuild,
made when the config is loaded and called at each event below.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros.export.build import ExportBuild

_build: ExportBuild | None = None
_command: str | None = None  # MkDocs' command: build, serve, gh-deploy


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _current() -> ExportBuild:
    if _build is None:
        raise RuntimeError("macros/hooks/skills.py: on_config did not run")
    return _build


@event_priority(-100)  # after mkdocs-macros, whose define_env made the placeholders this switches on
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The spec is read in on_env: a data error reported by mkdocs-macros comes first, alone.
    global _build
    _build = ExportBuild.start(config, _command)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _current().register_files(files, config)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _current().nav = nav
    return nav


@event_priority(-1)  # right after mkdocs-macros (priority 0) rendered the page, before anything reads it
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    return _current().collect(markdown, page)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    _current().begin(config, files)  # every page is collected; made beside the page writing where it can
    return env


@event_priority(-100)  # last: the other plugins' post_build run while the copy finishes (none reads these files)
def on_post_build(config: MkDocsConfig) -> None:
    _current().finish(config)


def on_build_error(error: Exception) -> None:
    if _build is not None:
        _build.stop()
