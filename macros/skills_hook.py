"""MkDocs hook: publish the handbook as an agent-skills plugin and as llms.txt, in every build.

The plugin (Claude Code layout) holds one skill per content section. Each skill is its
hand-written guide (skills/<skill>/SKILL.md) plus one reference file per page of the section,
made from the page's Markdown *after* mkdocs-macros rendered it, so every table in the bundle
comes from the same data as the site. The bundle is checked (front matter, manifest, every
relative link and anchor) and a build that would publish a broken one fails. It is published
as downloads/vault-operations.zip; `make skills` unpacks it into dist/vault-operations/.

The same converted Markdown gives llms.txt (every page with a one-line summary) and
llms-full.txt (every page's text) at the site root.

Pages are picked up by section folder (skills/plugin.yaml), so a new page flows in by itself.
"""

from __future__ import annotations

import html
import io
import json
import posixpath
import re
import sys
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

PROJECT_DIR = Path(__file__).resolve().parent.parent
# MkDocs puts only this file's folder on sys.path; keep the checkout's root first, as the
# downloads hook does, so tests and tools import this module the same way.
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from macros.urls import page_url as docs_page_url  # noqa: E402

PLUGIN_ROOT = "vault-operations"
ZIP_SITE_PATH = "downloads/vault-operations.zip"
MANIFEST = ".claude-plugin/plugin.json"
MARKETPLACE = ".claude-plugin/marketplace.json"  # beside it: the folder is a marketplace of one plugin
LLMS_TXT = "llms.txt"
LLMS_FULL_TXT = "llms-full.txt"
REFERENCES_MARKER = "<!-- references -->"
INDEX_START = "<!-- generated: one line per reference file -->"
INDEX_END = "<!-- end of generated list -->"

