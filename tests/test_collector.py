"""The collector in a one-shot build (macros/collector.py): a `mkdocs build` stops collecting
once its data is loaded and leaves its heap out of the exit's collection; a `mkdocs serve`
process, which builds again and again, keeps collecting."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest

from conftest import PROJECT
from macros import collector


@pytest.fixture
def collecting() -> Iterator[None]:
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()  # this test process goes on: its objects stay collectable
    gc.enable()


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_a_build_stops_collecting(collecting: None, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "mermaidx", raising=False)  # no diagram drawn in this process
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


def test_a_build_that_drew_a_diagram_lets_the_exit_collect(collecting: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # mermaidx's engine (nanobind) prints a leak report for each of its objects left uncollected.
    monkeypatch.setitem(sys.modules, "mermaidx", sys.modules.get("mermaidx") or object())  # type: ignore[arg-type]
    collector.settle("build")
    collector.before_exit("build")
    assert gc.get_freeze_count() == 0


# A process that draws a diagram, as a build does with an empty diagram cache, then exits the way
# a one-shot build does. nanobind (mermaidx's SVG engine) writes "leaked" lines for each of its
# objects the exit does not collect.
DRAW_THEN_EXIT = """
import gc, sys
import mermaidx
from macros import collector
mermaidx.render("flowchart TD\\n  a --> b\\n").svg()
collector.settle("build")
if sys.argv[1] == "freeze-anyway":
    gc.freeze()
else:
    collector.before_exit("build")
"""


@pytest.mark.parametrize("how, leaks", [("before_exit", False), ("freeze-anyway", True)])
def test_an_exit_after_drawing_a_diagram_reports_no_leak(how: str, leaks: bool) -> None:
    # The second case is the control: freezing anyway is what made nanobind complain.
    result = subprocess.run([sys.executable, "-c", DRAW_THEN_EXIT, how], cwd=PROJECT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert ("leaked" in result.stderr) is leaks, result.stderr[-2000:]
