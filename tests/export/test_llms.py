"""llms.txt and llms-full.txt, which every build publishes at the site root (macros/export/llms.py)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import nav_pages
from macros.export.bundle import read_zip
from macros.urls import page_url

ZIP = "downloads/vault-operations.zip"
TABLE_NAME = re.compile(r"<!-- table: (?P<name>[\w-]+) -->")


def test_llms_txt_lists_every_page_with_a_summary(built_site: Path) -> None:
    llms = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert llms.startswith("# Vault Operations Handbook\n\n> ")
    entries = dict(re.findall(r"^- \[[^\]]+\]\((https://[^)]+)\): (.+)$", llms, re.M))
    for page in nav_pages():
        url = "https://vault-handbook.example.com/" + page_url(page)
        assert url in entries, f"{page} is not in llms.txt"
        assert len(entries[url].strip()) > 3, f"{page}: no summary"
    for section in ("## Kubernetes integration", "## Production operations", "## Troubleshooting"):
        assert section in llms


def test_llms_full_txt_holds_every_page_and_the_same_tables(built_site: Path) -> None:
    full = (built_site / "llms-full.txt").read_text(encoding="utf-8")
    bundle = read_zip((built_site / ZIP).read_bytes())
    for page in nav_pages():
        assert f"<!-- https://vault-handbook.example.com/{page_url(page)} -->" in full, page
    assert "{@" not in full and "--8<--" not in full
    for path in bundle:
        if "/references/" in path:
            for name in TABLE_NAME.findall(bundle[path].decode("utf-8")):
                assert f"<!-- table: {name} -->" in full, (path, name)


def test_llms_full_txt_holds_no_html_of_the_site(built_site: Path) -> None:
    """What the site's stylesheets and scripts need (wrappers, badges' spans, the error lookup's
    form, diagrams) has no place in a text file; the Markdown writer leaves it out."""
    full = (built_site / "llms-full.txt").read_text(encoding="utf-8")
    prose = re.sub(r"^(```|~~~).*?^\1", "", full, flags=re.S | re.M)
    for leftover in ("<div", "<span", "<table", "<form", "<figure", "<svg", 'markdown="span"', "data-field="):
        assert leftover not in prose, leftover
    # What stood for them in the site's HTML is there in Markdown.
    assert "**[Enterprise]**" in full
    assert re.search(r'^\| <a id="alert-vault-sealed"></a>\[VaultSealed\]', full, re.M)
