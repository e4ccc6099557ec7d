"""What the export tests share: the published plugin's layout and how to read its Markdown the
way a Markdown renderer reads it."""

from __future__ import annotations

import re
import tomllib
from functools import cache

import markdown
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT

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
