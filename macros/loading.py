"""Read data/*.yaml once per build, validate it, and fail with every problem spelled out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .anchors import pinned_ids
from .datasets import DATASETS, Dataset
from .errors import DataError, format_loc
from .models.alert_peers import AlertPeers
from .models.alert_thresholds import AlertThresholds
from .models.anti_patterns import AntiPatterns
from .models.automated_snapshots import AutomatedSnapshots
from .models.autopilot import Autopilot
from .models.csi_parameters import CsiParameters
from .models.dashboards import Dashboards
from .models.decision_matrix import DecisionMatrix
from .models.decision_trees import DecisionTrees
from .models.failure_tolerance import FailureTolerance
from .models.failures import Failures, all_entries
from .models.health_codes import HealthCodes
from .models.injector_annotations import InjectorAnnotations
from .models.k8s_helm_values import K8sHelmValues
from .models.key_metrics import KeyMetrics
from .models.lint_rules import LintRules
from .models.privileged_endpoints import PrivilegedEndpoints
from .models.sizing import Sizing
from .models.vso_crd_fields import VsoCrdFields

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DOCS_DIR = PROJECT_DIR / "docs"

M = TypeVar("M", bound=BaseModel)


# libyaml's parser when PyYAML was built with it (the wheels are): several times faster on the
# failure catalogue; the duplicate-key rule below sits in the constructor, which both share.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that refuses a key given twice in one mapping.

    PyYAML keeps the last value silently; kubectl, Helm and a reviewer would not, so a repeated
    key is an error in data files and in examples alike (tests/examples uses this loader too).
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<:` merges may repeat
                continue
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


Lines = dict[tuple[str | int, ...], int]
"""The 1-based line of every key and list item in a file, by key path."""


def _lines(node: yaml.Node, path: tuple[str | int, ...], out: Lines) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out[(*path, key.value)] = key.start_mark.line + 1
                _lines(value, (*path, key.value), out)
                out[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), out)


def read_yaml(path: Path, label: str, lines: Lines | None = None) -> Any:
    """The file's data; with `lines`, also fill it with the line of every key path (one parse)."""
    try:
        loader = UniqueKeyLoader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if lines is not None:
                _lines(node, (), lines)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except FileNotFoundError:
        raise DataError([f"{label}: file is missing"]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise DataError([f"{label}: YAML syntax error at {where}: {exc.problem or exc}"]) from None


def _describe(error: dict[str, Any]) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
        return f"expected a number, got {value!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {value!r}"
    if kind == "string_type":
        return f"expected a string, got {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not in the expected form ({error['ctx']['pattern']})"
    message = str(error["msg"])
    return message.removeprefix("Value error, ") + (f", got {value!r}" if kind == "literal_error" else "")


def line_of(lines: Lines, loc: tuple[str | int, ...]) -> int | None:
    """The line of a key path, or of its nearest ancestor that the file has (a missing key)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def parse(model: type[M], raw: Any, label: str, lines: Lines | None = None) -> M:
    if not isinstance(raw, dict):
        raise DataError([f"{label}: (top level): expected a mapping, got {type(raw).__name__}"])
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            # pydantic adds the validator's name to a loc for some unions; the file has no such key.
            loc = tuple(part for part in e["loc"] if not (isinstance(part, str) and part.startswith("function-")))
            line = line_of(lines, loc) if lines else None
            where = f"line {line}: " if line else ""
            problems.append(f"{label}: {where}{format_loc(loc)}: {_describe(e)}")
        raise DataError(problems) from None


def parse_file(model: type[M], path: Path, label: str) -> M:
    """read_yaml then parse; the lines of the keys are read only for a file that is invalid
    (a second parse of it), since they only place its problems, and valid files are the rule."""
    raw = read_yaml(path, label)
    try:
        return parse(model, raw, label)
    except DataError:
        lines: Lines = {}
        read_yaml(path, label, lines)
        return parse(model, raw, label, lines)  # fails again, its problems now with their lines


@dataclass(frozen=True)
class Handbook:
    """Every dataset, validated, by its registry name (`handbook.alert_thresholds.alerts`).

    One field per dataset of macros/datasets.py, in its order, typed with its model (a folder
    dataset: what its `folder` builds); tests/test_registry.py fails when the two differ.
    """

    failures: Failures
    decision_matrix: DecisionMatrix
    alert_thresholds: AlertThresholds
    privileged_endpoints: PrivilegedEndpoints
    failure_tolerance: FailureTolerance
    sizing: Sizing
    autopilot: Autopilot
    automated_snapshots: AutomatedSnapshots
    key_metrics: KeyMetrics
    dashboards: Dashboards
    alert_peers: AlertPeers
    injector_annotations: InjectorAnnotations
    vso_crd_fields: VsoCrdFields
    csi_parameters: CsiParameters
    k8s_helm_values: K8sHelmValues
    health_codes: HealthCodes
    anti_patterns: AntiPatterns
    decision_trees: DecisionTrees
    lint_rules: LintRules


def load_folder(name: str, dataset: Dataset, paths: list[Path]) -> tuple[Any, list[str]]:
    """Parse each data/<name>/<part>.yaml of a folder dataset and build the dataset from the
    parts; it is None when any file is invalid."""
    assert dataset.folder is not None
    problems: list[str] = []
    parts: dict[str, Any] = {}
    for path in sorted(paths):
        label = f"data/{name}/{path.name}"
        try:
            parts[path.stem] = parse_file(dataset.model, path, label)
        except DataError as exc:
            problems += exc.problems
    if problems:
        return None, problems
    return dataset.folder(parts), []


def load_failure_areas(paths: list[Path]) -> tuple[Failures | None, list[str]]:
    """Parse each data/failures/<area>.yaml; the catalogue is None when any file is invalid."""
    failures: Failures | None
    failures, problems = load_folder("failures", DATASETS["failures"], paths)
    return failures, problems


def load_all(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR) -> Handbook:
    """Load and check every data file; raise one DataError listing all problems found."""
    problems: list[str] = []
    handbook: dict[str, Any] = {}  # by name while loading: a dataset with a bad file is absent
    for name, dataset in DATASETS.items():
        if dataset.folder:
            data, found = load_folder(name, dataset, list((data_dir / name).glob("*.yaml")))
            problems += found
            if data is not None:
                handbook[name] = data
            continue
        label = dataset.path(name)
        try:
            handbook[name] = parse_file(dataset.model, data_dir / f"{name}.yaml", label)
        except DataError as exc:
            problems += exc.problems
    for name, dataset in DATASETS.items():
        if name in handbook and all(n in handbook for n in dataset.needs):
            problems += dataset.problems(dataset.path(name), handbook[name], docs_dir,
                                         *(handbook[n] for n in dataset.needs))
    if problems:
        raise DataError(problems)
    loaded = Handbook(**handbook)
    if found := links_into_the_catalogue(loaded):
        raise DataError(found)
    return loaded


@dataclass(frozen=True)
class Inputs:
    """What load_all reads: every file under data/ (by content), and of docs/ what the datasets'
    rules look at, which files exist and each page's pinned anchors (macros/anchors.py). The
    pages' texts are kept so that only an edited page is parsed again to compare its anchors. A
    rule that reads more of a page must compare that too."""

    data: dict[str, bytes]  # path -> sha256 of the content
    pages: dict[str, str | None]  # path -> the text of a Markdown page, None for other files

    @classmethod
    def read(cls, data_dir: Path, docs_dir: Path) -> Inputs:
        data = {p.relative_to(data_dir).as_posix(): hashlib.sha256(p.read_bytes()).digest() for p in _files(data_dir)}
        pages = {p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8") if p.suffix == ".md" else None
                 for p in _files(docs_dir)}
        return cls(data, pages)

    def same_for_the_data(self, other: Inputs) -> bool:
        if self.data != other.data or self.pages.keys() != other.pages.keys():
            return False
        return all(pinned_ids(text or "") == pinned_ids(other.pages[path] or "")
                   for path, text in self.pages.items() if text != other.pages[path])


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


# The last handbook loaded, and what it was loaded from, by (data folder, docs folder).
_LOADED: dict[tuple[Path, Path], tuple[Inputs, Handbook]] = {}


def load_all_cached(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR) -> Handbook:
    """load_all, computed again only when what it reads changed since the last call in this
    process (Inputs): `mkdocs serve` rebuilds in one process, and an edit to a page's text
    leaves the data as it was (the models' code cannot change while the process runs). A data
    error is never cached: every build that has one reports it."""
    inputs = Inputs.read(data_dir, docs_dir)
    key = (data_dir.resolve(), docs_dir.resolve())
    last = _LOADED.get(key)
    if last is not None and last[0].same_for_the_data(inputs):
        _LOADED[key] = (inputs, last[1])
        return last[1]
    handbook = load_all(data_dir, docs_dir)
    _LOADED[key] = (inputs, handbook)
    return handbook


def links_into_the_catalogue(handbook: Handbook) -> list[str]:
    """Rules across files: every `failure:<id>` a decision tree links to is a catalogue entry."""
    ids = {entry.id for _, _, entry in all_entries(handbook.failures)}
    found = []
    for t, tree in enumerate(handbook.decision_trees.trees):
        for q, question in enumerate(tree.questions):
            for a, answer in enumerate(question.answers):
                if answer.link and answer.link.startswith("failure:") and answer.link[8:] not in ids:
                    found.append(f"data/decision_trees.yaml: trees[{t}].questions[{q}].answers[{a}].link: "
                                 f"no failure entry {answer.link[8:]!r} in data/failures/")
    return found
