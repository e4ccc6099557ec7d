"""Benchmark the current sources: `make bench` prints the figures the README's Benchmark section
records, and says which budget a figure breaks.

- clean build time: median of several strict builds into empty folders (BENCH_RUNS, default 3),
  with a cold build cache (an empty folder each time: every page converted) and with a warm one
  (the pages' conversions and search entries of an earlier build of the same sources,
  macros/build_cache.py); the diagram cache is the machine's in both;
- serve rebuild time: `mkdocs serve` (as `make serve` runs it) in a copy of the project, from a
  one-line edit of a page to the "Reloading browsers" line, and the rebuild's own build time;
- test tier times: `pytest -m unit`, `-m site`, `-m browser`, each alone (BENCH_TESTS=0 skips
  them); `make test` runs the same tests on two workers;
- pages, site size;
- per-page transfer size (gzip) of HTML + CSS + JS + images the page loads, heaviest and median,
  search index excluded (it is loaded once per visit and reported on its own);
- search index size;
- in headless Chromium, with every non-local request blocked: page load to search ready (the
  search worker's READY message), and last keystroke to results (the result list's last change);
- search quality on the query set (macros/search_eval/cases.py): top-1 and top-3 rates of the real
  reports' queries and the listed queries, pasted, for three builds of the same sources side by
  side: the handbook's search design, Material's defaults, and the configuration that landed
  before the failure catalogue (macros/search_tuning.py); the time from pasting a whole report
  line to its results; and the error lookup's top-1 and top-3 on the same reports.

These are measurements, not tests: they depend on the machine. The budgets are in BUDGETS.
"""

from __future__ import annotations

import gzip
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import Route, sync_playwright

from macros.build import run_build
from macros.search_eval.browser import INPUT, PROBE, search
from macros.search_eval.cases import Case, all_cases, hit, title_cases
from macros.search_eval.chromium import ARGS, find_chromium, is_local
from macros.search_eval.serve import serve

PROJECT = Path(__file__).resolve().parent.parent

BUDGETS = {
    "page_transfer_kb": 300,  # every page, HTML+CSS+JS+images, gzip, search index excluded
    "keystroke_to_results_ms": 300,  # search results after the last keystroke
    "diagram_js_pages": 0,  # pages that load diagram JavaScript
    "clean_build_s": 5,  # strict build into an empty folder
    "serve_rebuild_s": 3,  # `make serve`: a one-line page edit to the browsers' reload
    "unit_tier_s": 60,  # `make test-fast`
    "make_test_s": 360,  # `make test` on a fresh clone (set-up excluded here)
}
# Not build inputs (environments, outputs, caches): left out of the copy `mkdocs serve` runs in.
# Left out of the serve copy: at the top, environments and outputs (a `site.*` pattern deeper down
# would drop macros/hooks/site.py); anywhere, caches.
NOT_COPIED_TOP = {".git", ".venv", ".tools", "site", "site.new", "dist", "node_modules"}
NOT_COPIED = ("__pycache__", ".pytest_cache")


def _not_copied(folder: str, names: list[str]) -> set[str]:
    skipped = set(shutil.ignore_patterns(*NOT_COPIED)(folder, names))
    return skipped | (NOT_COPIED_TOP & set(names) if Path(folder) == PROJECT else set())
SERVE_LINE = re.compile(r"Documentation built in ([\d.]+) seconds")
TIERS = ("unit", "site", "browser")
SEARCH_INDEX = "search/search_index.json"
DIAGRAM_JS = re.compile(r"mermaid|dagre|d3\.|plantuml|kroki", re.IGNORECASE)
# Typed at 80 ms a key, a fast typist's pace: faster typing only queues queries the worker must
# answer before the last one.
KEY_DELAY_MS = 80
BENCH_QUERIES = ["vault_core_unsealed", "sys/seal-status", "permission denied", "VaultSealed",
                 "raft", "pods stuck in init", "503", "agent-inject-status"]
@dataclass
class PageWeight:
    page: str
    gzip_bytes: int
    diagram_js: bool


def build(site: Path, variant: str = "handbook", cache: Path | None = None) -> float:
    """Seconds for one strict build; `cache` is the build cache's folder (VOH_BUILD_CACHE)."""
    env = {"VOH_SEARCH_VARIANT": variant, **({"VOH_BUILD_CACHE": str(cache)} if cache else {})}
    started = time.perf_counter()
    result = run_build(PROJECT, site, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-4000:]}")
    return elapsed


