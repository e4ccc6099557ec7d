"""Links inside the plugin (macros/export/links.py): every relative one resolves, the others go to
the hosted site. Checked here with a Markdown renderer, independently of the build's own check."""

from __future__ import annotations

import posixpath
import re

from .plugin import Bundle, md, render

# --- Links ----------------------------------------------------------------------------------


def test_every_relative_link_in_the_bundle_resolves(bundle: Bundle) -> None:
    ids = {p: {str(e["id"]) for e in render(md(bundle, p)).find_all(id=True)} for p in bundle if p.endswith(".md")}
    broken: list[str] = []
    checked = 0
    for path in ids:
        for link in render(md(bundle, path)).find_all("a", href=True):
            href = str(link["href"])
            if re.match(r"^[a-z][a-z0-9+.-]*:", href):
                continue
            checked += 1
            target, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            if resolved not in bundle:
                broken.append(f"{path}: {href} (no such file)")
            elif anchor and resolved in ids and anchor not in ids[resolved]:
                broken.append(f"{path}: {href} (no such anchor)")
    assert checked > 50, "too few relative links: is the link rewriting still on?"
    assert not broken, "\n".join(broken)


def test_links_that_leave_the_bundle_go_to_the_hosted_site(bundle: Bundle) -> None:
    site_url = "https://vault-handbook.example.com/"
    leaving = [
        str(a["href"]) for p in bundle if p.endswith(".md")
        for a in render(md(bundle, p)).find_all("a", href=True) if str(a["href"]).startswith(site_url)
    ]
    assert leaving, "no link leaves the bundle for the hosted site"
    for path in bundle:
        if "/references/" in path:
            head = md(bundle, path).splitlines()[1]
            assert site_url in head, f"{path}: no link back to its page"
