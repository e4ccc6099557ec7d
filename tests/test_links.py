"""Every internal link and anchor of the served site resolves (linkchecker over HTTP).

Over file:// linkchecker cannot check anchors on directory URLs, so the site is served on
127.0.0.1 and checked with its AnchorCheck plugin.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from macros.search_eval.serve import serve

LINKCHECKER = Path(sys.executable).parent / "linkchecker"


def linkcheck(site: Path, tmp_path: Path) -> tuple[int, int, str]:
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nthreads=8\n\n[AnchorCheck]\n")
    # linkchecker drops root privileges to `nobody`; let that user read what it must.
    config.chmod(0o644)
    with serve(site) as base:
        result = subprocess.run(
            [
                str(LINKCHECKER), "--config", str(config), "--no-status", "--recursion-level=-1",
                # Links out of the site are not ours to check here (and the machine is offline).
                "--ignore-url", r"^(?!http://127\.0\.0\.1[:/])",
                # The print view repeats every page for paper; its in-page links are the print
                # plugin's, and re-parsing that one large page per anchor would dominate the run.
                "--ignore-url", "/print_page/",
                base,
            ],
            capture_output=True, text=True, timeout=1200,
        )
    summary = re.search(r"(\d+) warnings? found\. (\d+) errors? found", result.stdout)
    assert summary, f"no linkchecker summary:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    return int(summary.group(1)), int(summary.group(2)), result.stdout


def test_site_has_no_broken_link_or_anchor(built_site: Path, tmp_path: Path) -> None:
    warnings, errors, report = linkcheck(built_site, tmp_path)
    assert (warnings, errors) == (0, 0), report[-6000:]


def test_linkchecker_catches_a_broken_anchor(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><body><a href="page/#exists">ok</a> <a href="page/#missing">broken</a></body></html>'
    )
    (site / "page" / "index.html").write_text('<html><body><h1 id="exists">Page</h1></body></html>')
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    tmp_path.chmod(0o755)

    warnings, errors, report = linkcheck(site, tmp_path)

    assert warnings + errors >= 1, report
    assert "missing" in report
    shutil.rmtree(site)
