"""TensorBay's job verbs by its rules, each in one transaction, logged so tests can prove none ran twice.

A verb changes the job's schedule (abort sets ``canceled_at``; retry restarts it at ``now``) inside one
transaction, so concurrent requests cannot both apply it. A verb the job's current state does not allow answers
403 ``Forbidden`` (the request itself is well formed).

- abort: only while QUEUING or PROCESSING; the job becomes ABORTED at once.
- retry: squashAndMerge only, only when FAILED or ABORTED; the job restarts now (PROCESSING) and succeeds.
- delete: any status; a SUCCESS squash job's draft stays, a reserved draft of an unfinished job goes.
- search result to dataset: only from a SUCCESS basicSearch job; the name must be free.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections import defaultdict
from typing import Any

from .._clock import Clock
from .._lifecycle import Phase
from .._store import Store
from ._jobs import phase_of, schedule_of
from ._params import NewDataset
from ._repo import ABORTABLE, MIN_RETRY_RUN_S, RETRYABLE
from ._wire import SEARCH, SQUASH, STATUS_OF_PHASE, ApiError

VERBS = ("abort", "retry")


class Verbs:
    """The state-changing job verbs."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def _locked_job(self, conn: sqlite3.Connection, dataset_id: str, job_id: str, job_type: str) -> sqlite3.Row:
        if conn.execute("SELECT 1 FROM tensorbay_datasets WHERE id = ?", [dataset_id]).fetchone() is None:
            raise ApiError(404, f"dataset {dataset_id!r} does not exist")
        row: sqlite3.Row | None = conn.execute(
            "SELECT * FROM tensorbay_jobs WHERE job_id = ? AND dataset_id = ? AND job_type = ?",
            [job_id, dataset_id, job_type],
        ).fetchone()
        if row is None:
            raise ApiError(404, f"{job_type} job {job_id!r} does not exist in dataset {dataset_id!r}")
        return row

    def _log(self, conn: sqlite3.Connection, job_id: str, verb: str, applied: bool, request_id: str | None) -> None:
        conn.execute(
            "INSERT INTO tensorbay_verbs (job_id, verb, applied, at, request_id) VALUES (?, ?, ?, ?, ?)",
            [job_id, verb, int(applied), self.clock.now(), request_id],
        )

    def _refuse(self, verb: str, job_id: str, request_id: str | None, message: str) -> ApiError:
        with self.store.transaction() as conn:
            self._log(conn, job_id, verb, False, request_id)
        return ApiError(403, message, code="Forbidden")

    def abort(self, dataset_id: str, job_id: str, job_type: str, request_id: str | None) -> None:
        now = self.clock.now()
        with self.store.transaction() as conn:
            row = self._locked_job(conn, dataset_id, job_id, job_type)
            phase = phase_of(row, now)
            if phase in ABORTABLE:
                conn.execute("UPDATE tensorbay_jobs SET canceled_at = ? WHERE job_id = ?", [now, job_id])
                self._log(conn, job_id, "abort", True, request_id)
                return
        status = STATUS_OF_PHASE[phase]
        raise self._refuse(
            "abort", job_id, request_id, f"job {job_id!r} is {status}; only QUEUING or PROCESSING jobs can be aborted"
        )

    def retry(self, dataset_id: str, job_id: str, job_type: str, request_id: str | None) -> None:
        now = self.clock.now()
        with self.store.transaction() as conn:
            row = self._locked_job(conn, dataset_id, job_id, job_type)
            phase = phase_of(row, now)
            if job_type == SQUASH and phase in RETRYABLE:
                schedule = schedule_of(row)
                run_s = max(schedule.run_s, MIN_RETRY_RUN_S)
                conn.execute(
                    "UPDATE tensorbay_jobs SET sched_start = ?, queued_s = 0, run_s = ?, outcome = ?,"
                    " canceled_at = NULL WHERE job_id = ?",
                    [now, run_s, Phase.SUCCEEDED.value, job_id],
                )
                self._log(conn, job_id, "retry", True, request_id)
                return
        if job_type != SQUASH:
            message = f"retry is only supported for squashAndMerge jobs, not {job_type}"
        else:
            message = f"job {job_id!r} is {STATUS_OF_PHASE[phase]}; only FAILED or ABORTED jobs can be retried"
        raise self._refuse("retry", job_id, request_id, message)

    def delete(self, dataset_id: str, job_id: str, job_type: str) -> None:
        now = self.clock.now()
        with self.store.transaction() as conn:
            row = self._locked_job(conn, dataset_id, job_id, job_type)
            if phase_of(row, now) is Phase.SUCCEEDED:
                conn.execute("UPDATE tensorbay_drafts SET job_id = NULL, created_at = ? WHERE job_id = ?",
                             [schedule_of(row).finished_at, job_id])  # fmt: skip
            else:
                conn.execute("DELETE FROM tensorbay_drafts WHERE job_id = ?", [job_id])
            conn.execute("DELETE FROM tensorbay_jobs WHERE job_id = ?", [job_id])

    def dataset_from_search(self, job_or_result_id: str, new: NewDataset) -> str:
        """Create a dataset from a SUCCESS basicSearch job (by job id, or by its ``searchResultId``)."""
        now = self.clock.now()
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM tensorbay_jobs WHERE job_id = ? OR search_result_id = ?",
                [job_or_result_id, job_or_result_id],
            ).fetchone()
            if row is None or row["job_type"] != SEARCH:
                raise ApiError(404, f"search result {job_or_result_id!r} does not exist")
            phase = phase_of(row, now)
            if phase is not Phase.SUCCEEDED:
                raise ApiError(
                    403,
                    f"search job {row['job_id']!r} is {STATUS_OF_PHASE[phase]}; only a SUCCESS job has a result",
                    code="Forbidden",
                )
            if conn.execute("SELECT 1 FROM tensorbay_datasets WHERE name = ?", [new.name]).fetchone():
                raise ApiError(409, f"a dataset named {new.name!r} already exists")
            source = conn.execute("SELECT type FROM tensorbay_datasets WHERE id = ?", [row["dataset_id"]]).fetchone()
            dataset_id = uuid.uuid4().hex
            conn.execute(
                "INSERT INTO tensorbay_datasets (id, name, alias, is_public, type, default_branch, commit_id, branches,"
                " created_at, source_job_id) VALUES (?, ?, ?, ?, ?, 'main', ?, '[\"main\"]', ?, ?)",
                [dataset_id, new.name, new.alias, int(new.is_public), source["type"] if source else 0,
                 row["search_commit_id"], now, row["job_id"]],
            )  # fmt: skip
        return dataset_id

    def counts(self) -> dict[str, Any]:
        """``{"verb_counts": {verb: {job_id: applied}}, "verb_attempts": {verb: {job_id: requests}}}``."""
        applied: dict[str, dict[str, int]] = {verb: defaultdict(int) for verb in VERBS}
        attempts: dict[str, dict[str, int]] = {verb: defaultdict(int) for verb in VERBS}
        rows = self.store.query(
            "SELECT verb, job_id, SUM(applied) AS applied, COUNT(*) AS attempts FROM tensorbay_verbs "
            "GROUP BY verb, job_id ORDER BY verb, job_id"
        )
        for row in rows:
            applied.setdefault(row["verb"], {})[row["job_id"]] = int(row["applied"])
            attempts.setdefault(row["verb"], {})[row["job_id"]] = int(row["attempts"])
        return {
            "verb_counts": {verb: {k: v for k, v in ids.items() if v} for verb, ids in applied.items()},
            "verb_attempts": {verb: dict(ids) for verb, ids in attempts.items()},
        }