# Rules of the Agent Skills format and of our own bundle; the build refuses to break them.
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_MAX = 64
DESCRIPTION_MAX = 1024
RESERVED_WORDS = ("anthropic", "claude")
SUMMARY_MAX = 240
SKILL_BODY_MAX_LINES = 500  # a SKILL.md longer than this belongs in its reference files

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_SNIPPET = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+"(?P<name>[^"]+)"[ \t]*$', re.M)
_TABLE = re.compile(
    r'(?P<indent>[ \t]*)(?:<div class="voh-table-wrap" markdown>\s*)?'
    r'<table class="voh-table" data-table="(?P<name>[^"]+)"[^>]*>(?P<body>.*?)</table>'
    r"(?:\s*</div>)?",
    re.S,
)
_TR = re.compile(r"<tr(?P<attrs>[^>]*)>(?P<cells>.*?)</tr>", re.S)
_CELL = re.compile(r"<t[dh](?P<attrs>[^>]*)>(?P<content>.*?)</t[dh]>", re.S)
_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.S)
_NO_DIAGRAM = re.compile(r'<p class="voh-tree-nodiagram"[^>]*>.*?</p>', re.S)
_SOURCE_P = re.compile(r'<p class="voh-source"[^>]*>(?P<content>.*?)</p>', re.S)
_WRAPPER_LINE = re.compile(r"^(?P<indent>[ \t]*)(?:<div\b(?P<attrs>[^>]*)>|</div>)[ \t]*$", re.M)
_BADGE = re.compile(r'<span class="voh-badge\b[^"]*"[^>]*>(?P<label>.*?)</span>', re.S)
_VERDICT = re.compile(r'<span class="voh-verdict"[^>]*>(?P<label>.*?)</span>', re.S)
_ANCHOR_TAG = re.compile(r'<a\s+href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)
_STRONG = re.compile(r"</?(?:strong|b)>")
_EM = re.compile(r"</?(?:em|i)>")
_HTML_CODE = re.compile(r"<code>(?P<text>.*?)</code>", re.S)
_PLAIN_TAGS = re.compile(r"</?(?:span|div|p|small|sup|sub|abbr|figcaption)\b[^>]*>")
_BR = re.compile(r"<br\s*/?>")
_ID_ATTR = re.compile(r'(?<![\w-])id="(?P<id>[^"]+)"')
# Link targets: Markdown inline links and images, reference definitions, HTML href/src.
_MD_TARGET = re.compile(r"(?P<pre>\]\()(?P<target><[^>]*>|[^)\s]+)")
_REF_DEF = re.compile(r"^(?P<pre>[ \t]*\[[^\]]+\]:[ \t]*)(?P<target>\S+)", re.M)
_HTML_TARGET = re.compile(r'(?P<pre>\b(?:href|src)=")(?P<target>[^"]*)')
_LINK_ATTR_LIST = re.compile(r"\)\{:?[ \t]*(?:[.#][\w-]+|download|target=[^\s}]+|[ \t])+\}")
# Anchors a reader can land on in a Markdown file: attr lists, HTML ids, heading text.
_ATTR_ID = re.compile(r"\{:?[^}\n]*?#(?P<id>[\w-]+)[^}\n]*\}")
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$", re.M)
# A link target in, the target the output file should use out.
Rewrite = Callable[[str], str]

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
# Markdown after macros -> plain Markdown a reader (or an agent) can use outside the site.


def split_fences(markdown: str) -> list[tuple[bool, str]]:
    """[(is_code, text)]: fenced code blocks are left exactly as they are."""
    parts: list[tuple[bool, str]] = []
    buffer: list[str] = []
    fence: tuple[str, int, int] | None = None  # (char, length, indent)
    for line in markdown.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            if buffer:
                parts.append((False, "".join(buffer)))
            buffer = [line]
            fence = (match["fence"][0], len(match["fence"]), len(match["indent"]))
            continue
        buffer.append(line)
        if fence is not None and match and match["fence"][0] == fence[0] and len(match["fence"]) >= fence[1]:
            if line.strip() == match["fence"]:
                parts.append((True, "".join(buffer)))
                buffer, fence = [], None
    if buffer:
        parts.append((fence is not None, "".join(buffer)))
    return parts


def _protect_code(text: str) -> tuple[str, list[str]]:
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    return _CODE_SPAN.sub(keep, text), spans


def _restore_code(text: str, spans: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)


def _inline_html(text: str) -> str:
    """Inline HTML of our renderers (badges, verdicts, links, emphasis) as Markdown."""
    text = _BADGE.sub(lambda m: f"**[{m['label'].strip()}]**", text)
    text = _VERDICT.sub(lambda m: f"**{m['label'].strip()}**", text)
    text = _ANCHOR_TAG.sub(lambda m: f"[{m['text']}]({m['href']})", text)
    text = _HTML_CODE.sub(lambda m: f"`{m['text']}`", text)
    text = _STRONG.sub("**", text)
    text = _EM.sub("_", text)
    return _PLAIN_TAGS.sub("", text)


def cell_markdown(content: str) -> str:
    """One table cell as one line of Markdown for a pipe table."""
    text, spans = _protect_code(content)
    text = _BR.sub("\x01", text)
    text = _inline_html(text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<!\\)\|", r"\\|", text)
    text = text.replace("\x01", "<br>")
    # A pipe inside a code span would end the cell in GFM, and a backslash before it shows up in
    # Python-Markdown; as HTML with an entity it reads the same in both.
    spans = [_code_with_pipe(s.replace("\n", " ")) if "|" in s else s.replace("\n", " ") for s in spans]
    return _restore_code(text, spans)


def _code_with_pipe(span: str) -> str:
    inner = span.strip("`")
    inner = inner[1:-1] if inner.startswith(" ") and inner.endswith(" ") and inner.strip() else inner
    # Markdown still parses the text between HTML tags: every character it would act on is an entity.
    inner = html.escape(inner, quote=False)
    for char in "\\|*_[]`":
        inner = inner.replace(char, f"&#{ord(char)};")
    return f"<code>{inner}</code>"


def table_markdown(name: str, body: str, indent: str = "") -> str:
    """A rendered voh-table as a Markdown pipe table; row ids stay as anchors in the first cell."""
    header: list[str] = []
    rows: list[list[str]] = []
    for row in _TR.finditer(body):
        cells = [cell_markdown(c["content"]) for c in _CELL.finditer(row["cells"])]
        if "<th" in row["cells"]:
            header = cells
            continue
        row_id = _ID_ATTR.search(row["attrs"])
        if row_id and cells:
            cells[0] = f'<a id="{row_id["id"]}"></a>{cells[0]}'
        rows.append(cells)
    width = max([len(header), *(len(r) for r in rows)] or [0])
    header = header + [""] * (width - len(header))
    # The comment names the dataset's table for readers and tests; the blank line after it keeps
    # Markdown parsers that end an HTML block only at a blank line from swallowing the table.
    lines = [f"<!-- table: {name} -->", "", "| " + " | ".join(header) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return "\n" + "\n".join(indent + line if line else line for line in lines) + "\n"


def _unwrap_line(match: re.Match[str]) -> str:
    """A wrapper <div> line goes; an id it carried stays as an anchor."""
    found = _ID_ATTR.search(match["attrs"] or "")
    return f'{match["indent"]}<a id="{found["id"]}"></a>' if found else ""


def prose_markdown(text: str) -> str:
    """Non-code Markdown after macros: tables to pipe tables, diagrams out, inline HTML to Markdown."""
    # Tables are converted apart and put back last: the inline pass below must not touch them.
    tables: list[str] = []

    def keep_table(match: re.Match[str]) -> str:
        tables.append(table_markdown(match["name"], match["body"], match["indent"]))
        return f"\x02{len(tables) - 1}\x02"

    text = _TABLE.sub(keep_table, text)
    text = _FIGURE.sub("", text)  # decision-tree diagrams: the numbered steps beside them say the same
    text = _NO_DIAGRAM.sub("", text)
    text = _SOURCE_P.sub(lambda m: re.sub(r"\s+", " ", m["content"]).strip(), text)
    text = _WRAPPER_LINE.sub(_unwrap_line, text)
    protected, spans = _protect_code(text)
    protected = _inline_html(protected)
    protected = _LINK_ATTR_LIST.sub(")", protected)
    text = _restore_code(protected, spans)
    return re.sub(r"\x02(\d+)\x02", lambda m: tables[int(m.group(1))], text)


def include_snippets(markdown: str, snippets_dirs: list[Path]) -> str:
    """Resolve `--8<-- "file"` lines, which pymdownx.snippets would expand only later."""

    def include(match: re.Match[str]) -> str:
        for folder in snippets_dirs:
            path = folder / match["name"]
            if path.is_file():
                body = path.read_text(encoding="utf-8").rstrip("\n")
                return "\n".join(match["indent"] + line if line else line for line in body.splitlines())
        raise PluginError(f"snippet {match['name']!r} not found in {', '.join(map(str, snippets_dirs))}")

    return "".join(
        code if is_code else _SNIPPET.sub(include, code) for is_code, code in split_fences(markdown)
    )


def convert(markdown: str, rewrite: Rewrite) -> str:
    """Whole page: prose converted and links rewritten; code blocks left byte for byte."""
    out: list[str] = []
    for is_code, chunk in split_fences(markdown):
        if is_code:
            out.append(chunk)
            continue
        chunk = prose_markdown(chunk)
        protected, spans = _protect_code(chunk)
        protected = rewrite_links(protected, rewrite)
        out.append(_restore_code(protected, spans))
    text = "".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def rewrite_links(text: str, rewrite: Rewrite) -> str:
    def sub(match: re.Match[str]) -> str:
        target = match["target"]
        bare = target[1:-1] if target.startswith("<") and target.endswith(">") else target
        return match["pre"] + rewrite(bare)

    text = _MD_TARGET.sub(sub, text)
    text = _REF_DEF.sub(sub, text)
    return _HTML_TARGET.sub(sub, text)


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc) or target.startswith(("#", "mailto:"))


# ---------------------------------------------------------------------------------------------
# Anchors and links inside the bundle: the checks a strict build would make.


def slugify(text: str) -> str:
    """The id Python-Markdown's toc gives a heading without a pinned one."""
    text = _ATTR_ID.sub("", text)
    text = re.sub(r"<[^>]+>", "", text).replace("`", "")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(markdown: str) -> set[str]:
    prose = "".join(chunk for is_code, chunk in split_fences(markdown) if not is_code)
    found = {m["id"] for m in _ATTR_ID.finditer(prose)} | {m["id"] for m in _ID_ATTR.finditer(prose)}
    found |= {slugify(m["text"]) for m in _HEADING.finditer(prose)}
    return found


def relative_links(markdown: str) -> list[str]:
    """Every relative link target in a Markdown file (code blocks and spans excluded)."""
    targets: list[str] = []
    for is_code, chunk in split_fences(markdown):
        if not is_code:
            rewrite_links(_protect_code(chunk)[0], lambda target: _collect(target, targets))
    return targets


def _collect(target: str, targets: list[str]) -> str:
    if not is_external(target) or target.startswith("#"):
        targets.append(target)
    return target


def broken_links(files: dict[str, bytes]) -> list[str]:
    """'file: target' for every relative link in the bundle whose file or anchor is missing."""
    problems: list[str] = []
    markdown = {p: b.decode("utf-8") for p, b in files.items() if p.endswith(".md")}
    known_anchors = {p: anchors(text) for p, text in markdown.items()}
    for path, text in markdown.items():
        for target in relative_links(text):
            file_part, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part)) if file_part else path
            if resolved not in files:
                problems.append(f"{path}: link to {target}: no such file in the bundle")
            elif anchor and resolved in known_anchors and anchor not in known_anchors[resolved]:
                problems.append(f"{path}: link to {target}: no #{anchor} in {resolved}")
    return problems


