"""The spec-diff report: one section per service, as Markdown for people and JSON for CI."""

from __future__ import annotations

from typing import Any

import attrs

from ._diff import Change, Severity, worst
from ._impact import Impact

MAX_TESTS = 8


@attrs.frozen
class ServiceReport:
    """The changes of one service's spec and, per changed operation, its impact."""

    service: str
    old: str  # where the old spec came from (e.g. "HEAD:openapi/tiledb.yaml")
    new: str
    changes: tuple[Change, ...]
    impact: dict[str, Impact]

    @property
    def severity(self) -> Severity:
        """The worst change's severity."""
        return worst(self.changes)


def _label(severity: Severity) -> str:
    return {Severity.NONE: "no change", Severity.NON_BREAKING: "non-breaking", Severity.BREAKING: "BREAKING"}[severity]


def to_json(reports: list[ServiceReport]) -> dict[str, Any]:
    """The whole report as one JSON-able object (``severity`` is also the exit code's meaning)."""
    return {
        "severity": _label(worst(c for r in reports for c in r.changes)).lower(),
        "services": [
            {
                "service": r.service,
                "old": r.old,
                "new": r.new,
                "severity": _label(r.severity).lower(),
                "changes": [c.to_json() for c in r.changes],
                "impact": {
                    op: {"callers": list(i.callers), "affected": list(i.affected), "tests": list(i.tests)}
                    for op, i in sorted(r.impact.items())
                },
            }
            for r in reports
        ],
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(reports: list[ServiceReport]) -> str:
    """The whole report as Markdown: a summary line per service, a change table, then the impact per operation."""
    lines = ["# Spec diff", ""]
    for r in reports:
        breaking = sum(c.severity is Severity.BREAKING for c in r.changes)
        lines.append(
            f"- **{r.service}**: {_label(r.severity)} ({len(r.changes)} changes, {breaking} breaking)"
            f" — `{r.old}` → `{r.new}`"
        )
    for r in reports:
        if not r.changes:
            continue
        lines += ["", f"## {r.service}", "", "| operation | change | where | detail |", "|---|---|---|---|"]
        for c in r.changes:
            mark = "**breaking**" if c.severity is Severity.BREAKING else "non-breaking"
            lines.append(f"| {c.operation} | {mark} {c.kind} | {_cell(c.where)} | {_cell(c.detail)} |")
        lines += ["", "### Impact", ""]
        for op, impact in sorted(r.impact.items()):
            if not impact.callers:
                lines.append(f"- `{op}`: not called by the facade")
                continue
            lines.append(f"- `{op}`: called by {', '.join(f'`{c}`' for c in impact.callers)}")
            public = [a for a in impact.affected if not a.rsplit(":", 1)[1].rsplit(".", 1)[-1].startswith("_")]
            if public:
                lines.append(f"  - reached from: {', '.join(f'`{a}`' for a in public)}")
            shown = list(impact.tests[:MAX_TESTS])
            more = f" and {len(impact.tests) - MAX_TESTS} more (see --json)" if len(impact.tests) > MAX_TESTS else ""
            lines.append(f"  - tests ({len(impact.tests)}): {', '.join(f'`{t}`' for t in shown)}{more}")
    return "\n".join(lines) + "\n"
