"""Insecure settings appear only where the reader has been warned.

TLS switched off, TLS verification skipped, dev-mode servers and root-token use are allowed in a
block that is inside a warning/danger admonition (or follows one in the same heading section),
or in a block marked as an anti-pattern; anywhere else they are errors. The rules are textual,
so they also catch a setting inside a string (server HCL in Helm values, a script in a Job).
"""

from __future__ import annotations

import re
from typing import Any

from .classify import YAML_LANGUAGES, YamlLoadError, yaml_documents
from .collect import Block

TRUE = r'"?(?:true|1)"?(?![\w.])'

# (what it is, pattern). Case-insensitive: HCL and env files write TRUE/True too.
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("TLS switched off (tls_disable)", re.compile(rf"\btls_disable\s*[=:]\s*{TRUE}", re.I)),
    ("TLS switched off (tlsDisable)", re.compile(rf"\btlsDisable\s*[=:]\s*{TRUE}", re.I)),
    ("TLS verification skipped (tls_skip_verify)", re.compile(rf"\btls_skip_verify\s*[=:]\s*{TRUE}", re.I)),
    ("TLS verification skipped (-tls-skip-verify)", re.compile(r"(?<![\w-])--?tls-skip-verify(?:=\"?(?:true|1)\"?)?(?![\w=-])", re.I)),
    ("TLS verification skipped (vault.hashicorp.com/tls-skip-verify)", re.compile(rf"\btls-skip-verify[\"']?\s*:\s*{TRUE}", re.I)),
    ("TLS verification skipped (skipTLSVerify)", re.compile(rf"\bskipTLSVerify\s*:\s*{TRUE}", re.I)),
    ("TLS verification skipped (vaultSkipTLSVerify)", re.compile(rf"\bvaultSkipTLSVerify\s*:\s*{TRUE}", re.I)),
    ("TLS verification skipped (insecureSkipVerify)", re.compile(rf"\binsecure_?skip_?verify\s*:\s*{TRUE}", re.I)),
    ("TLS verification skipped (curl -k/--insecure)", re.compile(r"\bcurl\b[^\n|;&]*\s(?:--insecure|-[A-Za-z]*k[A-Za-z]*)(?!\S)")),
    ("dev-mode server (vault server -dev)", re.compile(r"\bvault\s+server\b[^\n]*\s-dev(?![\w])")),
    ("dev-mode server (server.dev.enabled)", re.compile(rf"\bserver\.dev\.enabled\s*=\s*{TRUE}", re.I)),
    ("root token (-dev-root-token-id)", re.compile(r"-dev-root-token-id\b")),
    ("root token (VAULT_TOKEN=root)", re.compile(r"\bVAULT_TOKEN\s*[=:]\s*[\"']?root[\"']?(?![\w-])")),
    ("root token (vault login root)", re.compile(r"\bvault\s+login\s+[\"']?root[\"']?(?![\w-])")),
    ("root token (root policy)", re.compile(r"(?:-policy|policies)\s*[= ]\s*[\"']?root[\"']?(?![\w-])")),
    ("root token (the initial root token)", re.compile(r"\broot_token\b")),
    # generate-root -dr-token makes a DR operation token, not a root token.
    ("root token (generate-root)", re.compile(r"^(?!.*-dr-token\b).*\bgenerate-root\b")),
]

VAULT_SKIP_VERIFY = re.compile(r"\bVAULT_SKIP_VERIFY\b")
FALSE_AFTER = re.compile(r"""^\s*[=:]\s*["']?(?:false|0)["']?(?![\w])""", re.I)
FALSE_VALUE_LINE = re.compile(r"""^\s*value:\s*["']?(?:false|0)["']?\s*$""", re.I)


def _skip_verify(lines: list[str]) -> list[tuple[int, str]]:
    """VAULT_SKIP_VERIFY set to anything but false (export, env:, --set, a bare mention)."""
    found = []
    for index, line in enumerate(lines):
        for match in VAULT_SKIP_VERIFY.finditer(line):
            before, after = line[: match.start()], line[match.end():]
            if re.search(r"\bunset\s+$", before) or FALSE_AFTER.match(after):
                continue
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if re.search(r"name:\s*$", before) and FALSE_VALUE_LINE.match(following):
                continue  # - name: VAULT_SKIP_VERIFY / value: "false"
            found.append((index + 1, "TLS verification skipped (VAULT_SKIP_VERIFY)"))
    return found


def _helm_dev_mode(block: Block) -> list[tuple[int, str]]:
    """server.dev.enabled: true in a values file (structural: the keys sit on three lines)."""
    if block.language not in YAML_LANGUAGES:
        return []
    try:
        docs = yaml_documents(block.text)
    except YamlLoadError:
        return []
    def get(d: Any, k: str) -> Any:
        return d.get(k) if isinstance(d, dict) else None
    for doc in docs:
        if get(get(get(doc, "server"), "dev"), "enabled") is True:
            line = next((n for n, text in enumerate(block.text.splitlines(), 1) if re.match(r"\s*enabled:\s*true", text)), 1)
            return [(line, "dev-mode server (server.dev.enabled: true)")]
    return []


def findings(block: Block) -> list[tuple[int, str]]:
    """(line, what) for every insecure setting in a block, wherever it stands."""
    lines = block.text.splitlines()
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        for what, pattern in RULES:
            if pattern.search(line):
                found.append((number, what))
    found += _skip_verify(lines)
    found += _helm_dev_mode(block)
    return sorted(set(found))


def check(block: Block) -> list[str]:
    """Insecure settings outside a warning context; none for warned or anti-pattern blocks."""
    if block.anti_pattern or block.warning_context:
        return []
    return [
        f"{block.where}: line {line}: {what}, with no warning: put the block inside (or after, in "
        "the same section) a !!! warning or !!! danger admonition that says why, or mark it "
        "{ .anti-pattern }"
        for line, what in findings(block)
    ]
