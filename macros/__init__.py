"""mkdocs-macros entry point: loads the data once and registers each renderer's macros.

Only `define_env`, `env.macro`, `env.variables` and `env.conf` are used, so the same module can
serve another builder that reads this mkdocs.yml (Zensical, ProperDocs).
"""

from __future__ import annotations

from typing import Any

from .badges import badge
from .build_state import keep_handbook
from .datasets import renderers
from .loading import load_all
from .render import Context, Page, renderer_macros


def define_env(env: Any) -> None:
    handbook = load_all()  # once per build; a bad file stops the build here with every problem listed
    env.variables["handbook"] = handbook
    keep_handbook(env.conf, handbook)  # the downloads hook publishes from the same data (macros/build_state.py)

    def current_page() -> Page:
        page = env.variables["page"]
        return Page(str(page.file.src_uri), page.meta)

    # The running config's site_url (SITE_URL included; `mkdocs serve` sets its own address), the
    # same one the downloads hook writes into the published rules and dashboards.
    context = Context(current_page, env.conf["site_url"])

    env.macro(badge)
    for renderer in renderers():
        for name, function in renderer_macros(renderer, handbook, context).items():
            env.macro(function, name)
