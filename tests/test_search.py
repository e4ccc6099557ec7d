"""The search separator splits operators' terms into the parts people type."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import PROJECT


@pytest.fixture(scope="module")
def separator() -> re.Pattern[str]:
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return re.compile(search["separator"])


@pytest.mark.parametrize(("term", "parts"), [
    # "vault" is on every page: dropped like a stop word (mkdocs.yml says why).
    ("vault.core.unsealed", ["core", "unsealed"]),
    ("vault_core_unsealed", ["core", "unsealed"]),
    ("handle_request", ["handle", "request"]),
    ("sys/seal-status", ["sys", "seal", "status"]),
    ("vault.raft.leader.lastContact", ["raft", "leader", "last", "Contact"]),
    ("vault-k8s 1.7.6", ["k8s", "1.7.6"]),
    ("Vault 1.16.3+", ["1.16.3+"]),
    ("VaultDynamicSecret vaultAddress", ["Vault", "Dynamic", "Secret", "vault", "Address"]),
    ("agent-inject-secret-<name>", ["agent", "inject", "secret", "name"]),
    ("VaultDynamicSecret", ["Vault", "Dynamic", "Secret"]),
])
def test_separator_splits(separator: re.Pattern[str], term: str, parts: list[str]) -> None:
    # The search index holds HTML-escaped text, so < and > arrive as &lt; and &gt;.
    escaped = term.replace("<", "&lt;").replace(">", "&gt;")
    assert [t for t in separator.split(escaped) if t] == parts


@pytest.mark.parametrize(("text", "parts"), [
    # Common short words vanish as separators do: with Material's trailing wildcard they matched
    # token, node and one and outranked the words that tell messages apart.
    ("failed to get raft configuration", ["failed", "raft", "configuration"]),
    ("No raft cluster configuration found", ["raft", "cluster", "configuration", "found"]),
    ("error on the token", ["error", "token"]),
    # Inside words and identifiers they stay.
    ("notification token_ttl", ["notification", "token", "ttl"]),
    ("ton tonic", ["ton", "tonic"]),
])
def test_separator_drops_common_words(separator: re.Pattern[str], text: str, parts: list[str]) -> None:
    assert [t for t in separator.split(text) if t] == parts


# The longest search section today is one failure entry of about 970 words. A table that grows
# with its data (the decision matrix and the privileged-endpoints table were over 2,000 words)
# matches some word of any prose query and outranks the section that answers it, so its prose
# cells stay out of the index (macros/render/__init__.py, `cell`).
MAX_SECTION_WORDS = 1200


def test_no_search_section_is_a_grown_table(built_site) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    long = sorted(((len(d["text"].split()), d["location"]) for d in docs), reverse=True)
    assert long[0][0] <= MAX_SECTION_WORDS, long[:5]


def test_table_prose_and_sources_are_not_indexed(built_site) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    matrix = next(d["text"] for d in docs if d["location"] == "kubernetes/choosing/#decision-matrix")
    endpoints = next(d["text"] for d in docs if d["location"] == "operations/privileged-endpoints/#endpoints")
    # The keys stay searchable: criteria, verdicts and paths.
    assert "Criterion" in matrix and "sys/raw/*" in endpoints
    # The prose and the source links do not: a note of the matrix, a source file of each table.
    assert "syncs into one destination Secret" not in matrix
    assert "vault/logical_system.go" not in endpoints and "hashicorp/" not in matrix
