"""Each failure entry's summary (what you see, what it means) is a search field of its own."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from macros.loading import load_all
from macros.models.failures import all_entries, page_of
from macros.search_summaries import FIELD, add_summaries, page_summaries, plain_words
from macros.urls import page_url


def test_plain_words_keeps_code_and_link_text_and_drops_markup_and_badges() -> None:
    text = 'Set `error_on_missing_key` (see [the docs](https://example.com)) {@ badge(edition="enterprise") @} **now**.'
    assert plain_words(text) == "Set error_on_missing_key (see the docs) now."
    # Escaped as Material escapes the text it indexes, so `<` splits words the same way there.
    assert plain_words("The file holds `<no value>`.") == "The file holds &lt;no value&gt;."


def fake(src_uri: str, url: str, entries: list[dict[str, Any]]) -> tuple[Any, Any]:
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)
    search = SimpleNamespace(search_index=SimpleNamespace(entries=entries))
    config = SimpleNamespace(plugins={"material/search": search})
    return page, config


def test_each_entry_of_a_catalogue_page_gets_its_summary_and_other_pages_none() -> None:
    failures = load_all().failures
    area = next(iter(failures.areas))
    entries = failures.areas[area].entries
    url = page_url(page_of(area))
    index = [{"location": url, "title": "page", "text": ""}]
    index += [{"location": f"{url}#{e.id}", "title": e.id, "text": ""} for e in entries]
    other = {"location": "operations/sizing/#cpu", "title": "CPU", "text": ""}
    page, config = fake(page_of(area), url, index + [other])
    assert add_summaries(page, config, failures) == len(entries)  # type: ignore[arg-type]
    first = entries[0]
    assert index[1][FIELD] == plain_words(" ".join(filter(None, (first.symptom, first.meaning))))
    assert FIELD not in index[0] and FIELD not in other
    page, config = fake("operations/sizing.md", "operations/sizing/", [other])
    assert add_summaries(page, config, failures) == 0  # type: ignore[arg-type]


def test_a_catalogue_section_missing_from_the_index_fails_the_build() -> None:
    failures = load_all().failures
    area = next(iter(failures.areas))
    url = page_url(page_of(area))
    page, config = fake(page_of(area), url, [{"location": url, "title": "page", "text": ""}])
    with pytest.raises(PluginError, match="have no search index entry"):
        add_summaries(page, config, failures)  # type: ignore[arg-type]


def test_the_built_index_holds_every_entry_summary_and_weighs_the_field(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"][FIELD]["boost"] > index["config"]["fields"]["text"]["boost"]
    docs = {d["location"]: d for d in index["docs"]}
    failures = load_all().failures
    for area, _, entry in all_entries(failures):
        doc = docs[f"{page_url(page_of(area))}#{entry.id}"]
        assert doc[FIELD] == page_summaries(failures, page_of(area))[entry.id]
    assert not [d for d in index["docs"] if FIELD in d and "/failures/" not in d["location"]]
