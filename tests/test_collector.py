"""The collector in a one-shot build (macros/collector.py): a `mkdocs build` stops collecting
once its data is loaded and leaves its heap out of the exit's collection; a `mkdocs serve`
process, which builds again and again, keeps collecting."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from macros import collector


@pytest.fixture
def collecting() -> Iterator[None]:
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()  # this test process goes on: its objects stay collectable
    gc.enable()


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_a_build_stops_collecting(collecting: None, command: str) -> None:
    collector.settle(command)
    assert not gc.isenabled()
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    collector.before_exit(command)
    assert gc.get_freeze_count() > 0


@pytest.mark.parametrize("command", ["serve", None])
def test_a_serve_process_keeps_collecting(collecting: None, command: str | None) -> None:
    collector.settle(command)
    collector.before_exit(command)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