def serve_rebuild(scratch: Path) -> tuple[float, float]:
    """`mkdocs serve` (as `make serve` runs it) in a copy of the project: seconds from a one-line
    edit of a page to the "Reloading browsers" line, and the rebuild's own build time."""
    copy = Path(scratch) / "serve-copy"
    shutil.copytree(PROJECT, copy, ignore=_not_copied, symlinks=True)
    # Its own build cache: the rebuild's figure must not depend on what this machine built before.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", VOH_BUILD_CACHE=str(Path(scratch) / "cache-serve"))
    with socket.socket() as probe:  # a free port for the dev server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()  # type: ignore[union-attr]

    def wait_for(marker: str, timeout: float = 300) -> list[str]:
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if server.poll() is not None:
                    break
                continue
            seen.append(line)
            if marker in line:
                return seen
        server.kill()
        sys.exit(f"mkdocs serve: no {marker!r} line:\n{''.join(seen)[-4000:]}")

    try:
        wait_for("Serving on")
        page = copy / "docs" / "index.md"
        started = time.monotonic()
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line for the benchmark.\n", encoding="utf-8")
        seen = wait_for("Reloading browsers")
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    built = [float(m.group(1)) for m in map(SERVE_LINE.search, seen) if m]
    return elapsed, built[-1] if built else float("nan")


def tier_times() -> dict[str, tuple[float, bool]]:
    """Wall time and outcome of each test tier, run alone (`pytest -m <tier>`), one after another."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    times = {}
    for tier in TIERS:
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "-m", tier, "-q", "-p", "no:cacheprovider"],
                                cwd=PROJECT, env=env, capture_output=True, text=True)
        times[tier] = (time.perf_counter() - started, result.returncode == 0)
    return times


def gzip_size(path: Path, cache: dict[Path, int]) -> int:
    if path not in cache:
        cache[path] = len(gzip.compress(path.read_bytes(), compresslevel=6))
    return cache[path]


def is_redirect_stub(html: str) -> bool:
    return 'http-equiv="refresh"' in html[:2000]


def page_weights(site: Path) -> list[PageWeight]:
    cache: dict[Path, int] = {}
    # The search worker is fetched by the theme's bundle on every page, not by a tag.
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("*.js"))
    weights = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        html = file.read_text(encoding="utf-8")
        if rel == "404.html" or is_redirect_stub(html):
            continue
        soup = BeautifulSoup(html, "lxml")
        base = "http://site/" + rel
        loaded: set[Path] = set(workers)
        for tag, attr in (("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                loaded.add(local_file(site, base, str(element[attr])))
        for link in soup.find_all("link", href=True):
            if {"stylesheet", "preload", "modulepreload"} & set(link.get("rel") or []):
                loaded.add(local_file(site, base, str(link["href"])))
        files = {p for p in loaded if p.is_file() and p.as_posix() != (site / SEARCH_INDEX).as_posix()}
        total = gzip_size(file, cache) + sum(gzip_size(p, cache) for p in files)
        diagram = any(DIAGRAM_JS.search(p.name) for p in files if p.suffix == ".js")
        weights.append(PageWeight(rel, total, diagram))
    return weights


def local_file(site: Path, base: str, url: str) -> Path:
    parts = urlsplit(urljoin(base, url))
    return site / parts.path.lstrip("/")


def browser_timings(site: Path, runs: int) -> tuple[list[float], list[float], list[str]]:
    ready: list[float] = []
    typing: list[float] = []
    blocked: list[str] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=ARGS)
        for _run in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            def guard(route: Route) -> None:
                if is_local(route.request.url):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            # Times the search worker's READY message and lets search() wait for every answer.
            context.add_init_script(PROBE)
            page = context.new_page()
            page.goto(base + "troubleshooting/", wait_until="load")
            page.wait_for_function("window.__vohReady !== undefined", timeout=30000)
            load_end = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            ready.append(max(0.0, page.evaluate("window.__vohReady") - load_end))
            page.click(INPUT)
            for query in BENCH_QUERIES:
                typing.append(search(page, base, query, key_delay_ms=KEY_DELAY_MS).keystroke_to_results_ms)
            context.close()
        browser.close()
    return ready, typing, blocked


@dataclass
class Quality:
    variant: str
    report_top1: float
    report_top3: float
    listed_top3: float
    title_top3: float
    paste_ms: list[float]


def search_quality(site: Path, variant: str, cases: list[Case], titles: list[Case]) -> Quality:
    """Paste every query into the search box of one build; rates per kind of query, and for the
    reports' titles (prose) apart."""
    hits: dict[tuple[bool, int], int] = {}
    title_hits = 0
    paste_ms: list[float] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(base + "troubleshooting/runbooks/", wait_until="load")
        for case in cases:
            result = search(page, base, case.query, paste=True)
            if case.from_report:
                paste_ms.append(result.keystroke_to_results_ms)
            for top in (1, 3):
                key = (case.from_report, top)
                hits[key] = hits.get(key, 0) + hit(case, result.locations, result.pages, top)
        for case in titles:
            result = search(page, base, case.query, paste=True)
            title_hits += hit(case, result.locations, result.pages, 3)
        browser.close()
    reports = sum(c.from_report for c in cases) or 1
    listed = sum(not c.from_report for c in cases) or 1
    return Quality(variant, hits.get((True, 1), 0) / reports, hits.get((True, 3), 0) / reports,
                   hits.get((False, 3), 0) / listed, title_hits / (len(titles) or 1), paste_ms)


