"""The second process of a clean build (macros/cache_warmer.py): the build and the copy share
the pages without overlap, whatever their speeds, and the build waits for the copy only when it
reaches a page the copy took. (A whole build with it, against one without: tests/test_build_cache.py.)"""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros import cache_warmer, forks
from macros.cache_warmer import Claims


@pytest.mark.parametrize("build_s, copy_s", [(0.0, 0.002), (0.002, 0.0), (0.001, 0.001)])
def test_every_page_goes_to_one_process(build_s: float, copy_s: float) -> None:
    claims = Claims(60)

    def copy_takes() -> list[int]:
        taken = []
        while (index := claims.take_back()) is not None:
            taken.append(index)
            time.sleep(copy_s)
        return taken

    copy = forks.Forked.start(copy_takes)
    mine = []
    for index in range(60):
        if not claims.take_front(index):
            break  # the copy has it, and every page after it
        mine.append(index)
        time.sleep(build_s)
    theirs = copy.result()
    assert mine == list(range(len(mine)))  # a prefix, in order
    assert theirs == list(range(59, 59 - len(theirs), -1))  # a suffix, from the end
    assert sorted(mine + theirs) == list(range(60))  # every page once


def test_the_build_keeps_a_page_it_claimed() -> None:
    claims = Claims(3)
    assert claims.take_front(0) and claims.take_front(1)
    assert claims.take_back() == 2
    assert claims.take_back() is None  # 1 is the build's
    assert not claims.take_front(2)



class _Files:
    """Two pages, as MkDocs' Files lists them."""

    def documentation_pages(self, inclusion: object = None) -> list[SimpleNamespace]:
        return [SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(src_uri=f"{n}.md"))) for n in "ab"]


def test_no_copy_without_a_cache_it_can_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(forks, "allowed", lambda command: True)
    monkeypatch.setattr(forks.Forked, "start", classmethod(lambda cls, work: started.append(work)))
    monkeypatch.setattr(cache_warmer, "convert_page", lambda config, files, index: None)
    monkeypatch.setattr(cache_warmer, "scratch_search", lambda search: None)
    config = SimpleNamespace(plugins={})
    monkeypatch.setenv("VOH_BUILD_CACHE", "off")
    assert cache_warmer.start("build", config, _Files()) is None  # type: ignore[arg-type]
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("VOH_BUILD_CACHE", str(tmp_path / "a-file" / "cache"))
    assert cache_warmer.start("build", config, _Files()) is None  # type: ignore[arg-type]
    assert started == []
    monkeypatch.setenv("VOH_BUILD_CACHE", str(tmp_path / "cache"))  # the control: a folder it can make
    assert cache_warmer.start("build", config, _Files()) is not None  # type: ignore[arg-type]
    assert len(started) == 1
