"""Where the checker's committed inputs live. Nothing here reads /work/shared or the network."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO_ROOT / "tests" / "schemas"
CRD_SCHEMAS_DIR = SCHEMAS_DIR / "crds"
HELM_SCHEMA = SCHEMAS_DIR / "helm" / "vault-0.34.1.json"
DATA_DIR = REPO_ROOT / "data" / "examples"
VAULT_CLI = DATA_DIR / "vault_cli.yaml"
VAULT_TOKEN_FREE = DATA_DIR / "vault_token_free.yaml"
HCL_KEYS = DATA_DIR / "hcl_keys.yaml"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
