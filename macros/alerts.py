"""`python -m macros.alerts --out dist/alerts [--site-url URL] [--release NAME]`: the alert rules
(rule file, PrometheusRule, promtool tests; macros/prometheus_rules.py) and the Grafana dashboards
(JSON and sidecar ConfigMaps; macros/dashboards.py) into one folder, the files a site build
publishes under downloads/ (`make alerts`).

Without --site-url, links point at mkdocs.yml's site_url, or at $SITE_URL when it is set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import dashboards, prometheus_rules
from .errors import DataError
from .loading import load_all
from .site_url import site_url_from_config


def write_files(files: dict[str, str], out: Path) -> list[Path]:
    """Each generated file (name -> text) into `out`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
    return [out / name for name in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("dist/alerts"))
    parser.add_argument("--site-url", help="base URL of the hosted handbook (default: mkdocs.yml site_url / $SITE_URL)")
    parser.add_argument("--release", default=prometheus_rules.DEFAULT_RELEASE,
                        help="kube-prometheus-stack release label of the PrometheusRule")
    args = parser.parse_args(argv)
    try:
        handbook = load_all()
        site_url = args.site_url or site_url_from_config()
    except (DataError, ValueError) as exc:  # bad data, or an empty site_url
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    alerts = handbook.alert_thresholds
    files = {**prometheus_rules.generated_files(alerts, site_url, args.release),
             **dashboards.generated_files(handbook.dashboards, alerts, site_url)}
    for path in write_files(files, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
