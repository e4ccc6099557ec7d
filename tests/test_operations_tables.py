"""The production-operations tables in the built site show every data row, with the data's figures.

Covers data/failure_tolerance.yaml, sizing.yaml, autopilot.yaml, automated_snapshots.yaml and
key_metrics.yaml, and the cross-row checks beside their models: a mistyped quorum, a Prometheus
name that does not follow Vault's renaming rule, or a CLI flag that does not match its key must
fail the data check, not reach a reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from htmlpages import pages, text
from macros.loading import DOCS_DIR, Handbook, load_all
from macros.markdown_source import fences
from macros.models import automated_snapshots, autopilot, failure_tolerance, key_metrics, sizing

PAGES = {
    "failure_tolerance": "operations/reference-architecture/index.html",
    "redundancy_zones": "operations/reference-architecture/index.html",
    "sizing": "operations/sizing/index.html",
    "autopilot_features": "operations/upgrades/index.html",
    "autopilot_parameters": "operations/upgrades/index.html",
    "automated_snapshots": "operations/backup-restore/index.html",
    "key_metrics": "operations/monitoring/index.html",
}


@pytest.fixture(scope="module")
def data() -> Handbook:
    return load_all()


@pytest.fixture(scope="module")
def site_pages(built_site: Path) -> dict[str, BeautifulSoup]:
    return dict(pages(built_site))


def tables(soup: BeautifulSoup, name: str) -> list[Tag]:
    found = soup.select(f'article table.voh-table[data-table="{name}"]')
    assert found, f"no {name} table on the page"
    return found


def rows(found: list[Tag]) -> dict[str, dict[str, Tag]]:
    """data-id -> {data-field: cell} over every table given; a row shown twice is an error."""
    shown: dict[str, dict[str, Tag]] = {}
    for table in found:
        for tr in table.select("tbody tr"):
            row_id = str(tr["data-id"])
            assert row_id not in shown, f"row {row_id} shown twice"
            shown[row_id] = {str(td["data-field"]): td for td in tr.find_all("td")}
    return shown


def table_rows(site_pages: dict[str, BeautifulSoup], name: str) -> dict[str, dict[str, Tag]]:
    return rows(tables(site_pages[PAGES[name]], name))


SIZING_UNITS = {"cpu_cores": "cores", "memory_gb": "GB", "disk_gb_min": "GB", "disk_iops_min": "IOPS",
                "disk_throughput_mb_s_min": "MB/s"}


def numbers(shown: str) -> list[float]:
    """Every number in a text, thousands separators and all (`1,000+ GB` is 1000, `2-4` is 2 and 4)."""
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", shown)]


def versions(shown: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)+", shown)


def has_enterprise_badge(cell: Tag) -> bool:
    return cell.select_one(".voh-badge--enterprise") is not None


def test_failure_tolerance_table_equals_data(site_pages: dict[str, BeautifulSoup], data: Handbook) -> None:
    shown = table_rows(site_pages, "failure_tolerance")
    voters = data.failure_tolerance.voters
    assert set(shown) == {str(v.servers) for v in voters}
    for row in voters:
        cells = shown[str(row.servers)]
        assert text(cells["quorum"]) == str(row.quorum)
        assert text(cells["failure_tolerance"]) == str(row.failure_tolerance)
    # The recommended five-voter row is the one highlighted.
    table = tables(site_pages[PAGES["failure_tolerance"]], "failure_tolerance")[0]
    highlighted = [str(tr["data-id"]) for tr in table.select("tr.voh-row--recommended")]
    assert highlighted == ["5"]


def test_redundancy_zone_table_equals_data(site_pages: dict[str, BeautifulSoup], data: Handbook) -> None:
    shown = table_rows(site_pages, "redundancy_zones")
    zones = data.failure_tolerance.redundancy_zones
    assert len(shown) == len(zones)
    for row in zones:
        cells = shown[f"{row.zones}x{row.servers_per_zone}"]
        for field in ("zones", "servers_per_zone", "quorum", "failure_tolerance", "optimistic_failure_tolerance"):
            assert text(cells[field]) == str(getattr(row, field)), field


def test_sizing_table_equals_data(site_pages: dict[str, BeautifulSoup], data: Handbook) -> None:
    shown = table_rows(site_pages, "sizing")
    sizes = data.sizing.sizes
    assert set(shown) == {s.id for s in sizes}
    for size in sizes:
        cells = shown[size.id]
        # The figure a reader sees, read back as a number, and the unit it is in.
        for field, unit in SIZING_UNITS.items():
            figure = text(cells[field])
            assert numbers(figure) == numbers(str(getattr(size, field))), (size.id, field, figure)
            assert unit in figure.split(), (size.id, field, figure)
        assert cells["source"].find("a") is not None
    confidence = site_pages[PAGES["sizing"]].select_one("article [data-confidence]")
    assert confidence is not None and confidence["data-confidence"] == data.sizing.confidence


def test_autopilot_tables_equal_data(site_pages: dict[str, BeautifulSoup], data: Handbook) -> None:
    features = table_rows(site_pages, "autopilot_features")
    assert set(features) == {f.id for f in data.autopilot.features}
    for feature in data.autopilot.features:
        cells = features[feature.id]
        assert has_enterprise_badge(cells["edition"]) == (feature.edition == "enterprise"), feature.id
        assert versions(text(cells["since"])) == [feature.since], feature.id
    parameters = table_rows(site_pages, "autopilot_parameters")
    assert set(parameters) == {p.id for p in data.autopilot.parameters}
    for parameter in data.autopilot.parameters:
        cells = parameters[parameter.id]
        assert [c.get_text() for c in cells["key"].find_all("code")] == [parameter.key, parameter.flag], parameter.id
        assert text(cells["default"]) == parameter.default
        assert has_enterprise_badge(cells["edition"]) == (parameter.edition == "enterprise"), parameter.id


def test_automated_snapshot_parameters_equal_data(site_pages: dict[str, BeautifulSoup], data: Handbook) -> None:
    shown = table_rows(site_pages, "automated_snapshots")
    parameters = data.automated_snapshots.parameters
    assert set(shown) == {p.id for p in parameters}
    for parameter in parameters:
        cells = shown[parameter.id]
        assert text(cells["key"]) == parameter.key
        assert text(cells["storage_type"]) == parameter.storage_type
        expected = "required" if parameter.required else (parameter.default or "unset")
        assert text(cells["default"]) == expected, parameter.id


def test_key_metrics_all_shown_once_with_both_names(site_pages: dict[str, BeautifulSoup], data: Handbook) -> None:
    shown = table_rows(site_pages, "key_metrics")
    metrics = data.key_metrics.metrics
    assert set(shown) == {m.id for m in metrics}
    for metric in metrics:
        cell = shown[metric.id]["metric"]
        codes = [text(c) for c in cell.find_all("code")]
        assert codes == [metric.vault, metric.prometheus], metric.id
        assert has_enterprise_badge(cell) == metric.enterprise_only, metric.id


def _values_block(page: str) -> dict:
    """The first `values.yaml` block of a docs page, parsed."""
    source = (DOCS_DIR / page).read_text(encoding="utf-8")
    block = next((f for f in fences(source) if f.info == 'yaml title="values.yaml"'), None)
    assert block, f"no values.yaml block in {page}"
    return yaml.safe_load(block.content)


def test_reference_values_match_the_failure_tolerance_data(data: Handbook) -> None:
    """The Helm values build the five voters the page recommends, and the PDB keeps a failure in hand."""
    values = _values_block("operations/reference-architecture.md")
    ha = values["server"]["ha"]
    by_size = {row.servers: row for row in data.failure_tolerance.voters}
    replicas = ha["replicas"]
    assert replicas == 5
    # A voluntary disruption may take only pods the cluster can lose while still tolerating one
    # more failure.
    assert ha["disruptionBudget"]["maxUnavailable"] <= by_size[replicas].failure_tolerance - 1
    spread = values["server"]["topologySpreadConstraints"]
    assert any(c["topologyKey"] == "topology.kubernetes.io/zone" and c["maxSkew"] == 1 for c in spread)
    assert "disable_mlock = true" in ha["raft"]["config"]


# The cross-row checks must catch the mistakes they exist for.

def test_a_mistyped_quorum_is_reported() -> None:
    bad = failure_tolerance.FailureTolerance.model_validate({
        "source": ["https://developer.hashicorp.com/vault/docs/internals/integrated-storage"],
        "voters": [{"servers": 5, "quorum": 2, "failure_tolerance": 3}],
        "redundancy_zones": [{"zones": 3, "servers_per_zone": 2, "quorum": 2, "failure_tolerance": 1,
                              "optimistic_failure_tolerance": 4}],
    })
    found = failure_tolerance.problems("data/failure_tolerance.yaml", bad, DOCS_DIR)
    assert any("voters[0].quorum" in p and "is 3" in p for p in found), found


def test_a_wrong_prometheus_name_is_reported(data: Handbook) -> None:
    metric = data.key_metrics.metrics[0].model_copy(update={"prometheus": "vault_core_unsealed_total"})
    bad = data.key_metrics.model_copy(update={"metrics": [metric]})
    found = key_metrics.problems("data/key_metrics.yaml", bad, DOCS_DIR)
    assert any("is exported as vault_core_unsealed" in p for p in found), found


def test_prometheus_names_follow_vaults_rule() -> None:
    assert key_metrics.prometheus_name("vault.expire.renew-token") == "vault_expire_renew_token"
    assert key_metrics.prometheus_name("vault.raft.leader.lastContact") == "vault_raft_leader_lastContact"


def test_a_flag_that_does_not_match_its_key_is_reported(data: Handbook) -> None:
    parameter = data.autopilot.parameters[0].model_copy(update={"flag": "-cleanup-servers"})
    bad = data.autopilot.model_copy(update={"parameters": [parameter]})
    found = autopilot.problems("data/autopilot.yaml", bad, DOCS_DIR)
    assert any("parameters[0].flag" in p for p in found), found


def test_a_storage_parameter_under_the_wrong_type_is_reported(data: Handbook) -> None:
    parameter = next(p for p in data.automated_snapshots.parameters if p.key == "aws_s3_bucket")
    moved = parameter.model_copy(update={"storage_type": "google-gcs"})
    bad = data.automated_snapshots.model_copy(update={"parameters": [moved]})
    found = automated_snapshots.problems("data/automated_snapshots.yaml", bad, DOCS_DIR)
    assert any("does not belong to google-gcs" in p for p in found), found


def test_a_larger_size_with_less_disk_is_reported(data: Handbook) -> None:
    small, large = data.sizing.sizes[:2]
    shrunk = large.model_copy(update={"disk_iops_min": small.disk_iops_min - 1})
    bad = data.sizing.model_copy(update={"sizes": [small, shrunk]})
    found = sizing.problems("data/sizing.yaml", bad, DOCS_DIR)
    assert any("disk_iops_min" in p for p in found), found


def test_failure_scenarios_follow_the_quorum_of_five(site_pages: dict[str, BeautifulSoup], data: Handbook) -> None:
    """The 2-2-1 scenario table is arithmetic on the data's five-voter row; keep it in step."""
    quorum = {row.servers: row for row in data.failure_tolerance.voters}[5].quorum
    heading = site_pages[PAGES["failure_tolerance"]].find(id="failure-scenarios")
    assert heading is not None
    table = heading.find_next("table")
    checked = 0
    for tr in table.select("tbody tr"):
        cells = [text(td) for td in tr.find_all("td")]
        left = int(cells[1])
        if left >= quorum:
            assert cells[2].startswith("Yes"), cells
            assert int(cells[3].split()[0]) == left - quorum, cells
        else:
            assert cells[2].startswith("No"), cells
        checked += 1
    assert checked >= 4
