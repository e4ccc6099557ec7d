"""Links in the export: every target rewritten for where the file goes (a file beside it in the
plugin, or the page on the hosted site), and the links inside the plugin checked the way a strict
build checks the site's (file and anchor)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..build_cache import digest, files_fingerprint
from ..urls import page_url as docs_page_url
from .fences import prose, protect_code, split_fences

# A link target in, the target the output file should use out.
Rewrite = Callable[[str], str]

# Link targets: Markdown inline links and images, reference definitions, HTML href/src.
_MD_TARGET = re.compile(r"(?P<pre>\]\()(?P<target><[^>]*>|[^)\s]+)")
_REF_DEF = re.compile(r"^(?P<pre>[ \t]*\[[^\]]+\]:[ \t]*)(?P<target>\S+)", re.M)
_HTML_TARGET = re.compile(r'(?P<pre>\b(?:href|src)=")(?P<target>[^"]*)')
# Anchors a reader can land on in a Markdown file: attr lists, HTML ids (the anchors the Markdown
# writer leaves for table rows and wrappers), heading text.
_ATTR_ID = re.compile(r"\{:?[^}\n]*?#(?P<id>[\w-]+)[^}\n]*\}")
_ID_ATTR = re.compile(r'(?<![\w-])id="(?P<id>[^"]+)"')
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$", re.M)


def rewrite_links(text: str, rewrite: Rewrite) -> str:
    def sub(match: re.Match[str]) -> str:
        target = match["target"]
        bare = target[1:-1] if target.startswith("<") and target.endswith(">") else target
        return match["pre"] + rewrite(bare)

    # Each pattern only where its literal part occurs: most prose chunks have no link at all, and
    # the export runs these over some 3,500 chunks a build.
    if "](" in text:
        text = _MD_TARGET.sub(sub, text)
    if "]:" in text:
        text = _REF_DEF.sub(sub, text)
    if "href=" in text or "src=" in text:
        text = _HTML_TARGET.sub(sub, text)
    return text


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc) or target.startswith(("#", "mailto:"))


def page_url(site_url: str, page_or_file_url: str) -> str:
    """The address on the hosted site of a site path (MkDocs' page or file URL)."""
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


def rewriter(from_src: str, from_bundle: str | None, bundle_path: dict[str, str], files: Files,
             config: MkDocsConfig, site_url: str) -> Rewrite:
    """Targets for one output file: relative to it where the target is in the plugin too
    (`bundle_path`: docs page -> plugin file), else the page or file on the hosted site."""
    def rewrite(target: str) -> str:
        if is_external(target):
            return target
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path))
        suffix = f"#{anchor}" if anchor else ""
        if from_bundle is not None and resolved in bundle_path:
            return posixpath.relpath(bundle_path[resolved], posixpath.dirname(from_bundle)) + suffix
        site_file = files.get_file_from_path(resolved)
        if site_file is None:
            return target  # left as it was: the bundle's link check reports it
        return page_url(site_url, hosted_path(config, site_file)) + suffix

    # Everything the targets depend on, so pages.convert may reuse a page's result when neither
    # its text nor this changed (under `mkdocs serve`, the next rebuild's unchanged pages).
    rewrite.cache_key = digest(  # type: ignore[attr-defined]
        from_src, from_bundle, sorted(bundle_path.items()), files_fingerprint(files), site_url,
        bool(config.extra.get("offline_build")),
    )
    return rewrite


# ---------------------------------------------------------------------------------------------
# Checking: every relative link inside the plugin lands on a file and an anchor it holds.


def slugify(text: str) -> str:
    """The id Python-Markdown's toc gives a heading without a pinned one."""
    text = _ATTR_ID.sub("", text)
    text = re.sub(r"<[^>]+>", "", text).replace("`", "")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


# The bundle's check reads each file's anchors and links; cached by the text, because most files
# are the same on the next `mkdocs serve` rebuild.
@lru_cache(maxsize=1024)
def anchors(markdown: str) -> frozenset[str]:
    text = prose(markdown)
    found = {m["id"] for m in _ATTR_ID.finditer(text)} | {m["id"] for m in _ID_ATTR.finditer(text)}
    found |= {slugify(m["text"]) for m in _HEADING.finditer(text)}
    return frozenset(found)


@lru_cache(maxsize=1024)
def relative_links(markdown: str) -> tuple[str, ...]:
    """Every relative link target in a Markdown file (code blocks and spans excluded)."""
    targets: list[str] = []
    for is_code, chunk in split_fences(markdown):
        if not is_code:
            rewrite_links(protect_code(chunk)[0], lambda target: _collect(target, targets))
    return tuple(targets)


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
