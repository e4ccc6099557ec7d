"""Extract every fenced code block from the built site.

The checker reads the built HTML rather than the Markdown sources, so blocks that macros render
are checked exactly as a reader copies them.

The site must be built with ``pymdownx.highlight: {pygments_lang_class: true}``: that puts the
fence's language on the block as ``language-<name>``; without it the HTML does not say which
language a block is, and `collect_blocks` fails rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

# Material for MkDocs admonition types that warn (caution/attention render as warning, error as
# danger, but the class keeps the name the author typed).
WARNING_TYPES = frozenset({"warning", "caution", "attention", "danger", "error"})
ANTI_PATTERN_CLASS = "anti-pattern"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class SiteLayoutError(Exception):
    """The built HTML is not what the checker can read (for example no language classes)."""


@dataclass(frozen=True)
class Block:
    """One fenced code block as a reader sees it on a built page."""

    page: str  # site-relative URL of the page, e.g. "operations/monitoring/"
    index: int  # 1-based position among the page's code blocks
    language: str  # fence language ("yaml", "shell", ...); "text" when the fence had none
    text: str  # what the copy button copies
    title: str = ""  # the fence's title="..." (rendered as span.filename), "" if none
    anti_pattern: bool = False  # fenced with the .anti-pattern class
    warning_context: bool = False  # inside, or after in the same section, a warning admonition
    section: str = ""  # id of the nearest heading above the block, for messages

    @property
    def where(self) -> str:
        """How a problem message names the block: page, position, language, section."""
        details = self.language or "no language"
        if self.title:
            details += f', title "{self.title}"'
        if self.section:
            details += f", under #{self.section}"
        return f"{self.page} block {self.index} ({details})"


def page_url(site_dir: Path, html_file: Path) -> str:
    rel = html_file.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class") or []
    return value if isinstance(value, list) else str(value).split()


def _is_warning_admonition(tag: Tag, *, must_be_open: bool) -> bool:
    classes = set(_classes(tag))
    if tag.name == "div" and "admonition" in classes:
        return bool(WARNING_TYPES & classes)
    if tag.name == "details" and WARNING_TYPES & classes:
        # A collapsed ??? block above the example hides its text: only an open one (???+)
        # counts as a visible warning before the block. A block inside a collapsed one is only
        # seen after the reader opens it, warning and all, so that case is handled as inside.
        return not must_be_open or tag.has_attr("open")
    return False


def _warning_context(block: Tag) -> bool:
    for parent in block.parents:
        if isinstance(parent, Tag) and _is_warning_admonition(parent, must_be_open=False):
            return True
    for prev in block.find_all_previous(True):
        if prev.name in HEADINGS:
            return False
        if _is_warning_admonition(prev, must_be_open=True) and prev not in block.parents:
            return True
    return False


def _section(block: Tag) -> str:
    heading = block.find_previous(HEADINGS)
    if heading is None:
        return ""
    return str(heading.get("id") or "")


def _language(container: Tag, code: Tag) -> str | None:
    for tag in (container, code):
        for cls in _classes(tag):
            if cls.startswith("language-"):
                return cls[len("language-"):]
    return None


def _code_of(container: Tag) -> Tag | None:
    # With linenums, pygments renders a table whose first cell holds the numbers.
    return container.select_one("td.code code") or container.select_one("pre > code") or container.find("code")


def blocks_in_html(html: str, page: str) -> list[Block]:
    """Return the code blocks of one page, in document order."""
    soup = BeautifulSoup(html, "lxml")
    root = soup.select_one("article") or soup.body or soup
    containers: list[tuple[Tag, Tag]] = []
    for tag in root.find_all(["div", "pre"]):
        if tag.name == "div" and "highlight" in _classes(tag):
            code = _code_of(tag)
        elif tag.name == "pre" and tag.find_parent("div", class_="highlight") is None:
            # A fence rendered without pymdownx.highlight: a bare <pre><code class="language-x">.
            code = tag.find("code", recursive=False)
        else:
            continue
        if code is not None:
            containers.append((tag, code))

    blocks: list[Block] = []
    for index, (container, code) in enumerate(containers, start=1):
        language = _language(container, code)
        if language is None:
            raise SiteLayoutError(
                f"{page} block {index}: no language-* class on the code block; build the site "
                "with pymdownx.highlight pygments_lang_class: true so the checker can see each "
                "fence's language"
            )
        title_tag = container.select_one("span.filename")
        text = code.get_text()
        blocks.append(
            Block(
                page=page,
                index=index,
                language=language.lower(),
                text=text[:-1] if text.endswith("\n") else text,
                title=title_tag.get_text(strip=True) if title_tag else "",
                anti_pattern=ANTI_PATTERN_CLASS in _classes(container) or ANTI_PATTERN_CLASS in _classes(code),
                warning_context=_warning_context(container),
                section=_section(container),
            )
        )
    return blocks


def collect_blocks(site_dir: Path) -> list[Block]:
    """Return every code block of every page under a built site folder."""
    if not (site_dir / "index.html").is_file():
        raise SiteLayoutError(f"{site_dir} is not a built site (no index.html)")
    blocks: list[Block] = []
    for html_file in sorted(site_dir.rglob("*.html")):
        rel = html_file.relative_to(site_dir).as_posix()
        # print_page/ (mkdocs-print-site-plugin) repeats every page: check each block once.
        if rel == "404.html" or re.match(r"(assets|search|print_page)/", rel):
            continue
        blocks.extend(blocks_in_html(html_file.read_text(encoding="utf-8"), page_url(site_dir, html_file)))
    return blocks
