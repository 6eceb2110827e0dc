"""``TileDBTask``: a TileDB array task (SQL, UDF, query...) as a ``taskfacade.Job``.

``status`` is TileDB's own ``ArrayTaskStatus`` (unknown values kept, as an open-enum member named UNKNOWN);
``STATUS_PHASES`` maps it to the common ``JobPhase``. Every field of the vendor's ``ArrayTask`` is readable under
its vendor name (``task.start_time``, ``task.sql_query``...), and ``array_task`` is the generated model itself.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, Generic, TypeVar, overload

from .._clock import Clock
from .._job import Job, JobBase, JobPhase, deprecated_timestamp
from .._pollpolicy import PollPolicy
from ._batch import refresh_tasks
from ._cloud_client import Client
from ._generated import ArrayTask, ArrayTaskStatus, Unset
from ._results import fetch_results
from ._tasks import get_array_task

__all__ = ["STATUS_PHASES", "TileDBTask", "TileDBTaskBase"]

V = TypeVar("V")

#: TileDB's ArrayTaskStatus values and their phases; anything else (UNKNOWN included) is JobPhase.UNKNOWN.
STATUS_PHASES: dict[ArrayTaskStatus, JobPhase] = {
    ArrayTaskStatus.QUEUED: JobPhase.PENDING,
    ArrayTaskStatus.RUNNING: JobPhase.RUNNING,
    ArrayTaskStatus.COMPLETED: JobPhase.SUCCEEDED,
    ArrayTaskStatus.FAILED: JobPhase.FAILED,
    ArrayTaskStatus.RESOURCES_UNAVAILABLE: JobPhase.FAILED,
    ArrayTaskStatus.DENIED: JobPhase.FAILED,  # deprecated spelling of RESOURCES_UNAVAILABLE
    ArrayTaskStatus.CANCELLED: JobPhase.CANCELED,
}


class _Field(Generic[V]):
    """A read-only view of one ``ArrayTask`` attribute: None where the server left it out."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    @overload
    def __get__(self, task: None, owner: type[Any]) -> _Field[V]: ...

    @overload
    def __get__(self, task: TileDBTaskBase, owner: type[Any]) -> V | None: ...

    def __get__(self, task: TileDBTaskBase | None, owner: type[Any]) -> V | _Field[V] | None:
        if task is None:
            return self
        value = getattr(task._data, self.attribute, None)
        return None if isinstance(value, Unset) else value


def _utc(value: Any) -> datetime.datetime | None:
    """An aware UTC datetime (a naive one from a sloppy server is read as UTC); None for anything else."""
    if not isinstance(value, datetime.datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC)


