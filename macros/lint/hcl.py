"""Vault server HCL: which keys Vault reads, where each key stands, and the handbook's rules.

The key rules (top-level keys, and the keys of `storage "raft"` and its `retry_join`,
`listener "tcp"`, each `seal "<type>"`, `telemetry` and `service_registration "kubernetes"`)
come from data/examples/hcl_keys.yaml; the examples checker (tests/examples/hcl.py) and the
linter share them. python-hcl2 gives no line numbers, so `HclLines` reads them from the text:
the line of every block and attribute, by its path of block names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import hcl2
import yaml

from .findings import Hit
from .rules import HCL_KEYS

AGENT_KEYS = frozenset({"auto_auth", "template", "template_config", "cache", "api_proxy", "vault",
                        "exit_after_auth", "env_template", "exec"})
TERRAFORM_KEYS = frozenset({"resource", "provider", "terraform", "variable", "data", "module", "output", "locals"})
# Service-registration types Vault's server command registers; only kubernetes is key-checked.
KNOWN_SERVICE_REGISTRATIONS = frozenset({"kubernetes", "consul"})
LABELLED = ("storage", "ha_storage", "listener", "seal", "service_registration")

Loc = tuple[str, ...]  # block steps "name#n" (the n-th block of that name in its parent), then a key


@dataclass(frozen=True)
class Issue:
    loc: Loc
    message: str
    rule: str = "hcl-unknown-key"


@functools.cache
def allowed() -> dict[str, Any]:
    return yaml.safe_load(HCL_KEYS.read_text(encoding="utf-8"))


def unquote(value: Any) -> Any:
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def body_keys(body: dict[str, Any]) -> list[str]:
    return [k for k in body if not k.startswith("__")]


def blocks(value: Any) -> list[dict[str, Any]]:
    """The bodies of a repeated block (python-hcl2 gives a list of dicts)."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return [value] if isinstance(value, dict) else []


def labelled(value: Any) -> list[tuple[int, str, dict[str, Any]]]:
    """[(n, label, body)] for a labelled stanza such as storage "raft" { ... }; n counts the blocks."""
    out: list[tuple[int, str, dict[str, Any]]] = []
    for n, item in enumerate(blocks(value)):
        for label, body in item.items():
            if not label.startswith("__") and isinstance(body, dict):
                out.append((n, str(unquote(label)), body))
    return out


class HclSyntaxError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def parse(text: str) -> dict[str, Any]:
    return hcl2.loads(text if text.endswith("\n") else text + "\n")


def parse_error(exc: Exception) -> str:
    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    first = re.sub(r"\s+at line \d+, column \d+\.?$", "", first)  # lark repeats the position
    where = f"line {line}, column {column}: " if line is not None and line != -1 else ""
    return f"HCL does not parse: {where}{first}"


def load(text: str) -> dict[str, Any]:
    """Parse, or raise HclSyntaxError with the line python-hcl2 (lark) reports."""
    try:
        return parse(text)
    except Exception as exc:  # noqa: BLE001 - python-hcl2 raises lark errors and its own, unrelated types
        line = getattr(exc, "line", None)
        raise HclSyntaxError(parse_error(exc), line if isinstance(line, int) and line > 0 else None) from None


def _unknown(loc: Loc, keys: list[str], known: list[str], stanza: str) -> list[Issue]:
    return [Issue((*loc, k), f"{stanza}: unknown key {k!r} (not a Vault configuration key)")
            for k in keys if k not in known]


def policy_problems(doc: dict[str, Any]) -> list[str]:
    spec = allowed()["policy"]
    problems: list[str] = []
    for _, path, body in labelled(doc["path"]):
        name = f'path "{path}"'
        problems += [f"{name}: unknown key {k!r} in a policy" for k in body_keys(body) if k not in spec["keys"]]
        listed = body.get("capabilities")
        caps = [unquote(c) for c in listed] if isinstance(listed, list) else None
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


