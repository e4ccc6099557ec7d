"""No built page loads anything from another host: the site must work air-gapped."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from htmlpages import pages

# Attributes through which a browser fetches something while rendering the page.
LOADED = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
    "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
    "track": ["src"], "input": ["src"], "image": ["href", "xlink:href"], "use": ["href", "xlink:href"],
}
# <link> rel values that make the browser fetch or connect.
LOADING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                "icon", "apple-touch-icon", "manifest", "shortcut"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def is_remote(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https", "ftp", "ws", "wss")


def remote_loads(soup: BeautifulSoup) -> list[str]:
    found = []
    for tag, attrs in LOADED.items():
        for element in soup.find_all(tag):
            for attr in attrs:
                for url in str(element.get(attr) or "").split(","):
                    if url and is_remote(url.split()[0]):
                        found.append(f"<{tag} {attr}={url.strip()}>")
    for link in soup.find_all("link"):
        rels = {r.lower() for r in link.get("rel") or []}
        if rels & LOADING_RELS and is_remote(str(link.get("href") or "")):
            found.append(f"<link rel={' '.join(rels)} href={link['href']}>")
    for style in soup.find_all("style"):
        found += [u for u in remote_css(style.get_text())]
    for element in soup.find_all(style=True):
        found += [u for u in remote_css(str(element["style"]))]
    return found


def remote_css(css: str) -> list[str]:
    return [u for u in CSS_URL.findall(css) + IMPORT.findall(css) if is_remote(u)]


def test_no_page_loads_from_another_host(built_site: Path) -> None:
    offenders = {}
    for page, soup in pages(built_site):
        found = remote_loads(soup)
        if found:
            offenders[page] = found
    assert not offenders, offenders


def test_no_stylesheet_or_script_fetches_from_another_host(built_site: Path) -> None:
    offenders = {}
    for path in [*built_site.rglob("*.css")]:
        found = remote_css(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            offenders[path.relative_to(built_site).as_posix()] = found
    assert not offenders, offenders


def test_detector_sees_remote_font_script_and_image() -> None:
    html = """<html><head>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="preconnect" href="https://fonts.gstatic.com">
      <script src="//cdn.example.net/mermaid.min.js"></script>
      <style>@import "https://cdn.example.net/x.css"; body{background:url(https://x.example/bg.png)}</style>
    </head><body><img src="https://img.example/a.png"><a href="https://example.com/">a link is fine</a>
    <img src="assets/local.png"></body></html>"""
    found = remote_loads(BeautifulSoup(html, "lxml"))
    assert len(found) == 6, found
    assert not any("example.com/" in f and "a link" in f for f in found)
