"""The failure catalogue's pages and the runbooks work offline, load no diagram JavaScript and have
no serious or critical accessibility violation: the checks of test_pages.py, in a module of their
own so that the two halves of the page checks can run on both pytest-xdist workers at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import Guard, page_urls
from .test_pages import check, in_catalogue_module


@pytest.mark.parametrize("path", [p for p in page_urls() if in_catalogue_module(p)])
def test_catalogue_page_works_offline_and_is_accessible(reused: tuple[Page, Guard], site_url: str, path: str) -> None:
    page, guard = reused
    check(page, guard, site_url, path)
