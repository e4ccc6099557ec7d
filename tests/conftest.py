"""Shared fixtures: one strict build of the real site per test session, and throw-away
copies of the project for tests that break something on purpose."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from macros.build import run_build

PROJECT = Path(__file__).resolve().parent.parent
# The examples checker's `examples_site` fixture (an existing build via EXAMPLES_SITE_DIR, or built_site).
pytest_plugins = ["examples.site"]
# Not build inputs: environments, outputs and caches, left out of project copies.
NOT_COPIED = (".git", ".venv", ".tools", "site", "site.new", "dist", "build", "__pycache__", ".pytest_cache", "tests")


def nav_pages() -> list[str]:
    """Every page file the nav of mkdocs.yml lists, in order."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def walk(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [page for item in node for page in walk(item)]
        if isinstance(node, dict):
            return [page for value in node.values() for page in walk(value)]
        return []

    return walk(config["nav"])


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "PYTEST_XDIST_WORKER" not in os.environ:  # a plain run, no pytest-xdist workers
        return _strict_build(tmp_path_factory.mktemp("site"))
    # `make test` runs two pytest-xdist workers; they share one build, made by whichever asks
    # first while the other waits on the lock (the folder above each worker's temp folder is
    # the run's own).
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site, done = shared / "site", shared / "site.built"
        if not done.exists():
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir()
            _strict_build(site)
            done.touch()
    return site


def _strict_build(site: Path) -> Path:
    result = run_build(PROJECT, site, timeout=600)  # the gating build (macros/build.py)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)
    return site


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of everything a build reads, safe to break."""
    copy = tmp_path / "project"
    copy.mkdir()
    for source in PROJECT.iterdir():
        if source.name in NOT_COPIED or source.name.endswith(".egg-info"):
            continue
        if source.is_dir():
            shutil.copytree(source, copy / source.name, symlinks=True, ignore=shutil.ignore_patterns(*NOT_COPIED))
        else:
            shutil.copy2(source, copy / source.name)
    return copy


BuildCopy = Callable[[Path], subprocess.CompletedProcess[str]]


# Test tiers, by what a test needs (README, "Tests"): `browser` (tests/browser/, headless
# Chromium), `site` (a strict build of the site or of a project copy), `unit` (neither).
# `make test-fast` runs the unit tier; `make test` runs all three.
SITE_FIXTURES = {"built_site", "examples_site", "project_copy", "report"}


def pytest_configure(config: pytest.Config) -> None:
    for marker, what in (("unit", "no build, no browser"), ("site", "needs a strict build"),
                         ("browser", "needs headless Chromium and a build")):
        config.addinivalue_line("markers", f"{marker}: {what}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        elif fixtures & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)
        else:
            item.add_marker(pytest.mark.unit)
