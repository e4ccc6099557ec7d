"""Say what a code block is, from its language tag and its content.

A block can be several kinds at once: a PrometheusRule is a Kubernetes manifest whose `expr`
fields are PromQL. Every block is also scanned for secrets and insecure settings; those two
scans are not kinds (see `runner`).
"""

from __future__ import annotations

import functools
import json
from typing import Any

import yaml

from macros.lint.discover import HELM_TOP_LEVEL as _HELM_TOP_LEVEL
from macros.lint.manifests import is_manifest
from macros.loading import UniqueKeyLoader

from .collect import Block

KUBERNETES = "kubernetes"
HELM = "helm"
HCL = "hcl"
SHELL = "shell"
PROMQL = "promql"
JSON = "json"
YAML = "yaml"
OTHER = "other"
KINDS = (KUBERNETES, HELM, HCL, SHELL, PROMQL, JSON, YAML, OTHER)

SHELL_LANGUAGES = frozenset({"shell", "bash", "sh", "console", "zsh", "shell-session"})
YAML_LANGUAGES = frozenset({"yaml", "yml"})
JSON_LANGUAGES = frozenset({"json"})
HCL_LANGUAGES = frozenset({"hcl", "terraform", "tf"})
PROMQL_LANGUAGES = frozenset({"promql"})

# Top-level keys of the hashicorp/vault chart's values.yaml (macros/lint/discover.py, shared with
# the linter). A YAML block whose keys are all among these is a values file even without a title.
HELM_TOP_LEVEL = _HELM_TOP_LEVEL


class YamlLoadError(Exception):
    pass


@functools.lru_cache(maxsize=4096)
def yaml_documents(text: str) -> tuple[Any, ...]:
    """All documents of a YAML block, empty ones dropped. Cached: several checkers read them."""
    try:
        return tuple(doc for doc in yaml.load_all(text, Loader=UniqueKeyLoader) if doc is not None)
    except yaml.YAMLError as exc:
        raise YamlLoadError(" ".join(str(exc).split())) from exc


def is_rule_file(doc: Any) -> bool:
    """A Prometheus rule file (or a PrometheusRule spec): groups of rules."""
    groups = doc.get("groups") if isinstance(doc, dict) else None
    return isinstance(groups, list) and any(isinstance(g, dict) and "rules" in g for g in groups)


def is_helm_values(block: Block) -> bool:
    if block.language not in YAML_LANGUAGES:
        return False
    if block.title.lower().startswith("values"):
        return True
    try:
        docs = yaml_documents(block.text)
    except YamlLoadError:
        return False
    return len(docs) == 1 and isinstance(docs[0], dict) and bool(docs[0]) and set(docs[0]) <= HELM_TOP_LEVEL


def kinds_of(block: Block) -> tuple[str, ...]:
    """The kinds a block is checked as, in a stable order."""
    lang = block.language
    if lang in YAML_LANGUAGES:
        if is_helm_values(block):
            return (HELM,)
        try:
            docs = yaml_documents(block.text)
        except YamlLoadError:
            return (YAML,)  # the YAML checker reports that it does not load
        kinds: list[str] = []
        if any(is_manifest(d) for d in docs):
            kinds.append(KUBERNETES)
        if any(is_rule_file(d) or (is_manifest(d) and d.get("kind") == "PrometheusRule") for d in docs):
            kinds.append(PROMQL)
        if any(not is_manifest(d) and not is_rule_file(d) for d in docs) or not docs:
            kinds.append(YAML)
        return tuple(kinds)
    if lang in JSON_LANGUAGES:
        try:
            doc = json.loads(block.text)
        except ValueError:
            return (JSON,)  # the JSON checker reports that it does not load
        return (KUBERNETES, JSON) if is_manifest(doc) else (JSON,)
    if lang in HCL_LANGUAGES:
        return (HCL,)
    if lang in SHELL_LANGUAGES:
        return (SHELL,)
    if lang in PROMQL_LANGUAGES:
        return (PROMQL,)
    return (OTHER,)
