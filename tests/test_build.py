"""The strict build passes, and a failed build never replaces the last good site."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import nav_pages
from macros.build import build_command, build_env
from macros.urls import page_url


def test_the_one_build_command_is_strict_and_never_verbose() -> None:
    # -v switches anchor validation off in MkDocs 1.6.1; every build goes through this command.
    command = build_command("out", "mkdocs.offline.yml")
    assert command[1:5] == ["-m", "mkdocs", "build", "--strict"]
    assert not {"-v", "--verbose", "-q", "--quiet"} & set(command)
    assert command[-4:] == ["--site-dir", "out", "--config-file", "mkdocs.offline.yml"]


def test_strict_build_produces_every_nav_page(built_site: Path) -> None:
    for page in nav_pages():
        url = page_url(page)
        assert (built_site / url / "index.html").is_file(), f"{page} was not built"


def test_three_sections_in_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    for section in ("Kubernetes integration", "Production operations", "Troubleshooting"):
        assert section in home


def test_failed_build_keeps_last_good_site(project_copy: Path) -> None:
    site = project_copy / "site"
    site.mkdir()
    (site / "index.html").write_text("last good build")
    data = project_copy / "data" / "alert_thresholds.yaml"
    data.write_text(data.read_text() + "\n  - [broken\n")

    result = subprocess.run(
        ["bash", "tools/build-site.sh"], cwd=project_copy, env=build_env(),
        capture_output=True, text=True, timeout=600,
    )

    assert result.returncode != 0
    assert (site / "index.html").read_text() == "last good build"
    assert not (project_copy / "site.new").exists()


def test_successful_build_replaces_site(project_copy: Path) -> None:
    site = project_copy / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")

    result = subprocess.run(
        ["bash", "tools/build-site.sh"], cwd=project_copy, env=build_env(),
        capture_output=True, text=True, timeout=600,
    )

    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()
