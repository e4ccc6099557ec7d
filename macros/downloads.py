"""The generated files every build publishes: alert rules and Grafana dashboards under downloads/,
and the failure catalogue's texts for the search dialog.

The files are generated in memory from the same data as the pages, with the site's own
`site_url` in every `runbook_url`, so a team that builds with SITE_URL=<its host> gets rules
that link to its own copy. They are ordinary site files: pages link to them and MkDocs checks
those links like any other. Wired by macros/hooks/downloads.py.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from .build_state import handbook_of
from .dashboards import generated_files as dashboard_files
from .loading import Handbook
from .prometheus_rules import generated_files as rule_files
from .render.error_index import catalogue_script

DOWNLOADS = "downloads"
CATALOGUE_SCRIPT = "assets/javascripts/error-catalogue.js"


def add_downloads(files: Files, config: Any) -> Files:
    """Append the generated files to the build's files, from the data define_env loaded."""
    for path, content in generated_files(handbook_of(config), config["site_url"], config["use_directory_urls"]).items():
        files.append(File.generated(config, path, content=content))
    return files


# The last build's files, and what they were made from: `mkdocs serve` keeps the same handbook
# object while no data file changes (macros/loading.py), so a page edit does not make them again.
_LAST: list[tuple[Handbook, str, bool, dict[str, str]]] = []


def generated_files(handbook: Handbook, site_url: str, use_directory_urls: bool) -> dict[str, str]:
    """The generated files by their path in the site."""
    if _LAST and _LAST[0][0] is handbook and _LAST[0][1:3] == (site_url, use_directory_urls):
        return _LAST[0][3]
    alerts = handbook.alert_thresholds
    generated = {
        # Rule file, PrometheusRule and promtool tests (macros/prometheus_rules.py).
        **rule_files(alerts, site_url),
        # Dashboard JSON and one sidecar ConfigMap per dashboard (macros/dashboards.py).
        **dashboard_files(handbook.dashboards, alerts, site_url),
    }
    out = {f"{DOWNLOADS}/{name}": content for name, content in generated.items()}
    # The catalogue's texts for the search dialog's exact-match panel (docs/assets/javascripts/
    # error-lookup.js): a script, not JSON, so it loads from file:// in the offline bundle too.
    out[CATALOGUE_SCRIPT] = catalogue_script(handbook.failures, use_directory_urls)
    _LAST[:] = [(handbook, site_url, use_directory_urls, out)]
    return out
