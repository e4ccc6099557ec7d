"""Kubernetes manifests: VSO resources and SecretProviderClasses against their CRD schemas and the
handbook's rules, and pod templates with `vault.hashicorp.com/*` annotations against the
injector's annotation data (data/injector_annotations.yaml).

The CRD schemas are the ones the examples checker uses, in tests/schemas/crds/
(tools/derive_crd_schemas.py derives them from the upstream CRDs).
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import yaml

from .findings import Hit
from .rules import CRD_SCHEMAS_DIR, csi_parameters, injector_annotations
from .yaml_lines import Path, YamlDoc

VSO_GROUP = "secrets.hashicorp.com"
SPC_GROUP = "secrets-store.csi.x-k8s.io"
ANNOTATION_PREFIX = "vault.hashicorp.com/"
# VSO's kubebuilder marker on tokenExpirationSeconds (api/v1beta1/vaultauth_types.go).
MIN_TOKEN_EXPIRATION_SECONDS = 600
# Where each workload kind keeps its pod template.
POD_TEMPLATE: dict[str, Path] = {
    "Pod": (),
    "Deployment": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}
RUN_TO_COMPLETION = frozenset({"Job", "CronJob"})
# Keys the Secrets Store CSI driver adds to the parameters itself (csi-provider page).
DRIVER_PARAMETER = re.compile(r"^csi\.storage\.k8s\.io/")

_BOOL = frozenset({"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"})
_DURATION = re.compile(r"^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$")
VALUE_FORMS = {
    "bool": ("true or false", lambda v: v in _BOOL),
    "int": ("a whole number", lambda v: v == "" or re.fullmatch(r"[-+]?\d+", v) is not None),
    "uint": ("a whole number of 0 or more", lambda v: re.fullmatch(r"\+?\d+", v) is not None),
    "float": ("a number", lambda v: re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", v) is not None),
    "duration": ("a Go duration such as 1s or 5m", lambda v: v == "" or _DURATION.match(v) is not None),
}


@functools.cache
def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """{(apiVersion, kind): JSON Schema} for every derived CRD schema."""
    schemas: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(CRD_SCHEMAS_DIR.rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        gvk = schema["x-kubernetes-group-version-kind"]
        schemas[(f"{gvk['group']}/{gvk['version']}", gvk["kind"])] = schema
    return schemas


def json_name(value: Any) -> str:
    """How YAML/JSON calls a value's type, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "null" if value is None else "a string"


def is_manifest(doc: Any) -> bool:
    return isinstance(doc, dict) and "apiVersion" in doc and "kind" in doc


def _get(node: Any, path: Path) -> Any:
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def _name(doc: dict[str, Any]) -> str:
    metadata = doc.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return f"{doc.get('kind')} {name or '?'}"


