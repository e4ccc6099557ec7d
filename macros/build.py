"""The one strict build of the handbook, for the tests, the scripts, the Makefile and the bench.

    python -m macros.build [--config-file mkdocs.offline.yml] [--site-dir DIR]

runs `python -m mkdocs build --strict` in this checkout (the folder holding this package), so its
hooks and macros import this checkout's code (macros/hooks/__init__.py). Never add -v: in
MkDocs 1.6.1 it switches anchor validation off. The exit status is the build's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from .loading import PROJECT_DIR


def build_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a build: this Python's bin folder first on PATH, so what the build runs
    comes from the same environment, and no MkDocs 2 banner on stderr, where tests read warnings."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra or {}))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def build_command(site_dir: Path | str, config_file: Path | str | None = None) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return command + (["--config-file", str(config_file)] if config_file else [])


def run_build(project: Path, site_dir: Path | str, config_file: Path | str | None = None,
              env: Mapping[str, str] | None = None, capture: bool = True,
              timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """Strict build of `project` (a checkout or a copy of one) into `site_dir`; with `capture`,
    its output is in the result instead of on this process's stdout and stderr."""
    return subprocess.run(build_command(site_dir, config_file), cwd=project, env=build_env(env),
                          capture_output=capture, text=True, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Strict build of the handbook (never -v).")
    parser.add_argument("--site-dir", default="site", help="where to write the site (default: site)")
    parser.add_argument("--config-file", help="another configuration, e.g. mkdocs.offline.yml")
    args = parser.parse_args(argv)
    # Paths are relative to where the command runs, as with mkdocs itself.
    config_file = Path(args.config_file).resolve() if args.config_file else None
    return run_build(PROJECT_DIR, Path(args.site_dir).resolve(), config_file, capture=False).returncode


if __name__ == "__main__":
    sys.exit(main())
