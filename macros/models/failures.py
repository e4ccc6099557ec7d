"""data/failures/<area>.yaml: the failure catalogue, one file per catalogue page.

An entry is one root cause of a failure operators really hit: the exact text(s) they see, what
it means, its causes in order of likelihood (each with how to confirm it and the fix), how to
tell the fix worked, where upstream code prints the text, and the real reports of it. Each file
renders as the page `docs/troubleshooting/failures/<area>.md`; every entry is a section of that
page whose heading is its first text and whose pinned anchor is its `id`. The error index, the
error lookup and the search query set are generated from the same entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from . import KebabId, NonEmpty, Sources, Strict, problem

# Where the reader meets a text. The labels shown on the page are in macros/render/failures.py.
ShownIn = Literal[
    "client",            # an API client's error response (curl, SDK, application log quoting it)
    "cli",               # output of the vault CLI
    "server-log",        # Vault server log
    "server-debug-log",  # Vault server log, only at debug or trace level
    "agent-log",         # Vault Agent log: the injector's init or sidecar container, or a standalone agent
    "injector-log",      # the vault-agent-injector webhook pod's own log
    "admission",         # the API server refusing an object: `Error creating: admission webhook ...`
    "vso-log",           # the Vault Secrets Operator controller log
    "vso-event",         # a Kubernetes event on a VSO custom resource (kubectl describe)
    "csi-event",         # a kubelet event on the pod (FailedMount) from the Secrets Store CSI driver
    "csi-log",           # the vault-csi-provider or secrets-store CSI driver pod log
    "kubectl",           # other kubectl output: pod status, describe, events
    "helm",              # helm install / upgrade output
]

Component = Literal[
    "vault", "vault-k8s", "vault-secrets-operator", "vault-csi-provider", "secrets-store-csi-driver",
    "vault-helm", "vault-plugin-auth-kubernetes", "kubernetes",
]

# A command block, copy-paste ready; the examples checker reads it on the built page.
Language = Literal["shell", "yaml", "hcl", "json", "promql", "text"]
GithubOrHttps = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
Placeholder = re.compile(r"<[a-z][a-z0-9-]*>")


class Text(Strict):
    """One printed variant of the failure's message, verbatim, with its changing parts as
    `<placeholders>` (lower-case, kebab-case: `<role-name>`, `<namespace>`)."""

    text: NonEmpty
    shown_in: ShownIn
    http_status: int | None = Field(default=None, ge=100, le=599)
    verified: bool = True  # false: not found verbatim in upstream code; `note` says what is missing
    note: NonEmpty | None = None

    @model_validator(mode="after")
    def _unverified_needs_note(self) -> Text:
        if not self.verified and self.note is None:
            raise ValueError("an unverified text needs a `note` saying what could not be confirmed")
        return self


class Code(Strict):
    """A block the reader copies: a command, a manifest, a query. Output goes in `output`."""

    code: NonEmpty
    language: Language = "shell"
    output: NonEmpty | None = None  # what the command prints when this cause is the one


class Step(Strict):
    text: NonEmpty  # Markdown: what to do and what to look for
    code: list[Code] = Field(default_factory=list)


class FixStep(Step):
    # Shown as a warning admonition before the code: required where the fix disturbs a running
    # cluster (restart, step-down, remove-peer, restore, peers.json, force revoke, re-init).
    warning: NonEmpty | None = None


class Cause(Strict):
    cause: NonEmpty  # one sentence: what is wrong
    confirm: Step
    fix: FixStep


class Report(Strict):
    """A real report of the failure (issue, forum thread, support article) and its words: the
    text from it an operator would paste into search (`query`), or its title; the search test
    asserts that each entry is found by one of them."""

    url: GithubOrHttps
    query: NonEmpty | None = None
    # The report's own title: prose, not a paste, so its rate is measured and held apart from
    # the pasted queries' (tests/browser/test_search.py). Where no report quotes the error text,
    # the titles are what finds the entry.
    title: NonEmpty | None = None


class EntrySources(Strict):
    code: Sources  # where the text is printed: owner/repo@tag:path (the targeted release tag)
    reports: list[Report] = Field(min_length=1)
    docs: Sources | None = None  # vendor docs that explain it, where they do

    @field_validator("reports")
    @classmethod
    def _one_query(cls, reports: list[Report]) -> list[Report]:
        if not any(r.query or r.title for r in reports):
            raise ValueError("at least one report needs the `query` an operator would paste, or its `title`")
        return reports


class Entry(Strict):
    id: KebabId  # the section's pinned anchor: never rename one (alerts and links use it)
    texts: list[Text] = Field(min_length=1)  # the first one is the section heading
    # What the reader observes besides the texts, in the words operators use in their reports
    # ("the pod shows 1/1 instead of 2/2", "the Job never completes"); one or two sentences.
    symptom: NonEmpty | None = None
    component: Component
    applies_to: NonEmpty  # versions, e.g. "vault-k8s 1.7.x; fixed in 1.4.1 for the sidecar case"
    meaning: NonEmpty
    causes: list[Cause] = Field(min_length=1)  # most likely first
    verify: NonEmpty  # how to tell the fix worked
    related: list[KebabId] = Field(default_factory=list)
    # Anchors of entries folded into this one: each stays an anchor here, so an old link, a
    # bookmark or an alert still lands on the answer (an entry's id is never reused).
    former_ids: list[KebabId] = Field(default_factory=list)
    root_cause_known: bool = True  # false: the reports never settled it; the causes say how to tell them apart
    source: EntrySources


class FailureArea(Strict):
    title: NonEmpty  # the page title, e.g. "Agent Injector failures"
    intro: NonEmpty  # one paragraph under the title
    component_page: Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")]  # the component's main page
    side: Literal["kubernetes", "cluster"]
    entries: list[Entry] = Field(min_length=1)


class Failures(Strict):
    """Every area file, by area name (the file stem, which is also the page's file name)."""

    areas: dict[str, FailureArea]


PAGE_DIR = "troubleshooting/failures"


def page_of(area: str) -> str:
    return f"{PAGE_DIR}/{area}.md"


def all_entries(data: Failures) -> Iterable[tuple[str, int, Entry]]:
    for area, failure_area in data.areas.items():
        for index, entry in enumerate(failure_area.entries):
            yield area, index, entry


def normalise_text(text: str) -> str:
    """How two texts compare for duplicates: case, spacing and placeholder names ignored."""
    return re.sub(r"\s+", " ", Placeholder.sub("<>", text)).strip().lower()


DANGEROUS = re.compile(
    r"\b(step-down|remove-peer|peers\.json|snapshot restore|raft snapshot restore|-force|revoke -prefix"
    r"|operator init|rollout restart|delete pod|kubectl delete)\b"
)


def problems(label: str, data: Failures, docs_dir: Path) -> list[str]:
    """Rules across entries and files: unique ids (former ids included), texts and queries;
    `related` resolves to a current id; every area file has its page (a page without its file
    fails in its `failure_page()` macro); dangerous fixes carry a warning."""
    found: list[str] = []
    ids: dict[str, str] = {}
    former_ids: dict[str, str] = {}  # a folded entry's id -> the entry that keeps its anchor
    texts: dict[str, str] = {}
    queries: dict[str, str] = {}
    for area, index, entry in all_entries(data):
        file = f"data/failures/{area}.yaml"
        loc: list[str | int] = ["entries", index]
        if entry.id in ids:
            found.append(problem(file, [*loc, "id"], f"duplicate id {entry.id!r} (also in {ids[entry.id]})"))
        ids.setdefault(entry.id, f"{file}")
        for f, former in enumerate(entry.former_ids):
            if former in former_ids:
                found.append(problem(file, [*loc, "former_ids", f],
                                     f"{former!r} is already kept by {former_ids[former]!r}"))
            former_ids.setdefault(former, entry.id)
        for t, text in enumerate(entry.texts):
            key = normalise_text(text.text)
            if key in texts and texts[key] != entry.id:
                found.append(problem(file, [*loc, "texts", t, "text"],
                                     f"the same text is already entry {texts[key]!r}: one text, one entry"))
            texts.setdefault(key, entry.id)
        for r, report in enumerate(entry.source.reports):
            if report.query:
                key = report.query.strip().lower()
                if key in queries and queries[key] != entry.id:
                    found.append(problem(file, [*loc, "source", "reports", r, "query"],
                                         f"the same query already targets {queries[key]!r}"))
                queries.setdefault(key, entry.id)
        for c, cause in enumerate(entry.causes):
            for k, block in enumerate(cause.fix.code):
                if block.language == "shell" and DANGEROUS.search(block.code) and cause.fix.warning is None:
                    found.append(problem(file, [*loc, "causes", c, "fix", "warning"],
                                         f"the fix runs {DANGEROUS.search(block.code)[0]!r} (code[{k}]): "
                                         "say in `warning` what it does to a running cluster"))
    for area, index, entry in all_entries(data):
        file = f"data/failures/{area}.yaml"
        for f, former in enumerate(entry.former_ids):
            if former in ids:
                found.append(problem(file, ["entries", index, "former_ids", f],
                                     f"{former!r} is still an entry's id: a former id names a folded entry"))
        for r, related in enumerate(entry.related):
            if related in former_ids:
                found.append(problem(file, ["entries", index, "related", r],
                                     f"{related!r} was folded into {former_ids[related]!r}: relate to that"))
            elif related not in ids:
                found.append(problem(file, ["entries", index, "related", r], f"no failure entry {related!r}"))
            elif related == entry.id:
                found.append(problem(file, ["entries", index, "related", r], "an entry cannot relate to itself"))
    for area, failure_area in data.areas.items():
        file = f"data/failures/{area}.yaml"
        if not (docs_dir / page_of(area)).is_file():
            found.append(problem(file, ["(file)"], f"no page docs/{page_of(area)} for this area"))
        if not (docs_dir / failure_area.component_page).is_file():
            found.append(problem(file, ["component_page"], f"no page docs/{failure_area.component_page}"))
    return found
