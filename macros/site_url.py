"""The hosted site's base URL, as mkdocs.yml sets it (SITE_URL overrides), for the command-line
entry points that run without a build (`make alerts`, `vault-handbook lint`). Code that runs in a
build takes the running config's `site_url` instead (macros/render/__init__.py, `Context`)."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .loading import PROJECT_DIR


class _EnvTagLoader(yaml.SafeLoader):
    """Understands mkdocs.yml's `!ENV [NAME, default]` and ignores other tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *names, default = items if len(items) > 1 else [*items, None]
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return str(default or "")


_EnvTagLoader.add_constructor("!ENV", _env)
_EnvTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_url_from_config(config: Path = PROJECT_DIR / "mkdocs.yml") -> str:
    url = yaml.load(config.read_text(encoding="utf-8"), Loader=_EnvTagLoader).get("site_url") or ""
    if not url:
        raise ValueError(f"{config}: site_url is empty; set it or SITE_URL")
    return url
