"""The build caches (macros/build_cache.py, and in the process macros/loading.py,
macros/downloads.py, macros/export/): after an edit to a data row, a page or mkdocs.yml, the next
rebuild of `mkdocs serve` (one process) and the next clean build that reads the on-disk copy must
show it everywhere, exactly as a build without any cache does. So must a clean `mkdocs build`
that hands the last pages and the export to a forked copy (macros/cache_warmer.py, macros/forks.py)."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

from macros.build import build_env, run_build

# Builds in one process, as `mkdocs serve` does (or as `mkdocs build` does, with COMMAND=build):
# one line on stdin per build (the site folder), one JSON line back (the warnings, whether it
# failed, the page-conversion cache's hits).
DRIVER = r"""
import json, logging, os, sys
sys.path.insert(0, ".")
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, PluginError

warnings = []
class Keep(logging.Handler):
    def emit(self, record):
        warnings.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(Keep(logging.WARNING))
for line in sys.stdin:
    warnings.clear()
    failed = False
    try:
        config = load_config("mkdocs.yml", strict=True, site_dir=line.strip())
        command = os.environ.get("COMMAND", "serve")
        config.plugins.on_startup(command=command, dirty=False)
        build(config, serve_url=config.site_url if command == "serve" else None)
    except (Abort, BuildError, PluginError):
        failed = True
    from macros import build_cache
    print(json.dumps({"warnings": warnings, "failed": failed, "hits": build_cache.RENDERED.hits}), flush=True)
