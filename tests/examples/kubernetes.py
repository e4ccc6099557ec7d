"""Kubernetes manifests: every document validates as what the API server would accept.

Built-in kinds are validated with kubernetes-validate's bundled schemas in strict mode (unknown
fields are errors), offline. Custom resources (VSO, SecretProviderClass, PrometheusRule,
ServiceMonitor) are validated against the schemas in tests/schemas/crds/, which
tools/derive_crd_schemas.py derives from the upstream CRDs. A custom resource without a schema
there is an error: an example nobody can check is not one we publish.

Inside a manifest the checker also looks at what is itself an example: `vault` commands and
shell scripts in container command/args, and Vault HCL in ConfigMap keys ending in .hcl. A
container's `vault` command that needs a token must get one: VAULT_TOKEN in the container's
env, or set (or `vault login`) in its script (see tests/examples/shell.py).
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import kubernetes_validate
import kubernetes_validate.utils

from macros.lint.manifests import crd_schemas  # one loader for the linter and the checker

from . import hcl, shell
from .classify import YamlLoadError, is_manifest, yaml_documents
from .collect import Block

# Why 1.35: Vault 2.x is tested on Kubernetes 1.29–1.35 and VSO 1.6 on 1.32–1.36; 1.35 is the
# newest version both support. kubernetes-validate falls back to the newest bundled schema
# that is not newer than this.
KUBERNETES_VERSION = "1.35"


@functools.cache
def _builtin_group_labels() -> frozenset[str]:
    """First labels of the API groups kubernetes-validate has schemas for (apps, rbac, ...)."""
    root = importlib.resources.files("kubernetes_validate") / "kubernetes-json-schema"
    wanted = tuple(int(n) for n in KUBERNETES_VERSION.split("."))
    version = [v for v in kubernetes_validate.utils.all_versions()
               if tuple(int(n) for n in v.split(".")[:2]) <= wanted][-1]
    names = [p.name for p in (root / f"v{version}-local-strict").iterdir()]
    return frozenset(re.sub(r"^[a-z0-9]+-", "", n).split("-")[0] for n in names if n.endswith(".json"))


def _is_builtin_group(api_version: str) -> bool:
    """Whether an apiVersion belongs to Kubernetes itself rather than to a CRD.

    gateway.networking.k8s.io ends in k8s.io but is a CRD: the first label decides.
    """
    if "/" not in api_version:
        return True  # the core group: v1
    group = api_version.split("/")[0]
    if "." in group and not group.endswith(".k8s.io"):
        return False
    return group.split(".")[0] in _builtin_group_labels()


def _path(error: jsonschema.ValidationError) -> str:
    out = ""
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def _messages(errors: Iterator[jsonschema.ValidationError]) -> list[str]:
    found = sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"at {_path(e)}: {e.message}" for e in found]


def validate_manifest(doc: dict[str, Any]) -> list[str]:
    """Problems with one manifest, without the block's location."""
    api_version, kind = str(doc.get("apiVersion")), str(doc.get("kind"))
    problems: list[str] = []
    metadata = doc.get("metadata")
    if not isinstance(metadata, dict) or not (metadata.get("name") or metadata.get("generateName")):
        problems.append("metadata.name is missing: kubectl apply needs a name")
    schema = crd_schemas().get((api_version, kind))
    if schema is not None:
        validator = jsonschema.Draft202012Validator(schema)
        return problems + _messages(validator.iter_errors(doc))
    try:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        problems.append(f"at {_path(exc)}: {exc.message}")
    except kubernetes_validate.SchemaNotFoundError:
        if not _is_builtin_group(api_version):
            problems.append(
                f"custom resource {kind} ({api_version}) has no schema in tests/schemas/crds: "
                "derive one from its CRD with tools/derive_crd_schemas.py"
            )
        else:
            problems.append(f"{kind} {api_version} is not an API of Kubernetes {KUBERNETES_VERSION}")
    except (kubernetes_validate.InvalidSchemaError, kubernetes_validate.VersionNotSupportedError) as exc:
        problems.append(f"cannot validate: {exc.message}")
    return problems


def _containers(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        for key in ("containers", "initContainers"):
            items = node.get(key)
            if isinstance(items, list):
                yield from (c for c in items if isinstance(c, dict))
        for value in node.values():
            yield from _containers(value)
    elif isinstance(node, list):
        for item in node:
            yield from _containers(item)


def embedded_examples(doc: dict[str, Any]) -> list[str]:
    """Problems in commands and configuration carried inside a manifest."""
    problems: list[str] = []
    for container in _containers(doc):
        argv = [str(a) for a in (container.get("command") or []) + (container.get("args") or [])]
        if not argv:
            continue
        name = container.get("name", "?")
        program = argv[0].rsplit("/", 1)[-1]
        env = container.get("env") if isinstance(container.get("env"), list) else []
        token_in_env = [f"VAULT_TOKEN={e.get('value', '<from valueFrom>')}" for e in env
                        if isinstance(e, dict) and e.get("name") == "VAULT_TOKEN"]
        where = f"in container {name}"
        if program == "vault":
            problems += [f"container {name}: {p}" for p in shell.check_vault_argv(argv[1:])]
            if not token_in_env and (path := shell.needs_token(argv[1:])) is not None:
                problems.append(f"container {name}: {shell.missing_token(path, where)}")
        elif (script := shell.shell_c_script(argv)) is not None:
            problems += [f"container {name} script: {p}" for p in shell.check_script(
                script, in_pod=where, assignments=tuple(token_in_env))]
    if doc.get("kind") == "ConfigMap" and isinstance(doc.get("data"), dict):
        for key, value in doc["data"].items():
            if str(key).endswith(".hcl") and isinstance(value, str):
                problems += [f"data[{key}]: {p}" for p in hcl.check_text(value)]
    return problems


def check(block: Block) -> list[str]:
    """Problems with the manifests in a YAML or JSON block."""
    try:
        docs = yaml_documents(block.text)
    except YamlLoadError as exc:
        return [f"{block.where}: does not load: {exc}"]
    problems: list[str] = []
    manifests = [d for d in docs if is_manifest(d)]
    for number, doc in enumerate(docs, start=1):
        if not is_manifest(doc):
            continue
        name = (doc.get("metadata") or {}).get("name", "?") if isinstance(doc.get("metadata"), dict) else "?"
        label = f"{doc['kind']} {name}" if len(manifests) == 1 else f"document {number}, {doc['kind']} {name}"
        for problem in validate_manifest(doc) + embedded_examples(doc):
            problems.append(f"{block.where}: {label}: {problem}")
    return problems
