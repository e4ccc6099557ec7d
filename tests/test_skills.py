"""The agent-skills plugin and llms.txt that every build publishes (macros/skills_hook.py).

What a user of the plugin would notice: a zip that does not unpack into a plugin, a skill the
assistant will not load (bad front matter), a link inside the plugin that goes nowhere, a
requirement of a section that its skill cannot reach, or a figure that differs from the site
and the data. The link and front-matter checks here are written independently of the hook's
own validation, so a bug in that validation cannot hide a broken bundle.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.exceptions import PluginError

from conftest import PROJECT, nav_pages, run_build
from htmlpages import page as built_page
from htmlpages import text
from macros.loading import Handbook, load_all
from macros.skills_hook import convert, include_snippets, read_zip, reference_name, validate_bundle
from macros.urls import page_url

ZIP = "downloads/vault-operations.zip"
SKILLS = ("kubernetes-integration", "production-operations", "troubleshooting")
SECTION = {"kubernetes-integration": "kubernetes/", "production-operations": "operations/",
           "troubleshooting": "troubleshooting/"}
# The extensions the site uses for the constructs that reach the references (tabs, admonitions,
# attr lists), so ids and links are read the way a Markdown renderer reads them.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
GENERATED = re.compile(r"<!-- generated: .*?<!-- end of generated list -->", re.S)
SOURCE_PAGE = re.compile(r"^<!-- Generated from docs/(?P<page>\S+) by ")
TABLE_NAME = re.compile(r"<!-- table: (?P<name>[\w-]+) -->")

Bundle = dict[str, bytes]


def version() -> str:
    return str(tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["version"])


@pytest.fixture(scope="module")
def zip_path(built_site: Path) -> Path:
    path = built_site / ZIP
    assert path.is_file(), f"{ZIP} is not in the built site"
    return path


@pytest.fixture(scope="module")
def bundle(zip_path: Path) -> Bundle:
    return read_zip(zip_path.read_bytes())


@pytest.fixture(scope="module")
def data() -> Handbook:
    return load_all()




def md(bundle: Bundle, path: str) -> str:
    return bundle[path].decode("utf-8")


@cache  # three tests read every reference of the bundle; the parsed documents are only read
def render(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "lxml")


def front_matter(source: str) -> tuple[dict[str, object], str]:
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", source, re.S)
    assert match, "no YAML front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def norm(value: str) -> str:
    """Cell text as a reader compares it: badges lose the brackets the references add."""
    return re.sub(r"\s+", " ", value.replace("[", "").replace("]", "")).strip()


def references_of(bundle: Bundle, skill: str) -> dict[str, str]:
    prefix = f"skills/{skill}/references/"
    return {p: md(bundle, p) for p in bundle if p.startswith(prefix)}


# --- Structure and front matter -------------------------------------------------------------


def test_zip_unpacks_into_one_plugin_folder(zip_path: Path) -> None:
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert names and all(n.startswith("vault-operations/") for n in names), names[:5]
    for required in (".claude-plugin/plugin.json", "README.md", *(f"skills/{s}/SKILL.md" for s in SKILLS)):
        assert f"vault-operations/{required}" in names, required


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


# --- Links ----------------------------------------------------------------------------------


def test_every_relative_link_in_the_bundle_resolves(bundle: Bundle) -> None:
    ids = {p: {str(e["id"]) for e in render(md(bundle, p)).find_all(id=True)} for p in bundle if p.endswith(".md")}
    broken: list[str] = []
    checked = 0
    for path in ids:
        for link in render(md(bundle, path)).find_all("a", href=True):
            href = str(link["href"])
            if re.match(r"^[a-z][a-z0-9+.-]*:", href):
                continue
            checked += 1
            target, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            if resolved not in bundle:
                broken.append(f"{path}: {href} (no such file)")
            elif anchor and resolved in ids and anchor not in ids[resolved]:
                broken.append(f"{path}: {href} (no such anchor)")
    assert checked > 50, "too few relative links: is the link rewriting still on?"
    assert not broken, "\n".join(broken)


def test_links_that_leave_the_bundle_go_to_the_hosted_site(bundle: Bundle) -> None:
    site_url = "https://vault-handbook.example.com/"
    leaving = [
        str(a["href"]) for p in bundle if p.endswith(".md")
        for a in render(md(bundle, p)).find_all("a", href=True) if str(a["href"]).startswith(site_url)
    ]
    assert leaving, "no link leaves the bundle for the hosted site"
    for path in bundle:
        if "/references/" in path:
            head = md(bundle, path).splitlines()[1]
            assert site_url in head, f"{path}: no link back to its page"


# --- Every requirement of a section is reachable from its skill's guide ----------------------

Evidence = Callable[[str], bool]


def has(pattern: str) -> Evidence:
    return lambda source: re.search(pattern, source, re.M) is not None


def table(name: str) -> Evidence:
    return has(rf"<!-- table: {name} -->")


def manifest(kind: str, api: str) -> Evidence:
    return lambda source: any(
        re.search(rf"^\s*kind: {kind}\s*$", block, re.M) and api in block
        for block in re.findall(r"```ya?ml[^\n]*\n(.*?)```", source, re.S)
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
        "Seal HA": has(r"^#+ .*Seal HA"),
        "DR replication": has(r"sys/replication/dr/"),
        "Autopilot": table("autopilot(_\\w+)?"),
        "snapshots": has(r"vault operator raft snapshot save"),
        "metrics": table("key_metrics"),
        "audit devices": has(r"vault audit enable"),
        "privileged endpoints": table("privileged_endpoints"),
    },
    "troubleshooting": {
        "decision trees": has(r"^\*\*Step 1\. "),
        "auth failures": has(r"^#+ .*`permission denied`"),
        "performance": has(r"^# .*[Pp]erformance"),
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
    missing = [a.annotation for a in data["injector_annotations"].annotations if f"`{a.annotation}`" not in references]
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


def numbers(cell_text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"-?\d[\d,]*(?:\.\d+)?", cell_text)]


def test_alert_thresholds_in_the_bundle_equal_the_data(
    paired_tables: list[tuple[str, str, Tag, Tag]], data: Handbook
) -> None:
    alerts = {a.id: a for a in data["alert_thresholds"].alerts}
    seen: set[str] = set()
    for _, name, site, mine in paired_tables:
        if name != "alert_thresholds":
            continue
        for row_id, cells in cells_by_field(site, mine).items():
            seen.add(row_id)
            for level in ("warning", "critical"):
                value = getattr(alerts[row_id], level)
                assert numbers(cells[level]) == ([] if value is None else [value]), (row_id, level)
            assert cells["for"] == alerts[row_id].for_
    assert seen == set(alerts), f"alerts missing from the bundle: {set(alerts) - seen}"


def test_privileged_endpoints_in_the_bundle_equal_the_data(
    paired_tables: list[tuple[str, str, Tag, Tag]], data: Handbook
) -> None:
    endpoints = {e.id: e for e in data["privileged_endpoints"].endpoints}
    seen: set[str] = set()
    for _, name, site, mine in paired_tables:
        if name != "privileged_endpoints":
            continue
        for row_id, cells in cells_by_field(site, mine).items():
            seen.add(row_id)
            assert endpoints[row_id].path in cells["path"]
            for flag in ("sudo", "root_namespace_only", "enterprise_only"):
                assert cells[flag] == ("Yes" if getattr(endpoints[row_id], flag) else "No"), (row_id, flag)
    assert seen == set(endpoints), f"endpoints missing from the bundle: {set(endpoints) - seen}"


def test_decision_matrix_in_the_bundle_equals_the_data(
    paired_tables: list[tuple[str, str, Tag, Tag]], data: Handbook
) -> None:
    criteria = {c.id: c for c in data["decision_matrix"].criteria}
    seen: set[str] = set()
    for _, name, site, mine in paired_tables:
        if name != "decision_matrix":
            continue
        for row_id, cells in cells_by_field(site, mine).items():
            seen.add(row_id)
            for option, verdict in criteria[row_id].cells.items():
                assert cells[option].startswith(verdict.verdict), (row_id, option)
    assert seen == set(criteria)


# --- The build refuses a bundle that breaks the rules ---------------------------------------


def mutated(bundle: Bundle, path: str, change: Callable[[str], str]) -> Bundle:
    copy = dict(bundle)
    copy[path] = change(md(bundle, path)).encode()
    return copy


SKILL_MD = "skills/troubleshooting/SKILL.md"
BREAKS: dict[str, tuple[Callable[[Bundle], Bundle], str]] = {
    "name differs from folder": (
        lambda b: mutated(b, SKILL_MD, lambda s: s.replace("name: troubleshooting", "name: trouble", 1)),
        "must match its folder"),
    "name with capitals": (
        lambda b: mutated(b, SKILL_MD, lambda s: s.replace("name: troubleshooting", "name: Troubleshooting", 1)),
        "lowercase letters"),
    "description too long": (
        lambda b: mutated(b, SKILL_MD, lambda s: re.sub(r"^description: .*$", "description: " + "x" * 1025, s,
                                                        count=1, flags=re.M)),
        "at most 1024"),
    "no front matter": (lambda b: mutated(b, SKILL_MD, lambda s: s.split("---\n", 2)[2]), "front matter"),
    "dangling link": (lambda b: mutated(b, SKILL_MD, lambda s: s + "\n[gone](references/gone.md)\n"),
                      "no such file"),
    "dangling anchor": (lambda b: mutated(b, SKILL_MD, lambda s: s + "\n[gone](references/overview.md#no-such-id)\n"),
                        "no #no-such-id"),
    "wrong version": (lambda b: mutated(b, ".claude-plugin/plugin.json", lambda s: s.replace(version(), "9.9.9")),
                      "version must be"),
    "unrendered macro": (lambda b: mutated(b, "skills/troubleshooting/references/overview.md",
                                           lambda s: s + "\n{@ alert_table() @}\n"), "unrendered"),
    "skill missing": (lambda b: {p: c for p, c in b.items() if not p.startswith("skills/troubleshooting/")},
                      "expected"),
    "no licence": (lambda b: mutated(b, ".claude-plugin/plugin.json", lambda s: s.replace('"UNLICENSED"', '""')),
                   "license is empty"),
    "no marketplace": (lambda b: {p: c for p, c in b.items() if p != ".claude-plugin/marketplace.json"},
                       "marketplace.json: missing"),
    "marketplace elsewhere": (lambda b: mutated(b, ".claude-plugin/marketplace.json",
                                                lambda s: s.replace('"source": "./"', '"source": "./plugins/x"')),
                              "source './'"),
}


def test_the_published_bundle_passes_the_build_checks(bundle: Bundle) -> None:
    assert validate_bundle(bundle, list(SKILLS), version()) == []


@pytest.mark.parametrize("case", BREAKS)
def test_the_build_checks_refuse_a_broken_bundle(bundle: Bundle, case: str) -> None:
    breaker, expected = BREAKS[case]
    problems = validate_bundle(breaker(bundle), list(SKILLS), version())
    assert any(expected in p for p in problems), problems


def test_build_fails_when_a_skill_breaks_the_rules(project_copy: Path, tmp_path: Path) -> None:
    template = project_copy / "skills" / "troubleshooting" / "SKILL.md"
    template.write_text(template.read_text().replace("name: troubleshooting", "name: Trouble_Shooting", 1))
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "refusing to publish a broken bundle" in result.stderr
    assert "skills/troubleshooting/SKILL.md: name" in result.stderr
    assert not (tmp_path / "site" / ZIP).exists()


# --- llms.txt -------------------------------------------------------------------------------





def test_llms_txt_lists_every_page_with_a_summary(built_site: Path) -> None:
    llms = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert llms.startswith("# Vault Operations Handbook\n\n> ")
    entries = dict(re.findall(r"^- \[[^\]]+\]\((https://[^)]+)\): (.+)$", llms, re.M))
    for page in nav_pages():
        url = "https://vault-handbook.example.com/" + page_url(page)
        assert url in entries, f"{page} is not in llms.txt"
        assert len(entries[url].strip()) > 3, f"{page}: no summary"
    for section in ("## Kubernetes integration", "## Production operations", "## Troubleshooting"):
        assert section in llms


def test_llms_full_txt_holds_every_page_and_the_same_tables(built_site: Path, bundle: Bundle) -> None:
    full = (built_site / "llms-full.txt").read_text(encoding="utf-8")
    for page in nav_pages():
        assert f"<!-- https://vault-handbook.example.com/{page_url(page)} -->" in full, page
    assert "{@" not in full and "--8<--" not in full
    for path in bundle:
        if "/references/" in path:
            for name in TABLE_NAME.findall(md(bundle, path)):
                assert f"<!-- table: {name} -->" in full, (path, name)


# --- The conversion itself, on small inputs -------------------------------------------------


def test_code_blocks_reach_the_reference_byte_for_byte() -> None:
    block = '```yaml\nnote: <span class="voh-badge">Enterprise</span> [x](other.md) {@ not_a_macro @}\n```\n'
    out = convert(f"Text [page](other.md).\n\n{block}", lambda target: "REWRITTEN")
    assert block in out
    assert "[page](REWRITTEN)" in out


def test_badges_and_tables_become_markdown() -> None:
    source = (
        '# Title {@ x @}\n\n<div class="voh-table-wrap" markdown>\n'
        '<table class="voh-table" data-table="demo" markdown>\n<thead><tr><th>Key</th><th>Note</th></tr></thead>\n'
        '<tbody markdown>\n<tr id="row-a" data-id="a" markdown><td data-field="key" markdown="span">`a|b`</td>'
        '<td data-field="note" markdown="span"><span class="voh-badge voh-badge--since">1.16+</span><br>x | y</td>'
        "</tr>\n</tbody>\n</table>\n</div>\n"
    )
    out = convert(source, lambda target: target)
    assert "<table" not in out and "<span" not in out
    row = next(line for line in out.splitlines() if line.startswith("| <a"))
    shown = render(f"| Key | Note |\n|---|---|\n{row}").find_all("td")
    assert [text(td) for td in shown] == ["a|b", "[1.16+] x | y"]
    assert shown[0].find("a", id="row-a") is not None


def test_snippets_are_included_and_a_missing_one_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("Shared line.\n")
    assert include_snippets('Before\n\n--8<-- "note.md"\n', [tmp_path]) == "Before\n\nShared line.\n"
    with pytest.raises(PluginError, match="gone.md"):
        include_snippets('--8<-- "gone.md"\n', [tmp_path])


@pytest.mark.parametrize(
    ("page", "reference"),
    [("kubernetes/index.md", "overview.md"), ("kubernetes/choosing.md", "choosing.md"),
     ("troubleshooting/runbooks/index.md", "runbooks.md"),
     ("troubleshooting/runbooks/vault-sealed.md", "runbooks-vault-sealed.md")],
)
def test_reference_names_follow_the_page_path(page: str, reference: str) -> None:
    section = page.split("/")[0] + "/"
    assert reference_name(page, section, {}) == reference
