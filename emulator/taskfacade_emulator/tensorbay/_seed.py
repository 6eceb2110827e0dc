"""Deterministic seed data: one dataset with branches and drafts, and jobs of both types over the last 30 days.

The same ``ctx.seed`` gives the same ids and the same pattern of states: the newest ~5% of jobs are still
queued, the next ~5% are running, and the older ones have finished (mostly SUCCESS, some FAILED, some ABORTED).
Times are relative to the clock at seeding, so 7-day windows matter.
"""

from __future__ import annotations

import json
import random
import uuid

from .._clock import Clock
from .._store import Store
from ._params import NewJob
from ._repo import EMULATOR_USER, Plan, insert_job
from ._wire import SEARCH, SQUASH

DATASET_NAME = "emulator-dataset"
BRANCHES = ("main", "dev", "feature")
DAY = 86_400.0
WINDOW_S = 30 * DAY
#: (title, branch, status) of the drafts that exist before any job runs.
BASE_DRAFTS = (
    ("first import", "main", "COMMITTED"),
    ("relabel cars", "dev", "OPEN"),
    ("abandoned cleanup", "dev", "CLOSED"),
    ("new segments", "feature", "OPEN"),
)


def _id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def seeded_dataset_id(seed: int) -> str:
    """The seeded dataset's id (a function of ``ctx.seed`` only)."""
    return _id(random.Random(f"tensorbay-dataset:{seed}"))


def seed(store: Store, clock: Clock, count: int, seed_value: int) -> None:
    """Insert the seed data unless the seeded dataset is already there (a restart on the same file)."""
    dataset_id = seeded_dataset_id(seed_value)
    if store.query_one("SELECT 1 FROM tensorbay_datasets WHERE id = ?", [dataset_id]) is not None:
        return
    now = clock.now()
    rng = random.Random(f"tensorbay-jobs:{seed_value}")
    commit_id = _id(rng)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO tensorbay_datasets (id, name, alias, is_public, type, default_branch, commit_id, branches,"
            " created_at, seeded) VALUES (?, ?, 'Emulator dataset', 0, 0, 'main', ?, ?, ?, 1)",
            [dataset_id, DATASET_NAME, commit_id, json.dumps(list(BRANCHES)), now - WINDOW_S - DAY],
        )
        for number, (title, branch, status) in enumerate(BASE_DRAFTS, start=1):
            conn.execute(
                "INSERT INTO tensorbay_drafts (dataset_id, number, title, branch_name, status, description,"
                " parent_commit_id, author, created_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)",
                [dataset_id, number, title, branch, status, commit_id, EMULATOR_USER, now - WINDOW_S + number * DAY],
            )
        for index in range(count):
            plan = _plan(index, count, now, rng)
            insert_job(conn, dataset_id, _id(rng), _job(index, commit_id), plan, seeded=True)


def _job(index: int, commit_id: str) -> NewJob:
    """Job ``index``: every third is a basicSearch, the rest squash ``dev`` or ``feature`` into ``main``."""
    if index % 3 == 2:
        arguments = {
            "commit": commit_id,
            "conjunction": "and",
            "filters": [{"key": "label.box2d.category", "operator": "in", "value": ["car"], "title": "cars"}],
            "unit": "file",
        }
        return NewJob(SEARCH, f"search cars #{index}", "", arguments)
    source = "dev" if index % 2 == 0 else "feature"
    strategy = ("abort", "override", "skip")[index % 3]
    arguments = {
        "title": f"merge {source} #{index}",
        "sourceBranchName": source,
        "targetBranchName": "main",
        "strategy": strategy,
    }
    return NewJob(SQUASH, f"{source}->main({strategy})", "", arguments)


def _plan(index: int, count: int, now: float, rng: random.Random) -> Plan:
    """Jobs are ordered oldest first; the newest are queued, the next newest running, the rest finished."""
    live = max(1, count // 20)
    from_end = count - 1 - index
    if from_end < live:  # queued: created in the last hour, starts 10 minutes to 1 hour from now
        created = now - rng.uniform(60, 3600)
        return Plan(created, now - created + rng.uniform(600, 3600), rng.uniform(60, 1800), "succeeded", None)
    if from_end < 2 * live:  # running: started in the last 10 minutes, ends 10 minutes to 1 hour from now
        created = now - rng.uniform(900, 3600)
        queued = now - created - rng.uniform(0, 600)
        return Plan(created, queued, now - created - queued + rng.uniform(600, 3600), "succeeded", None)
    created = now - WINDOW_S + WINDOW_S * (index + rng.random() * 0.9) / count
    queued, run = rng.uniform(1, 120), rng.uniform(10, 1800)
    run = min(run, max(1.0, now - created - queued - 1))
    kind = index % 10
    if kind == 7:
        return Plan(created, queued, run, "failed", None)
    if kind == 9:  # aborted half-way through its run
        return Plan(created, queued, run, "succeeded", created + queued + run / 2)
    return Plan(created, queued, run, "succeeded", None)
