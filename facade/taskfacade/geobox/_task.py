"""``Task`` (also exported as ``GeoboxTask``): the SDK's ``geobox.task.Task``, and a ``taskfacade.Job``.

Same surface as seed 003: ``Task(api, uuid, data={})``, ``Task.get_task(api, uuid)``, ``Task.get_tasks(api,
**filters)``, ``data``, ``status`` (refreshes), ``errors``, ``progress`` (asks the status endpoint),
``output_asset``, ``abort()``, ``wait(timeout=None, interval=1, progress_bar=True, retry=3)``, ``refresh_data()``.
Fixed on the way (reference section 8):

- ``wait``'s ``timeout`` is one overall deadline (the SDK restarts it on each of its ``retry`` attempts), and
  ``retry`` counts consecutive *transient* polling failures (network errors, 429, 5xx); anything else (a 404, a
  401) is raised at once instead of being swallowed and retried. FAILURE and ABORTED are returned, not raised.
- An unknown ``state`` is a ``TaskStatus.UNKNOWN`` pseudo-member keeping the raw value: its phase is
  ``JobPhase.UNKNOWN`` and a wait keeps waiting. Missing ``name`` or ``result`` break nothing.
- ``status`` still refreshes on every read (the SDK's contract), but ``repr``, ``phase``, ``done`` and the
  polling engine never make requests; the progress bar asks the status endpoint only while the task runs.
- Keys of ``data`` are attributes, as the SDK's (``task.state``, ``task.result``, ``task.created_at``), but never
  shadow a real attribute, and date-time strings become aware UTC datetimes (the SDK's are naive). The
  normalized ``created_utc``, ``started_utc`` and ``finished_utc`` are the ``Job`` base class's.
- ``abort()`` keeps the task the server returns, so ``data`` shows ABORTED without another request; on a task that
  already finished it is a no-op, as the SDK's (the server's 409 is not raised), and ``data`` is fetched again.

One source for both twins: ``TaskState`` holds everything read without a request, and every verb that talks to the
server is steps (``refresh_steps``, ``abort_steps``, ``refresh_many_steps``) over the client's ``GeoboxOps``;
``Task`` runs them with ``api._run`` and ``taskfacade.geobox.aio.AsyncTask`` with ``await api._arun``.
"""

from __future__ import annotations

import datetime
import importlib.util
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from taskfacade._check import check_int
from taskfacade._clock import Clock
from taskfacade._errors import APIError as _APIError
from taskfacade._errors import InvalidArgument, ResponseDecodeError, TaskFacadeError, TransportError, WaitTimeout
from taskfacade._job import Job, JobPhase
from taskfacade._log import logger
from taskfacade._pollpolicy import PollPolicy
from taskfacade._steps import Steps

from ._assets import Asset, UnknownAsset, pick_asset
from ._enums import TaskStatus
from ._errors import ConflictError
from ._ops import GeoboxOps
from ._validate import check_uuid
from ._values import data_value, parse_timestamp

__all__ = [
    "STATUS_PHASES",
    "GeoboxTask",
    "JobBackend",
    "Task",
    "TaskState",
    "abort_steps",
    "output_asset_steps",
    "refresh_many_steps",
    "refresh_steps",
    "vendor_timeout",
    "wait_tolerance",
]

T = TypeVar("T")

STATUS_PHASES: Mapping[Any, JobPhase] = {
    TaskStatus.PENDING: JobPhase.PENDING,
    TaskStatus.PROGRESS: JobPhase.RUNNING,
    TaskStatus.SUCCESS: JobPhase.SUCCEEDED,
    TaskStatus.FAILURE: JobPhase.FAILED,
    TaskStatus.ABORTED: JobPhase.CANCELED,
}


class JobBackend(Protocol):
    """What a ``Task`` needs from its client (its ``api``): the client's requests as steps (``_ops``), a way to
    run them (``_run``), its clock, and the SDK's entry points the classmethods forward to. ``GeoboxClient``
    implements it and imports this module to build tasks; this module never imports the client.
    """

    @property
    def clock(self) -> Clock:
        """The clock retries and waits run on."""

    @property
    def _poll_policy(self) -> PollPolicy | None:
        """The client's ``poll_policy``: how a task's ``wait()`` polls by default."""

    @property
    def _ops(self) -> GeoboxOps:
        """The client's requests, as steps."""

    def _run(self, steps: Steps[T]) -> T:
        """Run steps on the client's transport."""

    def get_task(self, uuid: str) -> Task:
        """One task (the SDK's ``api.get_task``)."""

    def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: bool = False,
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> list[Task] | int:
        """A page of tasks or their count (the SDK's ``api.get_tasks``)."""


