"""Reading Deadline farms, queues, jobs, steps and tasks from the store (404s name the missing resource)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import attrs

from .._store import Store
from ._model import TaskRecord
from ._wire import not_found


@attrs.frozen
class JobRecord:
    """One stored job (a row of ``deadline_jobs``)."""

    seq: int
    job_id: str
    farm_id: str
    queue_id: str
    name: str
    priority: int
    created_at: float
    created_by: str
    description: str | None
    max_failed_tasks: int
    max_retries_per_task: int
    max_worker_count: int
    parameters: dict[str, Any]

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> JobRecord:
        values = dict(row)
        values["parameters"] = json.loads(values["parameters"])
        return cls(**values)


@attrs.frozen
class StepRecord:
    """One stored step (a row of ``deadline_steps``)."""

    step_id: str
    job_id: str
    name: str
    created_at: float

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> StepRecord:
        return cls(**dict(row))


class Repository:
    """Queries over the Deadline tables."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def require_path(self, farm_id: str, queue_id: str | None = None, job_id: str | None = None) -> None:
        """Raise ResourceNotFoundException for the first of farm, queue, job that does not exist."""
        if self.store.query_one("SELECT 1 FROM deadline_jobs WHERE farm_id = ? LIMIT 1", (farm_id,)) is None:
            raise not_found("farm", farm_id)
        if queue_id is None:
            return
        sql = "SELECT 1 FROM deadline_jobs WHERE farm_id = ? AND queue_id = ? LIMIT 1"
        if self.store.query_one(sql, (farm_id, queue_id)) is None:
            raise not_found("queue", queue_id)
        if job_id is not None:
            self.job(farm_id, queue_id, job_id)

    def job(self, farm_id: str, queue_id: str, job_id: str) -> JobRecord:
        sql = "SELECT * FROM deadline_jobs WHERE job_id = ? AND farm_id = ? AND queue_id = ?"
        row = self.store.query_one(sql, (job_id, farm_id, queue_id))
        if row is None:
            self.require_path(farm_id, queue_id)
            raise not_found("job", job_id)
        return JobRecord.from_row(row)

    def require_step(self, farm_id: str, queue_id: str, job_id: str, step_id: str) -> None:
        sql = (
            "SELECT 1 FROM deadline_steps s JOIN deadline_jobs j ON s.job_id = j.job_id"
            " WHERE s.step_id = ? AND j.job_id = ? AND j.farm_id = ? AND j.queue_id = ?"
        )
        if self.store.query_one(sql, (step_id, job_id, farm_id, queue_id)) is None:
            self.job(farm_id, queue_id, job_id)
            raise not_found("step", step_id)

    def step(self, farm_id: str, queue_id: str, job_id: str, step_id: str) -> StepRecord:
        """The step, or ResourceNotFoundException naming the first missing resource."""
        self.require_step(farm_id, queue_id, job_id, step_id)
        row = self.store.query_one("SELECT * FROM deadline_steps WHERE step_id = ?", (step_id,))
        assert row is not None
        return StepRecord.from_row(row)

    def job_steps(self, job_id: str) -> list[StepRecord]:
        """A job's steps in creation order."""
        sql = "SELECT * FROM deadline_steps WHERE job_id = ? ORDER BY created_at, step_id"
        return [StepRecord.from_row(r) for r in self.store.query(sql, (job_id,))]

    def step_all_tasks(self, step_id: str) -> list[TaskRecord]:
        """Every task of a step, in order."""
        sql = "SELECT * FROM deadline_tasks WHERE step_id = ? ORDER BY seq"
        return [TaskRecord.from_row(r) for r in self.store.query(sql, (step_id,))]

    def find_job(self, farm_id: str, queue_id: str, job_id: str) -> JobRecord | None:
        """The job, or None when any of the three ids does not match."""
        sql = "SELECT * FROM deadline_jobs WHERE job_id = ? AND farm_id = ? AND queue_id = ?"
        row = self.store.query_one(sql, (job_id, farm_id, queue_id))
        return None if row is None else JobRecord.from_row(row)

    def queue_job_list(self, farm_id: str, queue_ids: Sequence[str]) -> list[JobRecord]:
        """Every job of the queues, in creation order."""
        marks = ",".join("?" * len(queue_ids))
        sql = f"SELECT * FROM deadline_jobs WHERE farm_id = ? AND queue_id IN ({marks}) ORDER BY seq"  # noqa: S608
        return [JobRecord.from_row(r) for r in self.store.query(sql, [farm_id, *queue_ids])]

    def task(self, ids: dict[str, str]) -> TaskRecord:
        """The task at ``ids`` (farmId, queueId, jobId, stepId, taskId), or ResourceNotFoundException."""
        record = self.find_task(ids)
        if record is None:
            self.require_step(ids["farmId"], ids["queueId"], ids["jobId"], ids["stepId"])
            raise not_found("task", ids["taskId"])
        return record

    def find_task(self, ids: dict[str, str]) -> TaskRecord | None:
        row = self.store.query_one("SELECT * FROM deadline_tasks WHERE task_id = ?", (ids["taskId"],))
        if row is None:
            return None
        record = TaskRecord.from_row(row)
        return record if record.identifiers == ids else None

    def step_tasks(self, step_id: str, after_seq: int, limit: int) -> list[TaskRecord]:
        sql = "SELECT * FROM deadline_tasks WHERE step_id = ? AND seq > ? ORDER BY seq LIMIT ?"
        return [TaskRecord.from_row(r) for r in self.store.query(sql, (step_id, after_seq, limit))]

    def job_tasks(self, job_id: str) -> list[TaskRecord]:
        sql = "SELECT * FROM deadline_tasks WHERE job_id = ? ORDER BY step_id, seq"
        return [TaskRecord.from_row(r) for r in self.store.query(sql, (job_id,))]

    def queue_tasks(self, queue_ids: Sequence[str], job_id: str | None) -> list[TaskRecord]:
        """Tasks of the queues (optionally one job), in creation order."""
        marks = ",".join("?" * len(queue_ids))
        sql = f"SELECT * FROM deadline_tasks WHERE queue_id IN ({marks})"  # noqa: S608 - only "?" marks are joined
        params: list[Any] = list(queue_ids)
        if job_id is not None:
            sql += " AND job_id = ?"
            params.append(job_id)
        return [TaskRecord.from_row(r) for r in self.store.query(sql + " ORDER BY rowid", params)]

    def queue_jobs(
        self, farm_id: str, queue_id: str, after_seq: int, limit: int, created_by: str | None
    ) -> list[JobRecord]:
        sql = "SELECT * FROM deadline_jobs WHERE farm_id = ? AND queue_id = ? AND seq > ?"
        params: list[Any] = [farm_id, queue_id, after_seq]
        if created_by is not None:
            sql += " AND created_by = ?"
            params.append(created_by)
        rows = self.store.query(sql + " ORDER BY seq LIMIT ?", [*params, limit])
        return [JobRecord.from_row(r) for r in rows]
