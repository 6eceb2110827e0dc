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
"""

from __future__ import annotations

import datetime
import importlib.util
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, Protocol

from taskfacade._check import check_int
from taskfacade._clock import Clock
from taskfacade._errors import APIError as _APIError
from taskfacade._errors import InvalidArgument, ResponseDecodeError, TaskFacadeError, TransportError, WaitTimeout
from taskfacade._job import Job, JobPhase
from taskfacade._log import logger

from ._assets import Asset, AssetKind, UnknownAsset, pick_asset
from ._enums import TaskStatus
from ._errors import ConflictError
from ._values import check_uuid, data_value, parse_timestamp

__all__ = ["GeoboxTask", "JobBackend", "Task"]


class JobBackend(Protocol):
    """What a ``Task`` needs from its client (its ``api``): fetch one, fetch many, abort, and the SDK's entry
    points its classmethods forward to. ``GeoboxClient`` implements it and imports this module to build tasks;
    this module never imports the client.
    """

    @property
    def clock(self) -> Clock:
        """The clock retries and waits run on."""

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

    def _fetch_task(self, uuid: str) -> dict[str, Any]:
        """The task body (``GET /v1/tasks/{uuid}/``)."""

    def _fetch_tasks(self, uuids: Sequence[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Several tasks' bodies as they arrive (list requests where the server allows, else one GET each)."""

    def _abort_task(self, uuid: str) -> dict[str, Any]:
        """Abort the task; the task body the server returns."""

    def _fetch_progress(self, uuid: str) -> int | None:
        """Percent done from the status endpoint, or None."""

    def _fetch_asset(self, kind: AssetKind, uuid: str) -> Asset:
        """The asset a finished task produced."""


def _check_api(api: object) -> None:
    if not callable(getattr(api, "_fetch_tasks", None)):  # a JobBackend (not isinstance: cheaper)
        raise InvalidArgument("api", type(api).__name__, "a taskfacade.geobox.GeoboxClient")


def _tqdm_installed() -> bool:
    return importlib.util.find_spec("tqdm") is not None


