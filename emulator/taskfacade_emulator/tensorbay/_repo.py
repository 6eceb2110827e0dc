"""TensorBay's reads and job creation over SQLite: datasets, drafts and jobs (the verbs are in ``_verbs``).

Job state is never stored as a status: it is derived from each job's lifecycle schedule and the clock, so there
is no background thread and a restart on the same file loses nothing. A squashAndMerge job reserves its draft's
number when created; the draft shows in listings once the job is SUCCESS.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

import attrs

from .._clock import Clock
from .._lifecycle import Phase
from .._store import Store
from ._jobs import job_json
from ._params import NewJob, Page
from ._schema import PHASE_SQL
from ._wire import PHASE_OF_STATUS, SQUASH, ApiError

#: Emulated seconds an API-created job waits, then runs (the SDK polls every 5 s).
NEW_JOB_QUEUED_S = 2.0
NEW_JOB_RUN_S = 8.0
#: How long a retried job runs when its first run took no time.
MIN_RETRY_RUN_S = 5.0
EMULATOR_USER = "emulator"
ABORTABLE = (Phase.QUEUED, Phase.RUNNING)
RETRYABLE = (Phase.FAILED, Phase.CANCELED)


def page_envelope(key: str, items: list[dict[str, Any]], page: Page, total: int) -> dict[str, Any]:
    """TensorBay's list envelope: ``{<key>: [...], offset, recordSize, totalCount}``."""
    return {key: items, "offset": page.offset, "recordSize": len(items), "totalCount": total}


def failure_message(job_type: str) -> str:
    """The ``errorMessage`` a failed job of ``job_type`` reports."""
    if job_type == SQUASH:
        return "squash and merge failed: conflicts found and the strategy does not resolve them"
    return "basic search failed: the search engine rejected the filters"


class Repo:
    """Reads and writes TensorBay's tables; raises ``ApiError`` for anything the service would refuse."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    # datasets -------------------------------------------------------------------------------------------------

    def list_datasets(self, name: str | None, page: Page) -> dict[str, Any]:
        where, params = ("WHERE name = ?", [name]) if name is not None else ("", [])
        rows = self.store.query(
            f"SELECT * FROM tensorbay_datasets {where} ORDER BY created_at, id LIMIT ? OFFSET ?",  # noqa: S608
            [*params, page.limit, page.offset],
        )
        total = self.store.query_one(f"SELECT COUNT(*) AS n FROM tensorbay_datasets {where}", params)  # noqa: S608
        items = [
            {"id": r["id"], "name": r["name"], "type": r["type"], "alias": r["alias"], "isPublic": bool(r["is_public"])}
            for r in rows
        ]
        return page_envelope("datasets", items, page, total["n"] if total else 0)

    def dataset_row(self, dataset_id: str) -> sqlite3.Row:
        row = self.store.query_one("SELECT * FROM tensorbay_datasets WHERE id = ?", [dataset_id])
        if row is None:
            raise ApiError(404, f"dataset {dataset_id!r} does not exist")
        return row

    def get_dataset(self, dataset_id: str) -> dict[str, Any]:
        row = self.dataset_row(dataset_id)
        return {
            "id": row["id"],
            "name": row["name"],
            "type": row["type"],
            "commitId": row["commit_id"],
            "defaultBranch": row["default_branch"],
            "alias": row["alias"],
            "isPublic": bool(row["is_public"]),
        }

    # drafts ---------------------------------------------------------------------------------------------------

    def list_drafts(self, dataset_id: str, status: str | None, branch: str | None, page: Page) -> dict[str, Any]:
        """Drafts of a dataset; a squash-and-merge job's draft shows once the job is SUCCESS."""
        self.dataset_row(dataset_id)
        where = [
            "d.dataset_id = :dataset",
            f"(d.job_id IS NULL OR (j.job_id IS NOT NULL AND {PHASE_SQL} = 'succeeded'))",
        ]
        params: dict[str, Any] = {"dataset": dataset_id, "now": self.clock.now()}
        if status is not None:
            where.append("d.status = :status")
            params["status"] = status
        if branch is not None:
            where.append("d.branch_name = :branch")
            params["branch"] = branch
        base = "FROM tensorbay_drafts d LEFT JOIN tensorbay_jobs j ON j.job_id = d.job_id WHERE " + " AND ".join(where)
        rows = self.store.query(
            "SELECT d.*, j.sched_start + j.queued_s + j.run_s AS job_finished "
            f"{base} ORDER BY d.number LIMIT :limit OFFSET :offset",
            {**params, "limit": page.limit, "offset": page.offset},
        )
        total = self.store.query_one(f"SELECT COUNT(*) AS n {base}", params)
        return page_envelope("drafts", [self._draft(r) for r in rows], page, total["n"] if total else 0)

    @staticmethod
    def _draft(row: sqlite3.Row) -> dict[str, Any]:
        when = int(row["job_finished"] if row["job_finished"] is not None else row["created_at"])
        return {
            "number": row["number"],
            "title": row["title"],
            "branchName": row["branch_name"],
            "status": row["status"],
            "description": row["description"],
            "parentCommitId": row["parent_commit_id"],
            "author": {"name": row["author"], "date": when},
            "updatedAt": when,
        }

    # jobs -----------------------------------------------------------------------------------------------------

    def job_row(self, dataset_id: str, job_id: str, job_type: str) -> sqlite3.Row:
        """The job, which must belong to the dataset and have the given type (else 404, as the service does)."""
        self.dataset_row(dataset_id)
        row = self.store.query_one(
            "SELECT * FROM tensorbay_jobs WHERE job_id = ? AND dataset_id = ? AND job_type = ?",
            [job_id, dataset_id, job_type],
        )
        if row is None:
            raise ApiError(404, f"{job_type} job {job_id!r} does not exist in dataset {dataset_id!r}")
        return row

    def get_job(self, dataset_id: str, job_id: str, job_type: str) -> dict[str, Any]:
        return job_json(self.job_row(dataset_id, job_id, job_type), self.clock.now())

    def list_jobs(self, dataset_id: str, job_type: str, status: str | None, page: Page) -> dict[str, Any]:
        self.dataset_row(dataset_id)
        now = self.clock.now()
        where = "j.dataset_id = :dataset AND j.job_type = :type"
        params: dict[str, Any] = {"dataset": dataset_id, "type": job_type, "now": now}
        if status is not None:
            where += f" AND {PHASE_SQL} = :phase"
            params["phase"] = PHASE_OF_STATUS[status].value
        rows = self.store.query(
            f"SELECT * FROM tensorbay_jobs j WHERE {where} "  # noqa: S608
            "ORDER BY j.created_at DESC, j.job_id LIMIT :limit OFFSET :offset",
            {**params, "limit": page.limit, "offset": page.offset},
        )
        total = self.store.query_one(f"SELECT COUNT(*) AS n FROM tensorbay_jobs j WHERE {where}", params)  # noqa: S608
        return page_envelope("jobs", [job_json(r, now) for r in rows], page, total["n"] if total else 0)

    def create_job(self, dataset_id: str, job: NewJob) -> dict[str, Any]:
        """Store a new job (queued now); a squash job reserves the number of the draft it will create."""
        dataset = self.dataset_row(dataset_id)
        if job.job_type == SQUASH:
            branches = set(json.loads(dataset["branches"]))
            for key in ("sourceBranchName", "targetBranchName"):
                if job.arguments[key] not in branches:
                    raise ApiError(404, f"{key} {job.arguments[key]!r} is not a branch of dataset {dataset_id!r}")
        now = self.clock.now()
        job_id = uuid.uuid4().hex
        self.insert_job(dataset_id, job_id, job, Plan(now, NEW_JOB_QUEUED_S, NEW_JOB_RUN_S, "succeeded"))
        return {"jobId": job_id, "createdAt": int(now)}

    def insert_job(self, dataset_id: str, job_id: str, job: NewJob, plan: Plan) -> None:
        """Insert one job (and, for squashAndMerge, its reserved draft) in one transaction."""
        with self.store.transaction() as conn:
            insert_job(conn, dataset_id, job_id, job, plan)


