"""Getting a built site to check, for the tests.

`examples_site` prefers, in order: a site folder named by EXAMPLES_SITE_DIR (to check a build
you already have), the `built_site` fixture of tests/conftest.py when the project provides one,
and otherwise a fresh `mkdocs build --strict` into a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.build import run_build

from .paths import REPO_ROOT


def build_site(config_dir: Path, dest: Path) -> Path:
    """`mkdocs build --strict` of the project in config_dir into dest; the build log on failure."""
    result = run_build(config_dir, dest, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed in {config_dir}:\n{result.stdout}{result.stderr}")
    return dest


@pytest.fixture(scope="session")
def examples_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    override = os.environ.get("EXAMPLES_SITE_DIR")
    if override:
        return Path(override)
    try:
        return Path(request.getfixturevalue("built_site"))
    except pytest.FixtureLookupError:
        return build_site(REPO_ROOT, tmp_path_factory.mktemp("examples-site") / "site")
