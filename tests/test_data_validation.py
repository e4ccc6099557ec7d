"""A malformed or inconsistent data file fails with file, line, key path and problem.

Each case breaks one thing in a copy of the real data and loads it in process, as the build does
(macros.loading.load_all); one case runs the real strict build end to end, so the message is
known to reach the person running it, without a traceback.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.build import run_build
from macros.errors import DataError
from macros.loading import DATA_DIR, DOCS_DIR, load_all

Mutation = Callable[[dict[str, Any]], None]


def _set(path: list[str | int], value: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _delete(path: list[str | int]) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


def _duplicate_first_id(key: str) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        doc[key][1]["id"] = doc[key][0]["id"]
    return mutate


def _rising_with_levels(warning: float, critical: float) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        alert = doc["alerts"][3]
        alert.update(comparison=">", warning=warning, critical=critical)
    return mutate


CASES: list[tuple[str, str, Mutation, str]] = [
    ("unknown key", "alert_thresholds", _set(["alerts", 3, "colour"], "red"),
     "data/alert_thresholds.yaml: alerts[3].colour: unknown key"),
    ("wrong type", "alert_thresholds", _set(["alerts", 3, "critical"], "high"),
     "data/alert_thresholds.yaml: alerts[3].critical: expected a number, got 'high'"),
    ("missing field", "alert_thresholds", _delete(["alerts", 0, "metric"]),
     "data/alert_thresholds.yaml: alerts[0].metric: required field is missing"),
    ("duplicate id", "privileged_endpoints", _duplicate_first_id("endpoints"),
     "data/privileged_endpoints.yaml: endpoints[1].id: duplicate id"),
    ("duplicate criterion", "decision_matrix", _duplicate_first_id("criteria"),
     "data/decision_matrix.yaml: criteria[1].id: duplicate id"),
    ("warning not below critical", "alert_thresholds", _rising_with_levels(900, 500),
     "data/alert_thresholds.yaml: alerts[3].warning: warning (900) must be below critical (500)"),
    ("equal warning and critical", "alert_thresholds", _rising_with_levels(500, 500),
     "data/alert_thresholds.yaml: alerts[3].warning: warning (500) must be below critical (500)"),
    ("runbook page missing", "alert_thresholds",
     _set(["alerts", 2, "runbook", "page"], "troubleshooting/runbooks/no-such-page.md"),
     "data/alert_thresholds.yaml: alerts[2].runbook.page: no page docs/troubleshooting/runbooks/no-such-page.md"),
    ("runbook anchor missing", "alert_thresholds", _set(["alerts", 2, "runbook", "anchor"], "no-such-anchor"),
     "alerts[2].runbook.anchor: docs/"),
    ("missing cell", "decision_matrix", _delete(["criteria", 4, "cells", "csi"]),
     "data/decision_matrix.yaml: criteria[4].cells: no cell for csi"),
    ("source that cannot be followed", "privileged_endpoints", _set(["endpoints", 0, "source"], "the docs"),
     "data/privileged_endpoints.yaml: endpoints[0].source: 'the docs' is not a source"),
]


def located(expected: str) -> re.Pattern[str]:
    """`file: key: problem` as a pattern that also takes the `line N: ` the loader puts between."""
    file, _, rest = expected.partition(": ")
    return re.compile(re.escape(file) + r": (line \d+: )?" + re.escape(rest))


def broken_data(tmp_path: Path, file: str, mutate: Mutation) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / f"{file}.yaml"
    doc = yaml.safe_load(path.read_text())
    mutate(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    return data


@pytest.mark.parametrize(("name", "file", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_data_is_reported_with_location(tmp_path: Path, name: str, file: str, mutate: Mutation, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        load_all(broken_data(tmp_path, file, mutate), DOCS_DIR)
    assert any(located(expected).search(p) for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize("file", ["alert_thresholds.yaml", "failures/raft.yaml"])
def test_a_problem_of_the_model_names_its_line(tmp_path: Path, file: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / file
    text = path.read_text()
    path.write_text(text + "colour: red\n")
    line = text.count("\n") + 1
    assert f"data/{file}: line {line}: colour: unknown key" in load_problems(data)


def test_bad_data_fails_the_real_build_with_its_line(project_copy: Path, tmp_path: Path) -> None:
    path = project_copy / "data" / "alert_thresholds.yaml"
    text = path.read_text()
    first = text.index("    comparison: ")
    path.write_text(text[:first] + "    colour: red\n" + text[first:])
    line = text[:first].count("\n") + 1

    result = run_build(project_copy, tmp_path / "site", timeout=600)

    assert result.returncode != 0, "the build passed"
    assert f"data/alert_thresholds.yaml: line {line}: alerts[0].colour: unknown key" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def load_problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_all(data, DOCS_DIR)
    return caught.value.problems


def copied_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    data = copied_data(tmp_path)
    path = data / "privileged_endpoints.yaml"
    lines = path.read_text().splitlines()
    lines.insert(3, "  - id: [unclosed")
    path.write_text("\n".join(lines) + "\n")

    assert any("data/privileged_endpoints.yaml: YAML syntax error at line" in p for p in load_problems(data))


def test_key_given_twice_is_an_error(tmp_path: Path) -> None:
    data = copied_data(tmp_path)
    path = data / "alert_thresholds.yaml"
    text = path.read_text()
    first = text.index("    alert: ")
    path.write_text(text[:first] + "    alert: DuplicatedKey\n" + text[first:])

    assert any("key 'alert' appears twice" in p for p in load_problems(data))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = copied_data(tmp_path)
    path = data / "alert_thresholds.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["alerts"][0]["unit"] = "furlongs"
    doc["alerts"][1]["for"] = "soon"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))

    problems = "\n".join(load_problems(data))
    assert "alerts[0].unit:" in problems and "alerts[1].for:" in problems
