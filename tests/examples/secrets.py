"""Secrets in examples must look fake at a glance.

Every block (anti-patterns included: a real-looking key is a leak whatever the block says) is
scanned with detect-secrets' default plugins, which must find nothing. detect-secrets only sees
high-entropy strings inside quotes, so three shapes it misses are added here: Vault tokens
(hvs./hvb./hvr. and the older s./b./r.), and 44-character base64 unseal or recovery keys.
Placeholders pass: <token>, hvs.EXAMPLE-NOT-A-REAL-TOKEN, anything containing EXAMPLE.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import detect_secrets.filters.regex
from detect_secrets import SecretsCollection
from detect_secrets.core.scan import get_filters
from detect_secrets.settings import default_settings

from .collect import Block

EXTENSIONS = {
    "yaml": ".yaml", "yml": ".yaml", "json": ".json", "hcl": ".hcl", "shell": ".sh", "bash": ".sh",
    "sh": ".sh", "console": ".sh", "zsh": ".sh", "python": ".py", "ini": ".ini", "toml": ".toml",
}
VAULT_TOKEN = re.compile(r"\b(?:hv[sbr]\.[A-Za-z0-9_-]{20,}|[sbr]\.[A-Za-z0-9]{24})\b")
UNSEAL_KEY = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])")
FAKE_MARKER = re.compile(r"example|placeholder|fake|dummy|x{6,}", re.IGNORECASE)
ADVICE = "use a placeholder such as <token>, or hvs.EXAMPLE-NOT-A-REAL-TOKEN"
# Kubernetes fields that name a Secret, a key in it or a path in Vault (secretName, secretRef,
# hmacSecretName, tokenSecretRef, secretKey, secretPath, ...): their values are names, not
# secrets, and detect-secrets' keyword rule would flag every one of them. Multi-line mode,
# because detect-secrets reads a YAML block scalar (a CSI `objects: |` list) as one line.
REFERENCE_FIELD = (
    r"""^\s*-?\s*["']?(?:[\w./-]*secret(?:name|ref|key|path|objects|args|transformationrefs|providerclass)"""
    r"""|cacertsecret|existingsecret|tlssecret)["']?\s*:"""
)
# Template placeholders detect-secrets does not know: printf verbs in a VSO transformation
# template (postgresql://%s:%s@host) are not credentials.
TEMPLATE_VALUE = r"^%[a-z]$"


def _own_rules(block: Block) -> list[str]:
    problems: list[str] = []
    for number, line in enumerate(block.text.splitlines(), start=1):
        for pattern, what in ((VAULT_TOKEN, "a real Vault token"), (UNSEAL_KEY, "a real unseal or recovery key")):
            for match in pattern.finditer(line):
                if not FAKE_MARKER.search(match.group(0)):
                    problems.append(f"{block.where}: line {number} looks like {what} ({match.group(0)[:12]}...); {ADVICE}")
    return problems


def scan(blocks: list[Block]) -> list[str]:
    """Problems for every block that holds something that looks like a real secret."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, Block] = {}
        for number, block in enumerate(blocks):
            path = Path(tmp) / f"block{number}{EXTENSIONS.get(block.language, '.txt')}"
            path.write_text(block.text + "\n", encoding="utf-8")
            files[str(path)] = block
        found = SecretsCollection()
        with default_settings() as settings:
            # No `pragma: allowlist secret` escape hatch: the pragma would be copied with the
            # example, and a real-looking secret must be replaced, not silenced.
            settings.disable_filters("detect_secrets.filters.allowlist.is_line_allowlisted")
            settings.filters["detect_secrets.filters.regex.should_exclude_line"] = {"pattern": [f"(?im){REFERENCE_FIELD}"]}
            settings.filters["detect_secrets.filters.regex.should_exclude_secret"] = {"pattern": [TEMPLATE_VALUE]}
            get_filters.cache_clear()
            # detect-secrets caches compiled patterns per process; drop them so ours apply.
            detect_secrets.filters.regex._get_line_exclusion_regex.cache_clear()
            detect_secrets.filters.regex._get_secret_exclusion_regex.cache_clear()
            for path in files:
                found.scan_file(path)
        for filename, secret in sorted(found, key=lambda item: (item[0], item[1].line_number or 0)):
            block = files[filename]
            problems.append(
                f"{block.where}: line {secret.line_number} looks like a real secret "
                f"(detect-secrets: {secret.type}); {ADVICE}"
            )
    for block in blocks:
        problems += _own_rules(block)
    return problems


def check(block: Block) -> list[str]:
    return scan([block])
