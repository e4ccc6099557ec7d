"""Which files are read as what, and which are skipped."""

from __future__ import annotations

from pathlib import Path

from macros.lint.discover import HCL, MANIFEST, SKIPPED, UNREADABLE, VALUES, classify, discover

from .expectations import GOOD
from .expectations import UNREADABLE as UNREADABLE_DIR


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_kinds_by_name_and_content(tmp_path: Path) -> None:
    assert classify(_write(tmp_path, "values-prod.yaml", "server: {}\n"), True).kind == VALUES
    assert classify(_write(tmp_path, "vault.yaml", "server:\n  ha:\n    enabled: true\n"), True).kind == VALUES
    assert classify(_write(tmp_path, "vso.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"), True).kind == MANIFEST
    assert classify(_write(tmp_path, "server.hcl", "ui = true\n"), True).kind == HCL
    assert classify(_write(tmp_path, "other.yaml", "a: 1\n"), True).kind == SKIPPED
    assert classify(_write(tmp_path, "README.md", "# hi\n"), True).kind == SKIPPED
    assert classify(_write(tmp_path, "README.md", "# hi\n"), False) is None  # in a folder: not reported


def test_helm_templates_are_skipped_not_errors() -> None:
    file = classify(UNREADABLE_DIR / "template.yaml", True)
    assert file is not None and file.kind == SKIPPED and "template" in file.reason


def test_unreadable_files_name_the_line() -> None:
    file = classify(UNREADABLE_DIR / "values-bad-indent.yaml", True)
    assert file is not None and file.kind == UNREADABLE and file.line == 4
    file = classify(UNREADABLE_DIR / "values-duplicate.yaml", True)
    assert file is not None and file.line == 4 and "appears twice" in file.reason
    file = classify(UNREADABLE_DIR / "values-binary.yaml", True)
    assert file is not None and file.kind == UNREADABLE and "UTF-8" in file.reason


def test_folders_are_walked_without_hidden_ones(tmp_path: Path) -> None:
    _write(tmp_path, ".git/values.yaml", "server: {}\n")
    _write(tmp_path, "deploy/values.yaml", "server: {}\n")
    assert [f.path.relative_to(tmp_path).as_posix() for f in discover([tmp_path])] == ["deploy/values.yaml"]
    assert {f.kind for f in discover([GOOD])} == {VALUES, HCL, MANIFEST}
