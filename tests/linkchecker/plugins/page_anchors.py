"""LinkChecker plugin: every fragment link of the site checked against its target's anchors, each
page parsed once. tests/test_links.py loads it (XDG_DATA_HOME points LinkChecker at this folder's
parent) and enables it with a `[PageAnchorCheck]` section instead of `[AnchorCheck]`.

Why not LinkChecker's own AnchorCheck: with it enabled, LinkChecker caches results by the whole
URL, fragment included, so it downloads, parses and crawls a page again for each distinct anchor
linked to it (1,200 anchor URLs on 70 pages, most on the large failure pages: six minutes).
Without it, each page is fetched and crawled once and this plugin runs once per page: it records
the page's anchors (what AnchorCheck accepts: `id` on any element, `name` on `a`) and its
fragment links (found by LinkChecker's own LinkFinder, resolved as LinkChecker resolves a link),
and checks each link as soon as both ends are known. A broken anchor is a warning on the linking
page, or on the target page when that is parsed after it; the message names both.

At exit the plugin prints a report line to stderr, `PageAnchorCheck: {"checked": n, "unseen":
[...]}`: how many fragment links it checked, and the targets it never parsed, so the test can
tell a link that was checked from one that slipped through (only pages LinkChecker is told to
skip may stay unseen).
"""

from __future__ import annotations

import atexit
import json
import sys
import threading
import urllib.parse
from typing import NamedTuple

from linkcheck.htmlutil import linkparse
from linkcheck.plugins import _ContentPlugin
from linkcheck.url import collapse_segments, url_norm, urlunsplit

REPORT = "PageAnchorCheck: "


class FragmentLink(NamedTuple):  # not a dataclass: LinkChecker loads this file outside sys.modules
    source: str  # the linking page, without fragment
    line: int
    target: str  # the linked page, without fragment
    anchor: str  # decoded


class PageAnchorCheck(_ContentPlugin):
    """Checks fragment links against the anchors of the page they point to."""

    def __init__(self, config: dict) -> None:
        super().__init__(config)
        self._lock = threading.Lock()
        self._anchors: dict[str, frozenset[str]] = {}  # page -> its anchors, once parsed
        self._pending: dict[str, list[FragmentLink]] = {}  # page not parsed yet -> links to it
        self._checked = 0
        atexit.register(self._report)

    def applies_to(self, url_data) -> bool:  # noqa: ANN001 - LinkChecker's UrlData
        return url_data.is_html()

    def check(self, url_data) -> None:  # noqa: ANN001
        soup = url_data.get_soup()  # the parse LinkChecker's crawl uses too
        anchors = frozenset(
            [str(e["id"]) for e in soup.find_all(id=True)] + [str(e["name"]) for e in soup.find_all("a", attrs={"name": True})]
        )
        names = {_page(url_data.url), _page(url_data.cache_url), *(_page(a) for a in url_data.aliases)}
        links = _fragment_links(url_data, soup)
        problems = []
        with self._lock:
            for name in names:
                self._anchors[name] = anchors
                # Links seen earlier on other pages: reported here, on the page they miss.
                waiting = self._pending.pop(name, [])
                self._checked += len(waiting)
                problems += [link for link in waiting if link.anchor not in anchors]
            for link in links:
                known = self._anchors.get(link.target)
                if known is None:
                    self._pending.setdefault(link.target, []).append(link)
                    continue
                self._checked += 1
                if link.anchor not in known:
                    problems.append(link)
        for link in problems:
            url_data.add_warning(
                f"Anchor `{link.anchor}' not found in {link.target} (linked from {link.source}, line {link.line})."
            )

    def _report(self) -> None:
        with self._lock:
            report = {"checked": self._checked, "unseen": sorted(self._pending)}
        print(f"{REPORT}{json.dumps(report)}", file=sys.stderr)


def _page(url: str) -> str:
    return urllib.parse.urldefrag(url)[0]


def _fragment_links(url_data, soup) -> list[FragmentLink]:  # noqa: ANN001
    """The page's links that carry a fragment, resolved against the page (or its <base>) the way
    LinkChecker's UrlBase.build_url resolves a child URL."""
    page = _page(url_data.url)
    found: list[FragmentLink] = []

    def collect(url: str | None, line: int = 0, column: int = 0, name: str = "", base: str = "") -> None:
        if not url or "#" not in url:
            return
        try:
            normed = url_norm(url, url_data.content_encoding)[0]
        except (UnicodeError, ValueError):
            return  # LinkChecker reports the URL's syntax itself
        parent = page
        if base:
            parent = base if ":" in base else urllib.parse.urljoin(page, base)
        parts = list(urllib.parse.urlsplit(urllib.parse.urljoin(parent, normed)))
        if parts[2]:
            parts[2] = collapse_segments(parts[2])
        target = urlunsplit([*parts[:4], ""])
        anchor = urllib.parse.unquote(parts[4], encoding=url_data.content_encoding or "utf-8")
        if anchor:
            found.append(FragmentLink(page, line or 0, target, anchor))

    finder = linkparse.LinkFinder(collect, linkparse.LinkTags)
    for element in soup.find_all(True):
        # LinkFinder's own find_links also computes each element's text for the link name, which
        # is quadratic on a large page and not needed here.
        finder.html_element(element.name, element.attrs, "", element.sourceline, element.sourcepos)
    return found
