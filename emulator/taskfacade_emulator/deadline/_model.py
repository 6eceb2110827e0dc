"""Deadline task and job state, derived from stored schedules and the clock (the shared lifecycle, mapped).

Mapping of the shared ``Phase`` to Deadline's ``TaskRunStatus``: QUEUED -> READY, RUNNING -> RUNNING, then
SUCCEEDED, FAILED or CANCELED. An UpdateTask overrides the course: the new status takes effect at once for a task
that is not running, and after ``INTERRUPT_S`` emulator seconds of INTERRUPTING for one that is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

import attrs

from .._lifecycle import Phase, Schedule

#: How long a running task shows INTERRUPTING before a cancel/fail/succeed/suspend takes effect (emulator seconds).
INTERRUPT_S = 2.0

RUN_STATUSES = (
    "PENDING",
    "READY",
    "ASSIGNED",
    "STARTING",
    "SCHEDULED",
    "INTERRUPTING",
    "RUNNING",
    "SUSPENDED",
    "CANCELED",
    "FAILED",
    "SUCCEEDED",
    "NOT_COMPATIBLE",
)
TARGET_RUN_STATUSES = ("READY", "FAILED", "SUCCEEDED", "CANCELED", "SUSPENDED", "PENDING")
FINAL_STATUSES = frozenset({"SUCCEEDED", "FAILED", "CANCELED", "NOT_COMPATIBLE"})
ACTIVE_STATUSES = frozenset({"ASSIGNED", "STARTING", "SCHEDULED", "RUNNING"})
QUEUED_STATUSES = frozenset({"PENDING", "READY"})

_PHASE_STATUS = {
    Phase.QUEUED: "READY",
    Phase.RUNNING: "RUNNING",
    Phase.SUCCEEDED: "SUCCEEDED",
    Phase.FAILED: "FAILED",
    Phase.CANCELED: "CANCELED",
}


@attrs.frozen
class TaskRecord:
    """One stored task (a row of ``deadline_tasks``)."""

    task_id: str
    farm_id: str
    queue_id: str
    job_id: str
    step_id: str
    seq: int
    created_at: float
    created_by: str
    run_epoch: float
    queued_s: float
    run_s: float
    outcome: str
    override_status: str | None
    override_at: float | None
    changed_at: float | None
    interrupting: bool
    target_run_status: str | None
    updated_at: float | None
    updated_by: str | None
    failure_retry_count: int
    session_seq: int
    parameters: dict[str, Any]

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> TaskRecord:
        values = dict(row)
        values["interrupting"] = bool(values["interrupting"])
        values["parameters"] = json.loads(values["parameters"])
        return cls(**values)

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.run_epoch, self.queued_s, self.run_s, Phase(self.outcome))

    @property
    def identifiers(self) -> dict[str, str]:
        return {
            "farmId": self.farm_id,
            "queueId": self.queue_id,
            "jobId": self.job_id,
            "stepId": self.step_id,
            "taskId": self.task_id,
        }


@attrs.frozen
class TaskState:
    """A task's status at one moment."""

    run_status: str
    started_at: float | None
    ended_at: float | None


def task_state(task: TaskRecord, now: float) -> TaskState:
    """The task's run status and start/end times at emulator time ``now``."""
    schedule = task.schedule
    if task.override_status is None or task.override_at is None or task.changed_at is None:
        phase = schedule.phase_at(now)
        started = schedule.started_at if now >= schedule.started_at else None
        return TaskState(_PHASE_STATUS[phase], started, schedule.finished_at if phase.final else None)
    started = schedule.started_at if task.changed_at >= schedule.started_at else None
    if now < task.override_at:
        return TaskState("INTERRUPTING", started, None)
    ended = task.override_at if task.override_status in FINAL_STATUSES else None
    return TaskState(task.override_status, started, ended)


def job_run_status(statuses: Iterable[str]) -> str:
    """A job's ``taskRunStatus`` rolled up from its tasks' run statuses."""
    present = set(statuses)
    if not present:
        return "READY"
    if present & ACTIVE_STATUSES:
        return "RUNNING"
    for status in ("INTERRUPTING", "READY", "PENDING", "SUSPENDED", "FAILED", "CANCELED", "NOT_COMPATIBLE"):
        if status in present:
            return status
    return "SUCCEEDED"


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """``taskRunStatusCounts``: every TaskRunStatus with its count (zeros included)."""
    counts = dict.fromkeys(RUN_STATUSES, 0)
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts
