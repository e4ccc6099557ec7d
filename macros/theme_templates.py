"""The theme's templates, compiled by a forked copy while the build starts.

MkDocs compiles the theme's Jinja templates when it writes the first page, once every page is
converted: some 40 of Material's, a few tenths of a second on the build's one busy core. The
second core idles through the build's start (imports, the data, the file list), so a forked copy
(macros/forks.py) compiles them then and hands back Jinja's bytecode, which the build puts into
the theme's bytecode cache (macros/build_cache.py); Jinja then loads those templates instead of
compiling them.

The copy compiles what the theme's pages name: `main.html`, the theme's static templates, and
every template they include, extend or import by a literal name, transitively. One it misses is
compiled by the build as before. Jinja checks each template's source against its bytecode's
checksum, so bytecode of a template that changed is never used; a copy that fails costs nothing
but the compiling.
"""

from __future__ import annotations

import jinja2
from jinja2 import meta
from mkdocs.config.defaults import MkDocsConfig

from . import forks
from .build_cache import THEME_BYTECODE

Bytecode = dict[str, bytes]  # Jinja's bytecode by its cache key


def named_templates(env: jinja2.Environment, roots: list[str]) -> list[str]:
    """The templates reachable from `roots` by literal names, in the order they were found."""
    found: list[str] = []
    todo = list(reversed(roots))
    while todo and env.loader is not None:
        name = todo.pop()
        if name in found:
            continue
        try:
            source = env.loader.get_source(env, name)[0]
        except jinja2.TemplateNotFound:
            continue
        found.append(name)
        try:
            todo += [ref for ref in meta.find_referenced_templates(env.parse(source)) if ref is not None]
        except jinja2.TemplateSyntaxError:
            continue  # the build reports it when it renders the template
    return found


def compile_templates(config: MkDocsConfig) -> Bytecode:
    """Compile the theme's named templates into its bytecode cache; the cache's new entries."""
    env = config.theme.get_env()  # wears THEME_BYTECODE (macros/build_cache.py)
    before = set(THEME_BYTECODE.code)
    for name in named_templates(env, ["main.html", *sorted(config.theme.static_templates)]):
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue
    return {key: code for key, code in THEME_BYTECODE.code.items() if key not in before}


class Precompiled:
    """The copy compiling the theme's templates, seen from the build."""

    def __init__(self, copy: forks.Forked[Bytecode]) -> None:
        self.copy = copy

    def collect(self) -> int:
        """Put the copy's bytecode into the theme's cache (what the build compiled meanwhile is
        kept); how many templates it gave."""
        try:
            compiled = self.copy.result()
        except forks.Failed:
            return 0
        for key, code in compiled.items():
            THEME_BYTECODE.code.setdefault(key, code)
        return len(compiled)

    def stop(self) -> None:
        self.copy.stop()


def start(command: str | None, config: MkDocsConfig) -> Precompiled | None:
    if not forks.allowed(command):
        return None
    return Precompiled(forks.Forked.start(lambda: compile_templates(config)))