def _tqdm_installed() -> bool:
    return importlib.util.find_spec("tqdm") is not None


class TaskState:
    """What ``Task`` and ``AsyncTask`` share: the task body and everything read from it without a request.

    A subclass sets ``api`` (its client) and names the client class in ``API_NAME`` for the constructor's check.
    """

    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = STATUS_PHASES
    DEFAULT_INTERVAL: ClassVar[float] = 1.0
    BASE_ENDPOINT: ClassVar[str] = "tasks/"
    #: The method a client of this twin has (``_run`` or ``_arun``), and its public name, for ``_check_api``.
    RUNNER: ClassVar[str] = "_run"
    API_NAME: ClassVar[str] = "a taskfacade.geobox.GeoboxClient"
    _SERVICE_NAME: ClassVar[str] = "geobox"
    _JOB_KIND: ClassVar[str] = "task"

    api: Any
    uuid: str
    _data: dict[str, Any]
    _progress: int | None
    _track_progress: bool

    def _setup(self, api: Any, uuid: str, data: Mapping[str, Any] | None) -> None:
        self._check_api(api)
        self.api = api
        self.uuid = check_uuid(uuid)
        self._data = self._checked_data(data)
        self._progress = None
        self._track_progress = False

    @classmethod
    def _check_api(cls, api: object) -> None:
        if not callable(getattr(api, cls.RUNNER, None)):  # a JobBackend (not isinstance: cheaper)
            raise InvalidArgument("api", type(api).__name__, cls.API_NAME)

    # -- data ---------------------------------------------------------------------------------------------------

    @staticmethod
    def _checked_data(data: object) -> dict[str, Any]:
        if data is None:
            return {}
        if not isinstance(data, Mapping):
            raise InvalidArgument("data", type(data).__name__, "None or a dict (a task body)")
        return dict(data)

    @property
    def data(self) -> dict[str, Any]:
        """The task body as the server last sent it (no request)."""
        return self._data

    @data.setter
    def data(self, value: Mapping[str, Any]) -> None:
        self._data = self._checked_data(value)

    @property
    def endpoint(self) -> str:
        """``tasks/<uuid>/``, relative to ``api.base_url`` (as the SDK's)."""
        return f"{self.BASE_ENDPOINT}{self.uuid}/"

    @property
    def name(self) -> str | None:
        """The task's name, e.g. ``publish:roads`` (None if the server sent none)."""
        name = self._data.get("name")
        return name if isinstance(name, str) else None

    @property
    def id(self) -> int | None:
        """The numeric id, if the server sends one."""
        value = self._data.get("id")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def user_id(self) -> int | None:
        """The owner's user id, if the server sends one."""
        value = self._data.get("user_id")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def created_utc(self) -> datetime.datetime | None:
        """When the task was created (aware UTC; Geobox sends UTC without an offset). ``created_at`` is the SDK's."""
        return parse_timestamp(self._data.get("created_at"))

    @property
    def started_utc(self) -> datetime.datetime | None:
        """When the task started running (aware UTC), if the server says."""
        return parse_timestamp(self._data.get("started_at"))

    @property
    def finished_utc(self) -> datetime.datetime | None:
        """When the task reached a final state (aware UTC), if the server says."""
        return parse_timestamp(self._data.get("finished_at"))

    def __getattr__(self, name: str) -> Any:
        """The SDK's ``Base.__getattr__``: a key of ``data`` read as an attribute (``task.state``, ``task.result``).

        Only names that are no real attribute get here, so a data key never shadows one. A date-time string
        becomes an aware UTC datetime (the SDK's is naive, and it leaves offsets or a fractional ``Z`` as text).
        """
        if name.startswith("_"):
            raise AttributeError(name)
        if hasattr(type(self), name):  # a property that raised AttributeError: show its own error, not a data miss
            return object.__getattribute__(self, name)
        data = self.__dict__.get("_data", {})
        if name not in data:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r} (and data has no such key)")
        return data_value(data[name])

    def __dir__(self) -> list[str]:
        """Attributes and methods, plus the keys of ``data`` (as the SDK's, for completion)."""
        return sorted({*super().__dir__(), *(key for key in self._data if isinstance(key, str))})

    # -- status, errors, progress without a request ---------------------------------------------------------------

    def _peek_status(self) -> TaskStatus | None:
        state = self._data.get("state")
        return TaskStatus(state) if isinstance(state, str) else None

    # -- continuation tokens (``taskfacade._token``) -------------------------------------------------------------

    def _token_ids(self) -> dict[str, str]:
        return {"uuid": self.uuid}

    @property
    def errors(self) -> dict[str, Any] | None:
        """The whole ``result`` when it holds ``errors`` or ``detail.msg`` (as the SDK's), else None. No request."""
        result = self._data.get("result")
        if not isinstance(result, Mapping):
            return None
        detail = result.get("detail")
        if result.get("errors") or (isinstance(detail, Mapping) and detail.get("msg")):
            return dict(result)
        return None

    @property
    def error(self) -> str | None:
        """Why the task failed: ``result.detail.msg``, else the first ``result.errors`` message. No request."""
        errors = self.errors
        if errors is None:
            return None
        detail = errors.get("detail")
        if isinstance(detail, Mapping) and detail.get("msg"):
            return str(detail["msg"])
        items = errors.get("errors")
        first = items[0] if isinstance(items, list) and items else items
        if isinstance(first, Mapping) and first.get("msg"):
            return str(first["msg"])
        return str(first) if first else None

    def _peek_progress(self) -> float | None:
        if self._peek_status() == TaskStatus.SUCCESS:
            return 100.0
        return None if self._progress is None else float(self._progress)

    # -- the SDK's private wait helpers (seed 003 documents them; ``wait`` itself runs on the core's polling) ---------

    def _check_timeout(self, start_time: float, timeout: float | None) -> None:
        """Raise ``WaitTimeout`` (a ``TimeoutError``) once more than ``timeout`` seconds passed since ``start_time``
        (a ``time.time()`` value on the client's clock); None or 0 never times out, as in the SDK."""
        if timeout and self._wait_clock().time() - start_time > float(timeout):
            message = f"Task {self.name or self.uuid} timed out after {timeout} seconds"
            raise WaitTimeout(message, timeout=float(timeout), pending=[self])

    def _is_final_state(self, status: object) -> bool:
        """Whether ``status`` (a ``TaskStatus``, the SDK's, or its string) is SUCCESS, FAILURE or ABORTED."""
        return self.phase_of(status).finished

    if TYPE_CHECKING:  # JobBase's, which every subclass also derives from

        @classmethod
        def phase_of(cls, status: object) -> JobPhase: ...

    # -- hooks for the polling engine --------------------------------------------------------------------------

    def _batch_key(self) -> object:
        return id(self.api)

    def _wait_clock(self) -> Clock:
        clock: Clock = self.api.clock
        return clock

    def _wait_policy(self) -> PollPolicy | None:
        policy: PollPolicy | None = self.api._poll_policy
        return policy

    def _label(self) -> str:
        return f"Task: {self.name or self.uuid}"

    def __repr__(self) -> str:
        status = self._peek_status()
        shown = status.value if status is not None else None
        return f"{type(self).__name__}(uuid={self.uuid!r}, name={self.name!r}, status={shown!r})"


