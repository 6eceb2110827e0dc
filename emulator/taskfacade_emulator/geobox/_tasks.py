"""Geobox tasks and their output assets in SQLite: the tables, the rows, and the state as a SQL expression.

A task's state is never stored: it is derived from its schedule (``_lifecycle.Schedule``) and the emulator clock
on every read, in Python for one task and with ``STATE_SQL`` inside queries that filter or sort by state. Both
use the same comparisons in the same order, so they always agree.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import attrs

from .._lifecycle import Phase, Schedule
from .._store import Store
from ._errors import ApiError, not_found

SCHEMA = """
CREATE TABLE IF NOT EXISTS geobox_tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    shared INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    queued_s REAL NOT NULL,
    run_s REAL NOT NULL,
    outcome TEXT NOT NULL,
    canceled_at REAL,
    total_units INTEGER NOT NULL,
    asset_uuid TEXT,
    error TEXT,
    seeded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS geobox_tasks_owner_created ON geobox_tasks (user_id, created_at);
CREATE INDEX IF NOT EXISTS geobox_tasks_created ON geobox_tasks (created_at);
CREATE INDEX IF NOT EXISTS geobox_tasks_seeded ON geobox_tasks (seeded, id);
CREATE TABLE IF NOT EXISTS geobox_assets (
    uuid TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    task_uuid TEXT NOT NULL,
    name TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    fields TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS geobox_tokens (
    token_sha256 TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at REAL NOT NULL
);
"""

#: The Geobox state of a task row at ``:now`` (mirrors ``Schedule.phase_at`` and ``state_of``).
STATE_SQL = """(CASE
    WHEN canceled_at IS NOT NULL AND :now >= canceled_at AND canceled_at < created_at + queued_s + run_s
        THEN 'ABORTED'
    WHEN :now < created_at + queued_s THEN 'PENDING'
    WHEN :now < created_at + queued_s + run_s THEN 'PROGRESS'
    WHEN outcome = 'succeeded' THEN 'SUCCESS'
    WHEN outcome = 'failed' THEN 'FAILURE'
    ELSE 'ABORTED' END)"""

PHASE_TO_STATE = {
    Phase.QUEUED: "PENDING",
    Phase.RUNNING: "PROGRESS",
    Phase.SUCCEEDED: "SUCCESS",
    Phase.FAILED: "FAILURE",
    Phase.CANCELED: "ABORTED",
}
STATES = tuple(PHASE_TO_STATE.values())
_INSERT_TASK = (
    "INSERT INTO geobox_tasks (uuid, name, kind, user_id, shared, created_at, queued_s, run_s, outcome, canceled_at, "
    "total_units, asset_uuid, error, seeded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@attrs.frozen
class TaskRow:
    """One task as stored (``id`` is 0 until inserted)."""

    uuid: str
    name: str
    kind: str
    user_id: int
    schedule: Schedule
    total_units: int
    shared: bool = False
    asset_uuid: str | None = None
    error: str | None = None
    seeded: bool = False
    id: int = 0

    @classmethod
    def from_sql(cls, row: sqlite3.Row) -> TaskRow:
        schedule = Schedule(row["created_at"], row["queued_s"], row["run_s"], Phase(row["outcome"]), row["canceled_at"])
        return cls(
            uuid=row["uuid"],
            name=row["name"],
            kind=row["kind"],
            user_id=row["user_id"],
            schedule=schedule,
            total_units=row["total_units"],
            shared=bool(row["shared"]),
            asset_uuid=row["asset_uuid"],
            error=row["error"],
            seeded=bool(row["seeded"]),
            id=row["id"],
        )

    def sql_values(self) -> tuple[Any, ...]:
        s = self.schedule
        owner = (self.uuid, self.name, self.kind, self.user_id, int(self.shared))
        timing = (s.created_at, s.queued_s, s.run_s, s.outcome.value, s.canceled_at)
        return (*owner, *timing, self.total_units, self.asset_uuid, self.error, int(self.seeded))

    def state_at(self, now: float) -> str:
        return PHASE_TO_STATE[self.schedule.phase_at(now)]


@attrs.frozen
class AssetRow:
    """An output asset; it exists for clients only once its task has succeeded."""

    uuid: str
    kind: str
    task_uuid: str
    name: str
    owner_id: int
    fields: dict[str, Any]


class TaskStore:
    """Reads and writes Geobox tasks, assets and login tokens."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def insert(self, tasks: Sequence[TaskRow], assets: Sequence[AssetRow]) -> None:
        """Insert tasks and their assets in one transaction."""
        with self._store.transaction() as conn:
            conn.executemany(_INSERT_TASK, [t.sql_values() for t in tasks])
            conn.executemany(
                "INSERT INTO geobox_assets (uuid, kind, task_uuid, name, owner_id, fields) VALUES (?, ?, ?, ?, ?, ?)",
                [(a.uuid, a.kind, a.task_uuid, a.name, a.owner_id, json.dumps(a.fields)) for a in assets],
            )

    def get(self, uuid: str) -> TaskRow | None:
        row = self._store.query_one("SELECT * FROM geobox_tasks WHERE uuid = ?", (uuid,))
        return None if row is None else TaskRow.from_sql(row)

    def select(self, where: str, params: dict[str, Any], order_by: str, skip: int, limit: int) -> list[TaskRow]:
        sql = f"SELECT * FROM geobox_tasks WHERE {where} ORDER BY {order_by} LIMIT :limit OFFSET :skip"  # noqa: S608
        rows = self._store.query(sql, {**params, "limit": limit, "skip": skip})
        return [TaskRow.from_sql(r) for r in rows]

    def count(self, where: str, params: dict[str, Any]) -> int:
        row = self._store.query_one(f"SELECT COUNT(*) AS n FROM geobox_tasks WHERE {where}", params)  # noqa: S608
        return int(row["n"]) if row is not None else 0

    def abort(self, uuid: str, now: float) -> TaskRow:
        """Abort a PENDING or PROGRESS task at ``now``; ABORTED stays as it is; SUCCESS or FAILURE is a 409."""
        with self._store.transaction() as conn:
            row = conn.execute("SELECT * FROM geobox_tasks WHERE uuid = ?", (uuid,)).fetchone()
            if row is None:
                raise not_found("Task")
            task = TaskRow.from_sql(row)
            phase = task.schedule.phase_at(now)
            if phase in (Phase.SUCCEEDED, Phase.FAILED):
                state = PHASE_TO_STATE[phase]
                raise ApiError(409, f"Task {uuid} already finished with state {state}; it cannot be aborted")
            if phase.final:
                return task
            conn.execute("UPDATE geobox_tasks SET canceled_at = ? WHERE id = ?", (now, task.id))
        return attrs.evolve(task, schedule=attrs.evolve(task.schedule, canceled_at=now))

    def asset(self, kind: str, uuid: str) -> tuple[AssetRow, TaskRow] | None:
        row = self._store.query_one("SELECT * FROM geobox_assets WHERE uuid = ? AND kind = ?", (uuid, kind))
        task = self.get(row["task_uuid"]) if row is not None else None
        if row is None or task is None:
            return None
        fields = json.loads(row["fields"])
        return AssetRow(row["uuid"], row["kind"], row["task_uuid"], row["name"], row["owner_id"], fields), task

    def total(self) -> int:
        """How many tasks exist (all users, seeded or not)."""
        return self.count("1 = 1", {})

    def has_seed(self) -> bool:
        return self._store.query_one("SELECT 1 FROM geobox_tasks WHERE seeded = 1 LIMIT 1") is not None

    def seeded_uuids(self) -> list[str]:
        return [r["uuid"] for r in self._store.query("SELECT uuid FROM geobox_tasks WHERE seeded = 1 ORDER BY id")]

    def add_token(self, token_sha256: str, username: str, now: float) -> None:
        self._store.execute(
            "INSERT INTO geobox_tokens (token_sha256, username, created_at) VALUES (?, ?, ?)",
            (token_sha256, username, now),
        )

    def has_token(self, token_sha256: str) -> bool:
        return self._store.query_one("SELECT 1 FROM geobox_tokens WHERE token_sha256 = ?", (token_sha256,)) is not None