@attrs.frozen
class Plan:
    """A job's lifecycle schedule as stored: when it was created, how long it queues and runs, how it ends."""

    created_at: float
    queued_s: float
    run_s: float
    outcome: str
    canceled_at: float | None = None


def insert_job(
    conn: sqlite3.Connection, dataset_id: str, job_id: str, job: NewJob, plan: Plan, *, seeded: bool = False
) -> None:
    """Insert one job row, and for squashAndMerge reserve the number of the draft it creates on SUCCESS."""
    search_id = search_commit = None
    draft = None
    if job.job_type == SQUASH:
        draft = _reserve_draft(conn, dataset_id, job_id, job, plan.created_at)
    else:
        search_id, search_commit = f"sr-{job_id}", uuid.uuid5(uuid.NAMESPACE_OID, job_id).hex
    conn.execute(
        "INSERT INTO tensorbay_jobs (job_id, dataset_id, job_type, title, description, arguments, created_at,"
        " sched_start, queued_s, run_s, outcome, canceled_at, failure, draft_number, search_result_id,"
        " search_commit_id, seeded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            job_id, dataset_id, job.job_type, job.title, job.description,
            json.dumps(job.arguments, separators=(",", ":")), plan.created_at, plan.created_at, plan.queued_s,
            plan.run_s, plan.outcome, plan.canceled_at, failure_message(job.job_type), draft, search_id,
            search_commit, int(seeded),
        ],
    )  # fmt: skip


def _reserve_draft(conn: sqlite3.Connection, dataset_id: str, job_id: str, job: NewJob, at: float) -> int:
    row = conn.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 AS n FROM tensorbay_drafts WHERE dataset_id = ?", [dataset_id]
    ).fetchone()
    parent = conn.execute("SELECT commit_id FROM tensorbay_datasets WHERE id = ?", [dataset_id]).fetchone()
    number = int(row["n"])
    conn.execute(
        "INSERT INTO tensorbay_drafts (dataset_id, number, title, branch_name, status, description,"
        " parent_commit_id, author, created_at, job_id) VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)",
        [
            dataset_id, number, job.arguments.get("title", ""), job.arguments["targetBranchName"],
            job.arguments.get("description", ""), parent["commit_id"] if parent else None, EMULATOR_USER, at,
            job_id,
        ],
    )  # fmt: skip
    return number
