"""``DeadlineTask``: one Deadline task as a ``taskfacade.Job``, polled in batches of 100 by ``BatchGetTask``.

``status`` is the task's ``runStatus`` string exactly as GetTask returns it (unknown values included);
``STATUS_PHASES`` maps the twelve known values to phases. ``cancel()`` (also ``abort()``) is UpdateTask with
``targetRunStatus="CANCELED"``.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Protocol

import attrs

from .._clock import Clock
from .._errors import InvalidArgument
from .._job import Job, JobPhase, deprecated_timestamp
from .._log import logger
from ._errors import AccessDeniedException, ClientError, ResourceNotFoundException, error_from_item
from ._validate import check_id

__all__ = ["BATCH_SIZE", "IDS", "BatchAnswer", "DeadlineTask", "JobBackend", "TaskKey"]

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


class JobBackend(Protocol):
    """What a ``DeadlineTask`` needs from its client: fetch one, fetch many, abort (``DeadlineClient`` has them).

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

    def _fetch_task(self, ids: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """GetTask: the task's fields as ``get_task`` returns them (no ``ResponseMetadata``) and raw parameters."""

    def _fetch_tasks(self, keys: Iterable[TaskKey]) -> BatchAnswer:
        """One BatchGetTask for up to ``BATCH_SIZE`` tasks."""

    def _abort_task(self, ids: Mapping[str, str]) -> None:
        """UpdateTask ``targetRunStatus="CANCELED"``."""


class DeadlineTask(Job[str | None]):
    """A Deadline task. Build it with ``client.task(farmId=..., queueId=..., jobId=..., stepId=..., taskId=...)``.

    It is lazy: nothing is fetched until ``refresh()``, ``data``, ``status`` or a wait needs it.

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

    def __init__(self, client: JobBackend, ids: Mapping[str, str], data: Mapping[str, Any] | None = None) -> None:
        if not callable(getattr(client, "_fetch_tasks", None)):  # a JobBackend (not isinstance: cheaper)
            raise InvalidArgument("client", type(client).__name__, "a taskfacade.deadline.DeadlineClient")
        if not isinstance(ids, Mapping):
            raise InvalidArgument("ids", ids, "a dict with farmId, queueId, jobId, stepId and taskId")
        if data is not None and not isinstance(data, Mapping):
            raise InvalidArgument("data", type(data).__name__, "None or a GetTask response (a dict)")
        self._client = client
        self.ids: dict[str, str] = {name: check_id(name, ids.get(name), f"ids[{name!r}]") for name in IDS}
        self._data: dict[str, Any] | None = dict(data) if data is not None else None
        self._raw_parameters: dict[str, Any] | None = None

    # -- Job -------------------------------------------------------------------------------------------------

    def _peek_status(self) -> str | None:
        return None if self._data is None else self._data.get("runStatus")

    def refresh(self) -> None:
        """Fetch the task with GetTask."""
        fields, raw = self._client._fetch_task(self.ids)
        self._update(fields, raw)

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

    def cancel(self) -> None:
        """Ask Deadline to cancel the task (UpdateTask ``targetRunStatus="CANCELED"``; one idempotency token)."""
        self._client._abort_task(self.ids)

    def abort(self) -> None:
        """Same as ``cancel()``."""
        self.cancel()

    # -- batching --------------------------------------------------------------------------------------------

    def _batch_key(self) -> Hashable:
        return self._client

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        """Refresh with BatchGetTask, 100 tasks a request; per-item errors are raised after every update."""
        by_client: dict[JobBackend, list[DeadlineTask]] = {}
        for job in jobs:
            if isinstance(job, DeadlineTask):
                by_client.setdefault(job._client, []).append(job)
        errors: list[ClientError] = []
        for client, tasks in by_client.items():
            if not client._batch_allowed:
                errors.extend(_refresh_one_by_one(tasks))
                continue
            for start in range(0, len(tasks), BATCH_SIZE):
                try:
                    errors.extend(_refresh_chunk(tasks[start : start + BATCH_SIZE]))
                except AccessDeniedException:
                    # Credentials allowed GetTask but not BatchGetTask (added to the API in 2025): poll one by one.
                    logger.info("deadline: BatchGetTask is not allowed for these credentials; polling with GetTask")
                    client._batch_allowed = False
                    errors.extend(_refresh_one_by_one(tasks[start:]))
                    break
        if errors:
            raise min(errors, key=lambda e: e.code in _TRANSIENT_CODES)  # a lasting error first

    def _wait_clock(self) -> Clock:
        return self._client._clock

    def _label(self) -> str:
        return f"DeadlineTask {self.ids['taskId']}"

    def _time(self, key: str) -> datetime.datetime | None:
        value = None if self._data is None else self._data.get(key)
        return value if isinstance(value, datetime.datetime) else None

    def _update(self, data: dict[str, Any], raw_parameters: dict[str, Any] | None) -> None:
        self._data, self._raw_parameters = data, raw_parameters


def _refresh_one_by_one(tasks: Sequence[DeadlineTask]) -> list[ClientError]:
    """GetTask for each task; a ResourceNotFoundException is collected (raised after every update)."""
    errors: list[ClientError] = []
    for task in tasks:
        try:
            task.refresh()
        except ResourceNotFoundException as error:
            errors.append(error)
    return errors


def _refresh_chunk(chunk: Sequence[DeadlineTask]) -> list[ClientError]:
    """One BatchGetTask for up to 100 tasks of one client; returns the per-item errors."""
    client = chunk[0]._client
    by_key: dict[tuple[str, ...], list[DeadlineTask]] = {}
    for task in chunk:  # two objects for one task share one identifier
        by_key.setdefault(tuple(task.ids[name] for name in IDS), []).append(task)
    answer = client._fetch_tasks(list(by_key))
    for key, (data, raw) in answer.items.items():
        for task in by_key.get(key, []):
            task._update(dict(data), raw)
    request_id = answer.request_id
    return [
        error_from_item(code, message, operation_name="BatchGetTask", request_id=request_id)
        for key, code, message in answer.errors
        if key in by_key
    ]
