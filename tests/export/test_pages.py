"""A page's export Markdown made portable (macros/export/pages.py), on small inputs."""

from __future__ import annotations

from macros.export.pages import convert


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