class TileDBTaskBase(JobBase[ArrayTaskStatus]):
    """What ``TileDBTask`` and its async twin ``AsyncTileDBTask`` share: every field of the last fetch.

    Args:
        array_task: the generated ``ArrayTask`` as the server sent it.
        client: the client it was fetched with (a ``Client``, or an ``AsyncClient`` for the async twin).
    """

    STATUS_PHASES: ClassVar[dict[Any, JobPhase]] = dict(STATUS_PHASES)
    DEFAULT_INTERVAL: ClassVar[float] = 1.0
    _KIND: ClassVar[str] = "TileDBTask"
    _SERVICE_NAME: ClassVar[str] = "tiledb"
    _JOB_KIND: ClassVar[str] = "task"

    name = _Field[str]("name")
    description = _Field[str]("description")
    username = _Field[str]("username")
    namespace = _Field[str]("namespace")
    type = _Field[Any]("type_")
    status_message = _Field[str]("status_message")
    memory = _Field[int]("memory")
    cpu = _Field[int]("cpu")
    cost = _Field[float]("cost")
    egress_cost = _Field[float]("egress_cost")
    access_cost = _Field[float]("access_cost")
    duration = _Field[float]("duration")
    logs = _Field[str]("logs")
    result_format = _Field[Any]("result_format")
    query_type = _Field[Any]("query_type")
    sql_query = _Field[str]("sql_query")
    sql_init_commands = _Field[list[str]]("sql_init_commands")
    sql_parameters = _Field[list[Any]]("sql_parameters")
    udf_code = _Field[str]("udf_code")
    udf_language = _Field[str]("udf_language")
    array_metadata = _Field[Any]("array_metadata")
    asset = _Field[Any]("asset")
    subarray = _Field[Any]("subarray")
    activity = _Field[list[Any]]("activity")
    task_graph_uuid = _Field[str]("task_graph_uuid")
    client_node_uuid = _Field[str]("client_node_uuid")
    cloud_provider = _Field[str]("cloud_provider")
    cloud_region = _Field[str]("cloud_region")

    def __init__(self, array_task: ArrayTask, client: Any) -> None:
        self._data = array_task
        self._client = client

    # -- identity and raw data ---------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The task id (a UUID string)."""
        value = self._data.id
        return "" if isinstance(value, Unset) else str(value)

    @property
    def array_task(self) -> ArrayTask:
        """The generated ``ArrayTask`` model of the last fetch."""
        return self._data

    def to_dict(self) -> dict[str, Any]:
        """The task as the server's JSON object (unknown fields included)."""
        return self._data.to_dict()

    # -- times (aware UTC) -------------------------------------------------------------------------------------

    @property
    def start_time(self) -> datetime.datetime | None:
        """When the task was submitted (aware, UTC)."""
        return _utc(self._data.start_time)

    @property
    def finish_time(self) -> datetime.datetime | None:
        """When the task finished (aware, UTC), once it has."""
        return _utc(self._data.finish_time)

    @property
    def created_utc(self) -> datetime.datetime | None:
        """TileDB's ``start_time``: the task's submission time."""
        return self.start_time

    @property
    def started_utc(self) -> datetime.datetime | None:
        """TileDB's ``start_time`` (TileDB does not report a separate execution start)."""
        return self.start_time

    @property
    def finished_utc(self) -> datetime.datetime | None:
        """TileDB's ``finish_time``."""
        return self.finish_time

    #: Deprecated names of ``created_utc``, ``started_utc`` and ``finished_utc`` (see docs/jobs.md).
    created_at = deprecated_timestamp("created_at", "created_utc")
    started_at = deprecated_timestamp("started_at", "started_utc")
    finished_at = deprecated_timestamp("finished_at", "finished_utc")

    @property
    def error(self) -> str | None:
        """TileDB's ``status_message`` once the task failed or was cancelled, else None."""
        if self._peek_phase() in (JobPhase.FAILED, JobPhase.CANCELED):
            return self.status_message
        return None

    # -- Job ---------------------------------------------------------------------------------------------------

    def _peek_status(self) -> ArrayTaskStatus:
        status = self._data.status
        return ArrayTaskStatus.UNKNOWN if isinstance(status, Unset) else status

    def _update(self, array_task: ArrayTask) -> None:
        self._data = array_task

    def _batch_key(self) -> Hashable:
        key: Hashable = self._client
        return key

    def _wait_clock(self) -> Clock:
        clock: Clock = self._client.clock
        return clock

    def _wait_policy(self) -> PollPolicy | None:
        policy: PollPolicy | None = self._client.options.poll_policy
        return policy

    def _label(self) -> str:
        return f"{self._KIND} {self.id}"

    # -- continuation tokens (``taskfacade._token``) -----------------------------------------------------------

    def _token_ids(self) -> dict[str, Any]:
        # The submission time (whole seconds) lets tasks rebuilt from tokens be polled with one listing of their
        # time range (tiledb/_batch.py) instead of one GET each.
        start = self.start_time
        return {"id": self.id} if start is None else {"id": self.id, "start": math.floor(start.timestamp())}


class TileDBTask(TileDBTaskBase, Job[ArrayTaskStatus]):
    """One TileDB array task. Build them with ``tasks.task(id)`` or ``tasks.fetch_tasks(...)``.

    Args:
        array_task: the generated ``ArrayTask`` as the server sent it.
        client: the client it was fetched with (used by ``refresh``, ``wait`` and ``fetch_results``).
    """

    def __init__(self, array_task: ArrayTask, client: Client) -> None:
        super().__init__(array_task, client)

    @property
    def client(self) -> Client:
        """The client this task is refreshed through."""
        client: Client = self._client
        return client

    def refresh(self) -> None:
        """Fetch the task's current state (one GET). Raises ``TasksError`` when that fails."""
        self._update(get_array_task(self._client, self.id))

    def fetch_results(self, *, result_format: Any = None, allow_pickle: bool = False) -> Any:
        """This task's result, decoded by content type (see ``tasks.fetch_results``)."""
        return fetch_results(self.id, result_format=result_format, allow_pickle=allow_pickle, client=self._client)

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        refresh_tasks([job for job in jobs if isinstance(job, TileDBTask)])
