"""The document model's two writers (macros/render/blocks.py): the site's HTML and the export's
Markdown, written from the same nodes, read the same to a reader, and hold the data's figures."""

from __future__ import annotations

import re

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup, Tag

from htmlpages import text
from macros.badges import badge
from macros.loading import Handbook, load_all
from macros.render import alert_thresholds, cell, sizing
from macros.render.blocks import Div, Placeholders, Row, SiteOnly, Span, Table, cell_html, fragment, html, markdown

# What MkDocs renders the site's Markdown with, for the parts these writers emit.
EXTENSIONS = ["attr_list", "md_in_html", "tables"]


@pytest.fixture(scope="module")
def data() -> Handbook:
    return load_all()


def rendered(source: str) -> BeautifulSoup:
    return BeautifulSoup(python_markdown.markdown(source, extensions=EXTENSIONS), "lxml")


def rows_of(soup: BeautifulSoup) -> list[list[str]]:
    table = soup.find("table")
    assert isinstance(table, Tag), "no table"
    return [[text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]


def unbadged(rows: list[list[str]]) -> list[list[str]]:
    """Cell text as a reader compares it: the brackets the Markdown writer puts around badges go."""
    return [[c.replace("[", "").replace("]", "") for c in row] for row in rows]


def numbers(cell_text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"-?\d[\d,]*(?:\.\d+)?", cell_text)]


def figures(value: object) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", str(value))]


def both(node: Table) -> tuple[BeautifulSoup, BeautifulSoup]:
    return rendered(html(node)), rendered(markdown(node))


def test_alert_table_reads_the_same_in_both_and_holds_the_thresholds(data: Handbook) -> None:
    table = alert_thresholds.render(data.alert_thresholds, "operations/monitoring.md")
    site, export = both(table)
    alerts = data.alert_thresholds.alerts
    assert [str(tr["data-id"]) for tr in site.select("tbody tr")] == [a.id for a in alerts]
    assert rows_of(site) == unbadged(rows_of(export))
    headers = [text(th) for th in export.select("thead th")]
    for alert, row in zip(alerts, rows_of(export), strict=True):
        by_header = dict(zip(headers, row, strict=True))
        for level, header in (("warning", "Warning"), ("critical", "Critical")):
            value = getattr(alert, level)
            assert numbers(by_header[header]) == ([] if value is None else [value]), (alert.id, level)
        assert by_header["For"] == alert.for_
    # Links to a row keep working outside the site: the Markdown keeps each row's id as an anchor.
    assert [str(tr["id"]) for tr in site.select("tbody tr")] == [str(a["id"]) for a in export.select("td a[id]")]


def test_sizing_figures_are_the_data_in_both(data: Handbook) -> None:
    sizes = data.sizing.sizes
    node = sizing.render(data.sizing)
    site, export = rendered(html(node)), rendered(markdown(node))
    assert rows_of(site) == rows_of(export)
    for size, row in zip(sizes, rows_of(export), strict=True):
        # Ranges ("2-4") and minimums with thousands separators ("1,000+ GB"), figure by figure.
        assert figures(row[1]) == figures(size.cpu_cores), size.id
        assert figures(row[2]) == figures(size.memory_gb), size.id
        assert figures(row[3]) == [size.disk_gb_min], size.id
        assert figures(row[4]) == [size.disk_iops_min], size.id
    # The confidence note under the table: a classed paragraph on the site, one line in Markdown.
    assert site.select_one("p.voh-source[data-confidence]") is not None
    [note] = [line for line in markdown(node).splitlines() if line.startswith("Confidence:")]
    expected = f"Confidence: {data.sizing.confidence}. {data.sizing.confidence_note}"
    assert " ".join(rendered(note).get_text().split()) == " ".join(expected.split())


def test_a_cell_with_a_badge_and_pipes_reads_the_same_in_both() -> None:
    table = Table("demo", ("Key", "Note"), (
        Row("a", (cell("key", "`a|b`"), cell("note", badge(since="1.16"), "<br>x | y")), id="row-a"),
    ))
    site, export = both(table)
    assert rows_of(site) == [["a|b", "1.16+ x | y"]]
    assert rows_of(export) == [["a|b", "[1.16+] x | y"]]
    assert site.select_one("tr#row-a td .voh-badge--since") is not None
    assert export.select_one("td a#row-a") is not None
    assert "<!-- table: demo -->" in markdown(table)
    assert 'data-table="demo"' in html(table) and 'data-field="note"' in html(table)


def test_prose_and_source_cells_stay_out_of_the_site_search() -> None:
    assert "data-search-exclude" not in cell_html(cell("path", "`sys/raw/*`"))
    assert "data-search-exclude" in cell_html(cell("why", "Reads storage directly", search=False))
    # A source cell never is searched unless asked for.
    assert "data-search-exclude" in cell_html(cell("source", "[code](https://example.invalid)"))
    assert "data-search-exclude" not in cell_html(cell("source", "x", search=True))
    # The marks are the site's: the Markdown has no search index, and keeps the text.
    note = Span((("class", "voh-verdict-note"), ("data-search-exclude", None)), fragment("Long prose."))
    table = Table("t", ("Why",), (Row("a", (cell("why", "Yes<br>", note, search=False),)),))
    assert markdown(table).splitlines()[-2] == "| Yes<br>Long prose. |"
    assert '<span class="voh-verdict-note" data-search-exclude>Long prose.</span>' in html(table)


def test_wrappers_keep_their_id_and_site_only_parts_stay_on_the_site() -> None:
    node = fragment(SiteOnly("<figure>diagram</figure>"), "\n\n",
                    Div((("class", "voh-tree-text"), ("id", "t-steps")), fragment("\n\n**Step 1.**\n")), "\n")
    assert html(node) == '<figure>diagram</figure>\n\n<div class="voh-tree-text" id="t-steps" markdown>\n\n**Step 1.**\n</div>\n'
    assert markdown(node) == '\n\n<a id="t-steps"></a>\n\n**Step 1.**\n\n'


def test_placeholders_write_a_page_twice() -> None:
    placeholders = Placeholders()
    mark = badge(edition="enterprise")
    # Switched off (mkdocs-macros without the export hook): the site's HTML straight away.
    assert placeholders.emit(mark) == html(mark)
    assert placeholders.emit("plain text") == "plain text"
    placeholders.enabled = True
    block = placeholders.indent(placeholders.emit(fragment("a\nb")), 4, first=True)
    page = f"# Title {placeholders.emit(mark)}\n\n{block}\n"
    site, export = placeholders.split(page, "docs/x.md")
    assert site == f"# Title {html(mark)}\n\n    a\n    b\n"
    assert export == "# Title **[Enterprise]**\n\n    a\n    b\n"


def test_a_filter_that_would_garble_a_block_stops_the_build() -> None:
    placeholders = Placeholders()
    placeholders.enabled = True
    page = placeholders.emit(badge(since="1.16")).upper()
    with pytest.raises(ValueError, match="docs/x.md: a Jinja filter"):
        placeholders.split(page, "docs/x.md")
