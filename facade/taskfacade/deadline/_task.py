"""``DeadlineTask``: one Deadline task as a ``taskfacade.Job``, polled in batches of 100 by ``BatchGetTask``.

``status`` is the task's ``runStatus`` string exactly as GetTask returns it (unknown values included);
``STATUS_PHASES`` maps the twelve known values to phases. ``cancel()`` (also ``abort()``) is UpdateTask with
``targetRunStatus="CANCELED"``.

``AsyncDeadlineTask`` is the async twin (``taskfacade.deadline.aio``): the same state and fields (``TaskState``),
the same batched refresh (``refresh_tasks``, steps both twins run), with ``refresh``, ``cancel`` and ``wait`` as
coroutines.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

import attrs

from .._clock import Clock
from .._errors import InvalidArgument
from .._job import AsyncJob, Job, JobBase, JobPhase, deprecated_timestamp
from .._log import logger
from .._pollpolicy import PollPolicy
from .._steps import AsyncCaller, Steps, SyncCaller, arun, run
from ._errors import AccessDeniedException, ClientError, ResourceNotFoundException, error_from_item
from ._together import all_of
from ._validate import check_id

__all__ = [
    "BATCH_SIZE",
    "IDS",
    "AsyncDeadlineTask",
    "AsyncJobBackend",
    "BatchAnswer",
    "DeadlineTask",
    "JobBackend",
    "TaskBackend",
    "TaskKey",
    "TaskState",
    "refresh_tasks",
]

#: BatchGetTask's limit: identifiers per request.
BATCH_SIZE = 100
IDS = ("farmId", "queueId", "jobId", "stepId", "taskId")
#: Codes of per-item errors that a later poll may not see again (anything else stops a wait).
_TRANSIENT_CODES = frozenset({"ThrottlingException", "InternalServerErrorException"})

#: A task's five ids in ``IDS`` order.
TaskKey = tuple[str, ...]


@attrs.frozen
class BatchAnswer:
    """One BatchGetTask, keyed by the five ids: each task's fields (and raw parameters), and per-item errors."""

    items: dict[TaskKey, tuple[dict[str, Any], dict[str, Any] | None]]
    errors: list[tuple[TaskKey, str, str]]
    request_id: str | None


class TaskBackend(Protocol):
    """What a task needs from its client: the steps of fetching one, fetching many, aborting (both client twins
    have them; ``_ops.py`` writes them).

    The client imports this module to build tasks; this module never imports the client. Hashable: the client
    is the batch key (one batch per client).
    """

    def __hash__(self) -> int:
        """Clients hash by identity."""

    #: False once BatchGetTask was refused (AccessDenied): waits then poll with GetTask.
    _batch_allowed: bool

    @property
    def _clock(self) -> Clock:
        """The clock the client's retries (and so the task's waits) run on."""

    @property
    def _poll_policy(self) -> PollPolicy | None:
        """The client's ``poll_policy``: how a task's ``wait()`` polls by default."""

    def _fetch_task(self, ids: Mapping[str, str]) -> Steps[tuple[dict[str, Any], dict[str, Any] | None]]:
        """GetTask: the task's fields as ``get_task`` returns them (no ``ResponseMetadata``) and raw parameters."""

    def _fetch_tasks(self, keys: Iterable[TaskKey]) -> Steps[BatchAnswer]:
        """One BatchGetTask for up to ``BATCH_SIZE`` tasks."""

    def _abort_task(self, ids: Mapping[str, str]) -> Steps[Any]:
        """UpdateTask ``targetRunStatus="CANCELED"``."""


class JobBackend(TaskBackend, Protocol):
    """A sync client (``DeadlineClient``): runs the steps with its ``Transport``."""

    @property
    def _transport(self) -> SyncCaller:
        """The client's transport."""


class AsyncJobBackend(TaskBackend, Protocol):
    """An async client (``AsyncDeadlineClient``): awaits the steps with its ``AsyncTransport``."""

    @property
    def _transport(self) -> AsyncCaller:
        """The client's transport."""


