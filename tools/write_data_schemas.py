"""Write a JSON Schema for every data file from its pydantic model, for editors.

    python tools/write_data_schemas.py [--check]

Writes data/schemas/<name>.json (and failures.json for data/failures/<area>.yaml), which
.vscode/settings.json maps to the files so an editor with a YAML language server validates while
you type. --check exits 1 if a schema on disk differs from its model (tests/test_data_schemas.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.datasets import DATASETS
from macros.models.failures import FailureArea

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


def schemas() -> dict[str, str]:
    models = {name: dataset.model for name, dataset in DATASETS.items()} | {"failures": FailureArea}
    return {name: json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
            for name, model in sorted(models.items())}


def main(argv: list[str]) -> int:
    wanted = schemas()
    if "--check" in argv:
        stale = [n for n, text in wanted.items()
                 if not (SCHEMA_DIR / f"{n}.json").is_file() or (SCHEMA_DIR / f"{n}.json").read_text() != text]
        extra = sorted(p.stem for p in SCHEMA_DIR.glob("*.json") if p.stem not in wanted)
        for name in stale + extra:
            print(f"data/schemas/{name}.json is out of date: run python tools/write_data_schemas.py", file=sys.stderr)
        return 1 if stale or extra else 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in wanted.items():
        (SCHEMA_DIR / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(wanted)} schemas to data/schemas/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
