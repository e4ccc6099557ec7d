"""URLs that something outside the site relies on keep working.

tests/stable_urls.txt lists them: the runbook pages and the anchors that alerts' runbook_url and
on-call notes link to, and the section landing pages. A URL whose page moved must be kept alive by
a redirect (mkdocs-redirects, `redirect_maps` in mkdocs.yml): the test follows the redirect stub
and checks the anchor on the page it lands on.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import PROJECT
from htmlpages import page as built_page

LIST = PROJECT / "tests" / "stable_urls.txt"
REFRESH = re.compile(r"url=([^\"'>\s]+)", re.IGNORECASE)


def stable_urls() -> list[str]:
    lines = LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def page_file(site: Path, path: str) -> Path:
    """The file a static server sends for the site-relative `path` (directory URLs)."""
    target = site / path
    return target / "index.html" if path in ("", ".") or path.endswith("/") else target


def resolve(site: Path, url: str, hops: int = 3) -> tuple[Path | None, str]:
    """Follow redirect stubs from `url`; return the final page file (None if missing) and why."""
    path, _, _ = url.partition("#")
    for _ in range(hops + 1):
        file = page_file(site, path)
        if not file.is_file():
            return None, f"no page at /{path}"
        soup = built_page(site, file.relative_to(site).as_posix())
        refresh = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.IGNORECASE)})
        if refresh is None:
            return file, ""
        match = REFRESH.search(str(refresh.get("content", "")))
        if not match:
            return None, f"/{path}: redirect stub without a target"
        path = urlsplit(urljoin("http://site/" + path, match.group(1))).path.lstrip("/")
    return None, f"/{url}: more than {hops} redirects"


def check(site: Path, url: str) -> str:
    """'' when `url` (site-relative, optional #anchor) works, else what is wrong."""
    file, problem = resolve(site, url)
    if file is None:
        return problem
    _, _, anchor = url.partition("#")
    if anchor:
        if built_page(site, file.relative_to(site).as_posix()).find(id=anchor) is None:
            return f"/{url}: page exists but has no element with id '{anchor}'"
    return ""


def test_list_is_well_formed() -> None:
    urls = stable_urls()
    assert len(urls) == len(set(urls)), "a URL is listed twice"
    for url in urls:
        assert not url.startswith(("/", "http")), f"{url}: write site-relative URLs, no leading / or host"
        assert url.partition("#")[0].endswith("/"), f"{url}: directory URLs end in / (the home page is ./)"


@pytest.mark.parametrize("url", stable_urls())
def test_stable_url_resolves(built_site: Path, url: str) -> None:
    problem = check(built_site, url)
    assert not problem, f"{problem}. If the page moved, add a redirect in mkdocs.yml (redirect_maps)."


def test_every_alert_runbook_link_is_listed() -> None:
    # Alert rules carry runbook_url = <site>/<page>#<anchor>; those links live in other systems.
    data = yaml.safe_load((PROJECT / "data" / "alert_thresholds.yaml").read_text(encoding="utf-8"))
    listed = set(stable_urls())
    missing = []
    for alert in data["alerts"]:
        page = alert["runbook"]["page"].removesuffix(".md")
        page = page.removesuffix("index") if page.endswith("index") else page + "/"
        for url in (page, f"{page}#{alert['runbook']['anchor']}"):
            if url not in listed:
                missing.append(url)
    assert not missing, f"add to tests/stable_urls.txt: {sorted(set(missing))}"


def test_check_catches_a_missing_page_a_missing_anchor_and_follows_redirects(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text('<html><body><h2 id="mitigation">M</h2></body></html>')
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=../new/"></head></html>'
    )
    assert check(tmp_path, "new/#mitigation") == ""
    assert check(tmp_path, "old/#mitigation") == ""
    assert "no page" in check(tmp_path, "gone/")
    assert "no element with id 'verify'" in check(tmp_path, "old/#verify")
