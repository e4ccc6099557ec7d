"""Find and launch the Chromium that the browser tests and tools/bench.py drive.

The system Chromium comes first (Debian's `chromium` package, which tools/install-test-tools.sh
installs in CI); Playwright's own download (`playwright install chromium`) is the fallback for a
developer who has neither. Nothing here downloads a browser.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# Headless flags that work as root in a container; without the background-networking ones
# Chromium keeps calling Google's update and safe-browsing hosts, which the tests would
# (rightly) report as requests that left the machine.
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
HOW_TO_GET_ONE = (
    "No Chromium found. Install one of: Debian's `chromium` package (`make test-tools` does it "
    "as root: apt-get install chromium), or Playwright's build (`.venv/bin/playwright install "
    "chromium`); or set VOH_CHROMIUM to a Chromium or Chrome binary."
)
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about", "chrome-error"})
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class NoChromium(RuntimeError):
    """No usable Chromium on this machine; the message says how to get one."""


def find_chromium() -> str:
    named = os.environ.get("VOH_CHROMIUM")
    if named:
        if not Path(named).is_file():
            raise NoChromium(f"VOH_CHROMIUM={named}: no such file. {HOW_TO_GET_ONE}")
        return named
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    # Playwright's downloaded build, if the developer ran `playwright install chromium`.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    if path and Path(path).is_file():
        return path
    raise NoChromium(HOW_TO_GET_ONE)


def is_local(url: str) -> bool:
    """True for requests that stay on this machine: loopback HTTP, file://, data: and the like."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS
