"""The agent-skills plugin's skills (macros/export/skills.py), as a user of the plugin would notice
them: a skill the assistant will not load (bad front matter), a requirement of a section that its
skill cannot reach, or a figure that differs from the site and the data."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import Tag

from conftest import PROJECT
from htmlpages import page as built_page
from htmlpages import text
from macros.export.skills import reference_name
from macros.loading import Handbook
from macros.markdown_source import fences, headings
from macros.urls import page_url

from .plugin import (
    GENERATED,
    SECTION,
    SKILLS,
    SOURCE_PAGE,
    TABLE_NAME,
    Bundle,
    front_matter,
    md,
    norm,
    references_of,
    render,
    version,
)

# --- Structure and front matter -------------------------------------------------------------


def test_manifest_names_the_plugin_and_the_handbook_version(bundle: Bundle) -> None:
    manifest = json.loads(bundle[".claude-plugin/plugin.json"])
    assert manifest["name"] == "vault-operations"
    assert manifest["version"] == version()
    assert manifest["description"].strip()
    assert manifest["author"]["name"].strip()
    # As HashiCorp's agent-skills plugins: where it comes from and under what terms. The handbook
    # has no licence file; package.json's `license` is the project's word on it.
    package = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))
    assert manifest["license"] == package["license"]
    assert manifest["repository"].startswith("https://")


def test_the_plugin_folder_is_a_marketplace_that_installs_it(bundle: Bundle) -> None:
    manifest = json.loads(bundle[".claude-plugin/plugin.json"])
    marketplace = json.loads(bundle[".claude-plugin/marketplace.json"])
    spec = yaml.safe_load((PROJECT / "skills" / "plugin.yaml").read_text(encoding="utf-8"))
    assert marketplace["name"] == spec["marketplace"]["name"]
    assert marketplace["owner"]["name"] == manifest["author"]["name"]
    [entry] = marketplace["plugins"]
    # "./" is the marketplace's own folder: the one that holds plugin.json.
    assert entry["source"] == "./"
    for key in ("name", "version", "description", "license", "repository"):
        assert entry[key] == manifest[key], key
    readme = md(bundle, "README.md")
    assert f"/plugin install {manifest['name']}@{marketplace['name']}" in readme


def test_exactly_three_skills(bundle: Bundle) -> None:
    skills = {p.split("/")[1] for p in bundle if p.startswith("skills/")}
    assert skills == set(SKILLS)


@pytest.mark.parametrize("skill", SKILLS)
def test_skill_front_matter_follows_the_rules(bundle: Bundle, skill: str) -> None:
    meta, body = front_matter(md(bundle, f"skills/{skill}/SKILL.md"))
    assert meta["name"] == skill
    assert re.fullmatch(r"[a-z0-9-]{1,64}", str(meta["name"]))
    description = meta["description"]
    assert isinstance(description, str) and description.strip()
    assert len(description) <= 1024, len(description)
    assert not re.search(r"<[^>]+>", description)
    assert "placeholder" not in description.lower(), "the description is still a placeholder"
    assert len(body.splitlines()) <= 500


@pytest.mark.parametrize("skill", SKILLS)
def test_skill_lists_every_page_of_its_section(bundle: Bundle, built_site: Path, skill: str) -> None:
    """A page added to the section folder shows up in its skill, with no change to the spec."""
    docs = PROJECT / "docs" / SECTION[skill]
    pages = sorted(p.relative_to(PROJECT / "docs").as_posix() for p in docs.rglob("*.md"))
    generated = {SOURCE_PAGE.match(text_).group("page")  # type: ignore[union-attr]
                 for text_ in references_of(bundle, skill).values()}
    assert generated == set(pages)
    skill_md = md(bundle, f"skills/{skill}/SKILL.md")
    for path in references_of(bundle, skill):
        assert posixpath.relpath(path, f"skills/{skill}") in skill_md, f"SKILL.md does not point to {path}"


def test_readme_explains_installing(bundle: Bundle) -> None:
    readme = md(bundle, "README.md")
    assert "--plugin-dir" in readme and "/plugin install vault-operations@" in readme
    assert version() in readme


# --- Every requirement of a section is reachable from its skill's guide ----------------------

Evidence = Callable[[str], bool]


def has(pattern: str) -> Evidence:
    return lambda source: re.search(pattern, source, re.M) is not None


def table(name: str) -> Evidence:
    return has(rf"<!-- table: {name} -->")


def heading(pattern: str, level: int | None = None) -> Evidence:
    """A heading (not a `#` line of a code block) whose text matches, at `level` if given."""
    return lambda source: any(re.search(pattern, h.text) and level in (None, h.level) for h in headings(source))


def manifest(kind: str, api: str) -> Evidence:
    return lambda source: any(
        re.search(rf"^\s*kind: {kind}\s*$", block.content, re.M) and api in block.content
        for block in fences(source) if block.language in ("yaml", "yml")
    )


VSO = "apiVersion: secrets.hashicorp.com/v1beta1"
REQUIREMENTS: dict[str, dict[str, Evidence]] = {
    "kubernetes-integration": {
        "decision matrix": table("decision_matrix"),
        "VSO VaultConnection example": manifest("VaultConnection", VSO),
        "VSO VaultAuth example": manifest("VaultAuth", VSO),
        "VSO VaultStaticSecret example": manifest("VaultStaticSecret", VSO),
        "VSO VaultDynamicSecret example": manifest("VaultDynamicSecret", VSO),
        "VSO VaultPKISecret example": manifest("VaultPKISecret", VSO),
        "annotation reference": table("injector_annotations"),
        "CSI SecretProviderClass": manifest("SecretProviderClass", "apiVersion: secrets-store.csi.x-k8s.io/v1"),
    },
    "production-operations": {
        "HA (Raft retry_join)": has(r"retry_join"),
        "unseal (seal stanza)": has(r'^\s*seal "\w+"'),
        "Seal HA": heading(r"Seal HA"),
        "DR replication": has(r"sys/replication/dr/"),
        "Autopilot": table("autopilot(_\\w+)?"),
        "snapshots": has(r"vault operator raft snapshot save"),
        "metrics": table("key_metrics"),
        "audit devices": has(r"vault audit enable"),
        "privileged endpoints": table("privileged_endpoints"),
    },
    "troubleshooting": {
        "decision trees": has(r"^\*\*Step 1\. "),
        "auth failures": heading(r"`permission denied`"),
        "performance": heading(r"[Pp]erformance", level=1),
        "anti-patterns": has(r"^\*\*Why it hurts\.\*\*"),
    },
}


@pytest.mark.parametrize(
    ("skill", "requirement"), [(s, r) for s, reqs in REQUIREMENTS.items() for r in reqs]
)
def test_requirement_is_reachable_from_the_skill_guide(bundle: Bundle, skill: str, requirement: str) -> None:
    """The hand-written guide (not just the generated list) links to a reference that has it."""
    evidence = REQUIREMENTS[skill][requirement]
    holders = [p for p, source in references_of(bundle, skill).items() if evidence(source)]
    assert holders, f"no reference of {skill} has the {requirement}"
    _, body = front_matter(md(bundle, f"skills/{skill}/SKILL.md"))
    guide = GENERATED.sub("", body)
    linked = {posixpath.normpath(posixpath.join(f"skills/{skill}", str(a["href"]).partition("#")[0]))
              for a in render(guide).find_all("a", href=True)}
    assert linked & set(holders), f"the {skill} guide links to none of {holders} ({requirement})"


def test_complete_annotation_reference_is_in_the_kubernetes_skill(bundle: Bundle, data: Handbook) -> None:
    references = "\n".join(references_of(bundle, "kubernetes-integration").values())
    missing = [a.annotation for a in data.injector_annotations.annotations if f"`{a.annotation}`" not in references]
    assert not missing, missing


# --- Figures: bundle == site == data --------------------------------------------------------


def site_page(built_site: Path, page: str) -> Path:
    return built_site / page_url(page) / "index.html"


def bundle_tables(source: str) -> list[tuple[str, Tag]]:
    """The data tables of a reference (each after its name comment); hand-written tables aside."""
    found = []
    for match in TABLE_NAME.finditer(source):
        rest = source[match.end():].lstrip("\n").splitlines()
        block = []
        for line in rest:
            if not line.lstrip().startswith("|"):
                break
            block.append(line.strip())
        table = render("\n".join(block)).find("table")
        assert isinstance(table, Tag), f"no table after the comment for {match.group('name')}"
        found.append((match.group("name"), table))
    return found


@pytest.fixture(scope="module")
def paired_tables(bundle: Bundle, built_site: Path) -> list[tuple[str, str, Tag, Tag]]:
    """(reference, table name, site table, bundle table) for every data table of every page."""
    pairs = []
    for path, source in {p: md(bundle, p) for p in bundle if "/references/" in p}.items():
        page = SOURCE_PAGE.match(source).group("page")  # type: ignore[union-attr]
        soup = built_page(built_site, site_page(built_site, page).relative_to(built_site).as_posix())
        on_site = soup.select("article table.voh-table")
        in_bundle = bundle_tables(source)
        assert [str(t["data-table"]) for t in on_site] == [n for n, _ in in_bundle], path
        pairs += [(path, name, site, mine) for site, (name, mine) in zip(on_site, in_bundle, strict=True)]
    assert pairs, "no data table in the bundle"
    return pairs


def test_every_table_reads_the_same_in_the_bundle_as_on_the_site(
    paired_tables: list[tuple[str, str, Tag, Tag]],
) -> None:
    for path, name, site, mine in paired_tables:
        site_rows = site.select("tbody tr")
        bundle_rows = mine.select("tbody tr")
        assert len(site_rows) == len(bundle_rows), (path, name)
        for site_row, bundle_row in zip(site_rows, bundle_rows, strict=True):
            anchor = bundle_row.find("a", id=True)
            if site_row.get("id"):
                assert anchor is not None and anchor["id"] == site_row["id"], (path, name, site_row.get("id"))
            shown = [norm(text(td)) for td in site_row.find_all("td")]
            generated = [norm(text(td)) for td in bundle_row.find_all("td")]
            assert shown == generated, (path, name, site_row.get("data-id"))


def cells_by_field(site: Tag, mine: Tag) -> dict[str, dict[str, str]]:
    """row data-id -> {data-field: bundle cell text}, the columns named by the site's table."""
    out: dict[str, dict[str, str]] = {}
    for site_row, bundle_row in zip(site.select("tbody tr"), mine.select("tbody tr"), strict=True):
        fields = [str(td["data-field"]) for td in site_row.find_all("td")]
        out[str(site_row["data-id"])] = dict(zip(fields, (text(td) for td in bundle_row.find_all("td")), strict=True))
    return out