def key_issues(doc: dict[str, Any]) -> list[Issue]:
    """Keys Vault does not read, each with where it stands."""
    spec = allowed()
    issues = _unknown((), body_keys(doc), spec["top_level"]["keys"], "top level")

    for key in ("storage", "ha_storage"):
        for n, label, body in labelled(doc.get(key)):
            if label == "raft":
                raft = spec["storage"]["raft"]
                loc = (f"{key}#{n}",)
                issues += _unknown(loc, body_keys(body), raft["keys"], f'{key} "raft"')
                for j, join in enumerate(blocks(body.get("retry_join"))):
                    issues += _unknown((*loc, f"retry_join#{j}"), body_keys(join),
                                       raft["blocks"]["retry_join"]["keys"], "retry_join")

    for n, label, body in labelled(doc.get("listener")):
        loc = (f"listener#{n}",)
        listener = spec["listener"].get(label)
        if listener is None:
            issues.append(Issue(loc, f'listener "{label}": unknown listener type (Vault has tcp and unix)'))
            continue
        if listener.get("open"):
            continue
        sub_blocks = listener.get("blocks", {})
        keys = [k for k in body_keys(body) if k not in sub_blocks]
        issues += _unknown(loc, keys, listener["keys"], f'listener "{label}"')
        for name, sub in sub_blocks.items():
            if sub.get("open"):
                continue
            for s, sub_body in enumerate(blocks(body.get(name))):
                issues += _unknown((*loc, f"{name}#{s}"), body_keys(sub_body), sub["keys"],
                                   f'listener "{label}" {name}')

    for n, label, body in labelled(doc.get("seal")):
        loc = (f"seal#{n}",)
        seal = spec["seal"].get(label)
        if seal is None:
            issues.append(Issue(loc, f'seal "{label}": unknown seal type ({", ".join(sorted(spec["seal"]))})'))
            continue
        issues += _unknown(loc, body_keys(body), seal["keys"] + spec["seal_common"]["keys"], f'seal "{label}"')

    for n, body in enumerate(blocks(doc.get("telemetry"))):
        issues += _unknown((f"telemetry#{n}",), body_keys(body), spec["telemetry"]["keys"], "telemetry")

    for n, label, body in labelled(doc.get("service_registration")):
        registration = spec["service_registration"].get(label)
        if registration is not None:
            issues += _unknown((f"service_registration#{n}",), body_keys(body), registration["keys"],
                               f'service_registration "{label}"')
        elif label not in KNOWN_SERVICE_REGISTRATIONS:
            issues.append(Issue((f"service_registration#{n}",),
                                f'service_registration "{label}": unknown type (kubernetes or consul)'))
    return issues


def server_config_problems(doc: dict[str, Any]) -> list[str]:
    return [issue.message for issue in key_issues(doc)]


def kind_of(doc: dict[str, Any]) -> str:
    keys = set(body_keys(doc))
    if keys == {"path"}:
        return "policy"
    if keys & AGENT_KEYS:
        return "agent"
    if keys & TERRAFORM_KEYS:
        return "terraform"
    return "server"


def check_text(text: str) -> list[str]:
    """Problems with one HCL document, without a location (the examples checker adds it)."""
    try:
        doc = load(text)
    except HclSyntaxError as exc:
        return [str(exc)]
    kind = kind_of(doc)
    if kind == "policy":
        return policy_problems(doc)
    if kind == "server":
        return server_config_problems(doc)
    return []


def from_json_config(config: dict[str, Any]) -> dict[str, Any]:
    """Server configuration given as JSON (a Helm values object), in python-hcl2's shape."""
    doc: dict[str, Any] = {}
    for key, value in config.items():
        # JSON config writes labelled stanzas as {"storage": {"raft": {...}}}.
        if key in LABELLED and isinstance(value, dict):
            doc[key] = [{f'"{label}"': body} for label, body in value.items()]
        elif key in LABELLED and isinstance(value, list):
            doc[key] = [{f'"{label}"': body} for item in value for label, body in item.items()]
        else:
            doc[key] = value
    return doc


def check_config_object(config: dict[str, Any]) -> list[str]:
    return server_config_problems(from_json_config(config))


# --- where each key stands ---------------------------------------------------------------------

