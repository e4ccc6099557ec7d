"""The Kubernetes integration references show every row of their data, and show it right.

A reader looks an annotation, a VSO field or a SecretProviderClass key up in the built site; if
the data names it and the page does not show it, or shows another default, these tests fail.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from htmlpages import page as built_page
from htmlpages import text
from macros.loading import Handbook, load_all

PROJECT = Path(__file__).resolve().parent.parent


def md_text(source: str) -> str:
    return text(BeautifulSoup(markdown.markdown(source), "lxml"))


@pytest.fixture(scope="module")
def data() -> Handbook:
    return load_all()


def page(site: Path, name: str) -> BeautifulSoup:
    return built_page(site, f"kubernetes/{name}/index.html")


def rows_of(soup: BeautifulSoup, table_name: str) -> dict[str, dict[str, Tag]]:
    """data-id -> {data-field: cell} over every table of that name on the page."""
    found: dict[str, dict[str, Tag]] = {}
    tables = soup.select(f'article table.voh-table[data-table="{table_name}"]')
    assert tables, f"no table {table_name!r} on the page"
    for table in tables:
        for tr in table.select("tbody tr"):
            found[str(tr["data-id"])] = {str(td["data-field"]): td for td in tr.find_all("td")}
    return found


# --- Agent Injector ----------------------------------------------------------------------------

def test_every_annotation_is_in_the_reference(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, "agent-injector")
    shown = rows_of(soup, "injector_annotations")
    rows = data.injector_annotations.annotations
    missing = [a.annotation for a in rows if a.id not in shown]
    assert not missing, f"annotations missing from the reference: {missing}"
    for row in rows:
        cells = shown[row.id]
        code = cells["annotation"].find("code")
        assert code is not None and code.get_text() == row.annotation, row.id
        expected_default = md_text(row.default) if row.default is not None else "—"
        assert text(cells["default"]) == expected_default, row.id
        assert text(cells["since"]) == f"vault-k8s {row.since}+", row.id
        assert text(cells["meaning"]).startswith(md_text(row.meaning)), row.id
        assert ("Enterprise" in text(cells["annotation"])) == row.enterprise_only, row.id


def test_annotations_are_grouped_under_pinned_headings(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, "agent-injector")
    for group in data.injector_annotations.groups:
        heading = soup.find(id=f"annotations-{group.id}")
        assert heading is not None and heading.name in ("h2", "h3", "h4"), group.id
        table = heading.find_next("table")
        assert table is not None
        first = next(a for a in data.injector_annotations.annotations if a.group == group.id)
        assert table.select_one(f'tr[data-id="{first.id}"]') is not None, group.id


def test_a_to_z_index_links_every_annotation(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, "agent-injector")
    index = soup.select_one("article details")
    assert index is not None
    targets = {str(a["href"]) for a in index.select("a")}
    assert targets == {f"#annotation-{a.id}" for a in data.injector_annotations.annotations}
    for target in targets:
        assert soup.find(id=target[1:]) is not None, target


def test_annotation_count_in_prose_matches_data(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, "agent-injector")
    section = soup.find(id="annotation-reference")
    assert section is not None
    prose = text(section.find_next("p"))
    assert f"All {len(data.injector_annotations.annotations)} annotations" in prose


def test_every_injector_environment_variable_is_shown(built_site: Path, data: Handbook) -> None:
    shown = rows_of(page(built_site, "agent-injector"), "injector_environment")
    for row in data.injector_annotations.environment:
        assert row.id in shown, row.variable
        assert text(shown[row.id]["variable"]) == row.variable
        assert text(shown[row.id]["default"]) == md_text(row.default), row.variable


# --- Vault Secrets Operator --------------------------------------------------------------------

def test_every_vso_field_is_in_the_reference(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, "vault-secrets-operator")
    for kind in data.vso_crd_fields.kinds:
        shown = rows_of(soup, f"vso_fields_{kind.kind}")
        for field in kind.fields:
            if field.path == "spec":
                continue
            assert field.path in shown, f"{kind.kind}.{field.path} missing from the reference"
            cells = shown[field.path]
            assert text(cells["field"]) == field.path.removeprefix("spec."), field.path
            assert text(cells["type"]) == field.type, field.path
            assert text(cells["required"]) == ("Yes" if field.required else "No"), field.path
            default = "—" if field.default is None else json.dumps(field.default)
            assert text(cells["default"]) == default, field.path
            since = f"VSO {field.since}+" if field.since else "—"
            assert text(cells["since"]) == since, field.path
        assert len(shown) == len([f for f in kind.fields if f.path != "spec"]), kind.kind


def test_vso_reference_targets_the_1_6_api(data: Handbook) -> None:
    kinds = {k.kind: {f.path for f in k.fields} for k in data.vso_crd_fields.kinds}
    assert "HCPAuth" not in kinds and "HCPVaultSecretsApp" not in kinds
    assert "spec.appRole.secretIDPath" not in kinds["VaultAuth"]
    assert "spec.appRole.secretIDPath" not in kinds["VaultAuthGlobal"]
    assert "spec.syncConfig.instantUpdates" in kinds["VaultDynamicSecret"]
    vault_auth = next(k for k in data.vso_crd_fields.kinds if k.kind == "VaultAuth")
    method = next(f for f in vault_auth.fields if f.path == "spec.method")
    assert method.enum == ["kubernetes", "jwt", "appRole", "aws", "gcp"]


def test_vso_page_has_an_example_of_each_core_kind(built_site: Path) -> None:
    soup = page(built_site, "vault-secrets-operator")
    blocks = "\n".join(code.get_text() for code in soup.select("article pre code"))
    for kind in ("VaultConnection", "VaultAuth", "VaultStaticSecret", "VaultDynamicSecret", "VaultPKISecret"):
        assert f"kind: {kind}\n" in blocks, f"no {kind} example"


# --- CSI provider ------------------------------------------------------------------------------

@pytest.mark.parametrize("part", ["parameters", "objects"])
def test_every_csi_key_is_in_the_reference(built_site: Path, data: Handbook, part: str) -> None:
    shown = rows_of(page(built_site, "csi-provider"), f"csi_{part}")
    rows = getattr(data.csi_parameters, part)
    assert set(shown) == {r.id for r in rows}
    for row in rows:
        cells = shown[row.id]
        code = cells["key"].find("code")
        assert code is not None and code.get_text() == row.key, row.id
        assert text(cells["required"]) == ("Yes" if row.required else "No"), row.id
        assert text(cells["default"]) == (md_text(row.default) if row.default else "—"), row.id
        assert text(cells["since"]) == f"vault-csi-provider {row.since}+", row.id


# --- Helm values -------------------------------------------------------------------------------

def test_every_helm_value_is_shown_somewhere(built_site: Path, data: Handbook) -> None:
    shown: dict[str, dict[str, Tag]] = {}
    for name, table in (("agent-injector", "helm_values_vault"), ("csi-provider", "helm_values_vault"),
                        ("vault-secrets-operator", "helm_values_vault_secrets_operator")):
        shown.update(rows_of(page(built_site, name), table))
    for row in data.k8s_helm_values.values:
        assert row.id in shown, f"{row.chart}: {row.key} is on no page"
        assert shown[row.id]["key"].find("code").get_text() == row.key


# --- The checks themselves ---------------------------------------------------------------------

def _load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PROJECT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_annotation_check_catches_missing_and_invented_rows() -> None:
    tool = _load_tool("check_injector_annotations")
    go = (
        'const (\n\tAnnotationAgentInject = "vault.hashicorp.com/agent-inject"\n'
        '\tAnnotationAgentInjectSecret = "vault.hashicorp.com/agent-inject-secret"\n'
        '\tAnnotationNew = "vault.hashicorp.com/agent-brand-new"\n)\n'
    )
    rows: list[dict[str, Any]] = [
        {"annotation": "vault.hashicorp.com/agent-inject"},
        {"annotation": "vault.hashicorp.com/agent-inject-secret-<name>"},
        {"annotation": "vault.hashicorp.com/agent-made-up"},
    ]
    problems = tool.compare(go, rows)
    assert any("agent-brand-new has no row" in p for p in problems)
    assert any("agent-made-up matches no upstream constant" in p for p in problems)
    assert not any("agent-inject-secret" in p for p in problems)


def test_vso_field_derivation_applies_the_delta(tmp_path: Path) -> None:
    tool = _load_tool("derive_vso_fields")
    crd = {
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "things.example.com"},
        "spec": {"group": "example.com", "names": {"kind": "Thing"}, "versions": [{
            "name": "v1", "served": True,
            "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": {
                "type": "object", "required": ["mount"],
                "properties": {
                    "mount": {"type": "string"},
                    "old": {"type": "string"},
                    "renewalPercent": {"type": "integer", "default": 67},
                },
            }}}},
        }]},
    }
    (tmp_path / "thing.yaml").write_text(json.dumps(crd), encoding="utf-8")
    delta = {
        "baseline": {"repo": "o/r", "tag": "v1.0.0"}, "target": "test",
        "changes": [{"id": "drop-old", "op": "remove_field", "kind": "Thing", "path": "spec.old",
                     "since": "v1.1.0", "source": ["https://example.com/notes"]}],
    }
    (tmp_path / "delta.yaml").write_text(json.dumps(delta), encoding="utf-8")
    args = tool.argparse.Namespace(
        repo="o/r", tag="v1.0.0", commit="0" * 40, path_prefix="crds/", delta=tmp_path / "delta.yaml",
        history=None, crds=[tmp_path / "thing.yaml"],
    )
    out = tool.derive(args)
    fields = {f["path"]: f for f in out["kinds"][0]["fields"]}
    assert "spec.old" not in fields
    assert fields["spec.mount"]["required"] is True
    assert fields["spec.renewalPercent"]["default"] == 67
    assert fields["spec.mount"]["source"] == ["o/r@v1.0.0:crds/thing.yaml"]
