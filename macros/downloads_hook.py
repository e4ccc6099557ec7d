"""MkDocs hook: publish the generated alert rules and Grafana dashboards under downloads/ in every build.

The files are generated in memory from the same data as the pages, with the site's own
`site_url` in every `runbook_url`, so a team that builds with SITE_URL=<its host> gets rules
that link to its own copy. They are ordinary site files: pages link to them and MkDocs checks
those links like any other.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

# MkDocs puts only this file's folder on sys.path; the `macros` package must come from the
# same checkout as this hook, not from wherever else Python might find one.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.dashboards import generated_files as dashboard_files  # noqa: E402
from macros.loading import load_all  # noqa: E402
from macros.prometheus_rules import (  # noqa: E402
    PROMETHEUS_RULE,
    RULE_FILE,
    TEST_FILE,
    prometheus_rule,
    rule_file,
    unit_tests,
)
from macros.render.error_index import catalogue_script  # noqa: E402

DOWNLOADS = "downloads"
CATALOGUE_SCRIPT = "assets/javascripts/error-catalogue.js"


def on_files(files: Files, config: Any) -> Files:
    handbook = load_all()
    alerts = handbook["alert_thresholds"]
    site_url = config["site_url"]
    generated = {
        RULE_FILE: rule_file(alerts, site_url),
        PROMETHEUS_RULE: prometheus_rule(alerts, site_url),
        TEST_FILE: unit_tests(alerts, site_url),
        # Dashboard JSON and one sidecar ConfigMap per dashboard (macros/dashboards.py).
        **dashboard_files(handbook["dashboards"], alerts, site_url),
    }
    for name, content in generated.items():
        files.append(File.generated(config, f"{DOWNLOADS}/{name}", content=content))
    # The catalogue's texts for the search dialog's exact-match panel (docs/assets/javascripts/
    # error-lookup.js): a script, not JSON, so it loads from file:// in the offline bundle too.
    files.append(File.generated(config, CATALOGUE_SCRIPT,
                                content=catalogue_script(handbook["failures"], config["use_directory_urls"])))
    return files
