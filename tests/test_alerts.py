"""`python -m macros.alerts` (make alerts) writes the rules and the dashboards a build publishes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros import dashboards, prometheus_rules
from macros.alerts import main
from macros.loading import load_all

SITE_URL = "https://vault-docs.corp.internal/handbook/"


def expected(site_url: str, release: str = prometheus_rules.DEFAULT_RELEASE) -> dict[str, str]:
    handbook = load_all()
    alerts = handbook.alert_thresholds
    return {**prometheus_rules.generated_files(alerts, site_url, release),
            **dashboards.generated_files(handbook.dashboards, alerts, site_url)}


def written(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


def test_writes_the_rules_and_the_dashboards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path / "alerts"), "--site-url", SITE_URL, "--release", "prom"]) == 0
    assert written(tmp_path / "alerts") == expected(SITE_URL, "prom")
    assert {Path(line).name for line in capsys.readouterr().out.split()} == set(expected(SITE_URL))


def test_site_url_env_sets_the_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", SITE_URL)
    assert main(["--out", str(tmp_path)]) == 0
    assert written(tmp_path) == expected(SITE_URL)


def test_bad_data_gets_a_message_not_a_traceback(project_copy: Path) -> None:
    data = project_copy / "data" / "alert_thresholds.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\n  - [broken\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.alerts", "--out", "out"], cwd=project_copy,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ")
    assert "data/alert_thresholds.yaml: YAML syntax error at line" in result.stderr
    assert "Traceback" not in result.stderr and not (project_copy / "out").exists()
