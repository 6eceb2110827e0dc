"""The jobs service's storage: one SQLite table, each job's state read from the shared lifecycle at the emulator
clock's ``now`` (so nothing runs in the background and a restart loses nothing)."""

from __future__ import annotations

import datetime
import random
import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any

import attrs
from taskfacade_emulator import Clock, Phase, Schedule, Store

__all__ = ["SCHEMA", "STATES", "STATE_OF_PHASE", "JobsRepo", "Plan", "Refused"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs_jobs (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    created_at REAL NOT NULL,
    queued_s REAL NOT NULL,
    run_s REAL NOT NULL,
    outcome TEXT NOT NULL,
    canceled_at REAL,
    seeded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_jobs_newest ON jobs_jobs (created_at DESC, seq DESC);
"""

#: The shared lifecycle's phases in the service's state words.
STATE_OF_PHASE: dict[Phase, str] = {
    Phase.QUEUED: "QUEUED",
    Phase.RUNNING: "RUNNING",
    Phase.SUCCEEDED: "SUCCEEDED",
    Phase.FAILED: "FAILED",
    Phase.CANCELED: "CANCELLED",
}
STATES = tuple(STATE_OF_PHASE.values())
FAILURE = "the emulated job failed (outcome 'failed')"


class Refused(Exception):
    """A request the service refuses: HTTP ``status``, the error ``code`` and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@attrs.frozen
class Plan:
    """A new job's schedule: created at ``created_at``, queued ``queued_s``, running ``run_s``, then ``outcome``."""

    name: str
    created_at: float
    queued_s: float
    run_s: float
    outcome: Phase = Phase.SUCCEEDED


def _schedule(row: sqlite3.Row) -> Schedule:
    return Schedule(row["created_at"], row["queued_s"], row["run_s"], Phase(row["outcome"]), row["canceled_at"])


def _time(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC).isoformat().replace("+00:00", "Z")


class JobsRepo:
    """Jobs in the store, answered as the service's JSON at the clock's current time."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def insert(self, plans: Sequence[Plan], *, seeded: bool = False, rng: random.Random | None = None) -> list[str]:
        """Store new jobs; returns their ids (random, or from ``rng`` for deterministic seeds)."""
        row = self.store.query_one("SELECT COALESCE(MAX(seq), 0) AS top FROM jobs_jobs")
        seq = int(row["top"]) if row is not None else 0
        ids = [(uuid.UUID(int=rng.getrandbits(128), version=4) if rng else uuid.uuid4()).hex for _ in plans]
        rows = [
            (job_id, seq + n + 1, p.name, p.created_at, p.queued_s, p.run_s, p.outcome.value, int(seeded))
            for n, (job_id, p) in enumerate(zip(ids, plans, strict=True))
        ]
        self.store.executemany(
            "INSERT INTO jobs_jobs (id, seq, name, created_at, queued_s, run_s, outcome, seeded)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return ids

    def has_seed(self) -> bool:
        return self.store.query_one("SELECT 1 FROM jobs_jobs WHERE seeded = 1 LIMIT 1") is not None

    def state_of(self, row: sqlite3.Row, now: float) -> str:
        return STATE_OF_PHASE[_schedule(row).phase_at(now)]

    def to_json(self, row: sqlite3.Row, now: float) -> dict[str, Any]:
        """A job as the service answers it: ``start_time`` once running, ``end_time`` and ``error`` once over."""
        schedule = _schedule(row)
        phase = schedule.phase_at(now)
        body: dict[str, Any] = {
            "id": row["id"],
            "name": row["name"],
            "state": STATE_OF_PHASE[phase],
            "progress": round(schedule.progress_at(now), 1),
            "create_time": _time(row["created_at"]),
        }
        if phase is not Phase.QUEUED and schedule.started_at < schedule.finished_at:
            body["start_time"] = _time(schedule.started_at)
        if phase.final:
            body["end_time"] = _time(schedule.finished_at)
        if phase is Phase.FAILED:
            body["error"] = FAILURE
        return body

    def rows_newest_first(self) -> list[sqlite3.Row]:
        return self.store.query("SELECT * FROM jobs_jobs ORDER BY created_at DESC, seq DESC")

    def page(self, state: str | None, offset: int, size: int) -> tuple[list[dict[str, Any]], int | None]:
        """One page of jobs (newest first, of ``state`` if given) and the next page's offset, None at the end."""
        now = self.clock.now()
        rows = self.rows_newest_first()
        if state is not None:
            rows = [row for row in rows if self.state_of(row, now) == state]
        chosen = rows[offset : offset + size]
        more = offset + size < len(rows)
        return [self.to_json(row, now) for row in chosen], offset + size if more else None

    def get(self, job_id: str) -> dict[str, Any]:
        return self.to_json(self._row(job_id), self.clock.now())

    def get_many(self, job_ids: Sequence[str]) -> tuple[list[dict[str, Any]], list[str]]:
        """The jobs found, in the order asked (each once), and the ids not found."""
        wanted = list(dict.fromkeys(job_ids))
        marks = ", ".join("?" * len(wanted))
        rows = {row["id"]: row for row in self.store.query(f"SELECT * FROM jobs_jobs WHERE id IN ({marks})", wanted)}  # noqa: S608 (placeholders only)
        now = self.clock.now()
        return [self.to_json(rows[i], now) for i in wanted if i in rows], [i for i in wanted if i not in rows]

    def cancel(self, job_id: str) -> dict[str, Any]:
        """Cancel a queued or running job; a canceled one stays as it is; a finished one is refused (409)."""
        with self.store.transaction() as conn:
            row = conn.execute("SELECT * FROM jobs_jobs WHERE id = ?", [job_id]).fetchone()
            if row is None:
                raise Refused(404, "NOT_FOUND", f"no job {job_id!r}")
            now = self.clock.now()
            phase = _schedule(row).phase_at(now)
            if phase in (Phase.SUCCEEDED, Phase.FAILED):
                raise Refused(409, "FAILED_PRECONDITION", f"job {job_id!r} already finished ({STATE_OF_PHASE[phase]})")
            if phase is not Phase.CANCELED:
                conn.execute("UPDATE jobs_jobs SET canceled_at = ? WHERE id = ?", [now, job_id])
        return self.get(job_id)

    def _row(self, job_id: str) -> sqlite3.Row:
        row = self.store.query_one("SELECT * FROM jobs_jobs WHERE id = ?", [job_id])
        if row is None:
            raise Refused(404, "NOT_FOUND", f"no job {job_id!r}")
        return row
