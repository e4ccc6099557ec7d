"""Every internal link and anchor of the served site resolves (linkchecker over HTTP).

Over file:// linkchecker cannot check anchors on directory URLs, so the site is served on
127.0.0.1. Anchors are checked by the project's LinkChecker plugin
(tests/linkchecker/plugins/page_anchors.py), which parses each page once; LinkChecker's own
AnchorCheck fetches and parses a page again for every anchor linked to it (six minutes).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from macros.search_eval.serve import serve

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
# LinkChecker loads plugins from $XDG_DATA_HOME/linkchecker/plugins/.
PLUGIN_HOME = Path(__file__).resolve().parent
REPORT = "PageAnchorCheck: "
# The print view repeats every page for paper; its in-page links are the print plugin's.
SKIPPED = "/print_page/"


def linkcheck(site: Path, tmp_path: Path) -> tuple[int, int, str, dict]:
    """(warnings, errors, report, anchor plugin's summary) of one linkchecker run over `site`."""
    config = tmp_path / "linkcheckerrc"
    # maxrequestspersecond: LinkChecker waits 0.1-0.6 s between two requests to one host unless
    # the server answers with a `LinkChecker` header (serve() below sends one); then it waits
    # 1/maxrequestspersecond. A local test server needs no politeness.
    config.write_text("[checking]\nthreads=8\nmaxrequestspersecond=1000\n\n[PageAnchorCheck]\n")
    # linkchecker drops root privileges to `nobody`; let that user read what it must.
    config.chmod(0o644)
    # HOME too: a ~/.linkchecker folder would take precedence over XDG_DATA_HOME.
    env = dict(os.environ, XDG_DATA_HOME=str(PLUGIN_HOME), HOME=str(tmp_path))
    with serve(site, headers={"LinkChecker": "local test server"}) as base:
        result = subprocess.run(
            [
                str(LINKCHECKER), "--config", str(config), "--no-status", "--recursion-level=-1",
                # Links out of the site are not ours to check here (and the machine is offline).
                "--ignore-url", r"^(?!http://127\.0\.0\.1[:/])",
                "--ignore-url", SKIPPED,
                base,
            ],
            capture_output=True, text=True, timeout=1200, env=env,
        )
    summary = re.search(r"(\d+) warnings? found\. (\d+) errors? found", result.stdout)
    assert summary, f"no linkchecker summary:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    anchors = [line.removeprefix(REPORT) for line in result.stderr.splitlines() if line.startswith(REPORT)]
    assert len(anchors) == 1, f"the anchor plugin did not run (or ran twice):\n{result.stderr[-2000:]}"
    return int(summary.group(1)), int(summary.group(2)), result.stdout, json.loads(anchors[0])


def test_site_has_no_broken_link_or_anchor(built_site: Path, tmp_path: Path) -> None:
    warnings, errors, report, anchors = linkcheck(built_site, tmp_path)
    assert (warnings, errors) == (0, 0), report[-6000:]
    # Every page of the site a fragment link points to was parsed, except those linkchecker is
    # told to skip (links out of the site stay unseen).
    assert [p for p in anchors["unseen"] if p.startswith("http://127.0.0.1") and SKIPPED not in p] == []
    # The site's pages link to more than a thousand anchors (the failure catalogue alone).
    assert anchors["checked"] > 1000, anchors


def test_linkchecker_catches_a_broken_anchor(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    # A missing anchor on a page parsed later (page/), on one parsed earlier (the home page,
    # linked back from page/), and within a page.
    (site / "index.html").write_text(
        '<html><body><h1 id="home">Home</h1><a href="page/#exists">ok</a> <a href="page/#missing">broken</a>'
        ' <a href="#home">ok</a></body></html>'
    )
    (site / "page" / "index.html").write_text(
        '<html><body><h1 id="exists">Page</h1><a href="../#home">ok</a> <a href="../#nowhere">broken</a>'
        ' <a href="#absent">broken</a> <a name="named">a</a> <a href="#named">ok</a></body></html>'
    )
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    tmp_path.chmod(0o755)

    warnings, errors, report, anchors = linkcheck(site, tmp_path)

    assert warnings + errors == 3, report
    for broken in ("missing", "nowhere", "absent"):
        assert f"Anchor `{broken}' not found" in report, report
    assert anchors == {"checked": 7, "unseen": []}, anchors
    shutil.rmtree(site)