class TaskState(JobBase[str | None]):
    """What ``DeadlineTask`` and ``AsyncDeadlineTask`` share: ids, the last answer and every field read from it.

    Attributes:
        ids: the five identifiers, keyed as Deadline names them (``farmId``...``taskId``).
    """

    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = {
        "PENDING": JobPhase.PENDING,
        "READY": JobPhase.PENDING,
        "ASSIGNED": JobPhase.PENDING,
        "STARTING": JobPhase.PENDING,
        "SCHEDULED": JobPhase.PENDING,
        "RUNNING": JobPhase.RUNNING,
        "INTERRUPTING": JobPhase.RUNNING,
        "SUSPENDED": JobPhase.SUSPENDED,
        "CANCELED": JobPhase.CANCELED,
        "FAILED": JobPhase.FAILED,
        "NOT_COMPATIBLE": JobPhase.FAILED,
        "SUCCEEDED": JobPhase.SUCCEEDED,
    }
    DEFAULT_INTERVAL: ClassVar[float] = 2.0
    _SERVICE_NAME: ClassVar[str] = "deadline"
    _JOB_KIND: ClassVar[str] = "task"

    _client: TaskBackend

    def __init__(self, client: TaskBackend, ids: Mapping[str, str], data: Mapping[str, Any] | None = None) -> None:
        if not callable(getattr(client, "_fetch_tasks", None)):  # a TaskBackend (not isinstance: cheaper)
            raise InvalidArgument("client", type(client).__name__, "a taskfacade.deadline.DeadlineClient")
        if not isinstance(ids, Mapping):
            raise InvalidArgument("ids", ids, "a dict with farmId, queueId, jobId, stepId and taskId")
        if data is not None and not isinstance(data, Mapping):
            raise InvalidArgument("data", type(data).__name__, "None or a GetTask response (a dict)")
        self._client = client
        self.ids: dict[str, str] = {name: check_id(name, ids.get(name), f"ids[{name!r}]") for name in IDS}
        self._data: dict[str, Any] | None = dict(data) if data is not None else None
        self._raw_parameters: dict[str, Any] | None = None

    def _peek_status(self) -> str | None:
        return None if self._data is None else self._data.get("runStatus")

    def _token_ids(self) -> dict[str, str]:
        return dict(self.ids)

    @property
    def task_id(self) -> str:
        """The task id."""
        return self.ids["taskId"]

    @property
    def parameters(self) -> dict[str, Any]:
        """The task's parameters as tagged unions (``{"Frame": {"int": "12"}}``), as of the last fetch."""
        return dict(self._data.get("parameters", {})) if self._data else {}

    @property
    def raw_parameters(self) -> dict[str, Any] | None:
        """The parameters exactly as the wire had them, unknown union members with their values (or None)."""
        return self._raw_parameters

    @property
    def failure_retry_count(self) -> int | None:
        """How often the task failed and was retried (``failureRetryCount``)."""
        return None if self._data is None else self._data.get("failureRetryCount")

    @property
    def created_utc(self) -> datetime.datetime | None:
        """``createdAt`` (aware UTC)."""
        return self._time("createdAt")

    @property
    def started_utc(self) -> datetime.datetime | None:
        """``startedAt`` (aware UTC)."""
        return self._time("startedAt")

    @property
    def finished_utc(self) -> datetime.datetime | None:
        """``endedAt`` (aware UTC)."""
        return self._time("endedAt")

    #: Deprecated names of ``created_utc``, ``started_utc`` and ``finished_utc`` (see docs/jobs.md).
    created_at = deprecated_timestamp("created_at", "created_utc")
    started_at = deprecated_timestamp("started_at", "started_utc")
    finished_at = deprecated_timestamp("finished_at", "finished_utc")

    def _batch_key(self) -> Hashable:
        return self._client

    def _wait_clock(self) -> Clock:
        return self._client._clock

    def _wait_policy(self) -> PollPolicy | None:
        return self._client._poll_policy

    def _label(self) -> str:
        return f"DeadlineTask {self.ids['taskId']}"

    def _time(self, key: str) -> datetime.datetime | None:
        value = None if self._data is None else self._data.get(key)
        return value if isinstance(value, datetime.datetime) else None

    def _update(self, data: dict[str, Any], raw_parameters: dict[str, Any] | None) -> None:
        self._data, self._raw_parameters = data, raw_parameters

    def _refresh_steps(self) -> Steps[None]:
        fields, raw = yield from self._client._fetch_task(self.ids)
        self._update(fields, raw)


class DeadlineTask(TaskState, Job[str | None]):
    """A Deadline task. Build it with ``client.task(farmId=..., queueId=..., jobId=..., stepId=..., taskId=...)``.

    It is lazy: nothing is fetched until ``refresh()``, ``data``, ``status`` or a wait needs it.

    Attributes:
        ids: the five identifiers, keyed as Deadline names them (``farmId``...``taskId``).
    """

    _client: JobBackend

    def __init__(self, client: JobBackend, ids: Mapping[str, str], data: Mapping[str, Any] | None = None) -> None:
        super().__init__(client, ids, data)

    def refresh(self) -> None:
        """Fetch the task with GetTask."""
        run(self._refresh_steps(), self._client._transport)

    @property
    def status(self) -> str | None:
        """``runStatus`` as of the last fetch (fetched once first if never fetched)."""
        if self._data is None:
            self.refresh()
        return self._peek_status()

    @property
    def data(self) -> dict[str, Any]:
        """The last GetTask answer, as ``client.get_task`` returns it (fetched once first if never fetched)."""
        if self._data is None:
            self.refresh()
        assert self._data is not None
        return self._data

    def cancel(self) -> None:
        """Ask Deadline to cancel the task (UpdateTask ``targetRunStatus="CANCELED"``; one idempotency token)."""
        run(self._client._abort_task(self.ids), self._client._transport)

    def abort(self) -> None:
        """Same as ``cancel()``."""
        self.cancel()

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        """Refresh with BatchGetTask, 100 tasks a request; per-item errors are raised after every update."""
        for client, tasks in _by_client(jobs, DeadlineTask).items():
            run(refresh_tasks(client, tasks), client._transport)


