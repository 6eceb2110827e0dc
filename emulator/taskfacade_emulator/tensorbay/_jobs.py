"""A stored job row as TensorBay's job JSON: the shared lifecycle read at the clock's ``now``."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .._lifecycle import Phase, Schedule
from ._wire import SQUASH, STATUS_OF_PHASE


def schedule_of(row: sqlite3.Row) -> Schedule:
    """The lifecycle schedule stored in a ``tensorbay_jobs`` row (``sched_start`` moves on retry)."""
    return Schedule(
        created_at=row["sched_start"],
        queued_s=row["queued_s"],
        run_s=row["run_s"],
        outcome=Phase(row["outcome"]),
        canceled_at=row["canceled_at"],
    )


def phase_of(row: sqlite3.Row, now: float) -> Phase:
    return schedule_of(row).phase_at(now)


def status_of(row: sqlite3.Row, now: float) -> str:
    """The job's TensorBay status (QUEUING, PROCESSING, SUCCESS, FAILED, ABORTED) at ``now``."""
    return STATUS_OF_PHASE[phase_of(row, now)]


def _result(row: sqlite3.Row) -> dict[str, Any]:
    if row["job_type"] == SQUASH:
        return {"draftNumber": row["draft_number"]}
    return {"searchResultId": row["search_result_id"], "searchResultCommitId": row["search_commit_id"]}


def job_json(row: sqlite3.Row, now: float) -> dict[str, Any]:
    """The job as TensorBay answers it: camelCase, integer epoch seconds, ``result`` only once SUCCESS."""
    schedule = schedule_of(row)
    phase = schedule.phase_at(now)
    started = phase is not Phase.QUEUED and schedule.started_at <= min(now, schedule.finished_at)
    return {
        "title": row["title"],
        "jobId": row["job_id"],
        "jobType": row["job_type"],
        "arguments": json.loads(row["arguments"]),
        "createdAt": int(row["created_at"]),
        "startedAt": int(schedule.started_at) if started else None,
        "finishedAt": int(schedule.finished_at) if phase.final else None,
        "status": STATUS_OF_PHASE[phase],
        "errorMessage": row["failure"] if phase is Phase.FAILED else "",
        "result": _result(row) if phase is Phase.SUCCEEDED else None,
        "description": row["description"],
    }