def validate_bundle(files: dict[str, bytes], skills: list[str], version: str) -> list[str]:
    """Every rule the plugin must follow; an empty list means it may be published."""
    problems: list[str] = []
    manifest_path = MANIFEST
    manifest: dict[str, Any] = {}
    if manifest_path not in files:
        problems.append(f"{manifest_path}: missing")
    else:
        manifest = json.loads(files[manifest_path])
        for key in ("repository", "license"):
            if not str(manifest.get(key) or "").strip():
                problems.append(f"{manifest_path}: {key} is empty")
        if manifest.get("name") != PLUGIN_ROOT:
            problems.append(f"{manifest_path}: name must be {PLUGIN_ROOT!r}")
        if manifest.get("version") != version:
            problems.append(f"{manifest_path}: version must be the handbook's ({version})")
        if not str(manifest.get("description") or "").strip():
            problems.append(f"{manifest_path}: description is empty")
        if not str((manifest.get("author") or {}).get("name") or "").strip():
            problems.append(f"{manifest_path}: author.name is empty")
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
        for leftover in ("{@", "@}", "{%@", "--8<--"):
            if path.endswith(".md") and any(leftover in chunk for code, chunk in split_fences(text) if not code):
                problems.append(f"{path}: unrendered {leftover!r} (a macro or snippet the build did not expand)")
    return problems + broken_links(files)


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