class AsyncDeadlineTask(TaskState, AsyncJob[str | None]):
    """The async twin of ``DeadlineTask``: ``await client.task(...)`` (``taskfacade.deadline.aio``).

    Lazy as in sync: nothing is fetched until ``await task.refresh()`` or a wait; before that ``status`` is None
    and ``data`` is empty. ``refresh``, ``cancel``/``abort`` and ``wait`` are coroutines; ``taskfacade.aio.wait_all``
    refreshes many with BatchGetTask, 100 a request, as the sync ``wait_all`` does.
    """

    _client: AsyncJobBackend

    def __init__(self, client: AsyncJobBackend, ids: Mapping[str, str], data: Mapping[str, Any] | None = None) -> None:
        super().__init__(client, ids, data)

    @property
    def data(self) -> dict[str, Any]:
        """The last GetTask answer, as ``client.get_task`` returns it (empty before the first fetch)."""
        return {} if self._data is None else self._data

    async def refresh(self) -> None:
        """Fetch the task with GetTask."""
        await arun(self._refresh_steps(), self._client._transport)

    async def cancel(self) -> None:
        """Ask Deadline to cancel the task (UpdateTask ``targetRunStatus="CANCELED"``; one idempotency token)."""
        await arun(self._client._abort_task(self.ids), self._client._transport)

    async def abort(self) -> None:
        """Same as ``cancel()``."""
        await self.cancel()

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        """Refresh with BatchGetTask, 100 tasks a request (the requests of one round concurrently)."""
        for client, tasks in _by_client(jobs, AsyncDeadlineTask).items():
            await arun(refresh_tasks(client, tasks), client._transport)


C = TypeVar("C", bound=TaskState)


def _by_client(jobs: Sequence[Any], kind: type[C]) -> dict[Any, list[C]]:
    by_client: dict[Any, list[C]] = {}
    for job in jobs:
        if isinstance(job, kind):
            by_client.setdefault(job._client, []).append(job)
    return by_client


def refresh_tasks(client: TaskBackend, tasks: Sequence[TaskState]) -> Steps[None]:
    """Refresh ``tasks`` of one client: BatchGetTask, 100 a request (the first alone, then the rest together),
    GetTask one by one where BatchGetTask is refused; per-item errors are raised after every update (a lasting
    one first)."""
    errors: list[ClientError] = []
    chunks = [tasks[start : start + BATCH_SIZE] for start in range(0, len(tasks), BATCH_SIZE)]
    if not client._batch_allowed:
        errors.extend((yield from _refresh_one_by_one(client, tasks)))
    elif chunks:
        (first,) = yield from all_of([_refresh_chunk(client, chunks[0])])
        denied: Sequence[TaskState] = tasks if isinstance(first, AccessDeniedException) else []
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
            # Credentials allowed GetTask but not BatchGetTask (added to the API in 2025): poll one by one.
            logger.info("deadline: BatchGetTask is not allowed for these credentials; polling with GetTask")
            client._batch_allowed = False
            errors.extend((yield from _refresh_one_by_one(client, denied)))
    if errors:
        raise min(errors, key=lambda e: e.code in _TRANSIENT_CODES)  # a lasting error first


def _refresh_one_by_one(client: TaskBackend, tasks: Sequence[TaskState]) -> Steps[list[ClientError]]:
    """GetTask for each task (together); a ResourceNotFoundException is collected (raised after every update),
    any other error raised."""
    errors: list[ClientError] = []
    for outcome in (yield from all_of([task._refresh_steps() for task in tasks])):
        if isinstance(outcome, ResourceNotFoundException):
            errors.append(outcome)
        elif isinstance(outcome, BaseException):
            raise outcome
    return errors


def _refresh_chunk(client: TaskBackend, chunk: Sequence[TaskState]) -> Steps[list[ClientError]]:
    """One BatchGetTask for up to 100 tasks of one client; returns the per-item errors."""
    by_key: dict[tuple[str, ...], list[TaskState]] = {}
    for task in chunk:  # two objects for one task share one identifier
        by_key.setdefault(tuple(task.ids[name] for name in IDS), []).append(task)
    answer = yield from client._fetch_tasks(list(by_key))
    for key, (data, raw) in answer.items.items():
        for task in by_key.get(key, []):
            task._update(dict(data), raw)
    request_id = answer.request_id
    return [
        error_from_item(code, message, operation_name="BatchGetTask", request_id=request_id)
        for key, code, message in answer.errors
        if key in by_key
    ]
