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
from .prometheus_rules import generated_files as rule_files
from .render.error_index import catalogue_script

DOWNLOADS = "downloads"
CATALOGUE_SCRIPT = "assets/javascripts/error-catalogue.js"


def add_downloads(files: Files, config: Any) -> Files:
    """Append the generated files to the build's files, from the data define_env loaded."""
    handbook = handbook_of(config)
    alerts = handbook.alert_thresholds
    site_url = config["site_url"]
    generated = {
        # Rule file, PrometheusRule and promtool tests (macros/prometheus_rules.py).
        **rule_files(alerts, site_url),
        # Dashboard JSON and one sidecar ConfigMap per dashboard (macros/dashboards.py).
        **dashboard_files(handbook.dashboards, alerts, site_url),
    }
    for name, content in generated.items():
        files.append(File.generated(config, f"{DOWNLOADS}/{name}", content=content))
    # The catalogue's texts for the search dialog's exact-match panel (docs/assets/javascripts/
    # error-lookup.js): a script, not JSON, so it loads from file:// in the offline bundle too.
    files.append(File.generated(config, CATALOGUE_SCRIPT,
                                content=catalogue_script(handbook.failures, config["use_directory_urls"])))
    return files
