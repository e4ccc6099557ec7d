"""mkdocs-macros entry point: loads the data once and registers each renderer's macros.

Only `define_env`, `env.macro` and `env.variables` are used, so the same module can serve
another builder that reads this mkdocs.yml (Zensical, ProperDocs).
"""

from __future__ import annotations

from typing import Any

from .badges import badge
from .datasets import renderers
from .loading import load_all
from .render import renderer_macros


class CurrentPage:
    """The page being rendered: called, its source path (for relative links); `.meta()`, its
    front matter, which a macro may extend (the runbook's search keywords)."""

    def __init__(self, env: Any) -> None:
        self._env = env

    def __call__(self) -> str:
        return str(self._env.variables["page"].file.src_uri)

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = self._env.variables["page"].meta
        return meta


def define_env(env: Any) -> None:
    handbook = load_all()  # once per build; a bad file stops the build here with every problem listed
    env.variables["handbook"] = handbook

    current_page = CurrentPage(env)

    env.macro(badge)
    for renderer in renderers():
        for name, function in renderer_macros(renderer, handbook, current_page).items():
            env.macro(function, name)
