"""Vault HCL: server configuration and ACL policies.

Every HCL block must parse (python-hcl2). A block is then read as one of:

* an ACL policy (only ``path "..." {}`` blocks): each path has known keys, a non-empty list of
  real capabilities, and a glob ``*`` only at its end;
* a Vault server configuration: top-level keys, and the keys of ``storage "raft"`` (and its
  ``retry_join``), ``listener "tcp"``, each ``seal "<type>"``, ``telemetry`` and
  ``service_registration "kubernetes"`` must be keys Vault reads (data/examples/hcl_keys.yaml);
* Vault Agent or Terraform configuration, recognised by their top-level keys: parsed only.
"""

from __future__ import annotations

import functools
from typing import Any

import hcl2
import yaml

from .collect import Block
from .paths import HCL_KEYS

AGENT_KEYS = frozenset({"auto_auth", "template", "template_config", "cache", "api_proxy", "vault",
                        "exit_after_auth", "env_template", "exec"})
TERRAFORM_KEYS = frozenset({"resource", "provider", "terraform", "variable", "data", "module", "output", "locals"})
# Service-registration types Vault's server command registers; only kubernetes is key-checked.
KNOWN_SERVICE_REGISTRATIONS = frozenset({"kubernetes", "consul"})


@functools.cache
def allowed() -> dict[str, Any]:
    return yaml.safe_load(HCL_KEYS.read_text(encoding="utf-8"))


def _unquote(value: Any) -> Any:
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _body_keys(body: dict[str, Any]) -> list[str]:
    return [k for k in body if not k.startswith("__")]


def _blocks(value: Any) -> list[dict[str, Any]]:
    """The bodies of a repeated block (python-hcl2 gives a list of dicts)."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return [value] if isinstance(value, dict) else []


def _labelled(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """[(label, body)] for a labelled stanza such as storage "raft" { ... }."""
    out: list[tuple[str, dict[str, Any]]] = []
    for item in _blocks(value):
        for label, body in item.items():
            if not label.startswith("__") and isinstance(body, dict):
                out.append((str(_unquote(label)), body))
    return out


def parse(text: str) -> dict[str, Any]:
    return hcl2.loads(text if text.endswith("\n") else text + "\n")


def parse_error(exc: Exception) -> str:
    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    where = f"line {line}, column {column}: " if line is not None and line != -1 else ""
    return f"HCL does not parse: {where}{first}"


def _unknown(keys: list[str], known: list[str], stanza: str) -> list[str]:
    return [f"{stanza}: unknown key {k!r} (not a Vault configuration key)" for k in keys if k not in known]


def check_policy(doc: dict[str, Any]) -> list[str]:
    spec = allowed()["policy"]
    problems: list[str] = []
    for path, body in _labelled(doc["path"]):
        name = f'path "{path}"'
        problems += [f"{name}: unknown key {k!r} in a policy" for k in _body_keys(body) if k not in spec["keys"]]
        caps = [_unquote(c) for c in body.get("capabilities", [])] if isinstance(body.get("capabilities"), list) else None
        if not caps:
            problems.append(f"{name}: capabilities must be a non-empty list")
        else:
            problems += [f"{name}: {c!r} is not a capability ({', '.join(spec['capabilities'])})"
                         for c in caps if c not in spec["capabilities"]]
        if "*" in path[:-1]:
            problems.append(f"{name}: a glob * is only allowed at the end of a path (use + for one segment)")
        if not path:
            problems.append("a policy path is empty")
    return problems


def check_server_config(doc: dict[str, Any]) -> list[str]:
    spec = allowed()
    problems = _unknown(_body_keys(doc), spec["top_level"]["keys"], "top level")

    for key in ("storage", "ha_storage"):
        for label, body in _labelled(doc.get(key)):
            if label == "raft":
                raft = spec["storage"]["raft"]
                problems += _unknown(_body_keys(body), raft["keys"], f'{key} "raft"')
                for join in _blocks(body.get("retry_join")):
                    problems += _unknown(_body_keys(join), raft["blocks"]["retry_join"]["keys"], "retry_join")

    for label, body in _labelled(doc.get("listener")):
        listener = spec["listener"].get(label)
        if listener is None:
            problems.append(f'listener "{label}": unknown listener type (Vault has tcp and unix)')
            continue
        if listener.get("open"):
            continue
        sub_blocks = listener.get("blocks", {})
        problems += _unknown([k for k in _body_keys(body) if k not in sub_blocks], listener["keys"], f'listener "{label}"')
        for name, sub in sub_blocks.items():
            if sub.get("open"):
                continue
            for sub_body in _blocks(body.get(name)):
                problems += _unknown(_body_keys(sub_body), sub["keys"], f'listener "{label}" {name}')

    for label, body in _labelled(doc.get("seal")):
        seal = spec["seal"].get(label)
        if seal is None:
            problems.append(f'seal "{label}": unknown seal type ({", ".join(sorted(spec["seal"]))})')
            continue
        problems += _unknown(_body_keys(body), seal["keys"] + spec["seal_common"]["keys"], f'seal "{label}"')

    for body in _blocks(doc.get("telemetry")):
        problems += _unknown(_body_keys(body), spec["telemetry"]["keys"], "telemetry")

    for label, body in _labelled(doc.get("service_registration")):
        registration = spec["service_registration"].get(label)
        if registration is not None:
            problems += _unknown(_body_keys(body), registration["keys"], f'service_registration "{label}"')
        elif label not in KNOWN_SERVICE_REGISTRATIONS:
            problems.append(f'service_registration "{label}": unknown type (kubernetes or consul)')
    return problems


def kind_of(doc: dict[str, Any]) -> str:
    keys = set(_body_keys(doc))
    if keys == {"path"}:
        return "policy"
    if keys & AGENT_KEYS:
        return "agent"
    if keys & TERRAFORM_KEYS:
        return "terraform"
    return "server"


def check_text(text: str) -> list[str]:
    """Problems with one HCL document, without a location (callers add it)."""
    try:
        doc = parse(text)
    except Exception as exc:  # noqa: BLE001 - python-hcl2 raises lark errors and its own, unrelated types
        return [parse_error(exc)]
    kind = kind_of(doc)
    if kind == "policy":
        return check_policy(doc)
    if kind == "server":
        return check_server_config(doc)
    return []


def check_config_object(config: dict[str, Any]) -> list[str]:
    """Server configuration given as JSON (a Helm values object): same key rules as HCL."""
    doc: dict[str, Any] = {}
    for key, value in config.items():
        # JSON config writes labelled stanzas as {"storage": {"raft": {...}}}; turn them into
        # python-hcl2's shape so one checker serves both.
        if key in ("storage", "ha_storage", "listener", "seal", "service_registration") and isinstance(value, dict):
            doc[key] = [{f'"{label}"': body} for label, body in value.items()]
        elif key in ("storage", "ha_storage", "listener", "seal", "service_registration") and isinstance(value, list):
            doc[key] = [{f'"{label}"': body} for item in value for label, body in item.items()]
        else:
            doc[key] = value
    return check_server_config(doc)


def check(block: Block) -> list[str]:
    return [f"{block.where}: {p}" for p in check_text(block.text)]
