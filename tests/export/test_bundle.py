"""The plugin as one bundle (macros/export/bundle.py): a zip that unpacks into one plugin folder,
and a build that refuses to publish a bundle that breaks the rules."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.build import run_build
from macros.export.bundle import validate_bundle

from .plugin import SKILLS, ZIP, Bundle, md, version


def test_zip_unpacks_into_one_plugin_folder(zip_path: Path) -> None:
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert names and all(n.startswith("vault-operations/") for n in names), names[:5]
    for required in (".claude-plugin/plugin.json", "README.md", *(f"skills/{s}/SKILL.md" for s in SKILLS)):
        assert f"vault-operations/{required}" in names, required


# --- The build refuses a bundle that breaks the rules ---------------------------------------


def mutated(bundle: Bundle, path: str, change: Callable[[str], str]) -> Bundle:
    copy = dict(bundle)
    copy[path] = change(md(bundle, path)).encode()
    return copy


SKILL_MD = "skills/troubleshooting/SKILL.md"
BREAKS: dict[str, tuple[Callable[[Bundle], Bundle], str]] = {
    "name differs from folder": (
        lambda b: mutated(b, SKILL_MD, lambda s: s.replace("name: troubleshooting", "name: trouble", 1)),
        "must match its folder"),
    "name with capitals": (
        lambda b: mutated(b, SKILL_MD, lambda s: s.replace("name: troubleshooting", "name: Troubleshooting", 1)),
        "lowercase letters"),
    "description too long": (
        lambda b: mutated(b, SKILL_MD, lambda s: re.sub(r"^description: .*$", "description: " + "x" * 1025, s,
                                                        count=1, flags=re.M)),
        "at most 1024"),
    "no front matter": (lambda b: mutated(b, SKILL_MD, lambda s: s.split("---\n", 2)[2]), "front matter"),
    "dangling link": (lambda b: mutated(b, SKILL_MD, lambda s: s + "\n[gone](references/gone.md)\n"),
                      "no such file"),
    "dangling anchor": (lambda b: mutated(b, SKILL_MD, lambda s: s + "\n[gone](references/overview.md#no-such-id)\n"),
                        "no #no-such-id"),
    "wrong version": (lambda b: mutated(b, ".claude-plugin/plugin.json", lambda s: s.replace(version(), "9.9.9")),
                      "version must be"),
    "unrendered macro": (lambda b: mutated(b, "skills/troubleshooting/references/overview.md",
                                           lambda s: s + "\n{@ alert_table() @}\n"), "unrendered"),
    # The handbook has no snippets; an include line would reach the reader as it is.
    "snippet include": (lambda b: mutated(b, "skills/troubleshooting/references/overview.md",
                                          lambda s: s + '\n--8<-- "note.md"\n'), "unrendered '--8<--'"),
    "skill missing": (lambda b: {p: c for p, c in b.items() if not p.startswith("skills/troubleshooting/")},
                      "expected"),
    "no licence": (lambda b: mutated(b, ".claude-plugin/plugin.json", lambda s: s.replace('"UNLICENSED"', '""')),
                   "license is empty"),
    "no marketplace": (lambda b: {p: c for p, c in b.items() if p != ".claude-plugin/marketplace.json"},
                       "marketplace.json: missing"),
    "marketplace elsewhere": (lambda b: mutated(b, ".claude-plugin/marketplace.json",
                                                lambda s: s.replace('"source": "./"', '"source": "./plugins/x"')),
                              "source './'"),
}


def test_the_published_bundle_passes_the_build_checks(bundle: Bundle) -> None:
    assert validate_bundle(bundle, list(SKILLS), version()) == []


@pytest.mark.parametrize("case", BREAKS)
def test_the_build_checks_refuse_a_broken_bundle(bundle: Bundle, case: str) -> None:
    breaker, expected = BREAKS[case]
    problems = validate_bundle(breaker(bundle), list(SKILLS), version())
    assert any(expected in p for p in problems), problems


def test_build_fails_when_a_skill_breaks_the_rules(project_copy: Path, tmp_path: Path) -> None:
    template = project_copy / "skills" / "troubleshooting" / "SKILL.md"
    template.write_text(template.read_text().replace("name: troubleshooting", "name: Trouble_Shooting", 1))
    result = run_build(project_copy, tmp_path / "site", timeout=600)
    assert result.returncode != 0
    assert "refusing to publish a broken bundle" in result.stderr
    assert "skills/troubleshooting/SKILL.md: name" in result.stderr
    assert not (tmp_path / "site" / ZIP).exists()
