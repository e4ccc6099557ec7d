"""Every example on the built site that is a whole configuration lints clean, or is marked
`.anti-pattern`: a values file (a yaml block titled `values*`), a complete server HCL (storage
and a listener), and a manifest holding a VSO resource, a SecretProviderClass or a pod template
with injector annotations. The page "Check your configuration" lists every rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from examples.collect import Block, collect_blocks
from macros.lint.cli import lint
from macros.lint.hcl import HclSyntaxError, kind_of, lint_text, load
from macros.lint.rules import rules
from macros.lint.yaml_lines import YamlSyntaxError, load_documents

WHOLE_CONFIG_KINDS = ("secrets.hashicorp.com/", "secrets-store.csi.x-k8s.io/")
CHART_CONFIG = "chart-config.hcl"


def whole_config(block: Block) -> str | None:
    """The file name to lint the block as, or None when it is not a whole configuration."""
    if block.language in ("yaml", "yml"):
        if block.title.lower().startswith("values"):
            return "values.yaml"
        try:
            docs = load_documents(block.text)
        except YamlSyntaxError:
            return None
        for doc in docs:
            value = doc.value
            if isinstance(value, dict) and "apiVersion" in value and (
                    str(value["apiVersion"]).startswith(WHOLE_CONFIG_KINDS) or "vault.hashicorp.com/" in block.text):
                return "manifest.yaml"
        return None
    if block.language == "hcl":
        try:
            doc = load(block.text)
        except HclSyntaxError:
            return None
        if kind_of(doc) != "server" or "storage" not in doc or "listener" not in doc:
            return None
        # Titled with the chart key it goes in (`server.ha.raft.config`): the chart sets the addresses.
        return CHART_CONFIG if block.title.startswith("server.") else "vault.hcl"
    return None


@pytest.fixture(scope="module")
def whole_configs(examples_site: Path) -> list[tuple[Block, str]]:
    found = []
    for block in collect_blocks(examples_site):
        name = whole_config(block)
        if name is not None and not block.anti_pattern:
            found.append((block, name))
    return found


def test_whole_config_examples_lint_clean(whole_configs: list[tuple[Block, str]], tmp_path: Path) -> None:
    assert len(whole_configs) >= 10, "the site has fewer whole-config examples than expected: is the collection broken?"
    problems = []
    for number, (block, name) in enumerate(whole_configs):
        if name == CHART_CONFIG:
            problems += [f"{block.where}: line {h.line}: {h.rule}: {h.message}"
                         for h in lint_text(block.text, in_chart=True)]
            continue
        folder = tmp_path / str(number)
        folder.mkdir()
        (folder / name).write_text(block.text + "\n", encoding="utf-8")
        report = lint([folder], site_url="https://handbook.test/")
        for finding in report.findings:
            problems.append(f"{block.where}: line {finding.line}: {finding.severity} {finding.rule}: {finding.message}")
        for problem in report.problems:
            problems.append(f"{block.where}: {problem.message}")
    assert not problems, (f"{len(problems)} finding(s) in whole-config examples; fix the example or mark it "
                          "{ .anti-pattern } and say why beside it:\n" + "\n".join(problems))


def test_the_page_lists_every_rule_and_links_its_section(examples_site: Path) -> None:
    html = (examples_site / "operations" / "check-your-configuration" / "index.html").read_text(encoding="utf-8")
    table = BeautifulSoup(html, "lxml").select_one('table[data-table="lint-rules"]')
    assert table is not None
    rows = {row["data-id"]: row for row in table.select("tr[data-id]")}
    assert list(rows) == list(rules())
    for rule_id, rule in rules().items():
        link = rows[rule_id].select_one('[data-field="section"] a')
        assert link is not None and link["href"].endswith(f"#{rule.anchor}"), rule_id
        target = (examples_site / "operations" / "check-your-configuration" / link["href"].split("#")[0]).resolve()
        page = target / "index.html" if target.is_dir() else target
        assert f'id="{rule.anchor}"' in page.read_text(encoding="utf-8"), rule_id