# ---------------------------------------------------------------------------------------------
# Building: the pages collected during the build -> bundle files, llms.txt, llms-full.txt.


@dataclass
class Collected:
    markdown: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown after macros
    pages: dict[str, Page] = field(default_factory=dict)
    nav: Navigation | None = None
    files: dict[str, File] = field(default_factory=dict)  # our generated site files


_state = Collected()


def handbook_version(project: Path) -> str:
    return str(tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def page_url(site_url: str, page_or_file_url: str) -> str:
    # MkDocs gives the home page the URL "./"; on the hosted site it is the site's root.
    path = page_or_file_url.lstrip("/").removeprefix("./")
    return site_url.rstrip("/") + "/" + ("" if path == "." else path)


def hosted_path(config: MkDocsConfig, file: File) -> str:
    """A file's path on the hosted site. The offline build's own URLs end in .html, but the
    links it puts in the plugin and llms.txt must work on the hosted site, which uses
    directory URLs, like the main build's."""
    if not config.extra.get("offline_build") or not file.is_documentation_page():
        return file.url
    return docs_page_url(file.src_uri)


def nav_order(nav: Navigation | None, pages: dict[str, Page]) -> list[str]:
    """src_uris in nav order, then any page not in the nav (sorted)."""
    ordered = [p.file.src_uri for p in (nav.pages if nav else []) if p.file.src_uri in pages]
    return ordered + sorted(set(pages) - set(ordered))


def summary(page: Page, markdown: str) -> str:
    """One line: the page's `description` front matter, else its first paragraph's first sentence."""
    described = page.meta.get("description")
    if isinstance(described, str) and described.strip():
        return " ".join(described.split())
    # A runbook's preface may only say how to reach it; its Meaning section says what it is about.
    meaning = re.search(r"^##[ \t].*\{[^}\n]*#meaning[^}\n]*\}[ \t]*$", markdown, re.M)
    if meaning:
        markdown = markdown[meaning.end():]
    for is_code, chunk in split_fences(markdown):
        if is_code:
            continue
        for block in re.split(r"\n[ \t]*\n", chunk):
            block = block.strip()
            if not block or block[0] in "#<|!=>-*+{" or block[0].isdigit() or block.startswith("---"):
                continue
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(block.split()))
            text = re.sub(r"\*\*\[([^\]]+)\]\*\*", r"(\1)", text)
            text = text.replace("**", "")
            sentence = re.match(r"(.+?[.!?])(?:\s|$)", text)
            line = sentence.group(1) if sentence else text
            # One line: a long first sentence is cut at a word, and says so.
            return line if len(line) <= SUMMARY_MAX else line[:SUMMARY_MAX].rsplit(" ", 1)[0] + " …"
    return page.title or page.file.src_uri


