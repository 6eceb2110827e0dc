"""The TensorBay service emulator: the ``ServiceEmulator`` the shared server mounts at ``/tensorbay``."""

from __future__ import annotations

import math
import uuid
from typing import Any, ClassVar

from starlette.responses import Response
from starlette.routing import BaseRoute

from .._lifecycle import OUTCOMES, Phase
from .._service import JSON, Context, ServiceEmulator
from ._credentials import TensorBayCredentials
from ._jobs import status_of
from ._params import NewJob
from ._repo import NEW_JOB_QUEUED_S, NEW_JOB_RUN_S, Plan, Repo
from ._routes import Api
from ._schema import SCHEMA
from ._seed import DATASET_NAME, seed, seeded_dataset_id
from ._verbs import Verbs
from ._wire import JOB_STATUSES, JOB_TYPES, SEARCH, SQUASH, error_body

#: Keys ``POST /_emulator/tasks`` accepts for TensorBay.
TASK_SPEC_KEYS = ("service", "count", "outcome", "queued_s", "run_s", "jobType", "dataset_id", "title")
MAX_TASKS = 10_000
UNKNOWN_VALUE = "FUTURE_VALUE"


class Service(ServiceEmulator):
    """TensorBay: one seeded dataset with drafts, and squashAndMerge / basicSearch jobs on the shared lifecycle."""

    name: ClassVar[str] = "tensorbay"
    credentials_type: ClassVar[type[Any] | None] = TensorBayCredentials
    enum_fields: ClassVar[frozenset[str]] = frozenset({"status", "jobType", "strategy", "conjunction", "unit", "code"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.repo = Repo(ctx.store, ctx.clock)
        self.verbs = Verbs(ctx.store, ctx.clock)

    def schema(self) -> str:
        return SCHEMA

    def seed(self) -> None:
        seed(self.ctx.store, self.ctx.clock, self.ctx.count_for(self.name), self.ctx.seed)

    def seeded(self) -> dict[str, Any]:
        """The seeded dataset, its seeded job ids (newest first, by type and by current status) and verb counts.

        ``verb_counts`` counts applied aborts/retries per job and ``verb_attempts`` every abort/retry request
        (refused ones included), so a soak test can prove no verb ran twice.
        """
        dataset_id = seeded_dataset_id(self.ctx.seed)
        rows = self.ctx.store.query(
            "SELECT * FROM tensorbay_jobs WHERE dataset_id = ? AND seeded = 1 ORDER BY created_at DESC, job_id",
            [dataset_id],
        )
        now = self.ctx.clock.now()
        by_type: dict[str, list[str]] = {kind: [] for kind in JOB_TYPES}
        by_status: dict[str, list[str]] = {status: [] for status in JOB_STATUSES}
        for row in rows:
            by_type[row["job_type"]].append(row["job_id"])
            by_status[status_of(row, now)].append(row["job_id"])
        drafts = self.ctx.store.query(
            "SELECT number FROM tensorbay_drafts WHERE dataset_id = ? AND job_id IS NULL ORDER BY number", [dataset_id]
        )
        return {
            "dataset_id": dataset_id,
            "dataset_name": DATASET_NAME,
            "job_ids": by_type,
            "job_ids_by_status": by_status,
            "draft_numbers": [row["number"] for row in drafts],
            **self.verbs.counts(),
        }

    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        """Jobs on a chosen schedule: ``count``, ``outcome``, ``queued_s``, ``run_s``, ``jobType``, ``dataset_id``."""
        unknown = sorted(set(spec) - set(TASK_SPEC_KEYS))
        if unknown:
            raise ValueError(f"unknown keys {unknown} for tensorbay tasks; accepted: {', '.join(TASK_SPEC_KEYS)}")
        count = _number(spec, "count", 1, integer=True)
        if not 1 <= count <= MAX_TASKS:
            raise ValueError(f"count must be an integer from 1 to {MAX_TASKS}, got {count!r}")
        outcome = spec.get("outcome", "succeeded")
        if outcome not in [o.value for o in OUTCOMES]:
            raise ValueError(f"outcome must be one of {', '.join(o.value for o in OUTCOMES)}, got {outcome!r}")
        job_type = spec.get("jobType", SQUASH)
        if job_type not in JOB_TYPES:
            raise ValueError(f"jobType must be one of {', '.join(JOB_TYPES)}, got {job_type!r}")
        queued_s = _number(spec, "queued_s", NEW_JOB_QUEUED_S)
        run_s = _number(spec, "run_s", NEW_JOB_RUN_S)
        dataset_id = spec.get("dataset_id", seeded_dataset_id(self.ctx.seed))
        if not isinstance(dataset_id, str) or not self.ctx.store.query_one(
            "SELECT 1 FROM tensorbay_datasets WHERE id = ?", [dataset_id]
        ):
            raise ValueError(f"dataset_id {dataset_id!r} is not a tensorbay dataset")
        title = spec.get("title", f"emulator {job_type} job")
        if not isinstance(title, str):
            raise ValueError(f"title must be a string, got {title!r}")
        now = self.ctx.clock.now()
        ids = []
        for _ in range(int(count)):
            job = _admin_job(job_type, title)
            job_id = _new_id()
            self.repo.insert_job(dataset_id, job_id, job, Plan(now, queued_s, run_s, Phase(outcome).value))
            ids.append(job_id)
        return ids

    def routes(self) -> list[BaseRoute]:
        return Api(self.repo, self.verbs, self.ctx.credentials.of(TensorBayCredentials).access_key).routes()

    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        headers = {"Retry-After": str(math.ceil(retry_after))} if retry_after is not None else None
        return error_body(status, message, headers=headers)

    def inject_unknown(self, body: JSON) -> JSON:
        """Unknown enum values, plus an unknown union member: a job's ``arguments``/``result`` of an unknown shape."""
        body = super().inject_unknown(body)
        return _unknown_members(body)


def _unknown_members(body: JSON) -> JSON:
    if isinstance(body, list):
        return [_unknown_members(item) for item in body]
    if not isinstance(body, dict):
        return body
    out = {key: _unknown_members(value) for key, value in body.items()}
    if "jobId" in out and "arguments" in out:
        out["arguments"] = {"futureArgument": UNKNOWN_VALUE}
        if isinstance(out.get("result"), dict):
            out["result"] = {"futureResult": UNKNOWN_VALUE}
    return out


def _number(spec: dict[str, Any], key: str, default: float, *, integer: bool = False) -> float:
    value = spec.get(key, default)
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or value < 0 or not math.isfinite(value):
        kind = "an integer" if integer else "a number"
        raise ValueError(f"{key} must be {kind} >= 0, got {value!r}")
    return value


def _admin_job(job_type: str, title: str) -> NewJob:
    if job_type == SQUASH:
        squash = {"title": title, "sourceBranchName": "dev", "targetBranchName": "main", "strategy": "abort"}
        return NewJob(SQUASH, title, "", squash)
    search: dict[str, Any] = {"commit": "emulator", "conjunction": "and", "filters": [], "unit": "file"}
    return NewJob(SEARCH, title, "", search)


def _new_id() -> str:
    return uuid.uuid4().hex
