"""The generated alert rules, shown on a page exactly as the downloadable files hold them."""

from __future__ import annotations

from collections.abc import Callable

from ..loading import Handbook
from ..prometheus_rules import prometheus_rule, rule_file
from . import Context
from .blocks import Div, Fragment, fragment


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment]]:
    def alert_rules(kind: str = "rule_file") -> Fragment:
        site_url = context.site_url
        makers = {"rule_file": rule_file, "prometheus_rule": prometheus_rule}
        if kind not in makers:
            raise ValueError(f"alert_rules: kind must be one of {', '.join(makers)}, got {kind!r}")
        body = makers[kind](handbook.alert_thresholds, site_url)
        # Out of the search index: the whole file names every metric and alert, so it outranked
        # the runbook and metric sections that answer a pasted name (data-search-exclude is
        # Material's own marker). The runbooks' own rule boxes stay in the index.
        return fragment(Div((("class", "voh-rules-file"), ("data-search-exclude", None)),
                            fragment(f"\n\n```yaml\n{body}```\n\n")), "\n")

    return {"alert_rules": alert_rules}
