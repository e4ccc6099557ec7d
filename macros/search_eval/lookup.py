"""Run the error lookup's own JavaScript (docs/assets/javascripts/error-lookup.js) under QuickJS,
against the catalogue rows the error index renders, so unit tests and the benchmark exercise the
code readers run without a browser. Needs the `test` extra (quickjs-ng)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import quickjs

from ..loading import DOCS_DIR, load_all
from ..render.error_index import index_rows

SCRIPT = DOCS_DIR / "assets" / "javascripts" / "error-lookup.js"


def catalogue_rows() -> list[dict[str, str]]:
    """What the page's script reads from the error index table: one row per printed text."""
    handbook = load_all()
    return [{"id": r.entry, "text": r.text, "page": r.page, "heading": r.heading}
            for r in index_rows(handbook.failures)]


@cache
def _context() -> quickjs.Context:
    context = quickjs.Context()
    context.eval(SCRIPT.read_text(encoding="utf-8"))
    return context


# The rows last handed to the script, as JSON. The script prepares a catalogue once per array
# object (words and weights of every text), as the page does with its one table; handing it a
# new copy per query made every lookup prepare all the rows again (a minute of the unit tier).
_loaded = {"rows": ""}


def run_lookup(pasted: str, rows: list[dict[str, str]], limit: int = 5) -> list[dict[str, Any]]:
    context = _context()
    rows_json = json.dumps(rows)
    if rows_json != _loaded["rows"]:
        context.set("voh_rows", context.parse_json(rows_json))
        _loaded["rows"] = rows_json
    context.set("voh_pasted", pasted)
    return json.loads(context.eval(f"JSON.stringify(vohErrorLookup.match(voh_pasted, voh_rows, {int(limit)}))"))


def run_normalise(pasted: str) -> str:
    context = _context()
    context.set("voh_pasted", pasted)
    return str(context.eval("vohErrorLookup.normalise(voh_pasted)"))