def wait_tolerance(progress_bar: object, retry: object, max_poll_errors: object) -> int:
    """``wait``'s checks (before any request): the consecutive transient polling failures tolerated."""
    if not isinstance(progress_bar, bool):
        raise InvalidArgument("progress_bar", progress_bar, "True or False")
    if max_poll_errors is not None and retry != 3:
        raise InvalidArgument("max_poll_errors", max_poll_errors, "None when retry= is given")
    tolerated = retry if max_poll_errors is None else max_poll_errors
    return check_int("retry" if max_poll_errors is None else "max_poll_errors", tolerated, 0)


def vendor_timeout(timeout: Any) -> Any:
    """``wait``'s ``timeout`` as the SDK reads it: 0 (or 0.0) means no limit, like None (the core's 0 would time
    out at once); anything else is left for the core to check."""
    if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout == 0:
        return None
    return timeout


def tracks_progress(progress_bar: bool) -> bool:
    """Whether a wait asks the status endpoint for its bar: only with a bar that can show (tqdm installed)."""
    return progress_bar and _tqdm_installed()


# -- the verbs, as steps (both twins run these) ------------------------------------------------------------------


def refresh_steps(task: TaskState) -> Steps[None]:
    """Fetch the task again (``GET /v1/tasks/{uuid}/``); during a wait with a bar, its progress too."""
    ops: GeoboxOps = task.api._ops
    task._data = yield from ops.fetch_task(task.uuid)
    if task._track_progress and task._peek_status() == TaskStatus.PROGRESS:
        try:
            task._progress = yield from ops.fetch_progress(task.uuid)
        except (_APIError, TransportError, ResponseDecodeError) as exc:  # cosmetic: the bar keeps its value
            logger.debug("geobox: progress of task %s not updated: %s", task.uuid, exc)


