"""The agent-skills plugin (Claude Code layout): one skill per content section.

Each skill is its hand-written guide (skills/<skill>/SKILL.md, with the list of its references
generated into it) plus one reference file per page of the section, so every table in the plugin
comes from the same data as the site. Pages are picked up by section folder (skills/plugin.yaml),
so a new page flows in by itself. The manifests (plugin.json, marketplace.json) come from
plugin.yaml; the README from skills/README.md.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from . import ZIP_SITE_PATH
from .links import Rewrite, page_url, relative_links
from .pages import convert, title_of

PLUGIN_ROOT = "vault-operations"
MANIFEST = ".claude-plugin/plugin.json"
MARKETPLACE = ".claude-plugin/marketplace.json"  # beside it: the folder is a marketplace of one plugin
REFERENCES_MARKER = "<!-- references -->"
INDEX_START = "<!-- generated: one line per reference file -->"
INDEX_END = "<!-- end of generated list -->"

# Rules of the Agent Skills format and of our own bundle; the build refuses to break them.
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_MAX = 64
DESCRIPTION_MAX = 1024
RESERVED_WORDS = ("anthropic", "claude")
SKILL_BODY_MAX_LINES = 500  # a SKILL.md longer than this belongs in its reference files

_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n(?P<body>.*)\Z", re.S)


# ---------------------------------------------------------------------------------------------
# The spec: skills/plugin.yaml and the hand-written SKILL.md templates.


@dataclass(frozen=True)
class SkillSpec:
    name: str
    section: str  # docs folder, e.g. "kubernetes/"
    template: Path


@dataclass(frozen=True)
class Spec:
    plugin: dict[str, Any]
    skills: tuple[SkillSpec, ...]
    references: dict[str, str]
    readme: Path
    marketplace: dict[str, Any] = field(default_factory=dict)


def load_spec(skills_dir: Path) -> Spec:
    path = skills_dir / "plugin.yaml"
    if not path.is_file():
        raise PluginError(f"{path}: missing; the agent-skills plugin is built from it")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    plugin = raw.get("plugin")
    if not isinstance(plugin, dict):
        problems.append(f"{path}: plugin: must be a mapping")
        plugin = {}
    skills: list[SkillSpec] = []
    for name, entry in (raw.get("skills") or {}).items():
        section = str((entry or {}).get("section", ""))
        if not section.endswith("/"):
            problems.append(f"{path}: skills.{name}.section: must be a docs folder ending in '/'")
        template = skills_dir / name / "SKILL.md"
        if not template.is_file():
            problems.append(f"{template}: missing (the hand-written guide of skill {name})")
        skills.append(SkillSpec(str(name), section, template))
    if not skills:
        problems.append(f"{path}: skills: none listed")
    readme = skills_dir / "README.md"
    if not readme.is_file():
        problems.append(f"{readme}: missing (how to install the plugin)")
    marketplace = raw.get("marketplace") or {}
    if not isinstance(marketplace, dict) or not str(marketplace.get("name") or "").strip():
        problems.append(f"{path}: marketplace.name: the marketplace the plugin folder forms needs a name")
        marketplace = {}
    if problems:
        raise PluginError("agent-skills plugin:\n  " + "\n  ".join(problems))
    references = {str(k): str(v) for k, v in (raw.get("references") or {}).items()}
    return Spec(plugin, tuple(skills), references, readme, marketplace)


def reference_name(src_uri: str, section: str, overrides: dict[str, str]) -> str:
    """File name of a page's reference: its path in the section, flattened."""
    if src_uri in overrides:
        return overrides[src_uri]
    rel = src_uri[len(section):].removesuffix(".md")
    if rel == "index":
        rel = "overview"
    rel = rel.removesuffix("/index")
    return rel.replace("/", "-") + ".md"