"""

EDITED_SUMMARY = "is sealed (edited between two rebuilds)"


class Server:
    """One process that builds on request, like `mkdocs serve`."""

    def __init__(self, project: Path, cache: Path, command: str = "serve") -> None:
        self.process = subprocess.Popen([sys.executable, "-c", DRIVER], cwd=project,
                                        env=build_env({"VOH_BUILD_CACHE": str(cache), "COMMAND": command,
                                                       "VOH_BUILD_PARALLEL": "on"}),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True)

    def build(self, site: Path) -> dict[str, object]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{site}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the build process died"
        result: dict[str, object] = json.loads(line)
        return result

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def differences(left: Path, right: Path) -> list[str]:
    """Every file that is in only one of the two sites or differs between them."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only + compared.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_in_one_process_shows_every_edit(project_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    server = Server(project_copy, cache)
    try:
        first = server.build(tmp_path / "first")
        assert first["failed"] is False, first["warnings"]

        # A data row (shown on the runbook, in the alert tables and in the rule files) and a
        # page: a new section with a pinned anchor, and a link to it from another page.
        replace_once(project_copy / "data" / "alert_thresholds.yaml", "is sealed\"", f"{EDITED_SUMMARY}\"")
        runbook = project_copy / "docs" / "troubleshooting" / "runbooks" / "vault-sealed.md"
        runbook.write_text(runbook.read_text(encoding="utf-8")
                           + "\n## A section added between rebuilds { #added-between-rebuilds }\n\nNew text.\n",
                           encoding="utf-8")
        index = project_copy / "docs" / "index.md"
        index.write_text(index.read_text(encoding="utf-8")
                         + "\nSee [the new section](troubleshooting/runbooks/vault-sealed.md#added-between-rebuilds).\n",
                         encoding="utf-8")
        second = server.build(tmp_path / "second")
        assert second["failed"] is False, second["warnings"]
        assert isinstance(second["hits"], int) and second["hits"] > 0, "no page came from the cache"
        clean = tmp_path / "clean"
        # The plainest build: no cache, no forked copy.
        result = run_build(project_copy, clean, env={"VOH_BUILD_CACHE": "off", "VOH_BUILD_PARALLEL": "off"},
                           timeout=600)
        assert result.returncode == 0, result.stderr
        # The rebuilt site is the uncached build's, file for file: pages, search index, downloads;
        # and so is a new process's build that takes the pages from the on-disk copy.
        assert differences(tmp_path / "second", clean) == []
        reader = Server(project_copy, cache)
        try:
            from_disk = reader.build(tmp_path / "from-disk")
        finally:
            reader.close()
        assert from_disk["failed"] is False, from_disk["warnings"]
        assert isinstance(from_disk["hits"], int) and from_disk["hits"] > 0, "no page came from the disk"
        assert differences(tmp_path / "from-disk", clean) == []
        # A clean `mkdocs build` with an empty cache, the last pages and the export made by a
        # forked copy: with an empty cache, every hit is a page the copy converted.
        two_cores = len(os.sched_getaffinity(0)) >= 2
        builder = Server(project_copy, tmp_path / "cold", command="build")
        try:
            parallel = builder.build(tmp_path / "parallel")
        finally:
            builder.close()
        assert parallel["failed"] is False, parallel["warnings"]
        assert not two_cores or (isinstance(parallel["hits"], int) and parallel["hits"] > 0), "no page from the copy"
        assert differences(tmp_path / "parallel", clean) == []
        pages = [p for p in (tmp_path / "second").rglob("*.html") if EDITED_SUMMARY in p.read_text(encoding="utf-8")]
        assert len(pages) >= 2, pages
        assert EDITED_SUMMARY in (tmp_path / "second" / "downloads" / "vault-alerts.rules.yaml").read_text(encoding="utf-8")
        search = json.loads((tmp_path / "second" / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert any(doc["location"].endswith("#added-between-rebuilds") for doc in search["docs"])

        # Broken links fail the strict rebuild, and again on the next one, when the page's
        # conversion comes from the cache: a missing anchor (checked after the conversion) and a
        # missing page (logged during the conversion, so logged again from the cache).
        replace_once(index, "#added-between-rebuilds)", "#no-such-anchor) and [gone](no-such-page.md)")
        for attempt in ("third", "fourth"):
            broken = server.build(tmp_path / attempt)
            assert broken["failed"] is True, attempt
            warnings = "\n".join(broken["warnings"])  # type: ignore[arg-type]
            assert "no-such-anchor" in warnings and "no-such-page.md" in warnings, (attempt, warnings)
        assert broken["hits"] > second["hits"]  # type: ignore[operator]
        # The same on the last page, which a clean build's forked copy converts: the build logs
        # the copy's warning (from the cache), once, and fails.
        last = project_copy / "docs" / "troubleshooting" / "runbooks" / "vault-write-overload-rejecting.md"
        last.write_text(last.read_text(encoding="utf-8") + "\nSee [gone](no-such-runbook.md).\n", encoding="utf-8")
        builder = Server(project_copy, tmp_path / "cold-broken", command="build")
        try:
            broken = builder.build(tmp_path / "parallel-broken")
        finally:
            builder.close()
        assert broken["failed"] is True
        assert not two_cores or (isinstance(broken["hits"], int) and broken["hits"] > 0), "no page from the copy"
        logged = [w for w in broken["warnings"] if w.startswith("Doc file") and "no-such-runbook.md" in w]  # type: ignore[union-attr]
        assert len(logged) == 1, broken["warnings"]
        assert any("no-such-page.md" in w for w in broken["warnings"])  # type: ignore[union-attr]
        last.write_text(last.read_text(encoding="utf-8").replace("\nSee [gone](no-such-runbook.md).\n", ""),
                        encoding="utf-8")
        replace_once(index, "#no-such-anchor) and [gone](no-such-page.md)", "#added-between-rebuilds)")

        # mkdocs.yml: the headings' permalink symbol changes on every page.
        replace_once(project_copy / "mkdocs.yml", "permalink: true", 'permalink: "¤"')
        fifth = server.build(tmp_path / "fifth")
        assert fifth["failed"] is False, fifth["warnings"]
        for page in ("index.html", "troubleshooting/runbooks/vault-sealed/index.html", "operations/monitoring/index.html"):
            assert 'class="headerlink" href="#' in (html := (tmp_path / "fifth" / page).read_text(encoding="utf-8"))
            assert "¤</a>" in html and "&para;</a>" not in html, page
    finally:
        server.close()
