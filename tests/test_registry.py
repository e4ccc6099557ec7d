"""The registry (macros/datasets.py) is the one list of datasets: every renderer module is in
it, each offers exactly the macros it declares, CONTRIBUTING.md's macros table lists exactly
those, so the table cannot drift from the code, and every file under data/ is a dataset's or in
a folder the registry says holds none."""

from __future__ import annotations

import dataclasses
import importlib
import re
import typing
from pathlib import Path

import pytest

from macros.datasets import DATASETS, NOT_DATASETS, renderers
from macros.loading import Handbook, load_all
from macros.render import Context, renderer_macros

PROJECT = Path(__file__).resolve().parent.parent
CONTRIBUTING = PROJECT / "CONTRIBUTING.md"


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    return load_all()


def offered(handbook: Handbook, module: str) -> set[str]:
    """The names the module's own macros() returns, with a dummy current page."""
    render = importlib.import_module(f"macros.render.{module}")
    return set(render.macros(handbook, Context.fixed("index.md")))


def macros_table() -> dict[str, set[str]]:
    """CONTRIBUTING.md's macros table: the dataset of each row and the macro names it lists."""
    lines = CONTRIBUTING.read_text(encoding="utf-8").splitlines()
    start = lines.index("| Data file | Macros |")
    rows: dict[str, set[str]] = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        file_cell, macros_cell = (c.strip() for c in line.strip("|").split("|", 1))
        file = file_cell.strip("`")
        name = file.split("/")[0] if "/" in file else file.removesuffix(".yaml")
        assert name not in rows, f"CONTRIBUTING.md lists {file} twice"
        rows[name] = set(re.findall(r"`(\w+)\(", macros_cell))
    return rows


# Modules of macros/render/ that render no dataset: the document model every renderer builds.
NOT_RENDERERS = {"__init__", "blocks"}


def test_every_renderer_module_is_registered() -> None:
    modules = {p.stem for p in (PROJECT / "macros" / "render").glob("*.py") if p.stem not in NOT_RENDERERS}
    assert modules == {r.module for r in renderers()}


def test_each_renderer_offers_exactly_the_macros_it_declares(handbook: Handbook) -> None:
    for renderer in renderers():
        assert offered(handbook, renderer.module) == set(renderer.macros), renderer.module
        assert set(renderer_macros(renderer, handbook, Context.fixed("index.md"))) == set(renderer.macros)


def test_no_macro_name_is_offered_twice(handbook: Handbook) -> None:
    names = [name for r in renderers() for name in offered(handbook, r.module)]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_contributing_table_lists_exactly_the_macros_of_each_dataset(handbook: Handbook) -> None:
    expected = {
        name: {m for r in dataset.renderers for m in offered(handbook, r.module)}
        for name, dataset in DATASETS.items() if dataset.renderers
    }
    assert macros_table() == expected


def test_a_renderer_that_drifts_from_the_registry_is_refused(handbook: Handbook) -> None:
    from macros.datasets import Renderer

    with pytest.raises(ValueError, match="declares"):
        renderer_macros(Renderer("sizing", ("sizing_table", "sizing_chart")), handbook, Context.fixed("index.md"))


def test_the_handbook_has_one_field_per_dataset_typed_with_its_model() -> None:
    # Handbook (macros/loading.py) is declared by hand so that call sites are typed; it must name
    # the registry's datasets in its order, each typed with what the loader builds for it.
    fields = typing.get_type_hints(Handbook)
    assert [f.name for f in dataclasses.fields(Handbook)] == list(DATASETS)
    for name, dataset in DATASETS.items():
        built = type(dataset.folder({})) if dataset.folder else dataset.model
        assert fields[name] is built, f"Handbook.{name} is {fields[name]}, the registry loads {built}"


def test_the_loaded_handbook_holds_each_dataset_as_its_declared_type(handbook: Handbook) -> None:
    for name, kind in typing.get_type_hints(Handbook).items():
        assert type(getattr(handbook, name)) is kind, name


def test_every_data_file_belongs_to_a_dataset_or_a_declared_folder() -> None:
    data = PROJECT / "data"
    owners = {DATASETS[name].path(name) for name in DATASETS}
    for path in sorted(data.rglob("*.yaml")):
        rel = path.relative_to(PROJECT).as_posix()
        folder = path.relative_to(data).parts[0]
        owned = rel in owners or f"data/{folder}/" in owners or folder in NOT_DATASETS
        assert owned, f"{rel}: no dataset in macros/datasets.py reads it, and data/{folder} is not in NOT_DATASETS"
    # The upstream inputs are not mistaken for a dataset: no dataset is named like their folder.
    assert not set(NOT_DATASETS) & set(DATASETS)
    assert (data / "upstream" / "vso_api_delta.yaml").is_file()
