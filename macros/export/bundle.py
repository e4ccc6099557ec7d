"""The plugin as one bundle: the rules it must follow before the site publishes it, and its zip."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from .fences import split_fences
from .links import broken_links
from .skills import MANIFEST, MARKETPLACE, PLUGIN_ROOT, skill_problems

# Left in a reference, these mean a macro the build did not expand.
LEFTOVERS = ("{@", "@}", "{%@", "--8<--")


def validate_bundle(files: dict[str, bytes], skills: list[str], version: str) -> list[str]:
    """Every rule the plugin must follow; an empty list means it may be published."""
    problems: list[str] = []
    manifest: dict[str, Any] = {}
    if MANIFEST not in files:
        problems.append(f"{MANIFEST}: missing")
    else:
        manifest = json.loads(files[MANIFEST])
        for key in ("repository", "license"):
            if not str(manifest.get(key) or "").strip():
                problems.append(f"{MANIFEST}: {key} is empty")
        if manifest.get("name") != PLUGIN_ROOT:
            problems.append(f"{MANIFEST}: name must be {PLUGIN_ROOT!r}")
        if manifest.get("version") != version:
            problems.append(f"{MANIFEST}: version must be the handbook's ({version})")
        if not str(manifest.get("description") or "").strip():
            problems.append(f"{MANIFEST}: description is empty")
        if not str((manifest.get("author") or {}).get("name") or "").strip():
            problems.append(f"{MANIFEST}: author.name is empty")
    if MARKETPLACE not in files:
        problems.append(f"{MARKETPLACE}: missing (the plugin would not install from its folder)")
    else:
        listed = json.loads(files[MARKETPLACE]).get("plugins") or []
        mine = [p for p in listed if p.get("name") == PLUGIN_ROOT]
        if len(mine) != 1 or mine[0].get("source") != "./":
            problems.append(f"{MARKETPLACE}: must list {PLUGIN_ROOT!r} once, with source './' (this folder)")
        elif manifest and mine[0].get("version") != manifest.get("version"):
            problems.append(f"{MARKETPLACE}: version {mine[0].get('version')!r} is not plugin.json's")
    if "README.md" not in files:
        problems.append("README.md: missing (how to install the plugin)")
    found = sorted({p.split("/")[1] for p in files if p.startswith("skills/") and p.count("/") >= 2})
    if found != sorted(skills):
        problems.append(f"skills/: holds {found}, expected {sorted(skills)}")
    for skill in skills:
        problems += skill_problems(files, skill)
    for path, content in files.items():
        text = content.decode("utf-8", errors="replace")
        if not path.endswith(".md") or not any(leftover in text for leftover in LEFTOVERS):
            continue  # nothing to look for (most files): no need to tell prose from code
        prose = [chunk for code, chunk in split_fences(text) if not code]
        for leftover in LEFTOVERS:
            if any(leftover in chunk for chunk in prose):
                problems.append(f"{path}: unrendered {leftover!r} (a macro or snippet the build did not expand)")
    return problems + broken_links(files)


def zip_bundle(bundle: dict[str, bytes]) -> bytes:
    """Deterministic zip (fixed dates, sorted names) with everything under vault-operations/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(bundle):
            info = zipfile.ZipInfo(f"{PLUGIN_ROOT}/{path}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, bundle[path])
    return buffer.getvalue()


def read_zip(data: bytes) -> dict[str, bytes]:
    """Bundle files by path inside the plugin, from the published zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.removeprefix(f"{PLUGIN_ROOT}/"): archive.read(name)
            for name in archive.namelist() if not name.endswith("/")
        }
