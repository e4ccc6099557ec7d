"""tools/check_sudo_paths.py reads sudo from Vault's code and catches a row that disagrees.

The tree the tests use is written here, reduced to the facts the check reads: the Root lists of
hashicorp/vault's system backend (vault/logical_system.go at commit e6922c5b, the newest copy we
could read) and token store, and one line of each function that checks sudo in code. No
upstream file is committed. With the openbao mirror on disk, the check also runs on a real tree.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
OPENBAO_MIRROR = Path("/work/.mirror/openbao+openbao/repo")

# hashicorp/vault@e6922c5b5da501d3b037328ae16d3e5e481dceac:vault/logical_system.go, NewSystemBackend
SYSTEM_ROOT = [
    "auth/*", "remount", "audit", "audit/*", "raw", "raw/*",
    "replication/primary/secondary-token", "replication/performance/primary/secondary-token",
    "replication/dr/primary/secondary-token", "replication/reindex", "replication/dr/reindex",
    "replication/performance/reindex", "rotate", "config/cors", "config/auditing/*",
    "config/ui/headers/*", "plugins/catalog/*", "plugins/runtimes/catalog/*", "revoke-prefix/*",
    "revoke-force/*", "leases/revoke-prefix/*", "leases/revoke-force/*", "leases/lookup/*",
    "storage/raft/snapshot-auto/config/*", "leases", "internal/inspect/*", "seal", "step-down",
]
# vault/token_store.go, NewTokenStore (the same two entries in every copy we read)
TOKEN_ROOT = ["revoke-orphan/*", "accessors*"]


def _tool():
    spec = importlib.util.spec_from_file_location("check_sudo_paths", REPO_ROOT / "tools" / "check_sudo_paths.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_sudo_paths"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def write_tree(root: Path, system_root: list[str] = SYSTEM_ROOT) -> Path:
    """A minimal Vault-shaped tree carrying only what the check reads."""
    (root / "vault").mkdir(parents=True, exist_ok=True)

    def go_list(entries: list[str]) -> str:
        return "\n".join(f'\t\t\t\t"{e}",' for e in entries)

    (root / "vault" / "logical_system.go").write_text(
        "package vault\n\nfunc NewSystemBackend(core *Core) *SystemBackend {\n"
        "\tb.Backend = &framework.Backend{\n\t\tPathsSpecial: &logical.Paths{\n\t\t\tRoot: []string{\n"
        "\t\t\t\t// comments inside the list are ignored\n"
        f"{go_list(system_root)}\n\t\t\t}},\n\t\t}},\n\t}}\n\treturn b\n}}\n".replace("}}", "}"))
    (root / "vault" / "token_store.go").write_text(
        "package vault\n\nfunc NewTokenStore(ctx context.Context) (*TokenStore, error) {\n"
        "\tt.Backend = &framework.Backend{\n\t\tPathsSpecial: &logical.Paths{\n\t\t\tRoot: []string{\n"
        f"{go_list(TOKEN_ROOT)}\n\t\t\t}},\n\t\t}},\n\t}}\n\treturn t, nil\n}}\n\n".replace("}}", "}")
        + "func (ts *TokenStore) handleCreateCommon(ctx context.Context) {\n"
        "\tisSudo := ts.System().(extendedSystemView).SudoPrivilege(ctx, path, token)\n}\n")
    (root / "vault" / "core.go").write_text(
        "package vault\n\nfunc (c *Core) sealInitCommon(ctx context.Context, req *logical.Request) (retErr error) {\n"
        "\tauthResults := c.performPolicyChecks(ctx, acl, te, req, entity, &PolicyCheckOpts{\n"
        "\t\tRootPrivsRequired: true,\n\t})\n}\n")
    (root / "vault" / "ha.go").write_text(
        "package vault\n\nfunc (c *Core) StepDown(httpCtx context.Context, req *logical.Request) (retErr error) {\n"
        "\tauthResults := c.performPolicyChecks(ctx, acl, te, req, entity, &PolicyCheckOpts{\n"
        "\t\tRootPrivsRequired: true,\n\t})\n}\n")
    return root


def _rows() -> list[dict]:
    return yaml.safe_load((REPO_ROOT / "data" / "privileged_endpoints.yaml").read_text(encoding="utf-8"))["endpoints"]


def test_the_data_matches_vaults_root_lists(tmp_path: Path) -> None:
    results = _tool().check(write_tree(tmp_path), _rows())
    assert not [r for r in results if r.level == "error"], [(r.row_id, r.how) for r in results if r.level == "error"]
    by_id = {r.row_id: r for r in results}
    assert by_id["sys-auth"].code_sudo is True  # issue #15, item 1
    assert by_id["sys-replication-secondary-token"].level == "ok"  # + expands to performance and dr


def test_a_row_that_disagrees_fails(tmp_path: Path) -> None:
    rows = [dict(r) for r in _rows()]
    next(r for r in rows if r["id"] == "sys-auth")["sudo"] = False  # the bug the review found
    results = _tool().check(write_tree(tmp_path), rows)
    assert [r.row_id for r in results if r.level == "error"] == ["sys-auth"]


def test_main_exit_status_and_record(tmp_path: Path) -> None:
    tool = _tool()
    data = tmp_path / "privileged_endpoints.yaml"
    data.write_text((REPO_ROOT / "data" / "privileged_endpoints.yaml").read_text(encoding="utf-8"))
    tree = write_tree(tmp_path / "tree")
    assert tool.main([str(tree), "--data", str(data), "--record", "--label", "test-tree@abc"]) == 0
    recorded = yaml.safe_load(data.read_text(encoding="utf-8"))["sudo_checked_against"]
    assert recorded["source"] == "test-tree@abc" and recorded["tool"] == "tools/check_sudo_paths.py"
    broken = write_tree(tmp_path / "broken", [e for e in SYSTEM_ROOT if e != "auth/*"])
    assert tool.main([str(broken), "--data", str(data)]) == 1


def test_the_data_records_what_it_was_checked_against() -> None:
    data = yaml.safe_load((REPO_ROOT / "data" / "privileged_endpoints.yaml").read_text(encoding="utf-8"))
    assert "hashicorp/vault@" in data["sudo_checked_against"]["source"]


@pytest.mark.skipif(not OPENBAO_MIRROR.is_dir(), reason="openbao mirror not on this machine")
def test_on_a_real_tree_the_fork_agrees(tmp_path: Path) -> None:
    # openbao forked Vault's code: the same Root lists, without the replication paths.
    files = ["vault/logical_system.go", "vault/token_store.go", "vault/core.go", "vault/ha.go"]
    archive = subprocess.run(["git", "-C", str(OPENBAO_MIRROR), "archive", "v2.6.2", *files],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tmp_path)], input=archive, check=True)
    results = _tool().check(tmp_path, _rows())
    assert not [r for r in results if r.level == "error"], [(r.row_id, r.how) for r in results if r.level == "error"]
