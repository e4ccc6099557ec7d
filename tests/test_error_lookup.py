"""The error lookup finds the catalogue entry for a pasted line, noise and all (unit tier: the
page's own script under QuickJS, no build, no browser)."""

from __future__ import annotations

import re

import pytest

from macros.search_eval.cases import report_cases
from macros.search_eval.lookup import catalogue_rows, run_lookup, run_normalise

ROWS = catalogue_rows()
# Measured over every report query, prose ones included (a title that quotes no error cannot be
# looked up; search is for those): the floor the lookup must not fall below.
LOOKUP_TOP3 = 0.70
FILLER = re.compile(r"<[a-z][a-z0-9-]*>")


def test_every_text_finds_its_own_entry_first() -> None:
    # Each printed text, its placeholders filled as a log would fill them, inside a log line.
    wrong = []
    for row in ROWS:
        line = "2026-03-04T05:06:07.891Z [ERROR] " + FILLER.sub("my-app-7d9f", row["text"])
        found = run_lookup(line, ROWS, 3)
        if not found or row["id"] not in [f["id"] for f in found[:1]] and not tie(found, row["id"]):
            wrong.append(f"{row['text']!r} -> {[f['id'] for f in found]}")
    assert not wrong, "\n".join(wrong)


def tie(found: list[dict], wanted: str) -> bool:
    """Two entries whose texts are both wholly present score alike; either is right first."""
    best = found[0]["score"]
    return any(f["id"] == wanted and f["score"] == best for f in found)


@pytest.mark.parametrize(("pasted", "kept"), [
    ('{"@level":"error","@message":"error authenticating","@timestamp":"2026-01-02T03:04:05.000000Z","error":"permission denied"}',
     "error authenticating permission denied"),
    ("2026-01-15T10:22:33.123Z [ERROR] auth.handler: invalid role name", "auth.handler: invalid role name"),
    ("rpc error: code = Unknown desc = failed to mount secrets store objects for pod app/web-0",
     "failed to mount secrets store objects for pod app/web-0"),
    ("E0115 10:22:33.123456       1 main.go:42] dial tcp 10.96.0.1:443: i/o timeout", "dial tcp : i/o timeout"),
    ("request_id=3f1c2a9e-1b2c-4d5e-8f90-123456789abc level=error lookup failed", "request_id= lookup failed"),
])
def test_noise_is_stripped(pasted: str, kept: str) -> None:
    assert " ".join(run_normalise(pasted).split()) == kept


def test_nothing_matches_unrelated_text() -> None:
    assert run_lookup("the quick brown fox jumps over the lazy dog", ROWS) == []


def test_real_report_lines_find_their_entry() -> None:
    # Measured, not tuned one by one: most reporters quote the message itself.
    cases = report_cases()
    hits = 0
    for case in cases:
        found = [f["id"] for f in run_lookup(case.query, ROWS, 3)]
        hits += case.target.rsplit("#", 1)[1] in found
    assert hits / len(cases) >= LOOKUP_TOP3, f"the lookup found {hits} of {len(cases)} report queries in its top 3"
