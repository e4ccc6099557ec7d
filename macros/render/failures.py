"""The failure catalogue: one page per area file, one section per entry, the error text as
the section heading (so search lands a pasted error on its section), and a summary table for
each component page that links into the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..badges import expand_badges, unverified_mark
from ..loading import Handbook
from ..models.failures import PAGE_DIR, Cause, Code, Entry, FailureArea, Failures, Text, page_of
from ..sources import source_links
from . import Context, cell, relative_link, table
from .blocks import Content, Div, Fragment, Paragraph, Row, Table, fragment, joined

SHOWN_IN = {
    "client": "API client error",
    "cli": "vault CLI output",
    "server-log": "Vault server log",
    "server-debug-log": "Vault server log (debug level only)",
    "agent-log": "Vault Agent log (init or sidecar container)",
    "injector-log": "Agent Injector webhook log",
    "admission": "API server (admission webhook refusal)",
    "vso-log": "VSO controller log",
    "vso-event": "Event on the VSO resource",
    "csi-event": "Pod event (FailedMount)",
    "csi-log": "CSI provider or driver log",
    "kubectl": "kubectl output",
    "helm": "helm output",
}
COMPONENT = {
    "vault": "Vault",
    "vault-k8s": "vault-k8s (Agent Injector)",
    "vault-secrets-operator": "Vault Secrets Operator",
    "vault-csi-provider": "Vault CSI provider",
    "secrets-store-csi-driver": "Secrets Store CSI driver",
    "vault-helm": "vault-helm chart",
    "vault-plugin-auth-kubernetes": "Kubernetes auth plugin",
    "kubernetes": "Kubernetes",
}


def code_span(text: str) -> str:
    """A Markdown code span that survives backticks inside the text."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def shown_in(text: Text) -> str:
    label = SHOWN_IN[text.shown_in]
    return f"{label} (HTTP {text.http_status})" if text.http_status else label


def heading(entry: Entry) -> Fragment:
    first = entry.texts[0]
    mark = (" ", unverified_mark(first.note or "")) if not first.verified else None
    return fragment(f"## {code_span(first.text)}", mark, f" {{ #{entry.id} }}")


def block(code: Code) -> str:
    body = code.code.rstrip("\n")
    fence = "```"
    while fence in body:
        fence += "`"
    out = f"{fence}{code.language}\n{body}\n{fence}\n"
    if code.output:
        out += f"\nWhat it prints when this is the cause:\n\n```text\n{code.output.rstrip()}\n```\n"
    return out


def cause_section(number: int, cause: Cause) -> str:
    parts = [f"**{number}. {cause.cause}**\n", f"*Confirm.* {cause.confirm.text}\n"]
    parts += [block(c) for c in cause.confirm.code]
    parts.append(f"*Fix.* {cause.fix.text}\n")
    if cause.fix.warning:
        # The warning sits before the commands it is about, as every dangerous command's must.
        parts.append(f'!!! warning "Before you run this"\n    {cause.fix.warning}\n')
    parts += [block(c) for c in cause.fix.code]
    return "\n".join(parts)


# Out of the search index (data-search-exclude is Material's own marker); see entry_section.
_RELATED = (("class", "voh-failure-related"), ("data-search-exclude", None))
_SOURCES = (("class", "voh-failure-sources"), ("data-search-exclude", None))


def entry_section(entry: Entry, page: str, pages_by_id: dict[str, str], titles: dict[str, str]) -> Fragment:
    seen = "; ".join(dict.fromkeys(shown_in(t) for t in entry.texts))
    lines: list[Content] = []
    # The anchors of entries folded into this one, so their old links still land here.
    kept = "".join(f'<a id="{former}"></a>' for former in entry.former_ids)
    lines.append(f"{kept}**Seen in:** {seen}. **Component:** {COMPONENT[entry.component]}. "
                 f"**Applies to:** {entry.applies_to}.\n")
    if len(entry.texts) > 1:
        lines.append("**Also printed as:**\n")
        for text in entry.texts[1:]:
            mark = (" ", unverified_mark(text.note or ""), f" {text.note}") if not text.verified else None
            lines.append(fragment(f"- {code_span(text.text)} ({shown_in(text)})", mark))
        lines.append("")
    if entry.symptom:
        lines.append(f"**What you see.** {entry.symptom}\n")
    if not entry.texts[0].verified:
        lines.append(f"**Unverified text:** {entry.texts[0].note}\n")
    lines.append(f"**What it means.** {entry.meaning}\n")
    if not entry.root_cause_known:
        lines.append("**Root cause not settled.** The reports never established one cause; the checks "
                     "below tell the candidates apart.\n")
    lines.append("**Causes, most likely first.**\n")
    lines += [cause_section(n, c) for n, c in enumerate(entry.causes, 1)]
    lines.append(f"**It worked when** {entry.verify}\n")
    # The model refuses an unknown related id; skipping one here only matters while drafting.
    related = [r for r in entry.related if r in pages_by_id]
    if related:
        links = ", ".join(
            f"[{code_span(titles[r])}]({relative_link(page, pages_by_id[r])}#{r})" for r in related
        )
        lines.append(fragment(Paragraph(_RELATED, fragment(f"**Related:** {links}.")), "\n"))
    sources = list(entry.source.code) + list(entry.source.docs or [])
    reports = ", ".join(f"[{report_label(r.url)}]({r.url})" for r in entry.source.reports)
    # Out of the search index, like Related: file names, repository labels and other entries'
    # texts are not what a reader pastes, and they made one entry match another's message.
    lines.append(fragment(Paragraph(_SOURCES, fragment(
        f"**Sources:** {source_links(sources).replace('<br>', ', ')}. **Reports:** {reports}.")), "\n"))
    body = Div((("class", "voh-failure"), ("data-id", entry.id)), fragment("\n\n", joined("\n", lines), "\n"))
    return expand_badges(fragment(heading(entry), "\n\n", body, "\n"))


