"""spec-diff: what a change to ``openapi/<service>.yaml`` means for the facade (``make spec-diff``).

Public entry points: ``diff_specs`` (two parsed specs -> classified changes), ``report_for`` (adds the impact on the
facade and its tests), ``load_spec``/``parse_spec`` (refuse broken specs with one clear error), ``main`` (the CLI).
"""

from __future__ import annotations

from typing import Any

from ._diff import Change, Severity, diff_operations, worst
from ._impact import FacadeIndex, Impact
from ._load import SpecError, load_spec, parse_spec
from ._model import operations, snake_case
from ._report import ServiceReport, to_json, to_markdown

__all__ = [
    "Change",
    "FacadeIndex",
    "Impact",
    "ServiceReport",
    "Severity",
    "SpecError",
    "diff_specs",
    "load_spec",
    "parse_spec",
    "report_for",
    "snake_case",
    "to_json",
    "to_markdown",
    "worst",
]


def diff_specs(old: dict[str, Any], new: dict[str, Any], service: str | None = None) -> list[Change]:
    """Classified changes from ``old`` to ``new``; with ``service``, judged against that service's facade code."""
    if service is None:
        return diff_operations(operations(old), operations(new))
    index = FacadeIndex(service)
    calls = index.callers()
    return diff_operations(
        operations(old), operations(new), index.facade_names(), called=lambda op: snake_case(op) in calls
    )


def report_for(service: str, old: dict[str, Any], new: dict[str, Any], old_name: str, new_name: str) -> ServiceReport:
    """The full report of one service: classified changes plus the impact of every changed operation."""
    changes = diff_specs(old, new, service)
    index = FacadeIndex(service)
    impact = {op: index.impact(op) for op in sorted({c.operation for c in changes})}
    return ServiceReport(service, old_name, new_name, tuple(changes), impact)
