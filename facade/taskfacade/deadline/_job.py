"""``DeadlineJob``: one Deadline job as a ``taskfacade.Job``, polled in batches of 100 by ``BatchGetJob``.

``status`` is the job's ``taskRunStatus`` (its tasks rolled up: RUNNING while any runs, then SUCCEEDED, FAILED,
CANCELED...), except while the job is still being created or failed to be (``lifecycleStatus``
``CREATE_IN_PROGRESS``, ``UPLOAD_IN_PROGRESS``, ``CREATE_FAILED``, ``UPLOAD_FAILED``), when it is that lifecycle
status: a job whose creation failed has no tasks to roll up, and must end a wait as FAILED rather than hang.
``progress`` is the share of its tasks that finished, from ``taskRunStatusCounts``.

``AsyncDeadlineJob`` is the async twin: the same state (``JobState``) and batched refresh (``refresh_jobs``, steps
both twins run), with ``refresh`` and ``wait`` as coroutines.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from .._clock import Clock
from .._errors import InvalidArgument
from .._job import AsyncJob, Job, JobBase, JobPhase
from .._log import logger
from .._pollpolicy import PollPolicy
from .._steps import AsyncCaller, Steps, SyncCaller, arun, run
from ._errors import AccessDeniedException, ClientError, ResourceNotFoundException, error_from_item
from ._task import BATCH_SIZE, TaskState
from ._together import all_of

__all__ = ["JOB_IDS", "AsyncDeadlineJob", "AsyncJobBackend", "DeadlineJob", "JobBackend", "JobState", "refresh_jobs"]

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


class JobsBackend(Protocol):
    """What a job needs from its client: the steps of fetching one and fetching many (both client twins have
    them). The client imports this module to build jobs; this module never imports the client. Hashable: the
    client is the batch key (one batch per client).
    """

    def __hash__(self) -> int:
        """Clients hash by identity."""

    #: False once BatchGetJob was refused (AccessDenied): job waits then poll with GetJob.
    _batch_jobs_allowed: bool

    @property
    def _clock(self) -> Clock:
        """The clock the client's retries (and so the job's waits) run on."""

    @property
    def _poll_policy(self) -> PollPolicy | None:
        """The client's ``poll_policy``: how a job's ``wait()`` polls by default."""

    def _fetch_job(self, ids: Mapping[str, str]) -> Steps[dict[str, Any]]:
        """GetJob, as ``get_job`` returns it."""

    def _fetch_jobs(self, identifiers: list[Mapping[str, str]]) -> Steps[dict[str, Any]]:
        """One BatchGetJob for up to ``BATCH_SIZE`` jobs, as ``batch_get_job`` returns it."""


class JobBackend(JobsBackend, Protocol):
    """A sync client (``DeadlineClient``): runs the steps with its ``Transport``."""

    @property
    def _transport(self) -> SyncCaller:
        """The client's transport."""


class AsyncJobBackend(JobsBackend, Protocol):
    """An async client (``AsyncDeadlineClient``): awaits the steps with its ``AsyncTransport``."""

    @property
    def _transport(self) -> AsyncCaller:
        """The client's transport."""


class JobState(JobBase[str | None]):
    """What ``DeadlineJob`` and ``AsyncDeadlineJob`` share: ids, the last answer and every field read from it.

    Attributes:
        ids: the three identifiers (``farmId``, ``queueId``, ``jobId``).
    """

    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = {**TaskState.STATUS_PHASES, **_LIFECYCLE_PHASES}
    DEFAULT_INTERVAL: ClassVar[float] = 5.0
    _SERVICE_NAME: ClassVar[str] = "deadline"
    _JOB_KIND: ClassVar[str] = "job"

    _client: JobsBackend

    def __init__(self, client: JobsBackend, ids: Mapping[str, str]) -> None:
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

    def _token_ids(self) -> dict[str, str]:
        return dict(self.ids)

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

    def _batch_key(self) -> Hashable:
        return self._client

    def _wait_clock(self) -> Clock:
        return self._client._clock

    def _wait_policy(self) -> PollPolicy | None:
        return self._client._poll_policy

    def _label(self) -> str:
        return f"DeadlineJob {self.ids['jobId']}"

    def _time(self, key: str) -> datetime.datetime | None:
        value = None if self._data is None else self._data.get(key)
        return value if isinstance(value, datetime.datetime) else None

    def _update(self, answer: Mapping[str, Any]) -> None:
        self._data = {k: v for k, v in answer.items() if k not in ("ResponseMetadata", "farmId", "queueId")}

    def _refresh_steps(self) -> Steps[None]:
        self._update((yield from self._client._fetch_job(self.ids)))