def report_label(url: str) -> str:
    """`hashicorp/vault-k8s#123` for a GitHub issue or pull request; the host otherwise."""
    parts = url.removeprefix("https://").rstrip("/").split("/")
    if parts[0] == "github.com" and len(parts) >= 5 and parts[3] in ("issues", "pull", "discussions"):
        return f"{parts[2]}#{parts[4]}"
    if parts[0] == "discuss.hashicorp.com":
        return "HashiCorp Discuss"
    if parts[0].startswith("support.hashicorp.com"):
        return "HashiCorp support article"
    return parts[0]


def index_of(data: Failures) -> tuple[dict[str, str], dict[str, str]]:
    """Page and heading text of every entry, by id."""
    pages, titles = {}, {}
    for area, failure_area in data.areas.items():
        for entry in failure_area.entries:
            pages[entry.id] = page_of(area)
            titles[entry.id] = entry.texts[0].text
    return pages, titles


def render_page(data: Failures, area: str) -> Fragment:
    failure_area: FailureArea = data.areas[area]
    page = page_of(area)
    pages, titles = index_of(data)
    component = relative_link(page, failure_area.component_page)
    out: list[Content] = [
        f"# {failure_area.title} {{ #{area} }}\n",
        f"{failure_area.intro}\n",
        f"How each integration is meant to work is on [its own page]({component}); this page is for when it "
        "does not. Each section is one root cause: what you see, what it means, how to confirm which cause you "
        "have, the fix, and how to tell it worked. Paste a whole log line into the "
        f"[error lookup]({relative_link(page, 'troubleshooting/error-index.md')}#error-lookup) if search does not "
        "find it.\n",
    ]
    out += [entry_section(e, page, pages, titles) for e in failure_area.entries]
    return expand_badges(joined("\n", out))


def summary(data: Failures, page: str, area: str, anchors: bool = False) -> Table:
    """The entries of one area as a table for the component's own page. With `anchors`, each
    row carries its entry's id, so an old link to `<this page>#<id>` still lands on it."""
    failure_area = data.areas[area]
    target = relative_link(page, page_of(area))
    rows = []
    for entry in failure_area.entries:
        cells = [
            cell("text", code_span(entry.texts[0].text)),
            cell("seen_in", escape(shown_in(entry.texts[0]))),
            cell("cause", expand_badges(entry.causes[0].cause)),
            cell("link", f"[Causes and fix]({target}#{entry.id})"),
        ]
        rows.append(Row(entry.id, tuple(cells), id=entry.id if anchors else None))
    # Out of the search index: the texts are the entries' own headings, which must win.
    return table("failures", ["What you see", "Where", "Most likely cause", "Details"], rows, search_exclude=True)


def component_section(data: Failures, page: str) -> Fragment:
    """`## When it fails` for a component page: every catalogue area that belongs to it."""
    areas = [a for a, fa in data.areas.items() if fa.component_page == page]
    if not areas:
        raise ValueError(f"component_failures(): no data/failures/*.yaml names {page} as its component_page")
    out: list[Content] = ["## When it fails { #when-it-fails }\n",
           "Real failures, from public reports, with their causes and fixes: the exact text you see "
           "links to its entry in the failure catalogue.\n"]
    for area in areas:
        title = data.areas[area].title
        out.append(f"### {title} {{ #when-it-fails-{area} }}\n\n"
                   f"All of them: [{title}]({relative_link(page, page_of(area))}).\n")
        out.append(summary(data, page, area))
    return joined("\n", out)


def areas_table(data: Failures, page: str) -> Table:
    rows = []
    for side in ("kubernetes", "cluster"):
        for area, failure_area in data.areas.items():
            if failure_area.side != side:
                continue
            link = relative_link(page, page_of(area))
            cells = [
                cell("area", f"[{escape(failure_area.title)}]({link})"),
                cell("side", "Kubernetes integration" if side == "kubernetes" else "Vault cluster"),
                cell("entries", str(len(failure_area.entries))),
            ]
            rows.append(Row(area, tuple(cells)))
    return table("failure_areas", ["Area", "Side", "Entries"], rows)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment | Table | str]]:
    def failure_page() -> Fragment | str:
        page = context.page.src_uri
        area = page.removeprefix(f"{PAGE_DIR}/").removesuffix(".md")
        if not page.startswith(f"{PAGE_DIR}/"):
            raise ValueError(f"failure_page() renders docs/{PAGE_DIR}/<area>.md, not {page}")
        if area not in handbook.failures.areas:
            # A page whose data file is still being written; tests/test_failures.py fails the
            # suite if one is left like this.
            return f"# {area} {{ #{area} }}\n\nNo entries yet: data/failures/{area}.yaml does not exist.\n"
        return render_page(handbook.failures, area)

    def failure_summary(area: str, anchors: bool = False) -> Table:
        if area not in handbook.failures.areas:
            raise ValueError(f"failure_summary: no data/failures/{area}.yaml")
        return summary(handbook.failures, context.page.src_uri, area, anchors)

    def component_failures() -> Fragment:
        return component_section(handbook.failures, context.page.src_uri)

    def failure_areas() -> Table:
        return areas_table(handbook.failures, context.page.src_uri)

    return {"failure_page": failure_page, "failure_summary": failure_summary, "failure_areas": failure_areas,
            "component_failures": component_failures}
