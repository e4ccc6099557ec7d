"""Fences and headings read from Markdown the way the site's Markdown reads them
(macros/markdown_source.py): what a regex over lines got wrong is the point of each case."""

from __future__ import annotations

from macros.markdown_source import fences, headings, split_fences

PAGE = '''---
title: "# not a heading"
---
# Page { #page }

## Meaning { #meaning .voh-legend }

```shell
# Token: a comment, not a heading { #not-an-id }
vault status
```

1. **A step.**

    ```yaml
    kind: Pod
    ```

!!! warning "Careful"

    ```hcl
    seal "awskms" {}
    ```

    ### Inside the admonition {: #inside }

=== "Tab one"

    ````markdown
    ```text
    a fence inside a fence
    ```
    ````

=== "Tab two"
    ``` { .yaml .anti-pattern title="bad.yaml" }
    tls_disable: true
    ```

Setext heading
--------------

    # an indented code block, not a heading
'''


def test_every_fence_with_its_language_and_line() -> None:
    found = [(f.language, f.line, f.content) for f in fences(PAGE)]
    assert found == [
        ("shell", 8, "# Token: a comment, not a heading { #not-an-id }\nvault status\n"),
        ("yaml", 15, "kind: Pod\n"),
        ("hcl", 21, 'seal "awskms" {}\n'),
        ("markdown", 29, "```text\na fence inside a fence\n```\n"),
        ("yaml", 36, "tls_disable: true\n"),
    ]
    assert fences(PAGE)[-1].info == '{ .yaml .anti-pattern title="bad.yaml" }'


def test_headings_only_outside_code_and_front_matter() -> None:
    found = [(h.level, h.text, h.id, h.line) for h in headings(PAGE)]
    assert found == [
        (1, "Page", "page", 4),
        (2, "Meaning", "meaning", 6),
        (3, "Inside the admonition", "inside", 25),
        (2, "Setext heading", None, 40),
    ]


def test_a_heading_without_attributes_keeps_its_braces_of_code() -> None:
    (heading,) = headings("## `permission denied` on `{{ .Data }}`\n")
    assert (heading.text, heading.id) == ("`permission denied` on `{{ .Data }}`", None)


def test_the_export_cuts_the_page_at_the_same_fences() -> None:
    chunks = split_fences(PAGE)
    assert "".join(text for _, text in chunks) == PAGE  # whole lines, nothing lost or moved
    code = [text for is_code, text in chunks if is_code]
    assert [block.splitlines()[1].strip() for block in code] == [f.content.splitlines()[0] for f in fences(PAGE)]
    assert code[3].endswith("    ```\n    ````\n")  # the inner ``` does not close the ```` fence


def test_a_fence_like_line_in_an_indented_code_block_opens_no_fence() -> None:
    # A pattern over lines took the indented ``` for a fence that never closed, and the rest of
    # the page, link included, for code the export must not rewrite.
    text = ("Text.\n\n    ```\n    an indented code block\n\n!!! note\n\n    ```shell\n    vault status\n"
            "\nAfter the admonition, [a link](a.md).\n")
    assert split_fences(text) == (
        (False, "Text.\n\n    ```\n    an indented code block\n\n!!! note\n\n"),
        (True, "    ```shell\n    vault status\n"),  # left open: it ends with its admonition
        (False, "\nAfter the admonition, [a link](a.md).\n"),
    )