def lookup_quality(cases: list[Case]) -> tuple[float, float]:
    """The error lookup (docs/assets/javascripts/error-lookup.js, under QuickJS) on the report
    queries, against every catalogue text: share with the right entry first, and in the top 3."""
    from macros.search_eval.lookup import catalogue_rows, run_lookup  # noqa: PLC0415 (needs quickjs, bench-only)

    rows = catalogue_rows()
    reports = [c for c in cases if c.from_report]
    first = top3 = 0
    for case in reports:
        found = [r["id"] for r in run_lookup(case.query, rows, 3)]
        wanted = case.target.rsplit("#", 1)[1]
        first += bool(found) and found[0] == wanted
        top3 += wanted in found
    return first / (len(reports) or 1), top3 / (len(reports) or 1)


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def main() -> int:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    with tempfile.TemporaryDirectory(prefix="voh-bench-") as scratch:
        # Cold: a new, empty cache folder per build. Warm: the folder the first cold build filled.
        cold_times, times = [], []
        for i in range(runs):
            cold_times.append(build(Path(scratch) / f"site-cold{i}", cache=Path(scratch) / f"cache-cold{i}"))
        for i in range(runs):
            site = Path(scratch) / f"site{i}"
            times.append(build(site, cache=Path(scratch) / "cache-cold0"))
        weights = page_weights(site)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        raw_index = (site / SEARCH_INDEX).read_bytes()
        ready, typing, blocked = browser_timings(site, runs)
        cases = all_cases()
        titles = title_cases()
        qualities = [search_quality(site, "handbook", cases, titles)]
        for variant in ("material-defaults", "previous"):
            other = Path(scratch) / f"site-{variant}"
            build(other, variant, cache=Path(scratch) / "cache-cold0")
            qualities.append(search_quality(other, variant, cases, titles))
        lookup_first, lookup_top3 = lookup_quality(cases)
        serve_s, serve_build_s = serve_rebuild(Path(scratch))
    # BENCH_TESTS=0 skips the test tiers (about ten minutes).
    tiers = tier_times() if os.environ.get("BENCH_TESTS", "1") != "0" else {}

    weights.sort(key=lambda w: w.gzip_bytes)
    heaviest = weights[-1]
    median = weights[len(weights) // 2]
    over = [w for w in weights if w.gzip_bytes > BUDGETS["page_transfer_kb"] * 1024]
    diagram = [w.page for w in weights if w.diagram_js]
    typing_median = statistics.median(typing)
    # The budget holds for nine keystrokes in ten; the slowest is printed too (often the first
    # query, before the worker's code is warm).
    typing_p90 = statistics.quantiles(typing, n=10)[-1]
    build_s = statistics.median(times)
    cold_build_s = statistics.median(cold_times)
    rows = [
        (f"clean build time, warm build cache (median of {runs})", f"{build_s:.1f} s",
         f"budget {BUDGETS['clean_build_s']} s"),
        (f"clean build time, cold build cache (median of {runs})", f"{cold_build_s:.1f} s",
         f"budget {BUDGETS['clean_build_s']} s"),
        ("serve rebuild, one-line edit to reload", f"{serve_s:.1f} s (of which the build {serve_build_s:.1f} s)",
         f"budget {BUDGETS['serve_rebuild_s']} s"),
        ("pages", str(len(weights)), ""),
        ("site size", kb(size), ""),
        ("heaviest page transfer (gzip)", f"{kb(heaviest.gzip_bytes)} ({heaviest.page})",
         f"budget {BUDGETS['page_transfer_kb']} KB"),
        ("median page transfer (gzip)", f"{kb(median.gzip_bytes)} ({median.page})", ""),
        ("search index", f"{kb(len(raw_index))} raw, {kb(len(gzip.compress(raw_index, 6)))} gzip", ""),
        ("page load to search ready (median)", f"{statistics.median(ready):.0f} ms", ""),
        ("keystroke to results (median, p90, max)",
         f"{typing_median:.0f} ms, {typing_p90:.0f} ms, {max(typing):.0f} ms ({len(typing)} queries)",
         f"budget {BUDGETS['keystroke_to_results_ms']} ms at p90"),
        ("pages loading diagram JavaScript", str(len(diagram)), "budget 0"),
    ]
    paste = qualities[0].paste_ms
    paste_p90 = statistics.quantiles(paste, n=10)[-1] if len(paste) >= 2 else (paste or [0.0])[0]
    rows.append(("pasted report line to results (median, p90)",
                 f"{statistics.median(paste or [0.0]):.0f} ms, {paste_p90:.0f} ms ({len(paste)} queries)",
                 f"budget {BUDGETS['keystroke_to_results_ms']} ms at p90"))
    for tier, (seconds, passed) in tiers.items():
        budget = f"budget {BUDGETS['unit_tier_s']} s" if tier == "unit" else ""
        rows.append((f"test tier {tier} (alone)", f"{seconds:.0f} s" + ("" if passed else " (FAILED)"), budget))
    if tiers:
        rows.append(("test tiers, one after another", f"{sum(t for t, _ in tiers.values()):.0f} s",
                     f"budget {BUDGETS['make_test_s']} s for make test, which runs them on two workers"))
    width = max(len(r[0]) for r in rows)
    for name, value, budget in rows:
        print(f"{name:<{width}}  {value}" + (f"  [{budget}]" if budget else ""))
    reports = sum(c.from_report for c in cases)
    print(f"\nsearch quality, same sources, {reports} real-report queries (section in the top 1 / top 3) "
          f"and {len(cases) - reports} listed queries (page in the top 3); apart, the titles of "
          f"{len(titles)} reports (prose, section in the top 3):")
    columns = ("report top-1", "report top-3", "listed top-3", "titles top-3")
    print(f"  {'configuration':<20} " + " ".join(f"{c:>12}" for c in columns))
    for q in qualities:
        print(f"  {q.variant:<20} {q.report_top1:>12.1%} {q.report_top3:>12.1%} {q.listed_top3:>12.1%}"
              f" {q.title_top3:>12.1%}")
    print(f"  {'error lookup':<20} {lookup_first:>12.1%} {lookup_top3:>12.1%} {'':>12}")
    problems = []
    if build_s > BUDGETS["clean_build_s"]:
        problems.append(f"clean build {build_s:.1f} s (warm build cache)")
    if cold_build_s > BUDGETS["clean_build_s"]:
        problems.append(f"clean build {cold_build_s:.1f} s (cold build cache)")
    if serve_s > BUDGETS["serve_rebuild_s"]:
        problems.append(f"serve rebuild {serve_s:.1f} s")
    if "unit" in tiers and tiers["unit"][0] > BUDGETS["unit_tier_s"]:
        problems.append(f"unit tier {tiers['unit'][0]:.0f} s")
    problems += [f"test tier {tier} failed" for tier, (_, passed) in tiers.items() if not passed]
    if over:
        problems.append("over the page budget: " + ", ".join(f"{w.page} {kb(w.gzip_bytes)}" for w in over))
    if diagram:
        problems.append(f"pages loading diagram JavaScript: {diagram}")
    if typing_p90 > BUDGETS["keystroke_to_results_ms"]:
        problems.append(f"search slower than {BUDGETS['keystroke_to_results_ms']} ms: p90 {typing_p90:.0f} ms")
    if paste_p90 > BUDGETS["keystroke_to_results_ms"]:
        problems.append(f"pasted lines slower than {BUDGETS['keystroke_to_results_ms']} ms: p90 {paste_p90:.0f} ms")
    ours, others = qualities[0], qualities[1:]
    for other in others:
        if ours.report_top1 <= other.report_top1 or ours.report_top3 <= other.report_top3:
            problems.append(f"the handbook's search design is not ahead of {other.variant} on the report queries")
    if blocked:
        problems.append(f"requests that tried to leave the machine: {sorted(set(blocked))}")
    for problem in problems:
        print("OVER BUDGET: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
