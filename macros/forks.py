"""Work a build hands to a forked copy of itself, so that it uses a second core: the theme's
templates (macros/theme_templates.py), the last pages' conversion (macros/cache_warmer.py) and
the export (macros/export/build.py).

A copy is forked only where that is safe and pays:
- `mkdocs build` and `gh-deploy`: `mkdocs serve` rebuilds run beside the server's threads, and
  they are fast because the in-process caches hold the previous build's results (a copy's would
  not be there);
- Linux: fork keeps the build's memory, so nothing is pickled to start a copy;
- two usable cores or more, and a process with one thread (a thread does not exist in the
  copy, and work handed to it there would never come back);
- not VOH_BUILD_PARALLEL=off.

A copy writes nothing to the terminal. What it computes is either checked by a cache key or
handed back whole, so a copy that fails or hangs costs time, never a wrong site.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .collector import ONE_SHOT

T = TypeVar("T")

# Longer than any clean build takes: a copy still running then is stuck, and the build goes on alone.
WAIT_S = 120.0


def allowed(command: str | None) -> bool:
    """Whether this process, running MkDocs' `command`, may fork a copy now (see the module's docstring)."""
    if os.environ.get("VOH_BUILD_PARALLEL", "").strip().lower() in ("off", "0", "no", "false"):
        return False
    if command not in ONE_SHOT or not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) >= 2 and threading.active_count() == 1


def _quiet() -> None:
    """The copy writes nothing to the terminal: the build logs what matters, once."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    # What Python already holds for the terminal stays unwritten (the copy ends with os._exit).
    sys.stdout = sys.stderr = open(devnull, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        logger.handlers = [logging.NullHandler()]


class Failed(Exception):
    """The copy did not hand a result back: it raised, was killed, or took too long."""


@dataclass
class Forked(Generic[T]):
    """A forked copy running one function; `result()` is its return value, pickled back."""

    pid: int
    _reader: int  # the pipe's end the result comes through
    ended: bool = False

    @classmethod
    def start(cls, work: Callable[[], T]) -> Forked[T]:
        reader, writer = os.pipe()
        # The copy shares the build's memory until either writes to it; the collector's passes
        # over every object would make it copy most of it, so what exists now is left out of them.
        # The build takes its objects back unless they were left out before (macros/collector.py).
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the copy
            status = 1
            try:
                os.close(reader)
                _quiet()
                payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            except BaseException:  # noqa: BLE001 (the build does what the copy could not)
                pass
            finally:
                os._exit(status)  # no cleanup of the build's: its temp folders and buffers are its own
        if not frozen_before:
            gc.unfreeze()
        os.close(writer)
        return cls(pid, reader)

    def result(self, timeout: float = WAIT_S) -> T:
        """The copy's return value, once it ends; Failed if it raised, died or ran out of time."""
        if self.ended:
            raise Failed("already collected")
        deadline = time.monotonic() + timeout
        chunks: list[bytes] = []
        os.set_blocking(self._reader, False)
        try:
            while True:  # read as it comes: a result bigger than the pipe's buffer would block the copy
                try:
                    chunk = os.read(self._reader, 1 << 20)
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        self.stop()
                        raise Failed(f"still running after {timeout:.0f} s") from None
                    time.sleep(0.005)
                    continue
                if not chunk:  # the copy closed its end: done, or dead
                    break
                chunks.append(chunk)
        finally:
            self._close()
        _, status = os.waitpid(self.pid, 0)
        self.ended = True
        if status != 0 or not chunks:
            raise Failed(f"ended with status {status}")
        result: T = pickle.loads(b"".join(chunks))
        return result

    def stop(self) -> None:
        """End the copy now: a failed build, or one that took too long."""
        if self.ended:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.ended = True
        self._close()

    def _close(self) -> None:
        if self._reader >= 0:
            os.close(self._reader)
            self._reader = -1  # the number may be reused: never closed twice
