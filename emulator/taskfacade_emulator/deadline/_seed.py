"""Deterministic Deadline seed data and tasks created through the admin API.

One farm, one queue, a main job with one step holding most seeded tasks (spread over the last 30 days of the
emulator clock: most finished, the newest queued or running), and with 50+ tasks three small finished jobs
(succeeded, failed, canceled) so job listings have something to page through. Ids are derived from the seed, so
every run with the same seed has the same ids; their formats match botocore's patterns.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from collections.abc import Sequence
from typing import Any

import attrs

from .._lifecycle import Phase
from .._store import Store

DAY = 86400.0
EXTRA_JOBS = (("succeeded", 20.0), ("failed", 10.0), ("canceled", 3.0))
EXTRA_JOB_TASKS = 4
MIN_TASKS_FOR_EXTRA_JOBS = 50


def hex_id(seed: int, *parts: str) -> str:
    """32 hex digits derived from the seed and a label."""
    return hashlib.sha256(":".join(["deadline", str(seed), *parts]).encode()).hexdigest()[:32]


def principal_for(access_key: str) -> str:
    """A stable IAM Identity Center-style principal id for an access key (``createdBy``/``updatedBy``)."""
    h = hashlib.sha256(access_key.encode()).hexdigest()
    return f"{h[:10]}-{h[10:18]}-{h[18:22]}-{h[22:26]}-{h[26:30]}-{h[30:42]}"


@attrs.frozen
class SeedIds:
    """The ids of the seeded farm, queue, main job and its step."""

    farm_id: str
    queue_id: str
    job_id: str
    step_id: str

    @classmethod
    def for_seed(cls, seed: int) -> SeedIds:
        return cls(
            farm_id=f"farm-{hex_id(seed, 'farm')}",
            queue_id=f"queue-{hex_id(seed, 'queue')}",
            job_id=f"job-{hex_id(seed, 'job', 'main')}",
            step_id=f"step-{hex_id(seed, 'step', 'main')}",
        )


@attrs.frozen
class Placement:
    """Where new tasks go: a step of a job, and who created them."""

    farm_id: str
    queue_id: str
    job_id: str
    step_id: str
    created_by: str


@attrs.frozen
class TaskPlan:
    """One task to insert: when it was created and how its schedule runs."""

    created_at: float
    queued_s: float
    run_s: float
    outcome: str
    retries: int = 0
    #: The task's ``parameters`` (Deadline's tagged unions, e.g. ``{"Frame": {"int": "1"}}``); None: a ``Frame``
    #: parameter numbered by the task's position in its step.
    parameters: dict[str, Any] | None = None


@attrs.frozen
class JobPlan:
    """One job with one step to insert."""

    job_id: str
    step_id: str
    name: str
    created_at: float
    created_by: str
    parameters: dict[str, Any]


def main_task_plans(rng: random.Random, now: float, count: int) -> list[TaskPlan]:
    """``count`` tasks over the last 30 days: finished ones first, then the newest (queued and running)."""
    active = min(count, max(2, count // 10))
    finished = count - active
    plans = []
    for i in range(finished):
        created = now - 30 * DAY + (i + rng.random()) * (29 * DAY / finished)
        roll = rng.random()
        outcome = "succeeded" if roll < 0.8 else "failed" if roll < 0.92 else "canceled"
        retries = rng.randint(1, 3) if outcome == "failed" else 0
        plans.append(TaskPlan(created, rng.uniform(5, 300), rng.uniform(60, 1800), outcome, retries))
    for j in range(active):
        created = now - 600 + j * (540 / active)
        age = now - created
        if j % 2 == 0:  # still queued
            queued_s, run_s = age + rng.uniform(600, 3600), rng.uniform(300, 1800)
        else:  # running
            queued_s, run_s = rng.uniform(0, age / 2), age + rng.uniform(600, 3600)
        plans.append(TaskPlan(created, queued_s, run_s, "failed" if j % 4 == 3 else "succeeded"))
    return plans


def seed(store: Store, ids: SeedIds, seed_value: int, count: int, now: float, creator: str) -> None:
    """Insert the seed data (one transaction) unless the main job already exists (a restart on the same database)."""
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM deadline_jobs WHERE job_id = ?", (ids.job_id,)).fetchone() is None:
            _seed(conn, ids, seed_value, count, now, creator)


def _seed(conn: sqlite3.Connection, ids: SeedIds, seed_value: int, count: int, now: float, creator: str) -> None:
    rng = random.Random(f"deadline:{seed_value}")
    extra = len(EXTRA_JOBS) if count >= MIN_TASKS_FOR_EXTRA_JOBS else 0
    main_count = count - extra * EXTRA_JOB_TASKS
    main = JobPlan(
        ids.job_id, ids.step_id, "shot_010 beauty", now - 30 * DAY, creator,
        {"Frames": {"string": f"1-{max(main_count, 1)}"}, "SceneFile": {"path": "/projects/shot_010/scene.ma"}},
    )  # fmt: skip
    insert_job(conn, ids, main)
    insert_tasks(conn, _placement(ids, main), main_task_plans(rng, now, main_count), first_seq=0)
    for k, (outcome, days_ago) in enumerate(EXTRA_JOBS[:extra]):
        job = JobPlan(
            f"job-{hex_id(seed_value, 'job', str(k))}", f"step-{hex_id(seed_value, 'step', str(k))}",
            f"shot_{20 + 10 * k:03d} {outcome}", now - days_ago * DAY, creator, {"Frames": {"string": "1-4"}},
        )  # fmt: skip
        insert_job(conn, ids, job)
        plans = [
            TaskPlan(job.created_at + 60 * i, 30.0, 600.0, outcome if i == EXTRA_JOB_TASKS - 1 else "succeeded")
            for i in range(EXTRA_JOB_TASKS)
        ]
        insert_tasks(conn, _placement(ids, job), plans, first_seq=0)


def insert_job(conn: sqlite3.Connection, ids: SeedIds, job: JobPlan) -> None:
    """Insert a job and its single step into the seeded farm and queue."""
    conn.execute(
        "INSERT INTO deadline_jobs (job_id, farm_id, queue_id, name, priority, created_at, created_by, description,"
        " max_failed_tasks, max_retries_per_task, max_worker_count, parameters)"
        " VALUES (?, ?, ?, ?, 50, ?, ?, ?, 100, 5, -1, ?)",
        (job.job_id, ids.farm_id, ids.queue_id, job.name, job.created_at, job.created_by,
         f"{job.name} (seeded by the emulator)", json.dumps(job.parameters)),
    )  # fmt: skip
    conn.execute(
        "INSERT INTO deadline_steps (step_id, job_id, name, created_at) VALUES (?, ?, 'render', ?)",
        (job.step_id, job.job_id, job.created_at),
    )


def _placement(ids: SeedIds, job: JobPlan) -> Placement:
    return Placement(ids.farm_id, ids.queue_id, job.job_id, job.step_id, job.created_by)


def insert_tasks(conn: sqlite3.Connection, where: Placement, plans: Sequence[TaskPlan], first_seq: int) -> list[str]:
    """Insert tasks into a step with sequence numbers from ``first_seq``; returns their ids."""
    step_hex = where.step_id.removeprefix("step-")
    rows = []
    for offset, plan in enumerate(plans):
        seq = first_seq + offset
        outcome = Phase(plan.outcome).value
        parameters = json.dumps(plan.parameters if plan.parameters is not None else {"Frame": {"int": str(seq + 1)}})
        rows.append(
            (f"task-{step_hex}-{seq}", where.farm_id, where.queue_id, where.job_id, where.step_id, seq,
             plan.created_at, where.created_by, plan.created_at, plan.queued_s, plan.run_s, outcome, plan.retries,
             parameters)
        )  # fmt: skip
    conn.executemany(
        "INSERT INTO deadline_tasks (task_id, farm_id, queue_id, job_id, step_id, seq, created_at, created_by,"
        " run_epoch, queued_s, run_s, outcome, failure_retry_count, parameters)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return [row[0] for row in rows]
