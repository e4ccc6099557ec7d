"""The registry of data files: each name is `data/<name>.yaml`, read into its model and checked
by the `problems()` function beside that model. Add a dataset here and it is loaded, validated
and reported on like the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
class Dataset:
    model: type[BaseModel]
    # problems(label, data, docs_dir, *needed): the rules across rows, and across files for the
    # datasets named in `needs`, which the loader passes in that order once all files are read.
    problems: Callable[..., list[str]]
    needs: tuple[str, ...] = ()


DATASETS: dict[str, Dataset] = {
    "decision_matrix": Dataset(decision_matrix.DecisionMatrix, decision_matrix.problems),
    "alert_thresholds": Dataset(alert_thresholds.AlertThresholds, alert_thresholds.problems),
    "privileged_endpoints": Dataset(privileged_endpoints.PrivilegedEndpoints, privileged_endpoints.problems),
    # Production operations
    "failure_tolerance": Dataset(failure_tolerance.FailureTolerance, failure_tolerance.problems),
    "sizing": Dataset(sizing.Sizing, sizing.problems),
    "autopilot": Dataset(autopilot.Autopilot, autopilot.problems),
    "automated_snapshots": Dataset(automated_snapshots.AutomatedSnapshots, automated_snapshots.problems),
    "key_metrics": Dataset(key_metrics.KeyMetrics, key_metrics.problems),
    # Monitoring as code: dashboards and the alert comparison with public rule sets
    "dashboards": Dataset(dashboards.Dashboards, dashboards.problems, ("alert_thresholds", "key_metrics")),
    "alert_peers": Dataset(alert_peers.AlertPeers, alert_peers.problems, ("alert_thresholds",)),
    # Kubernetes integration
    "injector_annotations": Dataset(injector_annotations.InjectorAnnotations, injector_annotations.problems),
    "vso_crd_fields": Dataset(vso_crd_fields.VsoCrdFields, vso_crd_fields.problems),
    "csi_parameters": Dataset(csi_parameters.CsiParameters, csi_parameters.problems),
    "k8s_helm_values": Dataset(k8s_helm_values.K8sHelmValues, k8s_helm_values.problems),
    # Troubleshooting section
    "health_codes": Dataset(health_codes.HealthCodes, health_codes.problems),
    "anti_patterns": Dataset(anti_patterns.AntiPatterns, anti_patterns.problems),
    "decision_trees": Dataset(decision_trees.DecisionTrees, decision_trees.problems),
    # `vault-handbook lint` (macros/lint/)
    "lint_rules": Dataset(lint_rules.LintRules, lint_rules.problems),
}
