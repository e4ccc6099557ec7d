"""Decision trees: one definition, drawn as an inline SVG diagram at build time and printed as
numbered text steps with links (searchable, accessible, printable).

The SVG comes from Mermaid source rendered in Python by mermaidx (an embedded JavaScript engine,
no Node.js or browser), so the built page carries no diagram JavaScript and loads nothing from a
CDN. Rendering takes about a second a tree, so each SVG is cached on disk by a hash of its source
and the mermaidx version (DIAGRAM_CACHE): a rebuild, a test build or a project copy renders only
trees that changed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable
from html import escape
from importlib.metadata import version

from ..build_cache import CACHE_ROOT
from ..loading import Handbook
from ..models.decision_trees import Answer, DecisionTrees, Tree, mermaid_id, step_anchor
from . import Context, relative_link
from .blocks import Div, Fragment, SiteOnly, fragment
from .failures import index_of

TREES_PAGE = "troubleshooting/decision-trees.md"

# Shared by every checkout and build on the machine; keyed by content, so it is never stale.
DIAGRAM_CACHE = CACHE_ROOT / "diagrams"


def mermaid_source(tree: Tree) -> str:
    """Mermaid flowchart for a tree; every node links to its numbered step in the text."""
    numbers = {q.id: n for n, q in enumerate(tree.questions, 1)}
    lines = ["flowchart TD"]
    for question in tree.questions:
        node = mermaid_id(tree, question.id)
        lines.append(f'  {node}("{numbers[question.id]}. {question.question}"):::question')
        lines.append(f'  click {node} "#{step_anchor(tree, question)}"')
        for a_index, answer in enumerate(question.answers):
            if answer.goto is not None:
                lines.append(f'  {node} -->|"{answer.label}"| {mermaid_id(tree, answer.goto)}')
            else:
                leaf = mermaid_id(tree, f"{question.id}-outcome-{a_index}")
                lines.append(f'  {leaf}["{answer.outcome}"]:::outcome')
                lines.append(f'  {node} -->|"{answer.label}"| {leaf}')
                lines.append(f'  click {leaf} "#{step_anchor(tree, question)}"')
    lines.append("  classDef question fill:#e8eaf6,stroke:#3949ab,color:#1a1a1a")
    lines.append("  classDef outcome fill:#e8f5e9,stroke:#2e7d32,color:#1a1a1a")
    return "\n".join(lines) + "\n"


def mermaid_svg(source: str) -> str:
    """mermaidx's SVG for a source, from the disk cache when this source was drawn before."""
    key = hashlib.sha256(f"mermaidx {version('mermaidx')}\n{source}".encode()).hexdigest()
    cached = DIAGRAM_CACHE / f"{key}.svg"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    # Imported only to draw: its JavaScript engine starts a thread on import, and a build whose
    # diagrams are all cached stays one thread (macros/forks.py forks only then).
    import mermaidx  # noqa: PLC0415

    svg: str = mermaidx.render(source).svg()
    try:
        DIAGRAM_CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(cached)  # atomic: parallel builds never read half a file
    except OSError:
        pass  # a read-only home still builds, only slower
    return svg


@functools.lru_cache(maxsize=64)
def render_svg(source: str, dom_id: str) -> str:
    """Render once per source (mkdocs serve rebuilds often) and give the SVG a page-unique id."""
    svg = mermaid_svg(source)
    # mermaid names every diagram "my-svg" and prefixes its internal ids and CSS with it.
    svg = svg.replace("my-svg", dom_id)
    if re.search(r"<script|\son\w+=", svg, re.IGNORECASE):
        raise ValueError(f"diagram {dom_id}: rendered SVG contains script; refusing to inline it")
    return svg


def diagram(tree: Tree) -> SiteOnly:
    dom_id = f"voh-tree-svg-{tree.id}"
    svg = render_svg(mermaid_source(tree), dom_id)
    label = escape(f"Decision tree: {tree.title}. The numbered steps below give the same tree as text.")
    svg = svg.replace("<svg ", f'<svg aria-label="{label}" ', 1)
    # One line, no blank lines: Markdown must pass the block through untouched.
    svg = re.sub(r"\n\s*", " ", svg)
    # Site only: the numbered steps beside it say the same in text.
    return SiteOnly(
        # A white ground keeps the diagram's dark lines readable in the dark colour scheme;
        # wide trees scroll sideways instead of shrinking their text.
        f'<figure class="voh-tree-diagram" data-tree="{tree.id}" aria-describedby="{tree.id}-steps" '
        'style="background:#fff;padding:0.5rem;border-radius:0.2rem;overflow-x:auto">'
        f"{svg}<figcaption>Select a box to jump to its step in the text.</figcaption></figure>"
    )


def answer_line(tree: Tree, answer: Answer, numbers: dict[str, int], page: str, entry_pages: dict[str, str]) -> str:
    if answer.goto is not None:
        next_step = numbers[answer.goto]
        target = f"#{tree.id}-{answer.goto}"
        return f"- **{answer.label}:** go to [step {next_step}]({target})."
    text = f"- **{answer.label}:** {answer.outcome}."
    if answer.link is None:
        return text
    if answer.link.startswith("tree:"):
        other = answer.link.removeprefix("tree:")
        href = ("" if page == TREES_PAGE else relative_link(page, TREES_PAGE)) + f"#{other}"
        return f"{text} [Follow that tree]({href})."
    if answer.link.startswith("failure:"):
        entry = answer.link.removeprefix("failure:")
        answer_link = f"{entry_pages[entry]}#{entry}"
    else:
        answer_link = answer.link
    target_page, anchor = answer_link.split("#", 1)
    href = ("" if target_page == page else relative_link(page, target_page)) + f"#{anchor}"
    return f"{text} [Go there]({href})."


def text_steps(tree: Tree, page: str, entry_pages: dict[str, str]) -> Div:
    numbers = {q.id: n for n, q in enumerate(tree.questions, 1)}
    parts = [""]  # a blank line after the opening tag
    for question in tree.questions:
        parts.append(f"**Step {numbers[question.id]}. {question.question}**\n{{: #{step_anchor(tree, question)} }}\n")
        if question.check:
            parts.append(f"{question.check}\n")
        parts.append("\n".join(answer_line(tree, a, numbers, page, entry_pages) for a in question.answers) + "\n")
    attrs = (("class", "voh-tree-text"), ("id", f"{tree.id}-steps"), ("data-tree", tree.id))
    return Div(attrs, fragment("\n" + "\n".join(parts) + "\n"))


def render(data: DecisionTrees, tree_id: str, page: str, entry_pages: dict[str, str],
           heading_level: int = 2) -> Fragment:
    trees = {t.id: t for t in data.trees}
    if tree_id not in trees:
        raise ValueError(f"decision_tree: unknown tree {tree_id!r}; known: {', '.join(trees)}")
    tree = trees[tree_id]
    heading = "#" * heading_level
    return fragment(f"\n{heading} {tree.title} {{ #{tree.id} }}\n\n", diagram(tree), "\n\n",
                    text_steps(tree, page, entry_pages), "\n\n")


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment | list[str]]]:
    def decision_tree(tree_id: str, heading_level: int = 2) -> Fragment:
        entry_pages, _ = index_of(handbook.failures)
        return render(handbook.decision_trees, tree_id, context.page.src_uri, entry_pages, heading_level)

    def decision_tree_ids() -> list[str]:
        return [t.id for t in handbook.decision_trees.trees]

    return {"decision_tree": decision_tree, "decision_tree_ids": decision_tree_ids}
