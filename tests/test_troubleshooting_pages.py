"""The troubleshooting section shows every row of its data, as the data says it.

Covers the failure catalogue's sections and summary tables, the error index, the health and exit
codes, the anti-patterns, and the decision trees (diagram and text from one definition).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup, Tag

from htmlpages import page, pages, text
from macros.loading import Handbook, load_all
from macros.models.decision_trees import step_anchor
from macros.models.failures import all_entries, page_of
from macros.render.error_index import index_rows
from macros.urls import page_url

SECTION = "troubleshooting"


@pytest.fixture(scope="module")
def data() -> Handbook:
    return load_all()


def rows(table: Tag) -> dict[str, dict[str, Tag]]:
    return {
        str(tr["data-id"]): {str(td["data-field"]): td for td in tr.find_all("td")}
        for tr in table.select("tbody tr")
    }


def resolve(site: Path, from_page: str, href: str) -> tuple[Path, str]:
    """The built file and fragment a relative link on a built page points at."""
    target = urlparse(urljoin(f"http://site/{from_page}", href))
    path = target.path.lstrip("/")
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return file, target.fragment


def built(site: Path, src: str) -> BeautifulSoup:
    return page(site, page_url(src) + "index.html")


def test_every_catalogue_entry_is_a_section_headed_by_its_text(built_site: Path, data: Handbook) -> None:
    for area, _, entry in all_entries(data.failures):
        soup = built(built_site, page_of(area))
        heading = soup.find(id=entry.id)
        assert heading is not None and heading.name == "h2", entry.id
        # The verbatim text is what a reader pastes into search.
        assert heading.find("code").get_text() == entry.texts[0].text, entry.id
        body = soup.select_one(f'div.voh-failure[data-id="{entry.id}"]')
        assert body is not None, entry.id
        codes = {c.get_text() for c in body.select("li > code")}
        assert all(t.text in codes for t in entry.texts[1:]), f"{entry.id}: a printed variant is not listed"
        causes = [s for s in body.find_all("strong") if re.match(r"^\d+\. ", s.get_text())]
        assert len(causes) == len(entry.causes), f"{entry.id}: causes shown {len(causes)}, data {len(entry.causes)}"
        assert ("Unverified" in text(heading)) is (not entry.texts[0].verified), entry.id


def test_summary_tables_link_every_row_to_its_entry(built_site: Path, data: Handbook) -> None:
    entries = {entry.id: (area, entry) for area, _, entry in all_entries(data.failures)}
    tables = [
        (path, table) for path, soup in pages(built_site) if not path.startswith("print_page/")
        for table in soup.select('article table.voh-table[data-table="failures"]')
    ]
    assert len(tables) >= len(data.failures.areas), "every area is summarised on its component page"
    for path, table in tables:
        for row_id, cells in rows(table).items():
            area, entry = entries[row_id]
            assert cells["text"].find("code").get_text() == entry.texts[0].text, (path, row_id)
            file, fragment = resolve(built_site, path, str(cells["link"].find("a")["href"]))
            assert file == built_site / page_url(page_of(area)) / "index.html", (path, row_id)
            assert fragment == entry.id, (path, row_id)


def test_old_authentication_anchors_still_land(built_site: Path, data: Handbook) -> None:
    # Alerts and notes linked troubleshooting/authentication/#<id> before the catalogue moved.
    soup = page(built_site, f"{SECTION}/authentication/index.html")
    for area in ("kubernetes-auth", "tokens-leases"):
        for entry in data.failures.areas[area].entries:
            assert soup.find(id=entry.id) is not None, entry.id


def test_error_index_lists_every_text_and_each_link_lands(built_site: Path, data: Handbook) -> None:
    path = f"{SECTION}/error-index/index.html"
    soup = page(built_site, path)
    table = soup.select_one('article table.voh-table[data-table="error_index"]')
    assert table is not None
    shown = rows(table)
    expected = index_rows(data.failures)
    assert list(shown) == [r.row_id for r in expected], "the index must hold every text, alphabetically"
    assert len(expected) == sum(len(e.texts) for _, _, e in all_entries(data.failures))
    for row in expected:
        cells = shown[row.row_id]
        assert cells["text"].find("code").get_text() == row.text, row.row_id
        assert ("Unverified" in text(cells["text"])) is (row.verification_note is not None), row.row_id
        file, fragment = resolve(built_site, path, str(cells["link"].find("a")["href"]))
        target = page(built_site, file.relative_to(built_site).as_posix())
        assert fragment == row.entry and target.find(id=fragment) is not None, row.row_id


def test_health_and_exit_codes_match_data(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, f"{SECTION}/first-five-minutes/index.html")
    codes = data.health_codes
    health = rows(soup.select_one('table[data-table="health_codes"]'))
    assert list(health) == [str(c.code) for c in codes.health_codes]
    for code in codes.health_codes:
        cells = health[str(code.code)]
        assert text(cells["code"]).startswith(str(code.code)), code.code
        assert cells["parameter"].get_text() == (code.parameter or "—"), code.code
        assert (f"{code.since}+" in text(cells["code"])) is (code.since is not None), code.code
    params = rows(soup.select_one('table[data-table="health_parameters"]'))
    assert {k: text(v["default"]) for k, v in params.items()} == {p.name: p.default for p in codes.flag_parameters}
    exits = rows(soup.select_one('table[data-table="status_exit_codes"]'))
    assert {k: text(v["meaning"]) for k, v in exits.items()} == {
        str(c.code): c.meaning for c in codes.status_exit_codes
    }


def test_anti_patterns_page_shows_every_entry_with_detection(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, f"{SECTION}/anti-patterns/index.html")
    items = data.anti_patterns.anti_patterns
    assert len(items) >= 15
    for number, item in enumerate(items, 1):
        heading = soup.find(id=item.id)
        assert heading is not None and text(heading).startswith(f"{number}. {item.name}"), item.id
        block = soup.select_one(f'div.voh-anti-pattern[data-id="{item.id}"]')
        assert block is not None
        detect = block.select_one('[data-field="detect"]')
        assert detect is not None and len(text(detect)) > 30, item.id
        if item.enterprise_only:
            assert detect.select_one(".voh-badge--enterprise") is not None, item.id


def test_decision_trees_text_matches_the_definition(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, f"{SECTION}/decision-trees/index.html")
    for tree in data.decision_trees.trees:
        heading = soup.find(id=tree.id)
        assert heading is not None and text(heading).startswith(tree.title), tree.id
        steps = soup.select_one(f'div.voh-tree-text[data-tree="{tree.id}"]')
        assert steps is not None, tree.id
        for number, question in enumerate(tree.questions, 1):
            step = steps.find(id=step_anchor(tree, question))
            assert step is not None, f"{tree.id}: no step #{step_anchor(tree, question)}"
            assert text(step) == f"Step {number}. {question.question}", tree.id
        labels = [text(b) for b in steps.select("li > strong")]
        assert labels == [f"{a.label}:" for q in tree.questions for a in q.answers], tree.id


def test_decision_tree_diagrams_are_inline_svg_without_scripts(built_site: Path, data: Handbook) -> None:
    soup = page(built_site, f"{SECTION}/decision-trees/index.html")
    figures = soup.select("figure.voh-tree-diagram")
    assert [f["data-tree"] for f in figures] == [t.id for t in data.decision_trees.trees]
    for figure in figures:
        svg = figure.find("svg")
        assert svg is not None and svg.get("aria-label"), figure["data-tree"]
        assert figure.find("script") is None
        # Nothing in a diagram may load from the network: no external href, src or CSS import.
        for node in figure.find_all(True):
            for attr in ("href", "xlink:href", "src"):
                value = str(node.get(attr, ""))
                assert not re.match(r"^(https?:)?//", value), f"{figure['data-tree']}: {attr}={value}"
        assert "@import" not in str(figure) and "url(http" not in str(figure), figure["data-tree"]
    # Ids must be unique on the page, or one diagram's styles and arrows leak into another.
    ids = [str(t["id"]) for t in soup.find_all(id=True)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates[:10]}"
    # Every box links to a step that exists on the page.
    for link in soup.select("figure.voh-tree-diagram a"):
        href = link.get("xlink:href") or link.get("href")
        assert href and href.startswith("#") and soup.find(id=href[1:]) is not None, href


def test_no_page_loads_diagram_javascript_or_a_cdn(built_site: Path) -> None:
    for path, soup in pages(built_site):
        for script in soup.find_all("script", src=True):
            src = str(script["src"])
            assert not re.match(r"^(https?:)?//", src), f"{path} loads {src}"
            assert "mermaid" not in src.lower(), f"{path} loads {src}"
        assert not soup.select("pre.mermaid, div.mermaid"), f"{path} has a client-side Mermaid block"


def test_pasting_an_error_into_search_finds_its_explanation(built_site: Path, data: Handbook) -> None:
    """The search index holds every entry's heading text on the entry's own section."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = {d["location"]: html.unescape(BeautifulSoup(d["title"], "lxml").get_text()) for d in index}
    for area, _, entry in all_entries(data.failures):
        location = f"{page_url(page_of(area))}#{entry.id}"
        assert titles.get(location, "").startswith(entry.texts[0].text), entry.id


def test_a_folded_entry_s_anchor_lands_in_the_entry_that_keeps_it(built_site: Path, data: Handbook) -> None:
    kept = [(area, entry) for area, _, entry in all_entries(data.failures) if entry.former_ids]
    assert kept, "no entry keeps a former id (csi-empty-response was folded into csi-key-missing)"
    for area, entry in kept:
        doc = page(built_site, page_url(page_of(area)) + "index.html")
        for former in entry.former_ids:
            anchor = doc.find(id=former)
            assert anchor is not None, f"{page_of(area)}: no element with id {former!r}"
            # The anchor sits in the keeper's own section, just under its heading.
            assert anchor.find_previous(["h2"]).get("id") == entry.id