class DeadlineJob(JobState, Job[str | None]):
    """A Deadline job. Build it with ``client.job(farmId=..., queueId=..., jobId=...)``; lazy until needed.

    Attributes:
        ids: the three identifiers (``farmId``, ``queueId``, ``jobId``).
    """

    _client: JobBackend

    def __init__(self, client: JobBackend, ids: Mapping[str, str]) -> None:
        super().__init__(client, ids)

    def refresh(self) -> None:
        """Fetch the job with GetJob."""
        run(self._refresh_steps(), self._client._transport)

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

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        """Refresh with BatchGetJob, 100 jobs a request; per-item errors are raised after every update."""
        for client, group in _by_client(jobs, DeadlineJob).items():
            run(refresh_jobs(client, group), client._transport)


class AsyncDeadlineJob(JobState, AsyncJob[str | None]):
    """The async twin of ``DeadlineJob``: ``await client.job(...)`` (``taskfacade.deadline.aio``); lazy as in
    sync (``status`` None and ``data`` empty until ``await job.refresh()`` or a wait)."""

    _client: AsyncJobBackend

    def __init__(self, client: AsyncJobBackend, ids: Mapping[str, str]) -> None:
        super().__init__(client, ids)

    @property
    def data(self) -> dict[str, Any]:
        """The last answer, as ``client.get_job`` returns it (empty before the first fetch)."""
        return {} if self._data is None else self._data

    async def refresh(self) -> None:
        """Fetch the job with GetJob."""
        await arun(self._refresh_steps(), self._client._transport)

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        """Refresh with BatchGetJob, 100 jobs a request (the requests of one round concurrently)."""
        for client, group in _by_client(jobs, AsyncDeadlineJob).items():
            await arun(refresh_jobs(client, group), client._transport)


C = TypeVar("C", bound=JobState)


def _by_client(jobs: Sequence[Any], kind: type[C]) -> dict[Any, list[C]]:
    by_client: dict[Any, list[C]] = {}
    for job in jobs:
        if isinstance(job, kind):
            by_client.setdefault(job._client, []).append(job)
    return by_client


def refresh_jobs(client: JobsBackend, jobs: Sequence[JobState]) -> Steps[None]:
    """Refresh ``jobs`` of one client: BatchGetJob, 100 a request (the first alone, then the rest together), GetJob
    one by one where BatchGetJob is refused; per-item errors are raised after every update (a lasting one first)."""
    errors: list[ClientError] = []
    chunks = [jobs[start : start + BATCH_SIZE] for start in range(0, len(jobs), BATCH_SIZE)]
    if not client._batch_jobs_allowed:
        errors.extend((yield from _one_by_one(jobs)))
    elif chunks:
        (first,) = yield from all_of([_refresh_chunk(client, chunks[0])])
        denied: Sequence[JobState] = jobs if isinstance(first, AccessDeniedException) else []
        if not denied:
            rest = (yield from all_of([_refresh_chunk(client, chunk) for chunk in chunks[1:]])) if chunks[1:] else []
            for chunk, outcome in zip(chunks, [first, *rest], strict=True):
                if isinstance(outcome, AccessDeniedException):
                    denied = [*denied, *chunk]
                elif isinstance(outcome, BaseException):
                    raise outcome
                else:
                    errors.extend(outcome)
        if denied:
            logger.info("deadline: BatchGetJob is not allowed for these credentials; polling with GetJob")
            client._batch_jobs_allowed = False
            errors.extend((yield from _one_by_one(denied)))
    if errors:
        raise min(errors, key=lambda e: e.code in _TRANSIENT_CODES)  # a lasting error first


def _one_by_one(jobs: Sequence[JobState]) -> Steps[list[ClientError]]:
    errors: list[ClientError] = []
    for outcome in (yield from all_of([job._refresh_steps() for job in jobs])):
        if isinstance(outcome, ResourceNotFoundException):
            errors.append(outcome)
        elif isinstance(outcome, BaseException):
            raise outcome
    return errors


def _refresh_chunk(client: JobsBackend, chunk: Sequence[JobState]) -> Steps[list[ClientError]]:
    """One BatchGetJob for up to 100 jobs of one client; returns the per-item errors."""
    by_key: dict[tuple[str, ...], list[JobState]] = {}
    for job in chunk:
        by_key.setdefault(tuple(job.ids[name] for name in JOB_IDS), []).append(job)
    answer = yield from client._fetch_jobs([dict(zip(JOB_IDS, key, strict=True)) for key in by_key])
    for item in answer["jobs"]:
        for job in by_key.get(tuple(str(item.get(name)) for name in JOB_IDS), []):
            job._update(item)
    request_id = answer["ResponseMetadata"].get("RequestId") or None
    return [
        error_from_item(str(e["code"]), str(e["message"]), operation_name="BatchGetJob", request_id=request_id)
        for e in answer["errors"]
        if tuple(str(e.get(name)) for name in JOB_IDS) in by_key
    ]
