"""Every figure a shared table shows in the built site equals the data it comes from."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from htmlpages import pages, text
from macros.loading import Handbook, load_all
from macros.prometheus_rules import page_url


@pytest.fixture(scope="module")
def data() -> Handbook:
    return load_all()


@pytest.fixture(scope="module")
def tables(built_site: Path) -> dict[str, list[tuple[str, Tag]]]:
    """table name -> [(page, table element)] over the whole site."""
    found: dict[str, list[tuple[str, Tag]]] = defaultdict(list)
    for page, soup in pages(built_site):
        if page.startswith("print_page/"):  # the print view repeats every page with in-page links
            continue
        for table in soup.select("article table.voh-table"):
            found[str(table["data-table"])].append((page, table))
    return found


def md_text(source: str) -> str:
    return text(BeautifulSoup(markdown.markdown(source), "lxml"))


def numbers(cell_text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"-?\d[\d,]*(?:\.\d+)?", cell_text)]


def rows(table: Tag) -> dict[str, dict[str, Tag]]:
    return {
        str(tr["data-id"]): {str(td["data-field"]): td for td in tr.find_all("td")}
        for tr in table.select("tbody tr")
    }


@pytest.mark.parametrize("name", ["decision_matrix", "alert_thresholds", "privileged_endpoints"])
def test_each_shared_table_is_on_two_pages_or_more(tables: dict[str, list[tuple[str, Tag]]], name: str) -> None:
    assert len({page for page, _ in tables[name]}) >= 2, f"{name} is shown on fewer than two pages"


def test_decision_matrix_matches_data(tables: dict[str, list[tuple[str, Tag]]], data: Handbook) -> None:
    by_id = {c.id: c for c in data.decision_matrix.criteria}
    for page, table in tables["decision_matrix"]:
        for row_id, cells in rows(table).items():
            criterion = by_id[row_id]
            assert text(cells["criterion"]) == criterion.criterion, page
            for option_id, cell in criterion.cells.items():
                shown = cells[option_id]
                verdict = shown.select_one(".voh-verdict")
                assert verdict is not None and text(verdict) == cell.verdict, (page, row_id, option_id)
                assert text(shown).removeprefix(text(verdict)).strip() == md_text(cell.note), (page, row_id, option_id)
    full = [t for _, t in tables["decision_matrix"] if len(rows(t)) == len(by_id)]
    assert full, "no page shows the whole decision matrix"


def test_alert_thresholds_match_data(tables: dict[str, list[tuple[str, Tag]]], data: Handbook) -> None:
    by_id = {a.id: a for a in data.alert_thresholds.alerts}
    shown_ids: set[str] = set()
    for page, table in tables["alert_thresholds"]:
        for row_id, cells in rows(table).items():
            alert = by_id[row_id]
            shown_ids.add(row_id)
            assert text(cells["alert"]).startswith(alert.alert), (page, row_id)
            link = cells["alert"].find("a")
            assert link is not None
            href = urljoin(f"http://site/{page}", str(link["href"]))
            assert href == f"http://site/{page_url(alert.runbook.page)}#{alert.runbook.anchor}", (page, href)
            names = [c.get_text() for c in cells["metric"].find_all("code")]
            assert names == [n for n in (alert.metric.vault, alert.metric.prometheus) if n], (page, row_id)
            for level in ("warning", "critical"):
                value = getattr(alert, level)
                shown = text(cells[level])
                if value is None:
                    assert shown == "—", (page, row_id, level)
                else:
                    assert shown.startswith(alert.comparison), (page, row_id, level)
                    assert numbers(shown) == [value], (page, row_id, level, shown)
            assert text(cells["for"]) == alert.for_, (page, row_id)
            assert text(cells["severity"]) == alert.severity, (page, row_id)
            # A vendor number links its source; one of ours shows the reasoning it rests on.
            if alert.source:
                assert cells["basis"].find("a", href=True) is not None, (page, row_id)
            else:
                assert md_text(alert.rationale or "") in text(cells["basis"]), (page, row_id)
    assert shown_ids == set(by_id), f"alerts never shown: {set(by_id) - shown_ids}"


def test_privileged_endpoints_match_data(tables: dict[str, list[tuple[str, Tag]]], data: Handbook) -> None:
    by_id = {e.id: e for e in data.privileged_endpoints.endpoints}
    shown_ids: set[str] = set()
    for page, table in tables["privileged_endpoints"]:
        for row_id, cells in rows(table).items():
            endpoint = by_id[row_id]
            shown_ids.add(row_id)
            code = cells["path"].find("code")
            assert code is not None and code.get_text() == endpoint.path, (page, row_id)
            for field in ("sudo", "root_namespace_only", "enterprise_only"):
                expected = "Yes" if getattr(endpoint, field) else "No"
                assert text(cells[field]) == expected, (page, row_id, field)
            assert ("Enterprise" in text(cells["path"])) == endpoint.enterprise_only, (page, row_id)
            assert text(cells["why"]) == md_text(endpoint.why), (page, row_id)
            assert text(cells["alert_on"]) == md_text(endpoint.alert_on), (page, row_id)
    assert shown_ids == set(by_id), f"endpoints never shown: {set(by_id) - shown_ids}"


def test_same_table_reads_the_same_on_every_page(tables: dict[str, list[tuple[str, Tag]]]) -> None:
    for name, shown in tables.items():
        by_row: dict[str, set[str]] = defaultdict(set)
        for _, table in shown:
            for row_id, cells in rows(table).items():
                by_row[row_id].add(" | ".join(text(td) for td in cells.values()))
        differing = [row for row, versions in by_row.items() if len(versions) > 1]
        assert not differing, f"{name}: rows read differently on different pages: {differing}"

