"""The build caches' keys and stores (macros/build_cache.py, macros/loading.py): what makes a key
new, what the on-disk copy survives, and when the loaded data is reused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros import build_cache
from macros.build_cache import Store, config_fingerprint, prune, stable
from macros.loading import Inputs


def _config(**changes: object) -> dict[str, object]:
    config: dict[str, object] = {
        "markdown_extensions": ["toc", "pymdownx.emoji"],
        "mdx_configs": {"toc": {"permalink": True}, "pymdownx.emoji": {"emoji_index": stable}},
        "validation": {"links": {"anchors": 30}},
        "use_directory_urls": True,
        "docs_dir": "/site/docs",
    }
    return {**config, **changes}


def test_functions_are_written_by_name_and_objects_with_an_address_refused() -> None:
    assert stable({"b": [1, 2], "a": stable}) == stable({"a": stable, "b": [1, 2]})
    assert "macros.build_cache.stable" in stable([stable])
    with pytest.raises(build_cache._Unstable):
        stable(object())


def test_every_setting_a_conversion_reads_changes_the_key() -> None:
    key, on_disk = config_fingerprint(_config())  # type: ignore[arg-type]
    assert on_disk and key == config_fingerprint(_config())[0]  # type: ignore[arg-type]
    for change in ({"mdx_configs": {"toc": {"permalink": "¤"}}}, {"markdown_extensions": ["toc"]},
                   {"validation": {"links": {"anchors": 20}}}, {"use_directory_urls": False},
                   {"docs_dir": "/other/docs"}):
        assert config_fingerprint(_config(**change))[0] != key, change  # type: ignore[arg-type]
    # A setting without a stable text keeps its results in memory only.
    assert config_fingerprint(_config(mdx_configs={"x": {"y": object()}}))[1] is False  # type: ignore[arg-type]


def test_the_disk_copy_outlives_the_process_and_a_broken_file_is_a_miss(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOH_BUILD_CACHE", str(tmp_path))
    Store("pages").store("ab" + "0" * 62, {"html": "<p>x</p>"})
    assert Store("pages").fetch("ab" + "0" * 62) == {"html": "<p>x</p>"}  # a new store: from disk
    assert Store("pages").fetch("ab" + "0" * 62, disk=False) is None
    (file,) = tmp_path.rglob("*.pickle")
    file.write_bytes(b"half a pickle")
    assert Store("pages").fetch("ab" + "0" * 62) is None
    monkeypatch.setenv("VOH_BUILD_CACHE", "off")
    Store("pages").store("cd" + "0" * 62, "kept in memory only")
    assert len(list(tmp_path.rglob("*.pickle"))) == 1


def test_prune_keeps_the_most_recently_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOH_BUILD_CACHE", str(tmp_path))
    for n in range(10):
        Store("pages").store(f"{n:02d}" + "0" * 62, n)
        path = next(tmp_path.rglob(f"{n:02d}{'0' * 62}.pickle"))
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    prune(max_files=8)
    left = sorted(int(p.name[:2]) for p in tmp_path.rglob("*.pickle"))
    assert left == [6, 7, 8, 9]


def _tree(root: Path, page: str, data: str) -> tuple[Path, Path]:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "data" / "rows.yaml").write_text(data, encoding="utf-8")
    (root / "docs" / "page.md").write_text(page, encoding="utf-8")
    return root / "data", root / "docs"


def test_the_data_is_reused_after_a_text_edit_only(tmp_path: Path) -> None:
    page = "# Title\n\n## Meaning { #meaning }\n\nText.\n"
    before = Inputs.read(*_tree(tmp_path, page, "rows: [1]\n"))
    assert Inputs.read(*_tree(tmp_path, page.replace("Text.", "Other text."), "rows: [1]\n")).same_for_the_data(before)
    assert not Inputs.read(*_tree(tmp_path, page.replace("#meaning", "#moved"), "rows: [1]\n")).same_for_the_data(before)
    assert not Inputs.read(*_tree(tmp_path, page, "rows: [2]\n")).same_for_the_data(before)
    (tmp_path / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    assert not Inputs.read(*_tree(tmp_path, page, "rows: [1]\n")).same_for_the_data(before)
