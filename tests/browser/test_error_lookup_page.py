"""The error lookup on the error-index page: a pasted log line lists the entry, and its link
lands on that entry's section, on the hosted site and from disk in the offline bundle."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from .conftest import Guard

LINE = ('2021-07-12T10:37:35.506Z [ERROR] auth.handler: error authenticating: error= | Error making API request. '
        '| URL: PUT https://10.0.0.1:8200/v1/auth/kubernetes/login | Code: 400. Errors: | * invalid role name "agent-test"')


def paste_and_follow(page: Page) -> str:
    page.fill("#voh-error-lookup textarea", LINE)
    first = page.locator("#voh-error-lookup ol li a").first
    first.wait_for(timeout=5000)
    assert "invalid role name" in first.inner_text()
    first.click()
    page.wait_for_load_state("load")
    return page.url


def test_lookup_lands_on_the_entry(guarded: tuple[Page, Guard], site_url: str) -> None:
    page, guard = guarded
    page.goto(site_url + "troubleshooting/error-index/", wait_until="load")
    url = paste_and_follow(page)
    assert url.endswith("troubleshooting/failures/kubernetes-auth/#invalid-role-name"), url
    assert page.locator("#invalid-role-name").is_visible()
    assert not guard.blocked and not guard.errors, (guard.blocked, guard.errors)


def test_lookup_works_from_disk(guarded: tuple[Page, Guard], offline_bundle: Path) -> None:
    page, guard = guarded
    page.goto((offline_bundle / "troubleshooting" / "error-index.html").as_uri(), wait_until="load")
    url = paste_and_follow(page)
    assert url.endswith("troubleshooting/failures/kubernetes-auth.html#invalid-role-name"), url
    assert not guard.blocked and not guard.errors, (guard.blocked, guard.errors)
