"""The generated Grafana dashboards: valid against the SDK's own schemas, every query parses with
promtool and names only known metrics, threshold lines are the alerts' levels, every link lands on
an existing page and anchor, and the sidecar ConfigMaps are valid Kubernetes."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from test_prometheus_rules import promtool

from conftest import PROJECT
from examples.kubernetes import validate_manifest
from htmlpages import page as built_page
from macros import dashboards as gd
from macros.anchors import pinned_anchors
from macros.loading import DOCS_DIR, Handbook, load_all
from macros.models.dashboards import known_metrics, metric_names
from macros.prometheus_rules import runbook_url
from macros.render.dashboards import layout_svg

SITE_URL = "https://handbook.test.example/sub/"
SCHEMAS = PROJECT / "tests" / "schemas" / "grafana"
SDK_VERSION = "1769699379!11.6.0"  # the pin in constraints.txt; its dashboards are schemaVersion 41
# Grafana's variables in a panel query, with values a plain Prometheus accepts.
VARIABLES = {"$__rate_interval": "5m", "$cluster": ".*", "$namespace": ".*", "$job": ".*"}


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    return load_all()


@pytest.fixture(scope="module")
def documents(handbook: Handbook) -> dict[str, dict[str, Any]]:
    return {b.id: gd.build(b, handbook.alert_thresholds, SITE_URL) for b in handbook.dashboards.dashboards}


def schema(name: str, definition: str | None = None) -> dict[str, Any]:
    loaded = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    if definition is not None:
        loaded = {**loaded, "$ref": f"#/definitions/{definition}"}
    return loaded


def errors(document: Any, against: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in jsonschema.Draft7Validator(against).iter_errors(document)]


def panels(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in document["panels"] if p["type"] != "row"]


def by_title(handbook: Handbook, board_id: str) -> dict[str, Any]:
    board = next(b for b in handbook.dashboards.dashboards if b.id == board_id)
    return {p.title: p for p in board.panels()}


def test_the_pinned_sdk_and_schema_version_are_the_ones_targeted(documents: dict[str, dict[str, Any]]) -> None:
    assert importlib.metadata.version("grafana-foundation-sdk") == SDK_VERSION
    assert f"grafana-foundation-sdk=={SDK_VERSION}" in (PROJECT / "constraints.txt").read_text()
    for document in documents.values():
        assert document["schemaVersion"] == gd.SCHEMA_VERSION == 41


@pytest.mark.parametrize("board_id", ["vault-cluster-overview", "vault-kubernetes-integrations"])
def test_json_validates_against_the_sdk_schemas(documents: dict[str, dict[str, Any]], board_id: str) -> None:
    document = documents[board_id]
    problems = errors(document, schema("dashboard"))
    for panel in panels(document):
        where = f"panel {panel['title']!r}"
        problems += [f"{where} options: {e}" for e in errors(panel["options"], schema(panel["type"], "Options"))]
        custom = panel["fieldConfig"]["defaults"].get("custom")
        if custom is not None:
            problems += [f"{where} custom: {e}" for e in errors(custom, schema(panel["type"], "FieldConfig"))]
        for target in panel["targets"]:
            problems += [f"{where} target: {e}" for e in errors(target, schema("prometheus"))]
    assert not problems, "\n".join(problems)


def test_the_sdk_reads_its_own_output_back(documents: dict[str, dict[str, Any]]) -> None:
    from grafana_foundation_sdk.cog.encoder import JSONEncoder
    from grafana_foundation_sdk.models.dashboard import Dashboard

    for board_id, document in documents.items():
        again = json.loads(json.dumps(Dashboard.from_json(document), cls=JSONEncoder))
        again["panels"] = [{**p, "id": i} for i, p in enumerate(again["panels"], start=1)]
        assert again == document, board_id


def test_panels_fill_the_grid_without_overlap(documents: dict[str, dict[str, Any]]) -> None:
    for board_id, document in documents.items():
        cells: dict[tuple[int, int], str] = {}
        for panel in document["panels"]:
            g = panel["gridPos"]
            assert 0 <= g["x"] and g["x"] + g["w"] <= gd.GRID_COLUMNS, (board_id, panel["title"], g)
            for x in range(g["x"], g["x"] + g["w"]):
                for y in range(g["y"], g["y"] + g["h"]):
                    assert (x, y) not in cells, f"{board_id}: {panel['title']} overlaps {cells[(x, y)]}"
                    cells[(x, y)] = panel["title"]


def test_every_dashboard_has_the_scope_variables(documents: dict[str, dict[str, Any]]) -> None:
    for board_id, document in documents.items():
        variables = {v["name"]: v for v in document["templating"]["list"]}
        assert variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
        for label in gd.SCOPE_LABELS:
            assert variables[label]["includeAll"] and variables[label]["allValue"] == ".*", (board_id, label)
        for panel in panels(document):
            assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
            for target in panel["targets"]:
                assert gd.SCOPE_MATCHERS in target["expr"], (board_id, panel["title"])


def test_every_panel_query_parses_with_promtool(documents: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    rules = []
    for board_id, document in documents.items():
        for panel in panels(document):
            for target in panel["targets"]:
                expr = target["expr"]
                for variable, value in VARIABLES.items():
                    expr = expr.replace(variable, value)
                assert "$" not in expr, f"{panel['title']}: unknown variable in {expr}"
                rules.append({"record": f"voh:{board_id.replace('-', '_')}:panel_{panel['id']}", "expr": expr})
    (tmp_path / "panels.rules.yaml").write_text(yaml.safe_dump({"groups": [{"name": "panels", "rules": rules}]}))
    result = subprocess.run([promtool(), "check", "rules", "panels.rules.yaml"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(rules)} rules found" in result.stdout


def test_every_panel_query_names_only_known_metrics(handbook: Handbook, documents: dict[str, dict[str, Any]]) -> None:
    known = known_metrics(handbook.dashboards, handbook.key_metrics, handbook.alert_thresholds)
    for document in documents.values():
        for panel in panels(document):
            for target in panel["targets"]:
                names = metric_names(target["expr"])
                assert names, panel["title"]
                unknown = [n for n in names if n not in known]
                assert not unknown, f"{panel['title']}: {unknown} are in no metrics data"


def test_metric_name_extraction() -> None:
    query = ('histogram_quantile(0.99, sum by (le, operation) (rate(vso_client_operations_time_seconds_bucket'
             '{job=~"$job"}[$__rate_interval]))) / on (instance) group_left up * 60 / 1e9')
    assert metric_names(query) == ["vso_client_operations_time_seconds_bucket", "up"]


def test_threshold_lines_are_the_alert_levels(handbook: Handbook, documents: dict[str, dict[str, Any]]) -> None:
    alerts = {a.id: a for a in handbook.alert_thresholds.alerts}
    checked: set[str] = set()
    for board_id, document in documents.items():
        data = by_title(handbook, board_id)
        for panel in panels(document):
            source = data[panel["title"]]
            defaults = panel["fieldConfig"]["defaults"]
            lines = sorted(s["value"] for s in defaults["thresholds"]["steps"] if s["value"] is not None)
            expected = sorted(v for a in source.alerts for c in [alerts[a]] if c.comparison != "=="
                              for _, v in c.levels())
            assert lines == expected, f"{panel['title']}: threshold lines {lines}, alert levels {expected}"
            mapped = sorted(float(v) for m in defaults.get("mappings", []) for v in m["options"])
            assert mapped == sorted(v for a in source.alerts for c in [alerts[a]] if c.comparison == "=="
                                    for _, v in c.levels()), panel["title"]
            if panel["type"] == "timeseries" and lines:
                assert defaults["custom"]["thresholdsStyle"]["mode"] == "line", panel["title"]
            checked |= set(source.alerts)
    assert checked == set(alerts), f"alerts no panel draws: {sorted(set(alerts) - checked)}"


def test_panel_links_carry_the_rules_runbook_url(handbook: Handbook, documents: dict[str, dict[str, Any]]) -> None:
    alerts = {a.id: a for a in handbook.alert_thresholds.alerts}
    for board_id, document in documents.items():
        data = by_title(handbook, board_id)
        for panel in panels(document):
            urls = [link["url"] for link in panel["links"]]
            expected = [runbook_url(SITE_URL, alerts[a]) for a in data[panel["title"]].alerts]
            assert urls[: len(expected)] == expected, panel["title"]
            assert urls and all(u.startswith(SITE_URL) for u in urls), panel["title"]


def test_site_url_moves_the_panel_links(handbook: Handbook, monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.site_url import site_url_from_config

    monkeypatch.setenv("SITE_URL", "https://vault.internal.example/handbook/")
    site_url = site_url_from_config()
    board = handbook.dashboards.dashboards[0]
    document = gd.build(board, handbook.alert_thresholds, site_url)
    assert all(link["url"].startswith("https://vault.internal.example/handbook/")
               for p in panels(document) for link in p["links"])


def _page_for(path: str) -> Path | None:
    for candidate in (DOCS_DIR / f"{path.rstrip('/')}.md", DOCS_DIR / path / "index.md"):
        if candidate.is_file():
            return candidate
    return None


def test_every_panel_link_resolves_to_a_page_and_anchor(documents: dict[str, dict[str, Any]]) -> None:
    for document in documents.values():
        for panel in panels(document):
            for link in panel["links"]:
                parts = urlsplit(link["url"])
                path = parts.path.removeprefix(urlsplit(SITE_URL).path)
                page = _page_for(path)
                assert page is not None, f"{panel['title']}: no page for {link['url']}"
                assert parts.fragment in pinned_anchors(page), f"{panel['title']}: no #{parts.fragment} on {page.name}"


def test_configmaps_are_valid_kubernetes_for_the_sidecar(handbook: Handbook) -> None:
    files = gd.generated_files(handbook.dashboards, handbook.alert_thresholds, SITE_URL)
    for board in handbook.dashboards.dashboards:
        text = files[gd.configmap_file(board)]
        manifest = yaml.safe_load(text)
        assert validate_manifest(manifest) == [], board.id
        # `kubectl apply` copies the object into an annotation, and annotations are capped at 256 KiB.
        assert len(text.encode()) < 256 * 1024, f"{board.id}: too big for kubectl apply"
        assert manifest["metadata"]["labels"]["grafana_dashboard"] == "1"
        assert json.loads(manifest["data"][gd.file_name(board)]) == json.loads(files[gd.file_name(board)])
    assert len(files) == 2 * len(handbook.dashboards.dashboards)


def test_layout_picture_has_a_box_per_panel(handbook: Handbook, documents: dict[str, dict[str, Any]]) -> None:
    for board in handbook.dashboards.dashboards:
        svg = BeautifulSoup(layout_svg(board, documents[board.id], handbook.alert_thresholds), "html.parser")
        assert len(svg.find_all("rect")) == len(board.panels()), board.id
        assert svg.svg["role"] == "img" and svg.find("title") is not None


def test_downloads_and_monitoring_page_show_the_dashboards(built_site: Path, handbook: Handbook) -> None:
    page = built_page(built_site, "operations/monitoring/index.html")
    for board in handbook.dashboards.dashboards:
        published = json.loads((built_site / "downloads" / gd.file_name(board)).read_text())
        assert published["uid"] == board.uid
        assert validate_manifest(yaml.safe_load((built_site / "downloads" / gd.configmap_file(board)).read_text())) == []
        figure = page.select_one(f'figure.voh-dashboard-layout[data-dashboard="{board.id}"]')
        assert figure is not None and len(figure.select("rect")) == len(board.panels())
        rows = page.select(f'table[data-table="dashboard-{board.id}"] tbody tr')
        assert [r["data-id"] for r in rows] == [f"{board.id}.{p.id}" for p in board.panels()]


def test_peer_table_matches_the_data(built_site: Path, handbook: Handbook) -> None:
    page = built_page(built_site, "operations/monitoring/index.html")
    peers = handbook.alert_peers
    rows = {r["data-id"]: r for r in page.select('table[data-table="alert_peers"] tbody tr')}
    assert set(rows) == {a.id for a in handbook.alert_thresholds.alerts}
    for row in peers.ours:
        cells = {td["data-field"]: td for td in rows[row.alert].select("td")}
        for peer in peers.peers:
            shown = [c.get_text() for c in cells[peer.id].select("code")] or [cells[peer.id].get_text().strip()]
            assert shown == (row.peers[peer.id] or ["none"]), (row.alert, peer.id)
    reasons = page.select('table[data-table="alerts_not_adopted"] tbody tr')
    assert len(reasons) == len(peers.not_adopted)
