"""Browser fixtures: one headless Chromium per session, the built site served on 127.0.0.1, and
pages on which every request that would leave the machine is blocked and recorded.

Any blocked request fails the test that caused it: the handbook must work with no network.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from conftest import PROJECT
from macros.search_eval.browser import PROBE
from macros.search_eval.chromium import ARGS, NoChromium, find_chromium, is_local
from macros.search_eval.serve import serve
from macros.urls import page_url

BUNDLE = "downloads/vault-operations-handbook-offline.zip"


def page_urls() -> list[str]:
    """Site-relative URL of every page, from the Markdown sources (known at collection time,
    so each page is its own test and the set grows with the site)."""
    docs = PROJECT / "docs"
    return [page_url(s.relative_to(docs).as_posix()) for s in sorted(docs.rglob("*.md"))] + ["print_page/"]


@dataclass
class Guard:
    """Requests a page tried to send off the machine, and script errors it raised."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        executable = find_chromium()
    except NoChromium as missing:
        pytest.fail(str(missing), pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def offline_bundle(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip as the hosted site publishes it, unpacked; its index.html opens from disk."""
    archive = built_site / BUNDLE
    assert archive.is_file(), (
        f"the built site has no {BUNDLE}: run `make offline` (make test does) before the tests"
    )
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(target)
    return target / "vault-operations-handbook"


def guarded_context(browser: Browser) -> tuple[BrowserContext, Guard]:
    guard = Guard()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.route("**/*", guard.route)
    context.add_init_script(PROBE)
    return context, guard


@pytest.fixture(scope="module")
def module_guarded(browser: Browser) -> Iterator[tuple[Page, Guard]]:
    """One page for a whole module (the search queries reuse it); network blocked."""
    context, guard = guarded_context(browser)
    page = context.new_page()
    page.on("pageerror", lambda error: guard.errors.append(str(error)))
    yield page, guard
    context.close()


@pytest.fixture
def reused(module_guarded: tuple[Page, Guard]) -> tuple[Page, Guard]:
    """The module's one page with its guard emptied, for a test that opens its own URL in it: about
    a second less per page than a new browser context. Each test still loads its page from the
    server through the guard (Playwright's routing turns the HTTP cache off); the dark scheme
    tests keep their own context, so no colour scheme Material stores carries over."""
    page, guard = module_guarded
    guard.blocked.clear()
    guard.errors.clear()
    return page, guard


@pytest.fixture
def guarded(browser: Browser) -> Iterator[tuple[Page, Guard]]:
    """A fresh page for one test; network blocked."""
    context, guard = guarded_context(browser)
    page = context.new_page()
    page.on("pageerror", lambda error: guard.errors.append(str(error)))
    yield page, guard
    context.close()
