"""A page's export Markdown made portable, and its one-line summary (macros/export/pages.py), on
small inputs."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from macros.export.pages import convert, summary


def test_code_blocks_reach_the_reference_byte_for_byte() -> None:
    block = '```yaml\nnote: <div class="x" markdown> [x](other.md) {@ not_a_macro @}\n</div>\n```\n'
    out = convert(f"Text [page](other.md).\n\n{block}", lambda target: "REWRITTEN")
    assert block in out
    assert "[page](REWRITTEN)" in out


def test_hand_written_html_of_a_page_becomes_markdown() -> None:
    """docs/index.md wraps its cards in a div and links the print view with a raw <a>."""
    source = (
        '<div class="grid cards" markdown>\n\n- [Troubleshooting](troubleshooting/index.md){ .md-button }\n\n</div>\n\n'
        'The <a href="print_page/">print view of\nthe section</a> prints.\n\n<div id="kept" markdown>\nx\n</div>\n'
    )
    out = convert(source, lambda target: f"<{target}>")
    assert out == (
        "- [Troubleshooting](<troubleshooting/index.md>)\n\n"
        "The [print view of\nthe section](<print_page/>) prints.\n\n"
        '<a id="kept"></a>\nx\n'
    )


def page(meta: dict[str, Any] | None = None) -> Any:
    return SimpleNamespace(meta=meta or {}, title="The title", file=SimpleNamespace(src_uri="x.md"))


@pytest.mark.parametrize("markdown, expected", [
    # Before any fence.
    ("# T\n\nFirst sentence. Second.\n\n```shell\nvault status\n```\n", "First sentence."),
    # The only paragraph follows a fence; the fence's own lines are never one.
    ("# T\n\n```text\nNot this. Never.\n```\n\nAfter the fence.\n", "After the fence."),
    # A paragraph that goes on past a line holding ``` in its text is read whole.
    ("# T\n\nStarts here and\nnames ```` ``` ```` then ends here. More.\n\n```\ncode\n```\n",
     "Starts here and names ```` ``` ```` then ends here."),
    # A paragraph the fence interrupts, with no blank line between them, is still the first.
    ("# T\n\n- a list\n\nLast words before\n~~~\ncode\n~~~\n\nLater.\n", "Last words before"),
    # Inside an admonition, a fence is still code.
    ('!!! note\n\n    ```text\n    Not this.\n    ```\n\nThe real one.\n', "The real one."),
    # No paragraph at all: the page's title.
    ("# T\n\n```\ncode\n```\n", "The title"),
])
def test_summary_is_the_first_paragraph_outside_code(markdown: str, expected: str) -> None:
    assert summary(page(), markdown) == expected


def test_summary_prefers_the_description_and_the_meaning_section() -> None:
    assert summary(page({"description": "  Said   here. "}), "Not this.\n") == "Said here."
    runbook = "# Alert\n\nOpen it from the alert.\n\n## Meaning { #meaning }\n\n```\nx\n```\n\nIt means this.\n"
    assert summary(page(), runbook) == "It means this."
