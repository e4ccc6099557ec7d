"""The JSON Schemas editors use for data/*.yaml (data/schemas/) are the models' own, up to date."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROJECT


def test_schemas_match_the_models() -> None:
    result = subprocess.run([sys.executable, "tools/write_data_schemas.py", "--check"], cwd=PROJECT,
                            capture_output=True, text=True, env={"PYTHONPATH": str(PROJECT)})
    assert result.returncode == 0, result.stderr


def test_every_data_file_is_mapped_to_its_schema() -> None:
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {glob for globs in settings["yaml.schemas"].values() for glob in globs}
    for schema in (PROJECT / "data" / "schemas").glob("*.json"):
        target = "data/failures/*.yaml" if schema.stem == "failures" else f"data/{schema.stem}.yaml"
        assert target in mapped, f"{target} has no schema mapping in .vscode/settings.json"
