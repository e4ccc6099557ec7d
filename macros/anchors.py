"""Pinned heading ids in a Markdown page: the anchors an alert may link to."""

from __future__ import annotations

import re
from pathlib import Path

# `## Meaning { #meaning }` (attr_list) — only pinned ids count, because an id derived from
# heading text changes when the heading is reworded and would break an alert's link.
_PINNED = re.compile(r"^#{1,6}\s.*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.MULTILINE)


def pinned_anchors(page: Path) -> set[str]:
    return set(_PINNED.findall(page.read_text(encoding="utf-8")))
