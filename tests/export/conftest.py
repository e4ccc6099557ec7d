"""The published plugin, read once per session for the export tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.export.bundle import read_zip
from macros.loading import Handbook, load_all

from .plugin import ZIP, Bundle


@pytest.fixture(scope="session")
def zip_path(built_site: Path) -> Path:
    path = built_site / ZIP
    assert path.is_file(), f"{ZIP} is not in the built site"
    return path


@pytest.fixture(scope="session")
def bundle(zip_path: Path) -> Bundle:
    return read_zip(zip_path.read_bytes())


@pytest.fixture(scope="session")
def data() -> Handbook:
    return load_all()
