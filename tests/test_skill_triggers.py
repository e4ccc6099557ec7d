"""Trigger prompts of the agent skills (skills/<skill>/triggers.yaml): what an engineer might
type that should load the skill, and what should not. An assistant picks a skill by its
description, so each should-trigger prompt names something only that skill's description covers
(a term the other skills' descriptions lack), a should-not-trigger prompt names none of those,
and no prompt is claimed by two skills."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.export.skills import load_spec, split_front_matter

SKILLS_DIR = Path(__file__).resolve().parent.parent / "skills"
SKILLS = [s.name for s in load_spec(SKILLS_DIR).skills]
KINDS = ("should_trigger", "should_not_trigger")
MINIMUM = 3
# Words that say nothing about which skill a prompt needs.
STOPWORDS = frozenset(
    "a an and or of the to for in on at by with from into its it is are be do does when which what how who "
    "why where use using used someone asks will not no has have had their them they this that these those "
    "our we you your can should would set up run running get getting also such as than then there here write "
    "vault hashicorp kubernetes covers says differ older lines x.x helm chart 0.34.x 2.0.x 1.21 1.20 1.19".split()
)


def terms(text: str) -> set[str]:
    """Lower-case words, trailing punctuation and a plural s dropped (`snapshots` is `snapshot`)."""
    words = (w.strip(".,;:()\"'?") for w in re.split(r"[\s,;()\"']+", text.lower()))
    return {w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
            for w in words if len(w) >= 3 and w not in STOPWORDS}


def description(skill: str) -> str:
    path = SKILLS_DIR / skill / "SKILL.md"
    meta, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    return str(meta["description"])


def triggers(skill: str) -> dict[str, list[str]]:
    raw = yaml.safe_load((SKILLS_DIR / skill / "triggers.yaml").read_text(encoding="utf-8"))
    assert isinstance(raw, dict) and set(raw) == set(KINDS), f"{skill}/triggers.yaml: keys must be {KINDS}"
    return {kind: [" ".join(str(p).split()) for p in raw[kind]] for kind in KINDS}


def distinctive(skill: str) -> set[str]:
    """Terms of this skill's description that no other skill's description has."""
    others = set().union(*(terms(description(s)) for s in SKILLS if s != skill))
    return terms(description(skill)) - others


@pytest.mark.parametrize("skill", SKILLS)
def test_each_skill_has_enough_prompts_of_each_kind(skill: str) -> None:
    found = triggers(skill)
    for kind in KINDS:
        assert len(set(found[kind])) >= MINIMUM, f"{skill}: {kind} has {len(set(found[kind]))} prompts, needs {MINIMUM}"
    assert not set(found["should_trigger"]) & set(found["should_not_trigger"]), skill


@pytest.mark.parametrize("skill", SKILLS)
def test_should_trigger_prompts_name_what_only_this_description_covers(skill: str) -> None:
    own = distinctive(skill)
    vague = [p for p in triggers(skill)["should_trigger"] if not terms(p) & own]
    assert not vague, f"{skill}: prompts that name nothing only its description covers: {vague}"


@pytest.mark.parametrize("skill", SKILLS)
def test_should_not_trigger_prompts_name_nothing_only_this_description_covers(skill: str) -> None:
    own = distinctive(skill)
    claimed = {p: sorted(terms(p) & own) for p in triggers(skill)["should_not_trigger"] if terms(p) & own}
    assert not claimed, f"{skill}: should-not prompts that use its own terms: {claimed}"


def test_no_prompt_should_trigger_two_skills() -> None:
    owners: dict[str, list[str]] = {}
    for skill in SKILLS:
        for prompt in triggers(skill)["should_trigger"]:
            owners.setdefault(prompt.lower(), []).append(skill)
    shared = {p: s for p, s in owners.items() if len(s) > 1}
    assert not shared, shared


def test_every_skill_has_a_triggers_file() -> None:
    folders = sorted(p.parent.name for p in SKILLS_DIR.glob("*/SKILL.md"))
    assert folders == sorted(SKILLS)
    assert all((SKILLS_DIR / s / "triggers.yaml").is_file() for s in SKILLS)
