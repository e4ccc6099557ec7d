"""Find the files to check under the paths given, and say what kind each is.

* `*.hcl`: Vault server configuration (policies, Agent and Terraform files parse, and are not
  checked further).
* `values*.yaml` / `values*.yml` (any folder): values of the hashicorp/vault chart; so is a YAML
  file whose top-level keys are all the chart's (`global`, `injector`, `server`, ...).
* Any other `.yaml`, `.yml` or `.json` file with `apiVersion` and `kind`: Kubernetes manifests.

Anything else is skipped and reported: a named file of another kind, a YAML file that is neither
values nor manifests, a Helm template (it holds `{{ }}` and is not YAML until rendered).
Folders are walked recursively, leaving out hidden folders and `node_modules`; files there of
other extensions (README.md, …) are not reported.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .manifests import is_manifest
from .yaml_lines import YamlDoc, YamlSyntaxError, load_documents

VALUES, HCL, MANIFEST, SKIPPED, UNREADABLE = "values", "hcl", "manifest", "skipped", "unreadable"
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
CONFIG_SUFFIXES = YAML_SUFFIXES | {".json", ".hcl"}
# Top-level keys of the hashicorp/vault chart's values.yaml.
HELM_TOP_LEVEL = frozenset({"global", "injector", "server", "ui", "csi", "serverTelemetry"})
SKIP_DIRS = frozenset({"node_modules", "__pycache__"})


@dataclass
class File:
    path: Path
    kind: str
    text: str = ""
    docs: list[YamlDoc] = field(default_factory=list)
    reason: str = ""  # why it was skipped or could not be read
    line: int | None = None  # where it could not be read

    @property
    def name(self) -> str:
        return str(self.path)


def walk(paths: list[Path]) -> Iterator[tuple[Path, bool]]:
    """(file, named) for each file under paths; named: given on the command line itself."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for name in sorted(files):
                    yield Path(root) / name, False
        else:
            yield path, True


def classify(path: Path, named: bool) -> File | None:
    """The file and its kind; None for a file in a folder that is not a configuration file."""
    suffix = path.suffix.lower()
    if suffix not in CONFIG_SUFFIXES:
        if not named:
            return None
        return File(path, SKIPPED, reason="not a kind the linter checks (values*.yaml, *.hcl, manifests)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return File(path, UNREADABLE, reason="not UTF-8 text")
    except OSError as exc:
        return File(path, UNREADABLE, reason=f"cannot be read: {exc.strerror or exc}")
    if suffix == ".hcl":
        return File(path, HCL, text=text)
    if suffix == ".json":
        try:
            json.loads(text)
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            return File(path, UNREADABLE, text=text, line=line,
                        reason=f"JSON does not load: {getattr(exc, 'msg', exc)}")
    try:
        docs = load_documents(text)
    except YamlSyntaxError as exc:
        if "{{" in text:
            return File(path, SKIPPED, text=text, reason="a Helm or Go template (holds {{ }}): render it first")
        return File(path, UNREADABLE, text=text, reason=str(exc), line=exc.line)
    if path.name.lower().startswith("values") and suffix in YAML_SUFFIXES:
        return File(path, VALUES, text=text, docs=docs)
    if any(is_manifest(d.value) for d in docs):
        return File(path, MANIFEST, text=text, docs=docs)
    if len(docs) == 1 and isinstance(docs[0].value, dict) and docs[0].value and set(docs[0].value) <= HELM_TOP_LEVEL:
        return File(path, VALUES, text=text, docs=docs)
    return File(path, SKIPPED, text=text,
                reason="neither vault chart values (name it values*.yaml) nor Kubernetes manifests (apiVersion, kind)")


def discover(paths: list[Path]) -> list[File]:
    found = []
    for path, named in walk(paths):
        file = classify(path, named)
        if file is not None:
            found.append(file)
    return found
