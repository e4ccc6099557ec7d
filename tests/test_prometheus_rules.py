"""The generated alert rules load in Prometheus, fire where the data says, and link to
runbook sections that exist."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT
from htmlpages import page as built_page
from macros import prometheus_rules as pr
from macros.alerts import write_files
from macros.loading import load_all
from macros.models.alert_thresholds import AlertThresholds
from macros.site_url import site_url_from_config

SITE_URL = "https://handbook.test.example/"


def promtool() -> str:
    found = shutil.which("promtool") or PROJECT / ".tools" / "prometheus" / "usr" / "bin" / "promtool"
    if not Path(found).is_file():
        pytest.fail("promtool not found: run `make test-tools` (unpacks Debian's prometheus package into .tools/)")
    return str(found)


@pytest.fixture(scope="module")
def alerts() -> AlertThresholds:
    return load_all().alert_thresholds


@pytest.fixture(scope="module")
def generated(alerts: AlertThresholds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("alerts")
    write_files(pr.generated_files(alerts, SITE_URL), out)
    return out


def run_promtool(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([promtool(), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_rule_file_passes_promtool_check(generated: Path) -> None:
    result = run_promtool("check", "rules", pr.RULE_FILE, cwd=generated)
    assert result.returncode == 0, result.stdout + result.stderr


def test_prometheusrule_spec_passes_promtool_check(generated: Path) -> None:
    manifest = yaml.safe_load((generated / pr.PROMETHEUS_RULE).read_text())
    assert manifest["apiVersion"] == "monitoring.coreos.com/v1" and manifest["kind"] == "PrometheusRule"
    assert manifest["metadata"]["labels"]["release"] == pr.DEFAULT_RELEASE
    (generated / "spec.yaml").write_text(yaml.safe_dump(manifest["spec"]))
    result = run_promtool("check", "rules", "spec.yaml", cwd=generated)
    assert result.returncode == 0, result.stdout + result.stderr


def test_unit_tests_pass(generated: Path) -> None:
    result = run_promtool("test", "rules", pr.TEST_FILE, cwd=generated)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_level_has_a_firing_and_a_silent_case(generated: Path, alerts: AlertThresholds) -> None:
    tests = yaml.safe_load((generated / pr.TEST_FILE).read_text())["tests"]
    for alert in alerts.alerts:
        mine = [t["alert_rule_test"][0] for t in tests if t["alert_rule_test"][0]["alertname"] == alert.alert]
        fired = {a["exp_labels"]["severity"] for case in mine for a in case["exp_alerts"]}
        assert fired == {severity for severity, _ in alert.levels()}, alert.alert
        assert any(not case["exp_alerts"] for case in mine), f"{alert.alert}: no silent case"
        for case in mine:
            for expected in case["exp_alerts"]:
                assert expected["exp_annotations"]["runbook_url"] == pr.runbook_url(SITE_URL, alert)


def test_unit_tests_catch_a_moved_threshold(generated: Path, alerts: AlertThresholds) -> None:
    """The unit tests are tight: a rule whose threshold drifts from the data fails them."""
    rules = yaml.safe_load((generated / pr.RULE_FILE).read_text())
    target = next(a for a in alerts.alerts if a.comparison == ">" and a.critical is not None)
    for rule in rules["groups"][0]["rules"]:
        if rule["alert"] == target.alert and rule["labels"]["severity"] == "critical":
            rule["expr"] = pr.expression(target, target.critical * 2 + 10)
    (generated / "drifted.rules.yaml").write_text(yaml.safe_dump(rules))
    tests = yaml.safe_load((generated / pr.TEST_FILE).read_text())
    tests["rule_files"] = ["drifted.rules.yaml"]
    (generated / "drifted.test.yaml").write_text(yaml.safe_dump(tests))

    result = run_promtool("test", "rules", "drifted.test.yaml", cwd=generated)

    assert result.returncode != 0
    assert target.alert in result.stdout + result.stderr


def test_thresholds_in_rules_equal_the_data(generated: Path, alerts: AlertThresholds) -> None:
    rules = yaml.safe_load((generated / pr.RULE_FILE).read_text())["groups"][0]["rules"]
    expected = {(a.alert, severity): (a.comparison, value) for a in alerts.alerts for severity, value in a.levels()}
    found = {}
    for rule in rules:
        match = re.search(r"(==|>=|<=|>|<)\s*(-?[\d.e+]+)$", rule["expr"])
        assert match, rule["expr"]
        found[(rule["alert"], rule["labels"]["severity"])] = (match.group(1), float(match.group(2)))
        assert rule["for"] == next(a.for_ for a in alerts.alerts if a.alert == rule["alert"])
    assert found == expected


def test_published_rules_match_generator_and_site_url(built_site: Path, alerts: AlertThresholds) -> None:
    site_url = site_url_from_config()
    published = built_site / "downloads"
    assert (published / pr.RULE_FILE).read_text() == pr.rule_file(alerts, site_url)
    assert (published / pr.PROMETHEUS_RULE).read_text() == pr.prometheus_rule(alerts, site_url)
    assert (published / pr.TEST_FILE).read_text() == pr.unit_tests(alerts, site_url)


def test_every_runbook_url_resolves_to_a_page_and_anchor(built_site: Path, alerts: AlertThresholds) -> None:
    site_url = site_url_from_config()
    rules = yaml.safe_load(pr.rule_file(alerts, site_url))["groups"][0]["rules"]
    for rule in rules:
        url = rule["annotations"]["runbook_url"]
        assert url.startswith(site_url), url
        path, _, anchor = url.removeprefix(site_url).partition("#")
        page = built_site / path / "index.html"
        assert page.is_file(), f"{rule['alert']}: {url} has no page"
        soup = built_page(built_site, page.relative_to(built_site).as_posix())
        assert soup.find(id=anchor) is not None, f"{rule['alert']}: {url} has no anchor #{anchor}"


def test_site_url_setting_changes_runbook_links(alerts: AlertThresholds) -> None:
    internal = pr.rule_file(alerts, "https://vault-docs.corp.internal/handbook/")
    urls = re.findall(r"runbook_url: (\S+)", internal)
    assert urls and all(u.startswith("https://vault-docs.corp.internal/handbook/troubleshooting/") for u in urls)


def test_the_page_shows_the_rules_with_the_builds_site_url(alerts: AlertThresholds) -> None:
    from macros.render import Context
    from macros.render.alert_rules import macros
    from macros.render.blocks import html

    handbook = load_all()
    shown = macros(handbook, Context.fixed("downloads.md", site_url="https://vault-docs.corp.internal/h/"))
    assert pr.rule_file(alerts, "https://vault-docs.corp.internal/h/") in html(shown["alert_rules"]())
    with pytest.raises(ValueError, match="site_url is empty"):
        macros(handbook, Context.fixed("downloads.md"))["alert_rules"]()


def test_downloads_page_shows_the_published_files(built_site: Path) -> None:
    # One site_url for both: the page's boxes and the files under downloads/ come from the same build.
    soup = built_page(built_site, "downloads/index.html")
    shown = [div.get_text() for div in soup.select("div.voh-rules-file code")]
    published = [(built_site / "downloads" / name).read_text(encoding="utf-8") for name in (pr.RULE_FILE, pr.PROMETHEUS_RULE)]
    assert [s.strip() for s in shown] == [p.strip() for p in published]


def test_annotations_keep_prometheus_templating(generated: Path, alerts: AlertThresholds) -> None:
    rules = yaml.safe_load((generated / pr.RULE_FILE).read_text())["groups"][0]["rules"]
    by_name = {a.alert: a for a in alerts.alerts}
    for rule in rules:
        alert = by_name[rule["alert"]]
        assert rule["annotations"]["summary"] == alert.summary
        assert rule["annotations"]["description"] == alert.description
    assert any("{{ $labels.instance }}" in r["annotations"]["summary"] for r in rules)


def test_each_runbook_shows_the_rules_that_fire_it(built_site: Path, alerts: AlertThresholds) -> None:
    """The box at the top of a runbook lists exactly the generated rules: same expression, same `for`."""
    rules = yaml.safe_load(pr.rule_file(alerts, SITE_URL))["groups"][0]["rules"]
    for alert in alerts.alerts:
        soup = built_page(built_site, pr.page_url(alert.runbook.page) + "index.html")
        box = next(
            (div for div in soup.select("div.admonition")
             if div.select_one(".admonition-title").get_text(strip=True).startswith(f"When {alert.alert} fires")),
            None,
        )
        assert box is not None, f"{alert.runbook.page}: no 'When {alert.alert} fires' box"
        shown = [[td.get_text() for td in tr.find_all("td")] for tr in box.select("tbody tr")]
        expected = [
            [r["labels"]["severity"], r["expr"], r["for"]] for r in rules if r["alert"] == alert.alert
        ]
        assert shown == expected, alert.runbook.page
