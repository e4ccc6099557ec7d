"""The lint rules (data/lint_rules.yaml) and the other data the checks read, loaded with the
handbook's own loader and models, so the linter and the build reject the same broken data."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from ..errors import DataError
from ..loading import DATA_DIR, DOCS_DIR, parse, read_yaml
from ..models.csi_parameters import CsiParameters
from ..models.injector_annotations import InjectorAnnotations
from ..models.lint_rules import LintRule, LintRules
from ..models.lint_rules import problems as rule_problems
from ..urls import page_url

Rule = LintRule

def handbook_root() -> Path:
    """Where the data and schemas are: the checkout (editable install, make lint-config), else the
    copy a plain `pip install` (pre-commit's) puts under <prefix>/share/ (pyproject data-files)."""
    checkout = DATA_DIR.parent
    if (checkout / "data" / "lint_rules.yaml").is_file():
        return checkout
    return Path(sys.prefix) / "share" / "vault-operations-handbook"


ROOT = handbook_root()
LINT_DATA_DIR = ROOT / "data"
SCHEMAS_DIR = ROOT / "tests" / "schemas"  # derived from upstream CRDs and the vault chart
CRD_SCHEMAS_DIR = SCHEMAS_DIR / "crds"
HELM_SCHEMA = SCHEMAS_DIR / "helm" / "vault-0.34.1.json"
HCL_KEYS = LINT_DATA_DIR / "examples" / "hcl_keys.yaml"
MKDOCS_YML = ROOT / "mkdocs.yml"  # for the site URL findings link to


def _load(name: str, model: type) -> object:
    label = f"data/{name}.yaml"
    return parse(model, read_yaml(LINT_DATA_DIR / f"{name}.yaml", label), label)


@functools.cache
def rules(data_dir: Path = LINT_DATA_DIR, docs_dir: Path = DOCS_DIR) -> dict[str, Rule]:
    """Every rule by id, in the data's order; DataError if the data is broken.

    The sections are checked against the pages when the pages are there (a checkout; the build
    checks them too); an installed copy has the data but not the pages.
    """
    label = "data/lint_rules.yaml"
    data = parse(LintRules, read_yaml(data_dir / "lint_rules.yaml", label), label)
    found = rule_problems(label, data, docs_dir) if docs_dir.is_dir() else []
    if found:
        raise DataError(found)
    return {rule.id: rule for rule in data.rules}


@functools.cache
def injector_annotations() -> InjectorAnnotations:
    data = _load("injector_annotations", InjectorAnnotations)
    assert isinstance(data, InjectorAnnotations)
    return data


@functools.cache
def csi_parameters() -> CsiParameters:
    data = _load("csi_parameters", CsiParameters)
    assert isinstance(data, CsiParameters)
    return data




def rule_url(rule: Rule, site_url: str) -> str:
    return f"{site_url.rstrip('/')}/{page_url(rule.page)}#{rule.anchor}"
