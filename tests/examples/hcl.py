"""Vault HCL: server configuration and ACL policies.

Every HCL block must parse (python-hcl2). A block is then read as one of:

* an ACL policy (only ``path "..." {}`` blocks): each path has known keys, a non-empty list of
  real capabilities, and a glob ``*`` only at its end;
* a Vault server configuration: top-level keys, and the keys of ``storage "raft"`` (and its
  ``retry_join``), ``listener "tcp"``, each ``seal "<type>"``, ``telemetry`` and
  ``service_registration "kubernetes"`` must be keys Vault reads (data/examples/hcl_keys.yaml);
* Vault Agent or Terraform configuration, recognised by their top-level keys: parsed only.

The rules live in macros/lint/hcl.py, which `vault-handbook lint` uses too.
"""

from __future__ import annotations

from macros.lint.hcl import check_config_object, check_text, kind_of, parse

from .collect import Block

__all__ = ["check", "check_config_object", "check_text", "kind_of", "parse"]


def check(block: Block) -> list[str]:
    return [f"{block.where}: {p}" for p in check_text(block.text)]
