"""The registry: one declaration per dataset, from which the loader and `define_env` take what
they need. A dataset is a data file `data/<name>.yaml` (or, with `folder`, every
`data/<name>/*.yaml`), read into its model and checked by the `problems()` function beside that
model; its renderers (`macros/render/<module>.py`) offer the macros pages may call. Add a
dataset here and it is loaded, validated, reported on and rendered like the others;
`tests/test_registry.py` holds CONTRIBUTING.md's macros table to this list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .models import (
    alert_peers,
    alert_thresholds,
    anti_patterns,
    automated_snapshots,
    autopilot,
    csi_parameters,
    dashboards,
    decision_matrix,
    decision_trees,
    failure_tolerance,
    failures,
    health_codes,
    injector_annotations,
    k8s_helm_values,
    key_metrics,
    lint_rules,
    privileged_endpoints,
    sizing,
    vso_crd_fields,
)


@dataclass(frozen=True)
class Renderer:
    """`macros/render/<module>.py`, whose `macros(handbook, context)` returns exactly
    `macros` by name (define_env refuses a difference)."""

    module: str
    macros: tuple[str, ...]


@dataclass(frozen=True)
class Dataset:
    # The model of the file (of each file, for a folder dataset).
    model: type[BaseModel]
    # problems(label, data, docs_dir, *needed): the rules across rows, and across files for the
    # datasets named in `needs`, which the loader passes in that order once all files are read.
    problems: Callable[..., list[str]]
    renderers: tuple[Renderer, ...] = ()
    needs: tuple[str, ...] = ()
    # A folder dataset, data/<name>/<part>.yaml: builds the dataset from its parts by file stem.
    folder: Callable[[dict[str, Any]], BaseModel] | None = field(default=None)

    def path(self, name: str) -> str:
        """Where the data lives, relative to the project: `data/<name>.yaml` or `data/<name>/`."""
        return f"data/{name}/" if self.folder else f"data/{name}.yaml"


def _one(module: str, *names: str) -> tuple[Renderer, ...]:
    return (Renderer(module, names),)


DATASETS: dict[str, Dataset] = {
    # The failure catalogue, one file per area; first, so that the other rules may use it.
    "failures": Dataset(
        failures.FailureArea, failures.problems,
        (Renderer("failures", ("failure_page", "failure_summary", "failure_areas", "component_failures")),
         Renderer("error_index", ("error_index", "error_lookup"))),
        folder=lambda areas: failures.Failures(areas=areas)),
    # Shared tables
    "decision_matrix": Dataset(decision_matrix.DecisionMatrix, decision_matrix.problems,
                               _one("decision_matrix", "decision_matrix")),
    "alert_thresholds": Dataset(
        alert_thresholds.AlertThresholds, alert_thresholds.problems,
        (Renderer("alert_thresholds", ("alert_table", "alert_rule")),
         # The Prometheus rule file (macros/prometheus_rules.py) built from the same rows.
         Renderer("alert_rules", ("alert_rules",)))),
    "privileged_endpoints": Dataset(privileged_endpoints.PrivilegedEndpoints, privileged_endpoints.problems,
                                    _one("privileged_endpoints", "endpoints_table", "endpoints_sudo_check")),
    # Production operations
    "failure_tolerance": Dataset(failure_tolerance.FailureTolerance, failure_tolerance.problems,
                                 _one("failure_tolerance", "failure_tolerance_table", "redundancy_zone_table")),
    "sizing": Dataset(sizing.Sizing, sizing.problems, _one("sizing", "sizing_table")),
    "autopilot": Dataset(autopilot.Autopilot, autopilot.problems,
                         _one("autopilot", "autopilot_features", "autopilot_parameters")),
    "automated_snapshots": Dataset(automated_snapshots.AutomatedSnapshots, automated_snapshots.problems,
                                   _one("automated_snapshots", "snapshot_parameters")),
    "key_metrics": Dataset(key_metrics.KeyMetrics, key_metrics.problems, _one("key_metrics", "key_metrics_table")),
    # Monitoring as code: dashboards and the alert comparison with public rule sets
    "dashboards": Dataset(dashboards.Dashboards, dashboards.problems,
                          _one("dashboards", "dashboard_layout", "dashboard_downloads", "integration_metrics_table"),
                          needs=("alert_thresholds", "key_metrics")),
    "alert_peers": Dataset(alert_peers.AlertPeers, alert_peers.problems,
                           _one("alert_peers", "alert_peer_table", "alerts_not_adopted", "alert_peer_sources"),
                           needs=("alert_thresholds",)),
    # Kubernetes integration
    "injector_annotations": Dataset(
        injector_annotations.InjectorAnnotations, injector_annotations.problems,
        _one("injector_annotations", "injector_annotations", "injector_annotation_index",
             "injector_environment", "injector_annotation_count")),
    "vso_crd_fields": Dataset(vso_crd_fields.VsoCrdFields, vso_crd_fields.problems,
                              _one("vso_crd_fields", "vso_fields")),
    "csi_parameters": Dataset(csi_parameters.CsiParameters, csi_parameters.problems,
                              _one("csi_parameters", "csi_parameters")),
    "k8s_helm_values": Dataset(k8s_helm_values.K8sHelmValues, k8s_helm_values.problems,
                               _one("k8s_helm_values", "helm_values")),
    # Troubleshooting section
    "health_codes": Dataset(health_codes.HealthCodes, health_codes.problems,
                            _one("health_codes", "health_codes_table", "health_parameters_table",
                                 "status_exit_codes_table")),
    "anti_patterns": Dataset(anti_patterns.AntiPatterns, anti_patterns.problems,
                             _one("anti_patterns", "anti_patterns")),
    "decision_trees": Dataset(decision_trees.DecisionTrees, decision_trees.problems,
                              _one("decision_trees", "decision_tree", "decision_tree_ids")),
    # `vault-handbook lint` (macros/lint/)
    "lint_rules": Dataset(lint_rules.LintRules, lint_rules.problems,
                          _one("lint_rules", "lint_rules", "lint_rule_count")),
}


# The folders of data/ that hold no dataset, so neither the loader nor a schema is for them:
# sourced lists the examples checker reads, the JSON Schemas written from the models, and the
# upstream-derived inputs of tools/derive_*.py (data/upstream/vso_api_delta.yaml).
NOT_DATASETS: dict[str, str] = {
    "examples": "lists the examples checker reads (tests/examples/)",
    "schemas": "JSON Schemas of the data files (tools/write_data_schemas.py)",
    "upstream": "upstream API changes the tools/derive_*.py scripts apply",
}


def renderers() -> list[Renderer]:
    """Every renderer, in registry order."""
    return [r for dataset in DATASETS.values() for r in dataset.renderers]
