"""The forked copy a build hands work to (macros/forks.py): what it returns comes back whole, a
copy that fails or hangs is reported as Failed (the build then does the work itself), it writes
nothing to the terminal, and it is forked only where that is safe."""

from __future__ import annotations

import gc
import logging
import os
import time

import pytest

from macros import forks


def test_the_copy_hands_back_its_result_bigger_than_a_pipe_buffer() -> None:
    payload = {"archive": os.urandom(3 << 20), "text": "llms.txt"}  # a pipe holds 64 KiB
    copy = forks.Forked.start(lambda: payload)
    assert copy.result() == payload
    assert copy.ended


def test_a_copy_that_raises_is_failed() -> None:
    def work() -> int:
        raise ValueError("broken")

    with pytest.raises(forks.Failed, match="status"):
        forks.Forked.start(work).result()


def test_a_copy_that_hangs_is_stopped_after_the_timeout() -> None:
    started = time.monotonic()
    copy = forks.Forked.start(lambda: time.sleep(60))
    with pytest.raises(forks.Failed, match="still running"):
        copy.result(timeout=0.3)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(copy.pid, os.WNOHANG)  # killed and reaped: no zombie left behind


def test_stop_ends_a_running_copy() -> None:
    copy = forks.Forked.start(lambda: time.sleep(60))
    copy.stop()
    assert copy.ended
    with pytest.raises(ChildProcessError):
        os.waitpid(copy.pid, os.WNOHANG)


def test_the_copy_writes_nothing_to_the_terminal(capfd: pytest.CaptureFixture[str]) -> None:
    def work() -> str:
        print("from the copy")
        os.write(2, b"straight to stderr\n")
        logging.getLogger("mkdocs.plugins.test").warning("a warning from the copy")
        return "done"

    assert forks.Forked.start(work).result() == "done"
    out, err = capfd.readouterr()
    assert "copy" not in out + err and "stderr" not in err


def test_forks_only_where_it_is_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOH_BUILD_PARALLEL", raising=False)
    monkeypatch.setattr(forks.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(forks.sys, "platform", "linux")
    monkeypatch.setattr(forks.threading, "active_count", lambda: 1)  # pytest-xdist's workers run threads
    assert forks.allowed("build") and forks.allowed("gh-deploy")
    assert not forks.allowed("serve")  # rebuilds run beside the server's threads
    assert not forks.allowed(None)
    monkeypatch.setattr(forks.os, "sched_getaffinity", lambda pid: {0})
    assert not forks.allowed("build")  # one core: nothing to gain
    monkeypatch.setattr(forks.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(forks.sys, "platform", "darwin")
    assert not forks.allowed("build")
    monkeypatch.setattr(forks.sys, "platform", "linux")
    monkeypatch.setenv("VOH_BUILD_PARALLEL", "off")
    assert not forks.allowed("build")
    monkeypatch.setenv("VOH_BUILD_PARALLEL", "on")
    assert forks.allowed("build")
    monkeypatch.setattr(forks.threading, "active_count", lambda: 2)
    assert not forks.allowed("build")  # another thread would not exist in the copy


def test_forking_leaves_the_collector_as_it_found_it() -> None:
    gc.unfreeze()
    try:
        forks.Forked.start(lambda: None).result()
        assert gc.get_freeze_count() == 0  # a process that collects keeps collecting
        gc.freeze()  # a one-shot build's heap, left out (macros/collector.py)
        forks.Forked.start(lambda: None).result()
        assert gc.get_freeze_count() > 0  # not unfrozen (the count drops as frozen objects are freed)
    finally:
        gc.unfreeze()
