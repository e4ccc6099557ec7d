"""Where the checker's committed inputs live. Nothing here reads /work/shared or the network."""

from __future__ import annotations

from pathlib import Path

# The schemas and key lists the linter (macros/lint) and the checker share: one place says where.
from macros.lint.rules import CRD_SCHEMAS_DIR, HCL_KEYS, HELM_SCHEMA

__all__ = ["CRD_SCHEMAS_DIR", "DATA_DIR", "FIXTURES_DIR", "HCL_KEYS", "HELM_SCHEMA", "REPO_ROOT", "SCHEMAS_DIR",
           "VAULT_CLI", "VAULT_TOKEN_FREE"]

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO_ROOT / "tests" / "schemas"
DATA_DIR = REPO_ROOT / "data" / "examples"
VAULT_CLI = DATA_DIR / "vault_cli.yaml"
VAULT_TOKEN_FREE = DATA_DIR / "vault_token_free.yaml"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