def split_front_matter(text: str, label: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise PluginError(f"{label}: must start with YAML front matter between '---' lines")
    meta = yaml.safe_load(match["yaml"]) or {}
    if not isinstance(meta, dict):
        raise PluginError(f"{label}: front matter must be a mapping")
    return meta, match["body"]


# ---------------------------------------------------------------------------------------------
# Building the plugin's files.


@dataclass(frozen=True)
class Placement:
    """Where each page of a skill's section goes in the plugin."""

    bundle_path: dict[str, str]  # docs page -> its reference file in the plugin
    skill_pages: dict[str, list[str]]  # skill -> its pages, in nav order


def place(spec: Spec, order: list[str]) -> Placement:
    bundle_path: dict[str, str] = {}
    skill_pages: dict[str, list[str]] = {}
    for skill in spec.skills:
        uris = [u for u in order if u.startswith(skill.section)]
        skill_pages[skill.name] = uris
        names: dict[str, str] = {}
        for uri in uris:
            name = reference_name(uri, skill.section, spec.references)
            if name in names:
                raise PluginError(f"agent-skills plugin: {uri} and {names[name]} both map to references/{name}")
            names[name] = uri
            bundle_path[uri] = f"skills/{skill.name}/references/{name}"
    return Placement(bundle_path, skill_pages)


# Link rewriting for one file: (docs page or template it comes from, its path in the plugin).
RewriterFor = Callable[[str, str | None], Rewrite]


def plugin_files(spec: Spec, version: str, site_url: str, pages: dict[str, Page], markdown: dict[str, str],
                 summaries: dict[str, str], placement: Placement, hosted: dict[str, str],
                 rewriter_for: RewriterFor) -> dict[str, bytes]:
    """Every file of the plugin by its path inside it. `markdown` is each page's export Markdown,
    `summaries` its one-line summary, `hosted` its address on the site."""
    bundle: dict[str, bytes] = {}
    for uri, path in placement.bundle_path.items():
        head = (
            f"<!-- Generated from docs/{uri} by macros/export/skills.py: edit the page, not this file. -->\n"
            f"> Vault Operations Handbook {version}, [{title_of(pages[uri])}]({hosted[uri]}). "
            "Figures and tables come from the same data as the site.\n\n"
        )
        bundle[path] = (head + convert(markdown[uri], rewriter_for(uri, path))).encode()

    for skill in spec.skills:
        meta, body = split_front_matter(skill.template.read_text(encoding="utf-8"), str(skill.template))
        where = f"skills/{skill.name}/SKILL.md"
        index_lines = [
            f"- [{title_of(pages[u])}]({posixpath.relpath(placement.bundle_path[u], f'skills/{skill.name}')}): "
            f"{summaries[u]}"
            for u in placement.skill_pages[skill.name]
        ]
        # Marked, so a reader (and the tests) can tell the generated list from the guide.
        index = "\n".join([INDEX_START, *(index_lines or ["- (no pages yet)"]), INDEX_END])
        body = body.replace(REFERENCES_MARKER, index) if REFERENCES_MARKER in body else f"{body.rstrip()}\n\n{index}\n"
        body = convert(body, rewriter_for("SKILL.md", where))
        front = yaml.safe_dump(
            {"name": meta.get("name"), "description": " ".join(str(meta.get("description") or "").split())},
            sort_keys=False, allow_unicode=True, width=10_000,
        )
        bundle[where] = f"---\n{front}---\n\n{body}".encode()

    manifest = plugin_manifest(spec, version, site_url)
    bundle[MANIFEST] = (json.dumps(manifest, indent=2) + "\n").encode()
    bundle[MARKETPLACE] = (json.dumps(marketplace_manifest(spec, manifest), indent=2) + "\n").encode()
    readme = Template(spec.readme.read_text(encoding="utf-8")).safe_substitute(
        version=version, site_url=site_url, zip_url=page_url(site_url, ZIP_SITE_PATH),
        marketplace=spec.marketplace["name"],
    )
    bundle["README.md"] = convert(readme, rewriter_for("README.md", "README.md")).encode()
    return bundle


def plugin_manifest(spec: Spec, version: str, site_url: str) -> dict[str, Any]:
    """.claude-plugin/plugin.json, laid out as HashiCorp's agent-skills plugins are."""
    return {
        "name": spec.plugin.get("name", PLUGIN_ROOT),
        "version": version,
        "description": " ".join(str(spec.plugin.get("description") or "").split()),
        "author": spec.plugin.get("author") or {},
        "homepage": site_url,
        "repository": str(spec.plugin.get("repository") or site_url),
        "license": str(spec.plugin.get("license") or "UNLICENSED"),
        "keywords": list(spec.plugin.get("keywords") or []),
    }


def marketplace_manifest(spec: Spec, manifest: dict[str, Any]) -> dict[str, Any]:
    """.claude-plugin/marketplace.json: the plugin folder as a marketplace listing itself ("./"),
    so it installs from wherever the folder is (a git repository, a path on disk)."""
    entry = {key: manifest[key] for key in ("name", "description", "version", "author", "homepage",
                                             "repository", "license", "keywords")}
    if spec.marketplace.get("category"):
        entry["category"] = str(spec.marketplace["category"])
    return {
        "name": str(spec.marketplace["name"]),
        "owner": {"name": str((manifest["author"] or {}).get("name") or "")},
        "metadata": {"description": manifest["description"], "version": manifest["version"]},
        "plugins": [{"name": entry.pop("name"), "source": "./", **entry}],
    }


# ---------------------------------------------------------------------------------------------
# The rules one skill must follow (bundle.py checks the whole plugin).


def skill_problems(files: dict[str, bytes], skill: str) -> list[str]:
    path = f"skills/{skill}/SKILL.md"
    if path not in files:
        return [f"{path}: missing"]
    problems: list[str] = []
    try:
        meta, body = split_front_matter(files[path].decode("utf-8"), path)
    except PluginError as error:
        return [str(error)]
    name = meta.get("name")
    description = meta.get("description")
    if name != skill:
        problems.append(f"{path}: name {name!r} must match its folder {skill!r}")
    if not isinstance(name, str) or not NAME_RE.match(name) or len(name) > NAME_MAX:
        problems.append(f"{path}: name must be lowercase letters, digits and hyphens, at most {NAME_MAX} characters")
    elif any(word in name for word in RESERVED_WORDS):
        problems.append(f"{path}: name must not contain {' or '.join(RESERVED_WORDS)}")
    if not isinstance(description, str) or not description.strip():
        problems.append(f"{path}: description is missing or empty")
    elif len(description) > DESCRIPTION_MAX:
        problems.append(f"{path}: description has {len(description)} characters, at most {DESCRIPTION_MAX}")
    elif re.search(r"<[^>]+>", description):
        problems.append(f"{path}: description must not contain XML tags")
    if len(body.splitlines()) > SKILL_BODY_MAX_LINES:
        problems.append(f"{path}: body has {len(body.splitlines())} lines; move detail to references/")
    linked = {posixpath.normpath(posixpath.join(f"skills/{skill}", t.partition("#")[0]))
              for t in relative_links(body) if t.partition("#")[0]}
    for reference in sorted(p for p in files if p.startswith(f"skills/{skill}/references/")):
        if reference not in linked:
            problems.append(f"{path}: does not link to {reference}")
    return problems
