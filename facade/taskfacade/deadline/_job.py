"""``DeadlineJob``: one Deadline job as a ``taskfacade.Job``, polled in batches of 100 by ``BatchGetJob``.

``status`` is the job's ``taskRunStatus`` (its tasks rolled up: RUNNING while any runs, then SUCCEEDED, FAILED,
CANCELED...), except while the job is still being created or failed to be (``lifecycleStatus``
``CREATE_IN_PROGRESS``, ``UPLOAD_IN_PROGRESS``, ``CREATE_FAILED``, ``UPLOAD_FAILED``), when it is that lifecycle
status: a job whose creation failed has no tasks to roll up, and must end a wait as FAILED rather than hang.
``progress`` is the share of its tasks that finished, from ``taskRunStatusCounts``.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, ClassVar, Protocol

from .._clock import Clock
from .._errors import InvalidArgument
from .._job import Job, JobPhase
from .._log import logger
from ._errors import AccessDeniedException, ClientError, ResourceNotFoundException, error_from_item
from ._task import BATCH_SIZE, DeadlineTask

__all__ = ["JOB_IDS", "DeadlineJob", "JobBackend"]

JOB_IDS = ("farmId", "queueId", "jobId")
#: lifecycleStatus values that override the rolled-up task status, and their phases.
_LIFECYCLE_PHASES = {
    "CREATE_IN_PROGRESS": JobPhase.PENDING,
    "UPLOAD_IN_PROGRESS": JobPhase.PENDING,
    "CREATE_FAILED": JobPhase.FAILED,
    "UPLOAD_FAILED": JobPhase.FAILED,
}
_FINISHED = ("SUCCEEDED", "FAILED", "CANCELED", "NOT_COMPATIBLE")
_TRANSIENT_CODES = frozenset({"ThrottlingException", "InternalServerErrorException"})


class JobBackend(Protocol):
    """What a ``DeadlineJob`` needs from its client: fetch one, fetch many (``DeadlineClient`` has them).

    The client imports this module to build jobs; this module never imports the client. Hashable: the client
    is the batch key (one batch per client).
    """

    def __hash__(self) -> int:
        """Clients hash by identity."""

    #: False once BatchGetJob was refused (AccessDenied): job waits then poll with GetJob.
    _batch_jobs_allowed: bool

    @property
    def _clock(self) -> Clock:
        """The clock the client's retries (and so the job's waits) run on."""

    def _fetch_job(self, ids: Mapping[str, str]) -> dict[str, Any]:
        """GetJob, as ``get_job`` returns it."""

    def _fetch_jobs(self, identifiers: list[Mapping[str, str]]) -> dict[str, Any]:
        """One BatchGetJob for up to ``BATCH_SIZE`` jobs, as ``batch_get_job`` returns it."""


class DeadlineJob(Job[str | None]):
    """A Deadline job. Build it with ``client.job(farmId=..., queueId=..., jobId=...)``; lazy until needed.

    Attributes:
        ids: the three identifiers (``farmId``, ``queueId``, ``jobId``).
    """

    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = {**DeadlineTask.STATUS_PHASES, **_LIFECYCLE_PHASES}
    DEFAULT_INTERVAL: ClassVar[float] = 5.0

    def __init__(self, client: JobBackend, ids: Mapping[str, str]) -> None:
        if not callable(getattr(client, "_fetch_job", None)):
            raise InvalidArgument("client", type(client).__name__, "a DeadlineClient (client.job(...) builds a job)")
        if not isinstance(ids, Mapping) or not all(isinstance(ids.get(name), str) for name in JOB_IDS):
            raise InvalidArgument("ids", ids, "a dict with farmId, queueId and jobId strings")
        self._client = client
        self.ids: dict[str, str] = {name: ids[name] for name in JOB_IDS}
        self._data: dict[str, Any] | None = None

    def _peek_status(self) -> str | None:
        if self._data is None:
            return None
        lifecycle = self._data.get("lifecycleStatus")
        if lifecycle in _LIFECYCLE_PHASES:
            return str(lifecycle)
        status = self._data.get("taskRunStatus")
        return None if status is None else str(status)

    def refresh(self) -> None:
        """Fetch the job with GetJob."""
        answer = self._client._fetch_job(self.ids)
        self._update(answer)

    @property
    def status(self) -> str | None:
        """``taskRunStatus`` (or a creation ``lifecycleStatus``) as of the last fetch; fetched once if never."""
        if self._data is None:
            self.refresh()
        return self._peek_status()

    @property
    def data(self) -> dict[str, Any]:
        """The last answer, as ``client.get_job`` returns it (fetched once first if never fetched)."""
        if self._data is None:
            self.refresh()
        assert self._data is not None
        return self._data

    @property
    def job_id(self) -> str:
        """The job id."""
        return self.ids["jobId"]

    @property
    def task_run_status_counts(self) -> dict[str, int]:
        """How many of its tasks are in each run status, as of the last fetch."""
        return dict(self._data.get("taskRunStatusCounts", {})) if self._data else {}

    @property
    def progress(self) -> float | None:
        """Percent of the job's tasks that finished (SUCCEEDED, FAILED, CANCELED, NOT_COMPATIBLE), or None."""
        counts = self.task_run_status_counts
        total = sum(counts.values())
        return None if not total else 100.0 * sum(counts.get(s, 0) for s in _FINISHED) / total

    @property
    def created_at(self) -> datetime.datetime | None:
        """``createdAt`` (aware UTC)."""
        return self._time("createdAt")

    @property
    def started_at(self) -> datetime.datetime | None:
        """``startedAt`` (aware UTC)."""
        return self._time("startedAt")

    @property
    def finished_at(self) -> datetime.datetime | None:
        """``endedAt`` (aware UTC)."""
        return self._time("endedAt")

    # -- batching --------------------------------------------------------------------------------------------

    def _batch_key(self) -> Hashable:
        return self._client

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        """Refresh with BatchGetJob, 100 jobs a request; per-item errors are raised after every update."""
        by_client: dict[JobBackend, list[DeadlineJob]] = {}
        for job in jobs:
            if isinstance(job, DeadlineJob):
                by_client.setdefault(job._client, []).append(job)
        errors: list[ClientError] = []
        for client, group in by_client.items():
            if not client._batch_jobs_allowed:
                errors.extend(_one_by_one(group))
                continue
            for start in range(0, len(group), BATCH_SIZE):
                try:
                    errors.extend(_refresh_chunk(group[start : start + BATCH_SIZE]))
                except AccessDeniedException:
                    logger.info("deadline: BatchGetJob is not allowed for these credentials; polling with GetJob")
                    client._batch_jobs_allowed = False
                    errors.extend(_one_by_one(group[start:]))
                    break
        if errors:
            raise min(errors, key=lambda e: e.code in _TRANSIENT_CODES)  # a lasting error first

    def _wait_clock(self) -> Clock:
        return self._client._clock

    def _label(self) -> str:
        return f"DeadlineJob {self.ids['jobId']}"

    def _time(self, key: str) -> datetime.datetime | None:
        value = None if self._data is None else self._data.get(key)
        return value if isinstance(value, datetime.datetime) else None

    def _update(self, answer: Mapping[str, Any]) -> None:
        self._data = {k: v for k, v in answer.items() if k not in ("ResponseMetadata", "farmId", "queueId")}


def _one_by_one(jobs: Sequence[DeadlineJob]) -> list[ClientError]:
    errors: list[ClientError] = []
    for job in jobs:
        try:
            job.refresh()
        except ResourceNotFoundException as error:
            errors.append(error)
    return errors


def _refresh_chunk(chunk: Sequence[DeadlineJob]) -> list[ClientError]:
    """One BatchGetJob for up to 100 jobs of one client; returns the per-item errors."""
    client = chunk[0]._client
    by_key: dict[tuple[str, ...], list[DeadlineJob]] = {}
    for job in chunk:
        by_key.setdefault(tuple(job.ids[name] for name in JOB_IDS), []).append(job)
    answer = client._fetch_jobs([dict(zip(JOB_IDS, key, strict=True)) for key in by_key])
    for item in answer["jobs"]:
        for job in by_key.get(tuple(str(item.get(name)) for name in JOB_IDS), []):
            job._update(item)
    request_id = answer["ResponseMetadata"].get("RequestId") or None
    return [
        error_from_item(str(e["code"]), str(e["message"]), operation_name="BatchGetJob", request_id=request_id)
        for e in answer["errors"]
        if tuple(str(e.get(name)) for name in JOB_IDS) in by_key
    ]