def title_of(page: Page) -> str:
    return str(page.title or page.file.src_uri)


def build_outputs(config: MkDocsConfig, files: Files) -> tuple[bytes, str, str, dict[str, bytes]]:
    """(zip bytes, llms.txt, llms-full.txt, bundle files) from the collected pages."""
    project = Path(config.config_file_path).resolve().parent
    spec = load_spec(project / "skills")
    version = handbook_version(project)
    site_url = config["site_url"] or ""
    if not site_url:
        raise PluginError("agent-skills plugin: site_url is empty; its links back to the site need it")
    order = nav_order(_state.nav, _state.markdown)
    pages = {uri: _state.pages[uri] for uri in order}

    # Which page goes to which reference file.
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

    def rewriter(from_src: str, from_bundle: str | None) -> Rewrite:
        """Link target rewriting for one file: bundle-relative where possible, else the hosted site."""

        def rewrite(target: str) -> str:
            if is_external(target):
                return target
            path, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path))
            suffix = f"#{anchor}" if anchor else ""
            if from_bundle is not None and resolved in bundle_path:
                rel = posixpath.relpath(bundle_path[resolved], posixpath.dirname(from_bundle))
                return rel + suffix
            site_file = files.get_file_from_path(resolved)
            if site_file is None:
                return target  # left as it was: the bundle's link check reports it
            return page_url(site_url, hosted_path(config, site_file)) + suffix

        return rewrite

    snippets = [project / str(p) for p in _snippet_dirs(config)]
    bundle: dict[str, bytes] = {}
    converted_full: dict[str, str] = {}
    for uri, page in pages.items():
        markdown = include_snippets(_state.markdown[uri], snippets)
        converted_full[uri] = convert(markdown, rewriter(uri, None))
        if uri in bundle_path:
            hosted = page_url(site_url, hosted_path(config, page.file))
            head = (
                f"<!-- Generated from docs/{uri} by macros/skills_hook.py: edit the page, not this file. -->\n"
                f"> Vault Operations Handbook {version}, [{title_of(page)}]({hosted}). "
                "Figures and tables come from the same data as the site.\n\n"
            )
            bundle[bundle_path[uri]] = (head + convert(markdown, rewriter(uri, bundle_path[uri]))).encode()

    for skill in spec.skills:
        meta, body = split_front_matter(skill.template.read_text(encoding="utf-8"), str(skill.template))
        where = f"skills/{skill.name}/SKILL.md"
        index_lines = [
            f"- [{title_of(pages[u])}]({posixpath.relpath(bundle_path[u], f'skills/{skill.name}')}): "
            f"{summary(pages[u], converted_full[u])}"
            for u in skill_pages[skill.name]
        ]
        # Marked, so a reader (and the tests) can tell the generated list from the guide.
        index = "\n".join([INDEX_START, *(index_lines or ["- (no pages yet)"]), INDEX_END])
        body = body.replace(REFERENCES_MARKER, index) if REFERENCES_MARKER in body else f"{body.rstrip()}\n\n{index}\n"
        body = convert(body, rewriter("SKILL.md", where))
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
    bundle["README.md"] = convert(readme, rewriter("README.md", "README.md")).encode()

    problems = validate_bundle(bundle, [s.name for s in spec.skills], version)
    if problems:
        raise PluginError("agent-skills plugin: refusing to publish a broken bundle:\n  " + "\n  ".join(problems))

    llms = llms_txt(config, version, pages, converted_full)
    full = llms_full_txt(config, version, pages, converted_full)
    return zip_bundle(bundle), llms, full, bundle


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


