"""Fences and headings read from Markdown the way the site's Markdown reads them
(macros/markdown_source.py): what a regex over lines got wrong is the point of each case."""

from __future__ import annotations

from macros.markdown_source import fences, headings

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