class Task(Job[TaskStatus | None]):
    """A Geobox task. ``status`` is the SDK's ``TaskStatus`` (None only if the server sent no ``state``).

    Args:
        api: the client it belongs to.
        uuid: the task's uuid.
        data: the task body, if already known (``get_task``/``get_tasks`` fill it).
    """

    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = {
        TaskStatus.PENDING: JobPhase.PENDING,
        TaskStatus.PROGRESS: JobPhase.RUNNING,
        TaskStatus.SUCCESS: JobPhase.SUCCEEDED,
        TaskStatus.FAILURE: JobPhase.FAILED,
        TaskStatus.ABORTED: JobPhase.CANCELED,
    }
    DEFAULT_INTERVAL: ClassVar[float] = 1.0
    BASE_ENDPOINT: ClassVar[str] = "tasks/"

    def __init__(self, api: JobBackend, uuid: str, data: Mapping[str, Any] | None = None) -> None:
        _check_api(api)
        self.api = api
        self.uuid = check_uuid(uuid)
        self._data: dict[str, Any] = self._checked_data(data)
        self._progress: int | None = None
        self._track_progress = False

    # -- the SDK's classmethods ----------------------------------------------------------------------------------

    @classmethod
    def get_task(cls, api: JobBackend, uuid: str) -> Task:
        """One task (same as ``api.get_task(uuid)``)."""
        _check_api(api)
        return api.get_task(uuid)

    @classmethod
    def get_tasks(cls, api: JobBackend, **kwargs: Any) -> list[Task] | int:
        """A page of tasks or their count (same as ``api.get_tasks(**kwargs)``; see there for the filters)."""
        _check_api(api)
        found: list[Task] | int = api.get_tasks(**kwargs)  # keyword arguments: no overload applies, so say it
        return found

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

    # -- status, errors, progress -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the task again (``GET /v1/tasks/{uuid}/``); during a wait with a bar, its progress too."""
        self._data = self.api._fetch_task(self.uuid)
        if self._track_progress and self._peek_status() == TaskStatus.PROGRESS:
            try:
                self._progress = self.api._fetch_progress(self.uuid)
            except (_APIError, TransportError, ResponseDecodeError) as exc:  # cosmetic: the bar keeps its value
                logger.debug("geobox: progress of task %s not updated: %s", self.uuid, exc)

    def refresh_data(self) -> None:
        """The SDK's name for ``refresh()``."""
        self.refresh()

    def _peek_status(self) -> TaskStatus | None:
        state = self._data.get("state")
        return TaskStatus(state) if isinstance(state, str) else None

    @property
    def status(self) -> TaskStatus | None:
        """The task's state, fetched now (one request, as the SDK's). ``phase`` and ``done`` do not refresh."""
        self.refresh()
        return self._peek_status()

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

    @property
    def progress(self) -> int | None:
        """Percent done, fetched now from ``GET /v1/tasks/{uuid}/status/`` (None when the server has no counts)."""
        self._progress = self.api._fetch_progress(self.uuid)
        return self._progress

    def _peek_progress(self) -> float | None:
        if self._peek_status() == TaskStatus.SUCCESS:
            return 100.0
        return None if self._progress is None else float(self._progress)

    # -- verbs ----------------------------------------------------------------------------------------------------

    @property
    def output_asset(self) -> Asset | UnknownAsset | None:
        """What the task produced: a ``VectorLayer``, ``Raster``, ``Model``, ``File``, ``Tile3d`` or ``Table``
        (one request), an ``UnknownAsset`` for an asset kind this version does not know (no request), or None.

        Reads ``data`` as it is (call ``refresh()`` or ``wait()`` first for a task that was still running).
        """
        picked = pick_asset(self._data.get("result"))
        if picked is None or isinstance(picked, UnknownAsset):
            return picked
        kind, uuid = picked
        return self.api._fetch_asset(kind, uuid)

    def abort(self) -> None:
        """Abort the task (``POST /v1/tasks/{uuid}/abort/``); ``data`` becomes the task the server returns.

        Aborting a task that already finished is a no-op, as in the SDK: the server answers 409 for SUCCESS or
        FAILURE, which the SDK ignores (it raises only for 401, 403, 404, 422 and 500 and never reads the answer);
        here the task is fetched again instead, so ``data`` shows its final state.
        """
        try:
            self._data = self.api._abort_task(self.uuid)
        except ConflictError as error:
            logger.debug("geobox: task %s already finished, nothing to abort: %s", self.uuid, error)
            try:
                self.refresh()
            except TaskFacadeError as stale:  # nothing was asked of the task; only our view of it is stale
                logger.debug("geobox: task %s not refreshed after the abort: %s", self.uuid, stale)

    def wait(
        self,
        timeout: float | None = None,
        interval: float | None = 1,
        progress_bar: bool = True,
        retry: int = 3,
        *,
        max_poll_errors: int | None = None,
    ) -> TaskStatus | None:
        """Poll until the task is finished; return its final status (SUCCESS, FAILURE or ABORTED).

        Args:
            timeout: one overall deadline in seconds (None: no limit); ``taskfacade.WaitTimeout``, which is a
                ``TimeoutError``, once it passes.
            interval: seconds between polls.
            progress_bar: a tqdm bar when tqdm is installed (``pip install taskfacade[progress]``); nothing otherwise.
            retry: consecutive transient polling failures tolerated (network errors, 429, 5xx); 0 raises the
                first. Other errors are raised at once.
            max_poll_errors: the core's name for ``retry`` (give one or the other).
        """
        if not isinstance(progress_bar, bool):
            raise InvalidArgument("progress_bar", progress_bar, "True or False")
        if max_poll_errors is not None and retry != 3:
            raise InvalidArgument("max_poll_errors", max_poll_errors, "None when retry= is given")
        tolerated = retry if max_poll_errors is None else max_poll_errors
        check_int("retry" if max_poll_errors is None else "max_poll_errors", tolerated, 0)
        self._track_progress = progress_bar and _tqdm_installed()
        try:
            return super().wait(timeout, interval, progress_bar, max_poll_errors=tolerated)
        finally:
            self._track_progress = False

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

    def _batch_key(self) -> object:
        return id(self.api)

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        tasks = [job for job in jobs if isinstance(job, Task)]
        if tasks:
            _refresh_tasks(tasks[0].api, tasks)
        for job in jobs:
            if not isinstance(job, Task):
                job.refresh()

    def _wait_clock(self) -> Clock:
        return self.api.clock

    def _label(self) -> str:
        return f"Task: {self.name or self.uuid}"

    def __repr__(self) -> str:
        status = self._peek_status()
        shown = status.value if status is not None else None
        return f"Task(uuid={self.uuid!r}, name={self.name!r}, status={shown!r})"


def _refresh_tasks(api: JobBackend, tasks: Sequence[Task]) -> None:
    """Refresh several tasks of one client: all of one uuid with ``refresh()`` (one GET, and progress during a
    wait with a bar), several uuids with ``api._fetch_tasks`` (list requests), each body applied as it arrives."""
    by_uuid: dict[str, list[Task]] = {}
    for task in tasks:
        by_uuid.setdefault(task.uuid, []).append(task)
    if len(by_uuid) == 1:
        for task in tasks:
            task.refresh()
        return
    for uuid, body in api._fetch_tasks(list(by_uuid)):
        for task in by_uuid.get(uuid, ()):
            task._data = body


#: The name the Job hierarchy uses (``taskfacade.Job`` -> ``GeoboxTask``).
GeoboxTask = Task