_COMMENT = re.compile(r"\s*(#|//).*$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BLOCK = re.compile(r'^\s*([A-Za-z_][\w-]*)((?:\s+"")*)\s*\{')
_ATTRIBUTE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")
_HEREDOC = re.compile(r"<<-?\s*([A-Za-z_]\w*)\s*$")


class HclLines:
    """Line numbers of blocks and attributes, by path ("listener#0", "tls_disable")."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Loc, int] = {}
        stack: list[tuple[Loc, dict[str, int]]] = [((), {})]
        heredoc: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            if heredoc is not None:
                if raw.strip() == heredoc:
                    heredoc = None
                continue
            code = _COMMENT.sub("", _STRING.sub('""', raw))  # strings first: "https://..." is no comment
            loc, counts = stack[-1]
            block = _BLOCK.match(code)
            attribute = _ATTRIBUTE.match(code)
            if block:
                name = block.group(1)
                n = counts.get(name, 0)
                counts[name] = n + 1
                step = (*loc, f"{name}#{n}")
                self.lines.setdefault(step, number)
                opened = code.count("{") - code.count("}")
                if opened > 0:
                    stack.append((step, {}))
                continue
            if attribute:
                self.lines.setdefault((*loc, attribute.group(1)), number)
                if (match := _HEREDOC.search(raw)) is not None:
                    heredoc = match.group(1)
                    continue
            depth = code.count("{") + code.count("[") - code.count("}") - code.count("]")
            if depth > 0:  # a multi-line object or list value: a pseudo-block with no name
                for _ in range(depth):
                    stack.append(((*loc, "~"), {}))
            elif depth < 0:
                for _ in range(-depth):
                    if len(stack) > 1:
                        stack.pop()

    def line(self, loc: Loc) -> int:
        """The line of loc, else of its nearest enclosing block that has one, else 1."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


# --- the handbook's rules for a server configuration ------------------------------------------

def _true(value: Any) -> bool:
    value = unquote(value)
    return value is True or value == 1 or (isinstance(value, str) and value.strip().lower() in ("true", "1"))


def _zero_duration(value: Any) -> bool:
    value = unquote(value)
    return value == 0 or (isinstance(value, str) and re.fullmatch(r"0+(ns|us|ms|s|m|h)?", value.strip()) is not None)


def rule_issues(doc: dict[str, Any], *, in_chart: bool) -> list[Issue]:
    """Raft, listener and telemetry settings the handbook's pages warn about.

    in_chart: the configuration is the vault chart's `config` string, so the chart's pods set
    VAULT_API_ADDR and VAULT_CLUSTER_ADDR and the addresses need not be in the file.
    """
    issues: list[Issue] = []
    for n, label, body in labelled(doc.get("listener")):
        if label == "tcp" and "tls_disable" in body and _true(body["tls_disable"]):
            issues.append(Issue((f"listener#{n}", "tls_disable"),
                                f'listener "tcp": tls_disable = {unquote(body["tls_disable"])!r} serves the API and '
                                "tokens without TLS", "hcl-tls-disabled"))
    raft = [(n, body) for n, label, body in labelled(doc.get("storage")) if label == "raft"]
    for n, body in raft:
        joins = blocks(body.get("retry_join"))
        if not any("leader_api_addr" in j or "auto_join" in j for j in joins):
            issues.append(Issue((f"storage#{n}",),
                                'storage "raft" has no retry_join with leader_api_addr or auto_join: a new or '
                                "restarted pod cannot find the cluster on its own", "hcl-raft-no-join"))
    if raft and not in_chart:
        for key, env, who in (("api_addr", "VAULT_API_ADDR", "clients are sent to"),
                              ("cluster_addr", "VAULT_CLUSTER_ADDR", "the other nodes reach this one at")):
            if key not in doc:
                issues.append(Issue((), f"Raft storage without {key}: set it (or {env}) to the address {who}",
                                    f"hcl-missing-{key.replace('_', '-')}"))
    if "telemetry" not in doc and doc.get("storage") and doc.get("listener"):
        issues.append(Issue((), "no telemetry stanza: the server exports no Prometheus metrics",
                            "hcl-no-telemetry"))
    for n, body in enumerate(blocks(doc.get("telemetry"))):
        retention = body.get("prometheus_retention_time")
        if retention is not None and _zero_duration(retention):
            issues.append(Issue((f"telemetry#{n}", "prometheus_retention_time"),
                                f"telemetry: prometheus_retention_time = {unquote(retention)!r} turns Prometheus "
                                "metrics off", "hcl-telemetry-no-prometheus"))
        if not _true(body.get("disable_hostname", False)):
            issues.append(Issue((f"telemetry#{n}",) + (("disable_hostname",) if "disable_hostname" in body else ()),
                                "telemetry without disable_hostname = true: every metric name carries the pod "
                                "name as a prefix", "hcl-telemetry-hostname"))
    return issues


def lint_text(text: str, *, in_chart: bool = False, line_offset: int = 0, where: str = "") -> list[Hit]:
    """Hits for one HCL text; line_offset is added to every line (HCL embedded in a values file).

    Raises HclSyntaxError for text that does not parse. Policies, Agent and Terraform files are
    parsed only.
    """
    doc = load(text)
    if kind_of(doc) != "server":
        return []
    return lint_doc(doc, HclLines(text), in_chart=in_chart, line_offset=line_offset, where=where)


def lint_doc(doc: dict[str, Any], lines: HclLines | None, *, in_chart: bool, line_offset: int = 0,
             where: str = "") -> list[Hit]:
    prefix = f"{where}: " if where else ""
    hits = []
    for issue in key_issues(doc) + rule_issues(doc, in_chart=in_chart):
        line = lines.line(issue.loc) if lines is not None else 1
        hits.append(Hit(issue.rule, line + line_offset, prefix + issue.message))
    return hits
