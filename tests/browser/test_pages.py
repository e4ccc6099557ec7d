"""Every page works with the network cut off, loads no diagram JavaScript, and has no serious or
critical accessibility violation (axe-core), in the light and the dark colour scheme.

The failure catalogue's pages and the runbooks are checked in test_catalogue_pages.py with the
same `check`: axe takes most of a test run's browser time, and two modules can run on the two
pytest-xdist workers at once (`--dist loadfile` keeps a module on one worker).
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Request

from .conftest import Guard, page_urls

AXE = Axe()
# WCAG 2.0/2.1 A and AA plus axe's best practices; only these impacts fail the test.
FAILING_IMPACTS = {"serious", "critical"}
DIAGRAM_SCRIPT = re.compile(r"mermaid|d3\.|dagre|plantuml|kroki|cytoscape", re.IGNORECASE)
# The dark scheme shares all layout with the light one; its own colours are checked on pages
# that show every kind of element (cards, tables, code, admonitions, the print view).
DARK_PAGES = ["", "troubleshooting/runbooks/vault-sealed/", "troubleshooting/decision-trees/",
              "operations/monitoring/"]
# The print view repeats every troubleshooting page, each already checked on its own; axe over the
# whole of it takes a minute, so there it checks the page's own parts (frame, table of contents).
AXE_CONTEXT = {"print_page/": {"exclude": [["#print-site-page > section + section"]]}}


def serious_violations(page: Page, context: dict[str, object] | None = None) -> list[str]:
    results = AXE.run(page, context=context, options={"resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            summary = violation["nodes"][0].get("failureSummary", "").splitlines()[1:2]
            found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): "
                         f"{targets} {summary}")
    return found


def check(page: Page, guard: Guard, base: str, path: str) -> None:
    url = base + path
    scripts: list[str] = []

    def script(request: Request) -> None:
        if request.resource_type == "script":
            scripts.append(request.url)

    page.on("request", script)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'no response'}"
        # axe first: it takes long enough for late requests (fonts, workers, widgets) to show up.
        violations = serious_violations(page, AXE_CONTEXT.get(path))
    finally:
        page.remove_listener("request", script)  # the page may be the module's, reused by the next test
    assert not guard.blocked, f"{url} tried to reach other hosts: {guard.blocked}"
    assert not guard.errors, f"{url} raised script errors: {guard.errors}"
    diagram = [s for s in scripts if DIAGRAM_SCRIPT.search(s.rsplit("/", 1)[-1])]
    assert not diagram, f"{url} loads diagram JavaScript (diagrams must be pre-rendered SVG): {diagram}"
    assert not violations, f"{url}: axe found serious/critical violations:\n" + "\n".join(violations)


def in_catalogue_module(path: str) -> bool:
    """The pages test_catalogue_pages.py checks; this module checks every other page."""
    return path.startswith(("troubleshooting/failures/", "troubleshooting/runbooks/"))


@pytest.mark.parametrize("path", [p for p in page_urls() if not in_catalogue_module(p)], ids=lambda p: p or "home")
def test_page_works_offline_and_is_accessible(reused: tuple[Page, Guard], site_url: str, path: str) -> None:
    page, guard = reused
    check(page, guard, site_url, path)


@pytest.mark.parametrize("path", DARK_PAGES, ids=lambda p: p or "home")
def test_dark_scheme_is_accessible(guarded: tuple[Page, Guard], site_url: str, path: str) -> None:
    page, guard = guarded
    page.emulate_media(color_scheme="dark")
    check(page, guard, site_url, path)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate", f"dark media did not switch the palette (scheme {scheme})"


def test_guard_blocks_and_reports_remote_requests(guarded: tuple[Page, Guard], site_url: str) -> None:
    # The check must be able to fail: a page that fetches from another host is caught.
    page, guard = guarded
    page.goto(site_url)
    page.evaluate("fetch('https://cdn.example.net/x.js').catch(() => null)")
    page.wait_for_timeout(200)
    assert guard.blocked == ["https://cdn.example.net/x.js"]
