"""The failure catalogue (data/failures/*.yaml, macros/models/failures.py) refuses what would
mislead a reader under stress, and holds what the round promised: entries on both sides, each
with the code that prints its text and a real report, each rendered as its own section."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from macros.errors import DataError
from macros.loading import DATA_DIR, DOCS_DIR, load_all, load_failure_areas, parse
from macros.models import failures
from macros.models.failures import FailureArea, Failures, all_entries

AREA_FILES = sorted((DATA_DIR / "failures").glob("*.yaml"))
SAMPLE = DATA_DIR / "failures" / "kubernetes-auth.yaml"
MIN_PER_SIDE = 100


def raw(path: Path = SAMPLE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def problems_of(*areas: tuple[str, dict]) -> list[str]:
    parsed = {name: parse(FailureArea, data, f"data/failures/{name}.yaml") for name, data in areas}
    return failures.problems("data/failures/", Failures(areas=parsed), DOCS_DIR)


def parse_error(data: dict) -> str:
    with pytest.raises(DataError) as caught:
        parse(FailureArea, data, "data/failures/kubernetes-auth.yaml")
    return "\n".join(caught.value.problems)


def test_the_shipped_catalogue_has_no_problems() -> None:
    catalogue, found = load_failure_areas(AREA_FILES)
    assert found == [] and catalogue is not None
    assert failures.problems("data/failures/", catalogue, DOCS_DIR) == []


def test_an_unknown_key_names_file_and_key_path() -> None:
    data = copy.deepcopy(raw())
    data["entries"][0]["causes"][0]["confirm"]["comand"] = "vault status"
    assert "data/failures/kubernetes-auth.yaml: entries[0].causes[0].confirm.comand: unknown key" in parse_error(data)


def test_a_cause_without_a_fix_is_refused() -> None:
    data = copy.deepcopy(raw())
    del data["entries"][0]["causes"][0]["fix"]
    assert "entries[0].causes[0].fix: required field is missing" in parse_error(data)


def test_an_entry_without_causes_or_reports_is_refused() -> None:
    data = copy.deepcopy(raw())
    data["entries"][0]["causes"] = []
    data["entries"][0]["source"]["reports"] = []
    found = parse_error(data)
    assert "entries[0].causes" in found and "entries[0].source.reports" in found


def test_a_report_set_without_a_query_or_a_title_is_refused() -> None:
    data = copy.deepcopy(raw())
    for report in data["entries"][0]["source"]["reports"]:
        report.pop("query", None)
        report.pop("title", None)
    assert "needs the `query` an operator would paste, or its `title`" in parse_error(data)


def test_a_report_set_with_only_titles_is_accepted() -> None:
    # Where no report quotes the error text, the reports' titles are what finds the entry.
    data = copy.deepcopy(raw())
    for report in data["entries"][0]["source"]["reports"]:
        report.pop("query", None)
        report["title"] = "A report title in the reporter's words"
    area = parse(FailureArea, data, "data/failures/kubernetes-auth.yaml")
    assert all(r.query is None for r in area.entries[0].source.reports)


def test_an_unverified_text_needs_a_note() -> None:
    data = copy.deepcopy(raw())
    data["entries"][0]["texts"][0]["verified"] = False
    assert "an unverified text needs a `note`" in parse_error(data)


def test_a_broken_related_link_is_reported() -> None:
    data = copy.deepcopy(raw())
    data["entries"][0]["related"] = ["no-such-entry"]
    assert any("entries[0].related[0]: no failure entry 'no-such-entry'" in p
               for p in problems_of(("kubernetes-auth", data)))


def test_a_former_id_must_not_be_an_id_and_related_must_name_the_keeper() -> None:
    data = copy.deepcopy(raw())
    first, second = data["entries"][0], data["entries"][1]
    first["former_ids"] = [second["id"], "folded-entry"]
    second["related"] = ["folded-entry"]
    found = problems_of(("kubernetes-auth", data))
    assert any(f"entries[0].former_ids[0]: {second['id']!r} is still an entry's id" in p for p in found), found
    assert any(f"entries[1].related[0]: 'folded-entry' was folded into {first['id']!r}" in p for p in found), found


def test_a_former_id_kept_by_two_entries_is_reported() -> None:
    data = copy.deepcopy(raw())
    data["entries"][0]["former_ids"] = ["folded-entry"]
    data["entries"][1]["former_ids"] = ["folded-entry"]
    found = problems_of(("kubernetes-auth", data))
    assert any("entries[1].former_ids[0]: 'folded-entry' is already kept by" in p for p in found), found


def test_the_same_text_in_two_entries_is_reported() -> None:
    data = copy.deepcopy(raw())
    twin = copy.deepcopy(data["entries"][0])
    twin["id"] = "twin-entry"
    twin["texts"] = [dict(twin["texts"][0], text=twin["texts"][0]["text"].upper().replace("<ROLE-NAME>", "<name>"))]
    for report in twin["source"]["reports"]:
        report["query"] = (report.get("query") or "") + " twin"
    data["entries"].append(twin)
    found = problems_of(("kubernetes-auth", data))
    where = f"entries[{len(data['entries']) - 1}].texts[0].text: the same text is already entry"
    assert any(where in p for p in found), found


def test_a_dangerous_fix_without_a_warning_is_reported() -> None:
    data = copy.deepcopy(raw())
    fix = data["entries"][0]["causes"][0]["fix"]
    fix.pop("warning", None)
    fix["code"] = [{"code": "# Token: a root-equivalent token\nvault operator raft remove-peer <node-id>"}]
    assert any("fix.warning" in p and "remove-peer" in p for p in problems_of(("kubernetes-auth", data)))


def test_every_catalogue_page_has_its_data_file_and_the_reverse() -> None:
    pages = {p.stem for p in (DOCS_DIR / failures.PAGE_DIR).glob("*.md")} - {"index"}
    files = {p.stem for p in AREA_FILES}
    assert pages == files


@pytest.mark.parametrize("side", ["kubernetes", "cluster"])
def test_each_side_holds_at_least_100_entries(side: str) -> None:
    catalogue = load_all().failures
    count = sum(len(a.entries) for a in catalogue.areas.values() if a.side == side)
    assert count >= MIN_PER_SIDE, f"{side} side: {count} entries"


def test_every_entry_cites_code_and_a_real_report() -> None:
    catalogue = load_all().failures
    for _, _, entry in all_entries(catalogue):
        assert entry.source.code, entry.id
        assert any(r.url.startswith("https://") for r in entry.source.reports), entry.id


def test_the_old_catalogues_are_merged() -> None:
    # One mechanism: the authentication catalogue and the string list became failure entries
    # that kept their ids, so links to them still land.
    assert not (DATA_DIR / "auth_errors.yaml").exists()
    assert not (DATA_DIR / "error_strings.yaml").exists()


def test_a_bad_file_names_the_line(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    broken = text.replace("        confirm:\n", "        confirm:\n          comand: vault status\n", 1)
    line = broken.splitlines().index("          comand: vault status") + 1
    path = tmp_path / "kubernetes-auth.yaml"
    path.write_text(broken, encoding="utf-8")
    _, found = load_failure_areas([path])
    assert f"data/failures/kubernetes-auth.yaml: line {line}: entries[0].causes[0].confirm.comand: unknown key" in found


def test_report_titles_are_kept_apart_from_the_pasted_queries() -> None:
    from macros.search_eval.cases import report_cases, title_cases

    titles, pasted = title_cases(), report_cases()
    # Titles are prose: the search test holds them to a floor of their own, never the pastes', and
    # a text is measured in one of the two sets only.
    assert titles and pasted
    assert not {c.query for c in titles} & {c.query for c in pasted}
    assert all(t.target.startswith("troubleshooting/failures/") and "#" in t.target for t in titles)
    # Between them, the pastes and the titles reach every entry of the catalogue.
    catalogue, _ = load_failure_areas(AREA_FILES)
    assert catalogue is not None
    entries = {e.id for area in catalogue.areas.values() for e in area.entries}
    assert {c.target.rsplit("#", 1)[1] for c in titles + pasted} == entries
