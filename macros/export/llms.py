"""llms.txt (every page with a one-line summary, by nav section) and llms-full.txt (every
page's text), at the site root."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from . import LLMS_FULL_TXT, ZIP_SITE_PATH
from .links import page_url
from .pages import title_of


def nav_sections(nav: Navigation | None, pages: dict[str, Page]) -> list[tuple[str, list[str]]]:
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


def llms_txt(config: MkDocsConfig, version: str, nav: Navigation | None, pages: dict[str, Page],
             hosted: dict[str, str], summaries: dict[str, str]) -> str:
    site_url = config["site_url"]
    lines = [
        f"# {config['site_name']}",
        "",
        f"> {config.get('site_description') or ''}".rstrip(),
        "",
        f"Version {version}. Every page's text in one file: [{LLMS_FULL_TXT}]({page_url(site_url, LLMS_FULL_TXT)}). "
        f"The same knowledge as an agent-skills plugin: [vault-operations.zip]({page_url(site_url, ZIP_SITE_PATH)}).",
    ]
    for title, uris in nav_sections(nav, pages):
        lines += ["", f"## {title}", ""]
        lines += [f"- [{title_of(pages[u])}]({hosted[u]}): {summaries[u]}" for u in uris]
    return "\n".join(lines) + "\n"


def llms_full_txt(config: MkDocsConfig, version: str, pages: dict[str, Page], hosted: dict[str, str],
                  converted: dict[str, str]) -> str:
    """`converted`: each page's portable Markdown, its links pointing at the hosted site."""
    parts = [f"# {config['site_name']} {version}: full text\n\n> {config.get('site_description') or ''}\n"]
    for uri, page in pages.items():
        text = converted[uri]
        if not text.lstrip().startswith("# "):
            text = f"# {title_of(page)}\n\n{text}"
        parts.append(f"<!-- {hosted[uri]} -->\n\n{text}")
    return "\n---\n\n".join(parts)