def bundle_rows(paired_tables: list[tuple[str, str, Tag, Tag]], table: str) -> list[tuple[str, dict[str, str]]]:
    """Every row of every copy of one data table in the bundle: (data-id, cells by field)."""
    return [row for _, name, site, mine in paired_tables if name == table
            for row in cells_by_field(site, mine).items()]


def numbers(cell_text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"-?\d[\d,]*(?:\.\d+)?", cell_text)]


def test_alert_thresholds_in_the_bundle_equal_the_data(
    paired_tables: list[tuple[str, str, Tag, Tag]], data: Handbook
) -> None:
    alerts = {a.id: a for a in data.alert_thresholds.alerts}
    rows = bundle_rows(paired_tables, "alert_thresholds")
    for row_id, cells in rows:
        for level in ("warning", "critical"):
            value = getattr(alerts[row_id], level)
            assert numbers(cells[level]) == ([] if value is None else [value]), (row_id, level)
        assert cells["for"] == alerts[row_id].for_
    assert {r for r, _ in rows} == set(alerts), f"alerts missing from the bundle: {set(alerts) - {r for r, _ in rows}}"


def test_privileged_endpoints_in_the_bundle_equal_the_data(
    paired_tables: list[tuple[str, str, Tag, Tag]], data: Handbook
) -> None:
    endpoints = {e.id: e for e in data.privileged_endpoints.endpoints}
    rows = bundle_rows(paired_tables, "privileged_endpoints")
    for row_id, cells in rows:
        assert endpoints[row_id].path in cells["path"]
        for flag in ("sudo", "root_namespace_only", "enterprise_only"):
            assert cells[flag] == ("Yes" if getattr(endpoints[row_id], flag) else "No"), (row_id, flag)
    assert {r for r, _ in rows} == set(endpoints), f"endpoints missing: {set(endpoints) - {r for r, _ in rows}}"


def test_decision_matrix_in_the_bundle_equals_the_data(
    paired_tables: list[tuple[str, str, Tag, Tag]], data: Handbook
) -> None:
    criteria = {c.id: c for c in data.decision_matrix.criteria}
    rows = bundle_rows(paired_tables, "decision_matrix")
    for row_id, cells in rows:
        for option, verdict in criteria[row_id].cells.items():
            assert cells[option].startswith(verdict.verdict), (row_id, option)
    assert {r for r, _ in rows} == set(criteria)


@pytest.mark.parametrize(
    ("page", "reference"),
    [("kubernetes/index.md", "overview.md"), ("kubernetes/choosing.md", "choosing.md"),
     ("troubleshooting/runbooks/index.md", "runbooks.md"),
     ("troubleshooting/runbooks/vault-sealed.md", "runbooks-vault-sealed.md")],
)
def test_reference_names_follow_the_page_path(page: str, reference: str) -> None:
    section = page.split("/")[0] + "/"
    assert reference_name(page, section, {}) == reference