def progress_steps(task: TaskState) -> Steps[int | None]:
    """Percent done, from ``GET /v1/tasks/{uuid}/status/``."""
    task._progress = yield from task.api._ops.fetch_progress(task.uuid)
    return task._progress


def output_asset_steps(task: TaskState) -> Steps[Asset | UnknownAsset | None]:
    """The asset ``data`` names: fetched (one request), an ``UnknownAsset`` (no request), or None."""
    picked = pick_asset(task._data.get("result"))
    if picked is None or isinstance(picked, UnknownAsset):
        return picked
    kind, uuid = picked
    asset: Asset = yield from task.api._ops.fetch_asset(kind, uuid)
    return asset


def abort_steps(task: TaskState) -> Steps[None]:
    """Abort (``POST /v1/tasks/{uuid}/abort/``): ``data`` becomes the task the server returns; a 409 (the task
    already finished) is no error, and the task is fetched again instead."""
    try:
        task._data = yield from task.api._ops.abort_task(task.uuid)
    except ConflictError as error:
        logger.debug("geobox: task %s already finished, nothing to abort: %s", task.uuid, error)
        try:
            yield from refresh_steps(task)
        except TaskFacadeError as stale:  # nothing was asked of the task; only our view of it is stale
            logger.debug("geobox: task %s not refreshed after the abort: %s", task.uuid, stale)


def refresh_many_steps(tasks: Sequence[TaskState]) -> Steps[None]:
    """Refresh several tasks of one client: all of one uuid as ``refresh`` does (one GET, and progress during a
    wait with a bar), several uuids with list requests (``GeoboxOps.fetch_tasks``), each body applied as it
    arrives."""
    by_uuid: dict[str, list[TaskState]] = {}
    for task in tasks:
        by_uuid.setdefault(task.uuid, []).append(task)
    if len(by_uuid) == 1:
        for task in tasks:
            yield from refresh_steps(task)
        return

    def apply(uuid: str, body: dict[str, Any]) -> None:
        for task in by_uuid.get(uuid, ()):
            task._data = body

    ops: GeoboxOps = tasks[0].api._ops
    yield from ops.fetch_tasks(list(by_uuid), apply)


