"""JSON and plain YAML blocks: they must load (and have no repeated keys)."""

from __future__ import annotations

import json
from typing import Any

from .classify import JSON_LANGUAGES, YAML_LANGUAGES, YamlLoadError, yaml_documents
from .collect import Block


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"key {repeated[0]!r} appears twice in one object")
    return dict(pairs)


def check(block: Block) -> list[str]:
    """Problems with a JSON or YAML block that must at least load."""
    if block.language in JSON_LANGUAGES:
        try:
            json.loads(block.text, object_pairs_hook=_no_duplicate_keys)
        except ValueError as exc:
            return [f"{block.where}: JSON does not load: {exc}"]
        return []
    if block.language in YAML_LANGUAGES:
        try:
            yaml_documents(block.text)
        except YamlLoadError as exc:
            return [f"{block.where}: YAML does not load: {exc}"]
    return []