def _schema_hits(doc: YamlDoc, schema: dict[str, Any], label: str, rule: str) -> list[Hit]:
    hits = []
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc.value),
                    key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "minimum" and path and path[-1] == "tokenExpirationSeconds":
            continue  # reported by vso-token-expiration-min, with the reason
        if error.validator == "type" and path[:2] == ("spec", "parameters") and len(path) == 3:
            continue  # reported by spc-parameter-not-string, with the fix
        where = ".".join(str(p) for p in path) or "(document)"
        line = doc.line(path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            extra = [k for k in error.instance if k not in allowed]
            if extra:
                line = doc.line((*path, extra[0]))  # the unexpected key's own line
        hits.append(Hit(rule, line, f"{label}: at {where}: {error.message}"))
    return hits


def _vso_hits(doc: YamlDoc, label: str) -> list[Hit]:
    value, hits = doc.value, []
    spec = value.get("spec") if isinstance(value.get("spec"), dict) else {}
    mount_key = {"VaultAuth": "mount", "VaultAuthGlobal": "defaultMount"}.get(str(value.get("kind")))
    mount = spec.get(mount_key) if mount_key else None
    if isinstance(mount, str) and mount.startswith("auth/"):
        hits.append(Hit("vso-auth-mount-prefix", doc.line(("spec", mount_key)),
                        f"{label}: spec.{mount_key} {mount!r} starts with auth/; write the mount path without it "
                        f"({mount.removeprefix('auth/')!r})"))
    if value.get("kind") in ("VaultAuth", "VaultAuthGlobal"):
        for method in ("kubernetes", "jwt"):
            seconds = _get(spec, (method, "tokenExpirationSeconds"))
            if isinstance(seconds, int) and not isinstance(seconds, bool) and seconds < MIN_TOKEN_EXPIRATION_SECONDS:
                hits.append(Hit("vso-token-expiration-min", doc.line(("spec", method, "tokenExpirationSeconds")),
                                f"{label}: spec.{method}.tokenExpirationSeconds is {seconds}; VSO's minimum "
                                f"(and default) is {MIN_TOKEN_EXPIRATION_SECONDS}"))
    return hits


def _spc_hits(doc: YamlDoc, label: str) -> list[Hit]:
    value, hits = doc.value, []
    spec = value.get("spec") if isinstance(value.get("spec"), dict) else {}
    if spec.get("provider") != "vault" or not isinstance(spec.get("parameters"), dict):
        return hits
    parameters: dict[str, Any] = spec["parameters"]
    known = [p.key for p in csi_parameters().parameters]
    for key, item in parameters.items():
        at = ("spec", "parameters", key)
        if not isinstance(item, str):
            hits.append(Hit("spc-parameter-not-string", doc.line(at),
                            f"{label}: spec.parameters.{key} is {json_name(item)} {json.dumps(item)}; every parameter "
                            "value is a string (quote it)"))
        if key not in known and not DRIVER_PARAMETER.match(str(key)):
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            hits.append(Hit("spc-unknown-parameter", doc.line(at),
                            f"{label}: spec.parameters.{key} is not a parameter the Vault CSI provider reads{hint}"))
    if "vaultKubernetesMountPath" in parameters and "vaultAuthMountPath" in parameters:
        hits.append(Hit("spc-both-mount-paths", doc.line(("spec", "parameters", "vaultAuthMountPath")),
                        f"{label}: both vaultKubernetesMountPath and vaultAuthMountPath are set; the provider "
                        "refuses the mount (cannot set both vaultKubernetesMountPath and vaultAuthMountPath)"))
    objects = parameters.get("objects")
    if isinstance(objects, str):
        start = doc.content_lines.get(("spec", "parameters", "objects"), doc.line(("spec", "parameters", "objects")))
        try:
            parsed = yaml.safe_load(objects)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = start + mark.line if mark is not None else start
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            hits.append(Hit("spc-objects-invalid", line,
                            f"{label}: spec.parameters.objects does not parse as YAML: {problem}"))
        else:
            if not isinstance(parsed, list) or not parsed or not all(isinstance(o, dict) for o in parsed):
                hits.append(Hit("spc-objects-invalid", start - 1 if start > 1 else start,
                                f"{label}: spec.parameters.objects must be a YAML list of objects "
                                "(objectName, secretPath, secretKey)"))
    return hits


@functools.cache
def _annotation_index() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """({exact name: value type}, {templated prefix: value type}, every name for did-you-mean)."""
    exact: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for row in injector_annotations().annotations:
        if row.templated:
            prefixes[row.annotation.split("-<", 1)[0] + "-"] = row.value_type
        else:
            exact[row.annotation] = row.value_type
    names = [*exact, *(p + "<name>" for p in prefixes)]
    return exact, prefixes, names


def annotation_type(name: str) -> str | None:
    """The value type of a known annotation, None for a name the injector does not read."""
    exact, prefixes, _ = _annotation_index()
    if name in exact:
        return exact[name]
    # The longest matching prefix: agent-inject-template-file-<name> before agent-inject-template-<name>.
    for prefix in sorted(prefixes, key=len, reverse=True):
        if name.startswith(prefix) and len(name) > len(prefix):
            return prefixes[prefix]
    return None


def _pod_template_hits(doc: YamlDoc, kind: str, label: str) -> list[Hit]:
    base = POD_TEMPLATE[kind]
    at = (*base, "metadata", "annotations")
    annotations = _get(doc.value, at)
    if not isinstance(annotations, dict):
        return []
    hits = []
    vault = {k: v for k, v in annotations.items() if isinstance(k, str) and k.startswith(ANNOTATION_PREFIX)}
    _, _, names = _annotation_index()
    for name, item in vault.items():
        line = doc.line((*at, name))
        value_type = annotation_type(name)
        if value_type is None:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]}?)" if close else ""
            hits.append(Hit("injector-unknown-annotation", line,
                            f"{label}: {name} is not an annotation the injector reads; it is ignored{hint}"))
            continue
        if not isinstance(item, str):
            hits.append(Hit("injector-annotation-type", line,
                            f"{label}: {name} is {json_name(item)} ({json.dumps(item)}); annotation values "
                            "are strings (quote it)"))
            continue
        if value_type in VALUE_FORMS:
            what, ok = VALUE_FORMS[value_type]
            if not ok(item.strip()):
                hits.append(Hit("injector-annotation-type", line,
                                f"{label}: {name}: {item!r} is not {what}; the injector refuses the pod"))
    auth_path = vault.get(ANNOTATION_PREFIX + "auth-path")
    if isinstance(auth_path, str) and not auth_path.strip("/").startswith("auth/"):
        hits.append(Hit("injector-auth-path-prefix", doc.line((*at, ANNOTATION_PREFIX + "auth-path")),
                        f"{label}: vault.hashicorp.com/auth-path {auth_path!r} has no auth/ prefix; the injector "
                        f"takes the full path (auth/{auth_path.strip('/')})"))
    inject = vault.get(ANNOTATION_PREFIX + "agent-inject")
    if kind in RUN_TO_COMPLETION and isinstance(inject, str) and inject.strip().lower() in ("1", "t", "true"):
        only = vault.get(ANNOTATION_PREFIX + "agent-pre-populate-only")
        if not (isinstance(only, str) and only.strip().lower() in ("1", "t", "true")):
            hits.append(Hit("injector-job-sidecar", doc.line((*at, ANNOTATION_PREFIX + "agent-inject")),
                            f"{label}: a {kind} with agent-inject but without "
                            "vault.hashicorp.com/agent-pre-populate-only: \"true\"; the vault-agent sidecar never "
                            "exits, so the Job never completes"))
    return hits


def lint(doc: YamlDoc) -> list[Hit]:
    """Hits for one manifest document (not a manifest: nothing)."""
    value = doc.value
    if not is_manifest(value):
        return []
    api_version, kind = str(value.get("apiVersion")), str(value.get("kind"))
    label = _name(value)
    group = api_version.partition("/")[0]
    hits: list[Hit] = []
    if group in (VSO_GROUP, SPC_GROUP):
        rule = "vso-crd-schema" if group == VSO_GROUP else "spc-crd-schema"
        schema = crd_schemas().get((api_version, kind))
        if schema is None:
            hits.append(Hit(rule, doc.start, f"{label}: {kind} {api_version} is not a kind of the CRDs the "
                                             "handbook targets"))
        else:
            hits += _schema_hits(doc, schema, label, rule)
        hits += _vso_hits(doc, label) if group == VSO_GROUP else _spc_hits(doc, label)
    if kind in POD_TEMPLATE:
        hits += _pod_template_hits(doc, kind, label)
    return hits


def manifests(docs: list[YamlDoc]) -> Iterator[YamlDoc]:
    return (d for d in docs if is_manifest(d.value))