def _snippet_dirs(config: MkDocsConfig) -> list[str]:
    settings = config.mdx_configs.get("pymdownx.snippets", {}) if hasattr(config, "mdx_configs") else {}
    base = settings.get("base_path", ["."])
    return [base] if isinstance(base, str) else list(base)


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


def _nav_sections(nav: Navigation | None, pages: dict[str, Page]) -> list[tuple[str, list[str]]]:
    """[(section title, src_uris)] from the top level of the nav; loose pages go to 'Optional'."""
    sections: list[tuple[str, list[str]]] = []
    loose: list[str] = []

    def flatten(items: list[Any]) -> list[str]:
        out: list[str] = []
        for item in items:
            if isinstance(item, Section):
                out += flatten(item.children)
            elif isinstance(item, Page) and item.file.src_uri in pages:
                out.append(item.file.src_uri)
        return out

    for item in nav.items if nav else []:
        if isinstance(item, Section):
            sections.append((str(item.title), flatten(item.children)))
        elif isinstance(item, Page) and item.file.src_uri in pages:
            loose.append(item.file.src_uri)
        elif isinstance(item, Link):
            continue
    listed = {u for _, uris in sections for u in uris} | set(loose)
    loose += [u for u in pages if u not in listed]
    if loose:
        sections.append(("Optional", loose))
    return sections


def llms_txt(config: MkDocsConfig, version: str, pages: dict[str, Page], converted: dict[str, str]) -> str:
    site_url = config["site_url"]
    lines = [
        f"# {config['site_name']}",
        "",
        f"> {config.get('site_description') or ''}".rstrip(),
        "",
        f"Version {version}. Every page's text in one file: [{LLMS_FULL_TXT}]({page_url(site_url, LLMS_FULL_TXT)}). "
        f"The same knowledge as an agent-skills plugin: [vault-operations.zip]({page_url(site_url, ZIP_SITE_PATH)}).",
    ]
    for title, uris in _nav_sections(_state.nav, pages):
        lines += ["", f"## {title}", ""]
        lines += [
            f"- [{title_of(pages[u])}]({page_url(site_url, hosted_path(config, pages[u].file))}): "
            f"{summary(pages[u], converted[u])}"
            for u in uris
        ]
    return "\n".join(lines) + "\n"


def llms_full_txt(config: MkDocsConfig, version: str, pages: dict[str, Page], converted: dict[str, str]) -> str:
    site_url = config["site_url"]
    parts = [f"# {config['site_name']} {version}: full text\n\n> {config.get('site_description') or ''}\n"]
    for uri, page in pages.items():
        text = converted[uri]
        if not text.lstrip().startswith("# "):
            text = f"# {title_of(page)}\n\n{text}"
        parts.append(f"<!-- {page_url(site_url, hosted_path(config, page.file))} -->\n\n{text}")
    return "\n---\n\n".join(parts)


# ---------------------------------------------------------------------------------------------
# MkDocs events.


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The spec is read in on_env: a data error reported by mkdocs-macros comes first, alone.
    global _state
    _state = Collected()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Registered now with placeholder content so pages may link to them (MkDocs checks those
    # links); the real content is set in on_env, once every page's Markdown has been collected.
    for path in (ZIP_SITE_PATH, LLMS_TXT, LLMS_FULL_TXT):
        generated = File.generated(config, path, content=b"")
        files.append(generated)
        _state.files[path] = generated
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state.nav = nav
    return nav


@event_priority(-100)  # after mkdocs-macros (priority 0) rendered the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    _state.markdown[page.file.src_uri] = markdown
    _state.pages[page.file.src_uri] = page
    return markdown


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    archive, llms, full, _ = build_outputs(config, files)
    _state.files[ZIP_SITE_PATH].content_bytes = archive
    _state.files[LLMS_TXT].content_string = llms
    _state.files[LLMS_FULL_TXT].content_string = full
    return env

