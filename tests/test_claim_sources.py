"""Every "Enterprise only", "since X.Y" and "not audited" statement rests on a cited source.

A claim is an edition or version badge (`badge()`, rendered as `span.voh-badge`) or one of the
phrases below in the text of a page. It counts as sourced when the smallest part of the page
that holds it, and that has a link to upstream code or docs, is no larger than its section:

* the table row holding it has such a link (rows rendered from data carry their `source`), or
* the section it sits in (from its heading to the next heading of the same or a higher level,
  subsections included) has one. For a badge in a heading, that is the heading's own section.

Links count when they point at upstream: GitHub repositories of HashiCorp, OpenBao, Kubernetes,
the docs copies we cite, developer.hashicorp.com, kubernetes.io. The failure-catalogue pages
(troubleshooting/failures/) are exempt: their model requires sources on every entry, which the
last test checks.

A section whose heading has the class `voh-legend` (`## How to read this handbook { .voh-legend }`)
explains the marks or indexes pages that source their own claims: its prose is exempt, but a
claim in one of its table rows needs that row to link to the handbook page it summarises.

The test lists every unsourced claim with its page, section and text, so the fix is to add the
source link to that section, or to the data row.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from htmlpages import pages, text

UPSTREAM = re.compile(
    r"^https://(?:github\.com/(?:hashicorp|openbao|kubernetes|kubernetes-sigs|skyzyx)/"
    r"|developer\.hashicorp\.com/|kubernetes\.io/|secrets-store-csi-driver\.sigs\.k8s\.io/)"
)
PHRASES = re.compile(
    r"\bEnterprise[- ]only\b|\bsince (?:Vault |VSO |vault-k8s |the plugin )?v?\d+\.\d+(?:\.\d+)?\b"
    r"|\bnot audited\b|\bnever audit(?:s|ed)?\b|\bexempt(?:s)? [\w` /,-]{0,60}?from audit",
    re.IGNORECASE,
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
EXEMPT_PREFIXES = ("troubleshooting/failures/", "print_page/", "404.html")


def _has_source(nodes: list[Tag]) -> bool:
    return any(UPSTREAM.match(a.get("href", "")) for node in nodes for a in node.find_all("a", href=True)) or any(
        node.name == "a" and UPSTREAM.match(node.get("href", "")) for node in nodes)


def _section(heading: Tag) -> list[Tag]:
    """The heading and what follows it up to the next heading of the same or a higher level."""
    level = int(heading.name[1])
    nodes = [heading]
    for sibling in heading.find_next_siblings():
        if sibling.name in HEADINGS and int(sibling.name[1]) <= level:
            break
        nodes.append(sibling)
    return nodes


def _enclosing_heading(node: Tag, article: Tag) -> Tag | None:
    """The nearest heading before `node` among the article's top-level blocks."""
    top = node
    while top.parent is not None and top.parent is not article:
        top = top.parent
    if top.parent is None:
        return None
    if top.name in HEADINGS:
        return top
    return top.find_previous_sibling(HEADINGS)


def unsourced_claims(soup: BeautifulSoup) -> list[str]:
    article = soup.select_one("article.md-content__inner") or soup.select_one("article")
    if article is None:
        return []
    found: list[str] = []
    claims: list[tuple[Tag, str]] = [(b, text(b)) for b in article.select("span.voh-badge")]
    for element in article.find_all(string=PHRASES):
        parent = element.parent
        if parent is None or parent.find_parent(["pre", "code"]) is not None or parent.name in ("code", "pre"):
            continue  # code and commands are not statements
        claims += [(parent, m.group(0)) for m in PHRASES.finditer(str(element))]
    for node, claim in claims:
        row = node.find_parent("tr")
        if row is not None and _has_source([row]):
            continue
        heading = _enclosing_heading(node, article)
        legend = heading is not None and "voh-legend" in (heading.get("class") or [])
        if legend and (row is None or any(not a["href"].startswith(("http", "#"))
                                          for a in row.find_all("a", href=True))):
            continue
        if heading is not None and _has_source(_section(heading)):
            continue
        where = text(heading) if heading is not None else "(top of page)"
        found.append(f"{where!r}: {claim!r}")
    return found


def test_every_claim_has_a_source_in_its_section(examples_site: Path) -> None:
    problems = []
    for page, soup in pages(examples_site):
        if page.startswith(EXEMPT_PREFIXES) or "/" not in page and page != "index.html":
            continue
        problems += [f"{page}: {p}" for p in dict.fromkeys(unsourced_claims(soup))]
    assert not problems, ("claims without a source link in their table row or section "
                          "(add the upstream link there, or a `source` to the data row):\n" + "\n".join(problems))


def test_the_check_sees_a_badge_and_a_phrase_without_a_source() -> None:
    html = """<article class="md-content__inner">
      <h2 id="a">Automated snapshots <span class="voh-badge voh-badge--enterprise">Enterprise</span></h2>
      <p>Only the root namespace; this path is not audited.</p>
      <h2 id="b">Sourced <span class="voh-badge voh-badge--since">1.16+</span></h2>
      <p>Since 1.16, see <a href="https://developer.hashicorp.com/vault/docs/x">the docs</a>.</p>
      <table><tr><td>x <span class="voh-badge voh-badge--enterprise">Enterprise</span></td>
      <td><a href="https://github.com/hashicorp/vault/blob/v1/x.go">x.go</a></td></tr></table>
      <h3 id="c">Sub</h3><p>Enterprise only, sourced by the section above? No: h3 is its own section.</p>
      <pre><code>vault audit list # not audited</code></pre>
      <h2 id="d" class="voh-legend">Marks</h2>
      <p>Enterprise features carry <span class="voh-badge voh-badge--enterprise">Enterprise</span>.</p>
      <table><tr><td><a href="../seal-ha/">Seal HA</a> <span class="voh-badge voh-badge--since">1.16+</span></td></tr>
      <tr><td>Replication <span class="voh-badge voh-badge--enterprise">Enterprise</span></td></tr></table>
    </article>"""
    problems = unsourced_claims(BeautifulSoup(html, "lxml"))
    assert sorted(problems) == ["'Automated snapshots Enterprise': 'Enterprise'",
                        "'Automated snapshots Enterprise': 'not audited'",
                        "'Marks': 'Enterprise'",
                        "'Sub': 'Enterprise only'"], problems


def test_failure_catalogue_entries_cannot_lack_sources() -> None:
    # The exemption above rests on this: every failure entry has `source`, with `code` required.
    from macros.models.failures import Entry, EntrySources

    assert Entry.model_fields["source"].is_required()
    assert EntrySources.model_fields["code"].is_required()
