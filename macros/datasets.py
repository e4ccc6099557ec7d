"""The registry of data files: each name is `data/<name>.yaml`, read into its model and checked
by the `problems()` function beside that model. Add a dataset here and it is loaded, validated
and reported on like the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .models import alert_thresholds, decision_matrix, privileged_endpoints


@dataclass(frozen=True)
class Dataset:
    model: type[BaseModel]
    problems: Callable[[str, Any, Path], list[str]]


DATASETS: dict[str, Dataset] = {
    "decision_matrix": Dataset(decision_matrix.DecisionMatrix, decision_matrix.problems),
    "alert_thresholds": Dataset(alert_thresholds.AlertThresholds, alert_thresholds.problems),
    "privileged_endpoints": Dataset(privileged_endpoints.PrivilegedEndpoints, privileged_endpoints.problems),
}
