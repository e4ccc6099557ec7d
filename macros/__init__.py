"""mkdocs-macros entry point: loads the data once and registers each renderer's macros.

Only `define_env`, `env.macro` and `env.variables` are used, so the same module can serve
another builder that reads this mkdocs.yml (Zensical, ProperDocs).
"""

from __future__ import annotations

from typing import Any

from .badges import badge
from .loading import load_all
from .render import RENDERERS


def define_env(env: Any) -> None:
    handbook = load_all()  # once per build; a bad file stops the build here with every problem listed
    env.variables["handbook"] = handbook

    def current_page() -> str:
        """Source path of the page being rendered, for relative links."""
        return str(env.variables["page"].file.src_uri)

    env.macro(badge)
    for renderer in RENDERERS:
        for name, function in renderer.macros(handbook, current_page).items():
            env.macro(function, name)
