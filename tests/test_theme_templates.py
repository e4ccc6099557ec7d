"""The theme's templates compiled by a forked copy (macros/theme_templates.py): it finds what the
pages render, its bytecode spares the build the compiling, a changed template is compiled again,
and a copy that fails costs nothing but time."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from macros import forks, theme_templates
from macros.build_cache import THEME_BYTECODE, MemoryBytecodeCache, install
from macros.loading import PROJECT_DIR


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    install()  # the theme's environments wear THEME_BYTECODE, as in a build
    return load_config(str(PROJECT_DIR / "mkdocs.yml"))


def test_the_templates_a_page_renders_are_found(config: MkDocsConfig) -> None:
    env = config.theme.get_env()
    names = theme_templates.named_templates(env, ["main.html", "404.html"])
    # Material's page: main.html extends base.html, which includes the header, navigation, table of
    # contents and footer; the handbook's own overrides are found the same way.
    for name in ("main.html", "base.html", "partials/header.html", "partials/nav-item.html",
                 "partials/toc.html", "partials/footer.html", "404.html"):
        assert name in names, name
    assert theme_templates.named_templates(env, ["no-such.html"]) == []


def test_the_copy_s_bytecode_spares_the_build_the_compiling(config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    THEME_BYTECODE.clear()
    precompiled = theme_templates.Precompiled(forks.Forked.start(lambda: theme_templates.compile_templates(config)))
    assert precompiled.collect() > 20

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the copy had")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    env = config.theme.get_env()
    for name in ("main.html", "base.html", "partials/nav-item.html"):
        assert env.get_template(name).name == name


def test_a_template_whose_source_changed_is_compiled_again(tmp_path: Path) -> None:
    cache = MemoryBytecodeCache()
    (tmp_path / "page.html").write_text("old {{ x }}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache, auto_reload=True)
    assert env.get_template("page.html").render(x=1) == "old 1"
    (tmp_path / "page.html").write_text("new {{ x }}")
    fresh = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert fresh.get_template("page.html").render(x=1) == "new 1"


def test_a_copy_that_fails_hands_back_nothing() -> None:
    def work() -> dict[str, bytes]:
        raise RuntimeError("broken")

    before = dict(THEME_BYTECODE.code)
    assert theme_templates.Precompiled(forks.Forked.start(work)).collect() == 0
    assert THEME_BYTECODE.code == before


def test_no_copy_where_forking_is_not_allowed(config: MkDocsConfig) -> None:
    assert theme_templates.start("serve", config) is None
