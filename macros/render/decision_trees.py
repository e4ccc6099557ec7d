"""Decision trees: one definition, drawn as an inline SVG diagram at build time and printed as
numbered text steps with links (searchable, accessible, printable).

The SVG comes from Mermaid source rendered in Python by mermaidx (an embedded JavaScript engine,
no Node.js or browser), so the built page carries no diagram JavaScript and loads nothing from a
CDN. Without mermaidx the page still builds and shows the text steps, with a note.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import escape

from ..loading import Handbook
from ..models.decision_trees import Answer, DecisionTrees, Tree, mermaid_id, step_anchor
from . import relative_link
from .auth_errors import CATALOGUE_PAGE

TREES_PAGE = "troubleshooting/decision-trees.md"

try:
    import mermaidx
except ImportError:  # the build must pass before the dependency lands; the text tree carries the content
    mermaidx = None


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


@functools.lru_cache(maxsize=64)
def render_svg(source: str, dom_id: str) -> str:
    """Render once per source (mkdocs serve rebuilds often) and give the SVG a page-unique id."""
    assert mermaidx is not None
    svg = mermaidx.render(source).svg()
    # mermaid names every diagram "my-svg" and prefixes its internal ids and CSS with it.
    svg = svg.replace("my-svg", dom_id)
    if re.search(r"<script|\son\w+=", svg, re.IGNORECASE):
        raise ValueError(f"diagram {dom_id}: rendered SVG contains script; refusing to inline it")
    return svg


def diagram(tree: Tree) -> str:
    dom_id = f"voh-tree-svg-{tree.id}"
    if mermaidx is None:
        return (
            f'<p class="voh-tree-nodiagram" data-tree="{tree.id}"><em>The diagram is not drawn in this '
            "build (the mermaidx package is missing); the numbered steps below are the same tree.</em></p>"
        )
    svg = render_svg(mermaid_source(tree), dom_id)
    label = escape(f"Decision tree: {tree.title}. The numbered steps below give the same tree as text.")
    svg = svg.replace("<svg ", f'<svg aria-label="{label}" ', 1)
    # One line, no blank lines: Markdown must pass the block through untouched.
    svg = re.sub(r"\n\s*", " ", svg)
    return (
        # A white ground keeps the diagram's dark lines readable in the dark colour scheme;
        # wide trees scroll sideways instead of shrinking their text.
        f'<figure class="voh-tree-diagram" data-tree="{tree.id}" aria-describedby="{tree.id}-steps" '
        'style="background:#fff;padding:0.5rem;border-radius:0.2rem;overflow-x:auto">'
        f"{svg}<figcaption>Select a box to jump to its step in the text.</figcaption></figure>"
    )


def answer_line(tree: Tree, answer: Answer, numbers: dict[str, int], page: str) -> str:
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
    if answer.link.startswith("auth:"):
        answer_link = f"{CATALOGUE_PAGE}#{answer.link.removeprefix('auth:')}"
    else:
        answer_link = answer.link
    target_page, anchor = answer_link.split("#", 1)
    href = ("" if target_page == page else relative_link(page, target_page)) + f"#{anchor}"
    return f"{text} [Go there]({href})."


def text_steps(tree: Tree, page: str) -> str:
    numbers = {q.id: n for n, q in enumerate(tree.questions, 1)}
    parts = [f'<div class="voh-tree-text" id="{tree.id}-steps" data-tree="{tree.id}" markdown>\n']
    for question in tree.questions:
        parts.append(f"**Step {numbers[question.id]}. {question.question}**\n{{: #{step_anchor(tree, question)} }}\n")
        if question.check:
            parts.append(f"{question.check}\n")
        parts.append("\n".join(answer_line(tree, a, numbers, page) for a in question.answers) + "\n")
    parts.append("</div>\n")
    return "\n".join(parts)


def render(data: DecisionTrees, tree_id: str, page: str, heading_level: int = 2) -> str:
    trees = {t.id: t for t in data.trees}
    if tree_id not in trees:
        raise ValueError(f"decision_tree: unknown tree {tree_id!r}; known: {', '.join(trees)}")
    tree = trees[tree_id]
    heading = "#" * heading_level
    return f"\n{heading} {tree.title} {{ #{tree.id} }}\n\n{diagram(tree)}\n\n{text_steps(tree, page)}\n"


def macros(handbook: Handbook, current_page: Callable[[], str]) -> dict[str, Callable[..., str]]:
    def decision_tree(tree_id: str, heading_level: int = 2) -> str:
        return render(handbook["decision_trees"], tree_id, current_page(), heading_level)

    def decision_tree_ids() -> list[str]:
        return [t.id for t in handbook["decision_trees"].trees]

    return {"decision_tree": decision_tree, "decision_tree_ids": decision_tree_ids}
