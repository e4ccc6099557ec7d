"""The examples checker catches each kind of defect, names where it is, and passes good examples.

tests/examples/fixtures/checker-site/ is a small MkDocs site (same code-block extensions as the
handbook) whose pages hold one known defect per block, plus valid.md, whose examples must all
pass. It is built once and run through the same checker as the real site.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from examples import promql
from examples.collect import Block, collect_blocks
from examples.paths import CRD_SCHEMAS_DIR, FIXTURES_DIR, HELM_SCHEMA, REPO_ROOT
from examples.runner import REPORTED, Report, run
from examples.site import build_site

# (kind, page, block, what the message must say). Every problem the checker reports on the
# fixture site must be one of these: anything else is a false positive.
EXPECTED = [
    ("kubernetes", "kubernetes/", 1, "at spec: Additional properties are not allowed ('refreshAfterr' was unexpected)"),
    ("kubernetes", "kubernetes/", 2, "at spec: 'type' is a required property"),
    ("kubernetes", "kubernetes/", 3, "at spec.parameters.vaultSkipTLSVerify: False is not of type 'string'"),
    ("kubernetes", "kubernetes/", 4, "at spec.appRole: Additional properties are not allowed ('secretIDPath' was unexpected)"),
    ("kubernetes", "kubernetes/", 5, "custom resource HCPAuth (secrets.hashicorp.com/v1beta1) has no schema"),
    ("kubernetes", "kubernetes/", 6, "document 2, Deployment app: at spec.template.spec.containers[0]: Additional properties are not allowed ('imagePullPolcy' was unexpected)"),
    ("kubernetes", "kubernetes/", 7, "custom resource Certificate (cert-manager.io/v1) has no schema"),
    ("kubernetes", "kubernetes/", 8, "container snapshot: `vault operator raft snapshots`: 'snapshots' is not a subcommand"),
    ("kubernetes", "kubernetes/", 9, "container peers: `vault operator raft list-peers` needs a Vault token but runs in container peers without one"),
    ("helm", "helm/", 1, "server.ha.raftt: not a key of the vault chart 0.34.1 (did you mean server.ha.raft?)"),
    ("helm", "helm/", 2, "injector.failurePolicy: deprecated in the vault chart 0.34.1"),
    ("helm", "helm/", 3, "server.ha.replicas: string value, but the chart takes integer"),
    ("helm", "helm/", 4, "server.ha.raft.config: storage \"raft\": unknown key 'performance_multipler'"),
    ("hcl", "hcl/", 1, "HCL does not parse: line 3"),
    ("hcl", "hcl/", 2, "storage \"raft\": unknown key 'snapshot_treshold'"),
    ("hcl", "hcl/", 3, "path \"sys/storage/raft/snapshot\": 'write' is not a capability"),
    ("hcl", "hcl/", 4, "seal \"awskmss\": unknown seal type"),
    ("shell", "shell/", 1, "`vault operator raft snapshots`: 'snapshots' is not a subcommand of `vault operator raft`"),
    ("shell", "shell/", 2, "line 1 starts with a `$ ` prompt"),
    ("shell", "shell/", 3, "does not parse as shell"),
    ("shell", "shell/", 4, "`vault operator raft` needs a subcommand"),
    ("shell", "shell/", 5, "`vault operator step-down` needs a Vault token but runs in a pod through `kubectl exec` without one"),
    ("shell", "shell/", 6, "`vault audit list` gets $VAULT_TOKEN from the caller's shell, but the block says nowhere what that token is"),
    ("promql", "promql/", 1, "could not parse expression"),
    ("promql", "promql/", 2, "could not parse expression"),
    ("json", "documents/", 1, "JSON does not load"),
    ("yaml", "documents/", 2, "key 'retention' appears twice in one mapping"),
    ("secrets", "secrets/", 1, "looks like a real secret (detect-secrets: AWS Access Key)"),
    ("secrets", "secrets/", 2, "looks like a real Vault token"),
    ("insecure", "insecure/", 1, "TLS switched off (tls_disable), with no warning"),
    ("insecure", "insecure/", 4, "TLS verification skipped (-tls-skip-verify), with no warning"),
]


@pytest.fixture(scope="session")
def fixture_blocks(tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    site = build_site(FIXTURES_DIR / "checker-site", tmp_path_factory.mktemp("checker-fixtures") / "site")
    return collect_blocks(site)


@pytest.fixture(scope="session")
def fixture_report(fixture_blocks: list[Block]) -> Report:
    return run(fixture_blocks)


def _matching(report: Report, kind: str, page: str, block: int, text: str) -> list[str]:
    prefix = f"{page} block {block} ("
    return [p for p in report.problems.get(kind, []) if p.startswith(prefix) and text in p]


@pytest.mark.parametrize(("kind", "page", "block", "text"), EXPECTED, ids=[f"{k}-{p}{b}" for k, p, b, _ in EXPECTED])
def test_each_defect_is_caught_with_page_block_and_problem(fixture_report: Report, kind: str, page: str, block: int, text: str) -> None:
    found = _matching(fixture_report, kind, page, block, text)
    assert found, f"no {kind} problem for {page} block {block} saying {text!r}; got:\n" + "\n".join(fixture_report.problems.get(kind, []))


@pytest.mark.parametrize("kind", REPORTED)
def test_no_other_problems(fixture_report: Report, kind: str) -> None:
    # valid.md and the warned blocks of insecure.md must pass; so must everything not listed.
    expected = [e for e in EXPECTED if e[0] == kind]
    unexpected = [p for p in fixture_report.problems.get(kind, [])
                  if not any(p.startswith(f"{pg} block {b} (") and t in p for _, pg, b, t in expected)]
    assert not unexpected, "false positives:\n" + "\n".join(unexpected)


def test_warning_context_and_anti_pattern_are_read_from_the_html(fixture_blocks: list[Block]) -> None:
    page = {b.index: b for b in fixture_blocks if b.page == "insecure/"}
    assert (page[1].warning_context, page[2].warning_context, page[3].warning_context, page[4].warning_context) == (False, True, True, False)
    assert page[5].anti_pattern and not any(page[i].anti_pattern for i in (1, 2, 3, 4))
    assert page[5].section == "anti-pattern"
    titled = {b.title for b in fixture_blocks if b.page == "helm/"}
    assert {"values.yaml", "values-ha.yaml"} <= titled


def test_anti_patterns_are_counted_as_excluded(fixture_report: Report) -> None:
    # The one anti-pattern (an invalid, insecure VaultConnection) is excluded from the manifest
    # check and the insecure-settings check, and reported as excluded in the summary.
    assert fixture_report.anti_patterns == 1
    assert fixture_report.excluded["kubernetes"] == 1
    assert fixture_report.excluded["insecure"] == 1
    assert "kubernetes" in fixture_report.summary() and " 1 " in fixture_report.summary()


def test_promql_is_checked_without_promtool_too(fixture_blocks: list[Block], monkeypatch: pytest.MonkeyPatch) -> None:
    # Machines without promtool fall back to promql-parser: the same defects must be caught.
    monkeypatch.setattr(promql, "promtool", lambda: None)
    blocks = [b for b in fixture_blocks if b.page in ("promql/", "valid/")]
    problems = run(blocks).problems["promql"]
    assert [p.split(":")[0] for p in problems] == ["promql/ block 1 (promql, under #promql)", "promql/ block 2 (yaml, under #promql)"]
    assert all("could not parse expression" in p for p in problems)


# --- The derived schemas record where they come from, and the derivation rules hold ---------

def test_every_derived_schema_names_its_upstream_source() -> None:
    schemas = sorted(CRD_SCHEMAS_DIR.rglob("*.json"))
    kinds = {json.loads(p.read_text())["x-kubernetes-group-version-kind"]["kind"] for p in schemas}
    assert {"VaultStaticSecret", "VaultDynamicSecret", "VaultAuth", "VaultConnection",
            "SecretProviderClass", "PrometheusRule", "ServiceMonitor"} <= kinds
    assert not kinds & {"HCPAuth", "HCPVaultSecretsApp"}, "VSO 1.6 removed the HCP kinds"
    for path in [*schemas, HELM_SCHEMA]:
        source = json.loads(path.read_text())["x-source"]
        assert source["repo"] and source["tag"] and len(source["commit"]) == 40, path


def _load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_crd_conversion_closes_objects_and_converts_nullable() -> None:
    derive = _load_tool("derive_crd_schemas")
    node = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "nullable": True, "description": "dropped"},
            "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    out = derive.convert(node, "Test")
    assert out["additionalProperties"] is False
    assert out["properties"]["name"] == {"type": ["string", "null"]}
    assert "additionalProperties" not in out["properties"]["free"]
    assert out["properties"]["labels"]["additionalProperties"] == {"type": "string"}


def test_api_delta_refuses_a_change_that_does_not_fit_its_input() -> None:
    derive = _load_tool("derive_crd_schemas")
    schemas = {"VaultAuth": {"type": "object", "properties": {"spec": {"type": "object", "properties": {}}}}}
    delta = {"changes": [{"id": "x", "op": "remove_field", "kind": "VaultAuth", "path": "spec.appRole.secretIDPath"}]}
    with pytest.raises(derive.DeriveError, match="no field"):
        derive.apply_delta(schemas, delta)


def test_helm_derivation_reads_deprecation_comments() -> None:
    derive = _load_tool("derive_helm_values")
    text = (
        "injector:\n"
        "  webhook:\n"
        "    failurePolicy: Ignore\n"
        "  # Deprecated: please use 'webhook.failurePolicy' instead\n"
        "  failurePolicy: Ignore\n"
        "  config: |\n"
        "    # Deprecated: not a key, inside a block scalar\n"
        "    x: 1\n"
    )
    import yaml

    keys = derive.derive(yaml.safe_load(text), {}, text)
    assert keys["injector.failurePolicy"]["deprecated"]["replacement"] == "injector.webhook.failurePolicy"
    assert "deprecated" not in keys["injector.webhook.failurePolicy"]
    assert keys["injector.config"]["types"] == ["string"]


# --- Rules that decide single lines, where a false alarm would block a good page ---------

@pytest.mark.parametrize(("text", "flagged"), [
    ('vault.hashicorp.com/tls-skip-verify: "true"', True),
    ("vault status -tls-skip-verify", True),
    ("vault status -tls-skip-verify=false", False),
    ("curl -sk https://vault.example.com:8200/v1/sys/health", True),
    ("curl -s https://vault.example.com:8200/v1/sys/health -o health.json", False),
    ("export VAULT_SKIP_VERIFY=true", True),
    ("export VAULT_SKIP_VERIFY=false", False),
    ("unset VAULT_SKIP_VERIFY", False),
    ("vault server -dev -dev-listen-address=127.0.0.1:8200", True),
    ("vault server -config=/vault/config", False),
    ("helm upgrade vault hashicorp/vault --set server.dev.enabled=true", True),
    ('tls_disable = "false"', False),
    ("vault operator generate-root -init", True),
    ("vault operator generate-root -dr-token -init", False),
])
def test_insecure_setting_rules(text: str, flagged: bool) -> None:
    from examples import insecure

    assert bool(insecure.findings(Block("p/", 1, "shell", text))) is flagged


@pytest.mark.parametrize(("argv", "problem"), [
    ("operator raft snapshot save raft.snap", None),
    ("operator raft autopilot state -format=json", None),
    ("kv get -mount=secret app/config", None),
    ("agent -config=/vault/agent.hcl", None),
    ("operator raft snapshots save raft.snap", "'snapshots' is not a subcommand"),
    ("operator raft", "needs a subcommand"),
    ("opertor init", "is not a vault command"),
])
def test_vault_command_paths(argv: str, problem: str | None) -> None:
    from examples import shell

    found = shell.check_vault_argv(argv.split())
    assert (found == []) if problem is None else (problem in " ".join(found))


# --- A token-needing vault command run in a pod must get its token from the block ---------

from examples import shell  # noqa: E402


def test_planted_step_down_without_token_is_caught(fixture_report: Report) -> None:
    # The example: the chart puts no token in the pod, and step-down needs sudo.
    found = _matching(fixture_report, "shell", "shell/", 5, "`vault operator step-down` needs a Vault token")
    assert found, "\n".join(fixture_report.problems.get("shell", []))


@pytest.mark.parametrize(("script", "flagged"), [
    ("kubectl exec -n <namespace> vault-0 -- vault operator step-down", True),
    ("kubectl -n <namespace> exec <pod> -- vault operator raft list-peers", True),
    ("kubectl -n <namespace> exec <pod> -- sh -c 'vault audit list -detailed'", True),
    ('# Token: a token with sudo on sys/step-down\n'
     'kubectl exec -n <namespace> vault-0 -- env VAULT_TOKEN="$VAULT_TOKEN" vault operator step-down', False),
    ('kubectl exec -n <namespace> vault-0 -- env VAULT_TOKEN="$VAULT_TOKEN" vault operator step-down', True),
    ("kubectl -n <namespace> exec <pod> -- sh -c 'VAULT_TOKEN=$(cat /tmp/t) vault operator raft list-peers'", False),
    ("kubectl -n <namespace> exec -it <pod> -- sh -c 'vault login -method=userpass username=<user> && vault audit list'", False),
    ("export VAULT_TOKEN=$(cat ops-token)\nkubectl -n <namespace> exec <pod> -- vault audit list", False),
    # Token-free commands (data/examples/vault_token_free.yaml) and local runs are not this rule's.
    ("kubectl -n <namespace> exec <pod> -- vault status", False),
    ("kubectl -n <namespace> exec -it <pod> -- vault operator unseal", False),
    ("kubectl -n <namespace> exec <pod> -- vault operator raft join https://vault-0.vault-internal:8200", False),
    ("vault operator step-down", False),
])
def test_token_rule(script: str, flagged: bool) -> None:
    problems = [p for p in shell.check_script(script, shell._TokenContext(script)) if "token" in p.lower()]
    assert bool(problems) is flagged, problems


def test_token_free_commands_are_real_commands_with_sources() -> None:
    import yaml

    from examples.paths import VAULT_TOKEN_FREE

    paths, _ = shell.vault_commands()
    rows = yaml.safe_load(VAULT_TOKEN_FREE.read_text(encoding="utf-8"))["commands"]
    assert {"status", "operator init", "operator unseal", "version"} <= {r["path"] for r in rows}
    for row in rows:
        assert row["path"] in paths, row["path"]
        assert row["why"] and row["source"], row["path"]
    # 2.0 put a token in front of the key-share ceremonies: they must not be listed.
    assert not {r["path"] for r in rows} & {"operator generate-root", "operator rekey"}
