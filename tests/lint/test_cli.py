"""The command: exit status, no traceback for bad input, every rule fires in the bad set, and a
build of a project copy still imports the copy's own `macros` (the editable install provides the
console script, not the site's code)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.lint.cli import main
from macros.lint.rules import rules

from .expectations import BAD, GOOD, UNREADABLE, expected, lint_tree, reported

SCRIPT = Path(sys.executable).parent / "vault-handbook"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "macros.lint.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "SITE_URL": "https://handbook.test/"})


def test_every_rule_fires_somewhere_in_the_bad_set() -> None:
    fired = {rule for _, _, rule in reported(lint_tree(BAD))}
    assert set(rules()) - fired == set()


def test_the_bad_set_reports_exactly_its_marks() -> None:
    assert reported(lint_tree(BAD)) == expected(BAD)


def test_exit_status() -> None:
    assert main(["lint", str(GOOD)]) == 0
    assert main(["lint", str(BAD / "values-ha-even.yaml")]) == 1
    assert main(["lint", str(BAD / "manifests" / "secretproviderclass.yaml"), "--format", "json"]) == 1
    assert main(["lint", str(UNREADABLE / "notes.txt")]) == 0  # skipped, reported, not an error
    assert main(["lint", str(GOOD / "no-such-file.yaml")]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["lint", "--format", "xml", str(GOOD)])
    assert caught.value.code == 2


def test_bad_input_gets_a_message_never_a_traceback() -> None:
    result = run("lint", str(UNREADABLE))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert f"{UNREADABLE / 'broken.hcl'}:3: error: HCL does not parse: line 3" in out
    assert f"{UNREADABLE / 'values-bad-indent.yaml'}:4: error: YAML does not load: line 4" in out
    assert f"{UNREADABLE / 'values-broken-config.yaml'}:9: error: server.ha.raft.config: HCL does not parse" in out
    assert f"{UNREADABLE / 'settings.yaml'}: skipped:" in out
    assert f"{UNREADABLE / 'template.yaml'}: skipped: a Helm or Go template" in out
    for args in (("lint", "/no/such/path"), ("lint",), ("lint", "--format", "xml", str(GOOD))):
        result = run(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr, args


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.exists(), "pip install -e . provides vault-handbook (pyproject [project.scripts])"
    result = run("lint", "--format", "sarif", str(GOOD))
    assert result.returncode == 0 and '"version": "2.1.0"' in result.stdout


def test_a_project_copy_builds_with_its_own_macros(project_copy: Path) -> None:
    # Break a renderer in the copy only: the copy's build must fail with the copy's error, which
    # it would not if the editable install made it import this checkout's `macros`.
    # The break is at import time, so it shows before anything reads the data.
    # Builds run as `python -m mkdocs` from the project folder (tests/conftest.py, the Makefile),
    # which puts that folder first on sys.path; nothing edits sys.path (macros/hooks/__init__.py).
    renderer = project_copy / "macros" / "render" / "lint_rules.py"
    renderer.write_text(renderer.read_text(encoding="utf-8").replace(
        "\nKIND_TITLES = ", "\nraise RuntimeError('copy-only break')\nKIND_TITLES = "), encoding="utf-8")
    site = str(project_copy.parent / "site")
    for command in ([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
                    [sys.executable, "-m", "macros.build", "--site-dir", site]):
        result = subprocess.run(command, cwd=project_copy, capture_output=True, text=True, timeout=900,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode != 0 and "copy-only break" in result.stdout + result.stderr, command[2]


def test_the_pre_commit_hook_runs_the_console_script() -> None:
    import tomllib

    import yaml

    root = Path(__file__).resolve().parents[2]
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"vault-handbook": "macros.lint.cli:main"}
    (hook,) = hooks
    assert hook["id"] == "vault-handbook-lint" and hook["entry"] == "vault-handbook lint" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"yaml", "json", "hcl"}


def test_a_plain_install_ships_every_file_the_linter_reads() -> None:
    # pre-commit installs the hook with `pip install .` (not editable): the files under data/ and
    # tests/schemas/ the linter reads must be among pyproject's data-files (macros/lint/rules.py).
    import glob
    import tomllib

    root = Path(__file__).resolve().parents[2]
    data_files = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    shipped = {Path(p).resolve() for patterns in data_files.values() for pattern in patterns
               for p in glob.glob(str(root / pattern))}
    for target, patterns in data_files.items():  # each file keeps its path below the share folder
        assert target.startswith("share/vault-operations-handbook"), target
        below = Path(target.removeprefix("share/vault-operations-handbook").strip("/"))
        assert all(Path(pattern).parent == below for pattern in patterns), target
    needed = [root / "mkdocs.yml", root / "data" / "lint_rules.yaml", root / "data" / "injector_annotations.yaml",
              root / "data" / "csi_parameters.yaml", root / "data" / "examples" / "hcl_keys.yaml",
              root / "tests" / "schemas" / "helm" / "vault-0.34.1.json",
              *(root / "tests" / "schemas" / "crds").glob("secrets*/*/*.json")]
    assert [p for p in needed if p.resolve() not in shipped] == []