class Task(TaskState, Job[TaskStatus | None]):
    """A Geobox task. ``status`` is the SDK's ``TaskStatus`` (None only if the server sent no ``state``).

    Args:
        api: the client it belongs to.
        uuid: the task's uuid.
        data: the task body, if already known (``get_task``/``get_tasks`` fill it).
    """

    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = STATUS_PHASES
    DEFAULT_INTERVAL: ClassVar[float] = 1.0
    BASE_ENDPOINT: ClassVar[str] = "tasks/"

    api: JobBackend

    def __init__(self, api: JobBackend, uuid: str, data: Mapping[str, Any] | None = None) -> None:
        self._setup(api, uuid, data)

    # -- the SDK's classmethods ----------------------------------------------------------------------------------

    @classmethod
    def get_task(cls, api: JobBackend, uuid: str) -> Task:
        """One task (same as ``api.get_task(uuid)``)."""
        cls._check_api(api)
        return api.get_task(uuid)

    @classmethod
    def get_tasks(cls, api: JobBackend, **kwargs: Any) -> list[Task] | int:
        """A page of tasks or their count (same as ``api.get_tasks(**kwargs)``; see there for the filters)."""
        cls._check_api(api)
        found: list[Task] | int = api.get_tasks(**kwargs)  # keyword arguments: no overload applies, so say it
        return found

    # -- status, progress, verbs ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the task again (``GET /v1/tasks/{uuid}/``); during a wait with a bar, its progress too."""
        self.api._run(refresh_steps(self))

    def refresh_data(self) -> None:
        """The SDK's name for ``refresh()``."""
        self.refresh()

    @property
    def status(self) -> TaskStatus | None:
        """The task's state, fetched now (one request, as the SDK's). ``phase`` and ``done`` do not refresh."""
        self.refresh()
        return self._peek_status()

    @property
    def progress(self) -> int | None:
        """Percent done, fetched now from ``GET /v1/tasks/{uuid}/status/`` (None when the server has no counts)."""
        return self.api._run(progress_steps(self))

    @property
    def output_asset(self) -> Asset | UnknownAsset | None:
        """What the task produced: a ``VectorLayer``, ``Raster``, ``Model``, ``File``, ``Tile3d`` or ``Table``
        (one request), an ``UnknownAsset`` for an asset kind this version does not know (no request), or None.

        Reads ``data`` as it is (call ``refresh()`` or ``wait()`` first for a task that was still running).
        """
        return self.api._run(output_asset_steps(self))

    def abort(self) -> None:
        """Abort the task (``POST /v1/tasks/{uuid}/abort/``); ``data`` becomes the task the server returns.

        Aborting a task that already finished is a no-op, as in the SDK: the server answers 409 for SUCCESS or
        FAILURE, which the SDK ignores (it raises only for 401, 403, 404, 422 and 500 and never reads the answer);
        here the task is fetched again instead, so ``data`` shows its final state.
        """
        self.api._run(abort_steps(self))

    def wait(
        self,
        timeout: float | None = None,
        interval: float | None = None,
        progress_bar: bool = True,
        retry: int = 3,
        *,
        max_poll_errors: int | None = None,
        cancel: Any = None,
        policy: Any = None,
    ) -> TaskStatus | None:
        """Poll until the task is finished; return its final status (SUCCESS, FAILURE or ABORTED).

        Args:
            timeout: one overall deadline in seconds (None or 0: no limit, as in the SDK); ``taskfacade.WaitTimeout``,
                which is a ``TimeoutError``, once it passes.
            interval: seconds between polls (default 1, as in the SDK, or the client's ``poll_policy`` when it
                has one).
            progress_bar: a tqdm bar when tqdm is installed (``pip install taskfacade[progress]``); nothing otherwise.
            retry: consecutive transient polling failures tolerated (network errors, 429, 5xx); 0 raises the
                first. Other errors are raised at once.
            max_poll_errors: the core's name for ``retry`` (give one or the other).
            cancel: a ``threading.Event`` (or anything with ``is_set()``) that stops the wait within one interval
                with ``taskfacade.WaitCancelled``.
            policy: a ``taskfacade.PollPolicy``, as ``taskfacade.Job.wait`` takes it.
        """
        tolerated = wait_tolerance(progress_bar, retry, max_poll_errors)
        self._track_progress = tracks_progress(progress_bar)
        try:
            return super().wait(
                vendor_timeout(timeout), interval, progress_bar, max_poll_errors=tolerated, cancel=cancel, policy=policy
            )
        finally:
            self._track_progress = False

    def _update_progress_bar(self, pbar: Any, last_progress: int, status: object = None) -> int:
        """Move a tqdm bar (or None) from ``last_progress`` to the task's progress and return the new value: 100 for
        SUCCESS, else ``progress`` (one request) when it went up; as the SDK's."""
        if not pbar:
            return last_progress
        if status is not None and self.phase_of(status) is JobPhase.SUCCEEDED:
            pbar.update(100 - last_progress)
            return 100
        current = self.progress
        if current is not None and current > last_progress:
            pbar.update(current - last_progress)
            return current
        return last_progress

    # -- hooks for the polling engine --------------------------------------------------------------------------

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        tasks = [job for job in jobs if isinstance(job, Task)]
        if tasks:
            tasks[0].api._run(refresh_many_steps(tasks))
        for job in jobs:
            if not isinstance(job, Task):
                job.refresh()


#: The name the Job hierarchy uses (``taskfacade.Job`` -> ``GeoboxTask``).
GeoboxTask = Task
