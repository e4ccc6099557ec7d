"""One build's export: what it collects between MkDocs events, and the outputs made from that.

The MkDocs hook (macros/hooks/skills.py) makes one `ExportBuild` per build and calls it at each
event; nothing else holds state between events.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import forks
from . import LLMS_FULL_TXT, LLMS_TXT, ZIP_SITE_PATH
from .bundle import validate_bundle, zip_bundle
from .links import Rewrite, hosted_path, page_url, rewriter
from .llms import llms_full_txt, llms_txt
from .pages import convert, nav_order, summary
from .skills import load_spec, place, plugin_files


@dataclass(frozen=True)
class Outputs:
    archive: bytes  # downloads/vault-operations.zip
    llms: str  # llms.txt
    full: str  # llms-full.txt
    bundle: dict[str, bytes]  # the plugin's files by path inside it


class Deferred(File):
    """A file the export makes: MkDocs copies the other files before the export is done (it may
    still run in a forked copy, macros/forks.py), so this one is written when its content is set."""

    ready: bool = False

    def copy_file(self, dirty: bool = False) -> None:
        if self.ready:
            super().copy_file(dirty)


def handbook_version(project: Path) -> str:
    return str(tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


@dataclass
class ExportBuild:
    placeholders: Any  # the macros' Placeholders (macros/render/blocks.py), switched on
    command: str | None = None  # MkDocs': whether a forked copy may make the outputs (macros/forks.py)
    pages: dict[str, Page] = field(default_factory=dict)  # src_uri -> page
    markdown: dict[str, str] = field(default_factory=dict)  # src_uri -> the page's export Markdown
    nav: Navigation | None = None
    files: dict[str, Deferred] = field(default_factory=dict)  # our generated site files
    pending: forks.Forked[Outputs | str] | None = None  # the outputs, made by a forked copy
    site_files: Files | None = None  # the build's files, for making the outputs here if the copy fails

    @classmethod
    def start(cls, config: MkDocsConfig, command: str | None = None) -> ExportBuild:
        """The export of this build: the macros' nodes behind placeholders from now on."""
        from .. import PLACEHOLDERS  # the macros module; mkdocs-macros has loaded it by now

        macros_plugin = config.plugins.get("macros")
        placeholders = getattr(macros_plugin, "variables", {}).get(PLACEHOLDERS)
        if placeholders is None:
            raise PluginError("agent-skills plugin: needs the mkdocs-macros plugin with module_name: macros, "
                              "which renders the pages it is made from")
        placeholders.enabled = True
        return cls(placeholders, command)

    def register_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Registered now with placeholder content so pages may link to them (MkDocs checks those
        # links); the real content is set in `publish`, once every page has been collected.
        for path in (ZIP_SITE_PATH, LLMS_TXT, LLMS_FULL_TXT):
            generated = Deferred.generated(config, path, content=b"")
            files.append(generated)
            self.files[path] = generated
        return files

    def collect(self, markdown: str, page: Page) -> str:
        """The page's Markdown after mkdocs-macros: its export form kept, its site form returned."""
        try:
            site, export = self.placeholders.split(markdown, f"docs/{page.file.src_uri}")
        except ValueError as error:
            raise PluginError(str(error)) from None
        self.markdown[page.file.src_uri] = export
        self.pages[page.file.src_uri] = page
        return site

    def begin(self, config: MkDocsConfig, files: Files) -> None:
        """Once every page is collected: the outputs are made beside the build where a second
        core is free (the pages are written meanwhile), else now."""
        if not forks.allowed(self.command):
            self.publish(self.outputs(config, files), write=False)  # MkDocs writes them next
            return

        def work() -> Outputs | str:
            try:
                return self.outputs(config, files)
            except PluginError as error:  # a broken bundle: the build fails with this message
                return str(error)

        self.pending, self.site_files = forks.Forked.start(work), files

    def finish(self, config: MkDocsConfig) -> None:
        """Write the outputs: the copy's, or made now when the copy failed (its error, if any,
        comes again)."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        try:
            made = pending.result()
        except forks.Failed:
            assert self.site_files is not None
            made = self.outputs(config, self.site_files)
        if isinstance(made, str):
            raise PluginError(made)
        self.publish(made)

    def stop(self) -> None:
        if self.pending is not None:
            self.pending.stop()
            self.pending = None

    def publish(self, outputs: Outputs, write: bool = True) -> None:
        self.files[ZIP_SITE_PATH].content_bytes = outputs.archive
        self.files[LLMS_TXT].content_string = outputs.llms
        self.files[LLMS_FULL_TXT].content_string = outputs.full
        for generated in self.files.values():
            generated.ready = True
            if write:
                generated.copy_file()

    def outputs(self, config: MkDocsConfig, files: Files) -> Outputs:
        """The plugin (checked), llms.txt and llms-full.txt from the collected pages."""
        project = Path(config.config_file_path).resolve().parent
        spec = load_spec(project / "skills")
        version = handbook_version(project)
        site_url = config["site_url"] or ""
        if not site_url:
            raise PluginError("agent-skills plugin: site_url is empty; its links back to the site need it")
        order = nav_order(self.nav, self.pages)
        pages = {uri: self.pages[uri] for uri in order}
        placement = place(spec, order)

        def rewriter_for(from_src: str, from_bundle: str | None) -> Rewrite:
            return rewriter(from_src, from_bundle, placement.bundle_path, files, config, site_url)

        hosted = {uri: page_url(site_url, hosted_path(config, page.file)) for uri, page in pages.items()}
        # Links to the hosted site: llms-full.txt, and each page's summary.
        converted = {uri: convert(self.markdown[uri], rewriter_for(uri, None)) for uri in order}
        summaries = {uri: summary(pages[uri], converted[uri]) for uri in order}
        bundle = plugin_files(spec, version, site_url, pages, self.markdown, summaries, placement, hosted,
                              rewriter_for)
        problems = validate_bundle(bundle, [s.name for s in spec.skills], version)
        if problems:
            raise PluginError("agent-skills plugin: refusing to publish a broken bundle:\n  " + "\n  ".join(problems))
        return Outputs(zip_bundle(bundle), llms_txt(config, version, self.nav, pages, hosted, summaries),
                       llms_full_txt(config, version, pages, hosted, converted), bundle)
