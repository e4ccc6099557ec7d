"""mkdocs-macros entry point: loads the data once and registers each renderer's macros.

Only `define_env`, `env.macro`, `env.filter`, `env.variables` and `env.conf` are used, so the
same module can serve another builder that reads this mkdocs.yml (Zensical, ProperDocs).

A macro returns text, or nodes of the document model (macros/render/blocks.py), which the
placeholders in `env.variables["voh_placeholders"]` turn into the page's HTML; the export hook
(macros/hooks/skills.py) switches them to placeholders, to write each page for the site and for
the agent-skills plugin and llms-full.txt from the same nodes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .badges import badge
from .build_state import keep_handbook
from .datasets import renderers
from .loading import load_all_cached
from .render import Context, Page, renderer_macros
from .render.blocks import Placeholders

PLACEHOLDERS = "voh_placeholders"  # the variable that holds this build's Placeholders


def define_env(env: Any) -> None:
    # Once per build, or not at all when no file under data/ or docs/ changed since the last build
    # in this process (`mkdocs serve`); a bad file stops the build here with every problem listed.
    handbook = load_all_cached()
    env.variables["handbook"] = handbook
    keep_handbook(env.conf, handbook)  # the downloads hook publishes from the same data (macros/build_state.py)

    def current_page() -> Page:
        page = env.variables["page"]
        return Page(str(page.file.src_uri), page.meta)

    # The running config's site_url (SITE_URL included; `mkdocs serve` sets its own address), the
    # same one the downloads hook writes into the published rules and dashboards.
    context = Context(current_page, env.conf["site_url"])
    placeholders = Placeholders()
    env.variables[PLACEHOLDERS] = placeholders

    # Pages indent a macro's block into an admonition with Jinja's filter; it must indent the block.
    env.filter(placeholders.indent, "indent")
    env.macro(emitting(badge, placeholders), "badge")
    for renderer in renderers():
        for name, function in renderer_macros(renderer, handbook, context).items():
            env.macro(emitting(function, placeholders), name)


def emitting(function: Callable[..., Any], placeholders: Placeholders) -> Callable[..., Any]:
    """The macro as pages call it: what it returns, with nodes handed to the placeholders."""

    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> Any:
        return placeholders.emit(function(*args, **kwargs))

    return macro
