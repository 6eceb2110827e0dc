"""``AsyncTask``: the vendor's ``geobox.aio.task.AsyncTask``, and a ``taskfacade.aio.AsyncJob``.

The vendor's names and semantics: ``AsyncTask(api, uuid, data={})``, ``await AsyncTask.get_task(api, uuid)``,
``await AsyncTask.get_tasks(api, **filters)``, ``await task.refresh_data()``, ``await task.status`` (refreshes),
``await task.progress``, ``await task.output_asset``, ``await task.wait(timeout=None, interval=1,
progress_bar=True, retry=3)``, ``await task.abort()``, and ``data``, ``errors`` and the data keys as attributes
without a request. ``status``, ``progress`` and ``output_asset`` are properties to await, as the vendor's; each
may also be called (``await task.status()``), and reading one without awaiting it sends nothing.

Everything ``Task`` fixes is fixed here the same way, because both run the same steps (``taskfacade.geobox._task``)
and read the same ``TaskState``: ``wait``'s ``timeout`` is one overall deadline (the vendor restarts it for each of
its ``retry`` attempts and sleeps with ``time.sleep`` between them, blocking the loop), ``retry`` counts only
transient polling failures, errors are typed (``NotFoundError`` ... also ``taskfacade.NotFound``), unknown states
never end a wait, and ``taskfacade.aio.wait_all`` polls many tasks with one list request per ~75 of them.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Generator, Mapping, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from taskfacade._clock import Clock
from taskfacade._job import AsyncJob, JobPhase
from taskfacade._pollpolicy import PollPolicy
from taskfacade._steps import Steps

from .._assets import Asset, UnknownAsset
from .._enums import TaskStatus
from .._ops import GeoboxOps
from .._task import (
    STATUS_PHASES,
    TaskState,
    abort_steps,
    output_asset_steps,
    progress_steps,
    refresh_many_steps,
    refresh_steps,
    tracks_progress,
    vendor_timeout,
    wait_tolerance,
)

__all__ = ["AsyncJobBackend", "AsyncTask", "Deferred"]

T = TypeVar("T")


class Deferred(Generic[T]):
    """An awaitable that starts its coroutine only when awaited (or called): ``await task.status`` and
    ``await task.status()`` both work, and a property read that is never awaited leaves no coroutine behind."""

    __slots__ = ("_start",)

    def __init__(self, start: Callable[[], Coroutine[Any, Any, T]]) -> None:
        self._start = start

    def __await__(self) -> Generator[Any, None, T]:
        return self._start().__await__()

    def __call__(self) -> Coroutine[Any, Any, T]:
        return self._start()


class AsyncJobBackend(Protocol):
    """What an ``AsyncTask`` needs from its client: ``JobBackend`` (``taskfacade.geobox._task``) with awaitables.
    ``AsyncGeoboxClient`` implements it; this module never imports the client."""

    @property
    def clock(self) -> Clock:
        """The clock retries and waits run on."""

    @property
    def _poll_policy(self) -> PollPolicy | None:
        """The client's ``poll_policy``: how a task's ``wait()`` polls by default."""

    @property
    def _ops(self) -> GeoboxOps:
        """The client's requests, as steps."""

    async def _arun(self, steps: Steps[T]) -> T:
        """Run steps on the client's async transport."""

    async def get_task(self, uuid: str) -> AsyncTask:
        """One task (the vendor's ``api.get_task``)."""

    async def get_tasks(
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
    ) -> list[AsyncTask] | int:
        """A page of tasks or their count (the vendor's ``api.get_tasks``)."""


class AsyncTask(TaskState, AsyncJob[TaskStatus | None]):
    """A Geobox task, awaited. ``status`` is the SDK's ``TaskStatus`` (None only if the server sent no ``state``).

    Args:
        api: the ``AsyncGeoboxClient`` it belongs to.
        uuid: the task's uuid.
        data: the task body, if already known (``get_task``/``get_tasks`` fill it).
    """

    STATUS_PHASES: ClassVar[Mapping[Any, JobPhase]] = STATUS_PHASES
    RUNNER: ClassVar[str] = "_arun"
    API_NAME: ClassVar[str] = "a taskfacade.geobox.aio.AsyncGeoboxClient"

    api: AsyncJobBackend

    def __init__(self, api: AsyncJobBackend, uuid: str, data: Mapping[str, Any] | None = None) -> None:
        self._setup(api, uuid, data)

    # -- the vendor's classmethods -------------------------------------------------------------------------------

    @classmethod
    async def get_task(cls, api: AsyncJobBackend, uuid: str) -> AsyncTask:
        """One task (same as ``await api.get_task(uuid)``)."""
        cls._check_api(api)
        return await api.get_task(uuid)

    @classmethod
    async def get_tasks(cls, api: AsyncJobBackend, **kwargs: Any) -> list[AsyncTask] | int:
        """A page of tasks or their count (same as ``await api.get_tasks(**kwargs)``)."""
        cls._check_api(api)
        found: list[AsyncTask] | int = await api.get_tasks(**kwargs)  # keyword arguments: say which overload
        return found

    # -- status, progress, verbs ----------------------------------------------------------------------------------

    async def refresh(self) -> None:
        """Fetch the task again (``GET /v1/tasks/{uuid}/``); during a wait with a bar, its progress too."""
        await self.api._arun(refresh_steps(self))

    async def refresh_data(self) -> None:
        """The vendor's name for ``refresh()``."""
        await self.refresh()

    async def _status(self) -> TaskStatus | None:
        await self.refresh()
        return self._peek_status()

    @property
    def status(self) -> Deferred[TaskStatus | None]:  # type: ignore[override]  # the vendor's: awaited, refreshes
        """``await task.status``: the task's state, fetched now (one request, as the vendor's). ``phase`` and
        ``done`` do not refresh."""
        return Deferred(self._status)

    @property
    def progress(self) -> Deferred[int | None]:  # type: ignore[override]  # the vendor's: awaited
        """``await task.progress``: percent done, fetched now from ``GET /v1/tasks/{uuid}/status/`` (None when the
        server has no counts)."""
        return Deferred(lambda: self.api._arun(progress_steps(self)))

    @property
    def output_asset(self) -> Deferred[Asset | UnknownAsset | None]:
        """``await task.output_asset``: what the task produced (see ``Task.output_asset``; one request, or none for
        an ``UnknownAsset`` or a task without a result). The asset objects are the sync package's (plain data)."""
        return Deferred(lambda: self.api._arun(output_asset_steps(self)))

    async def abort(self) -> None:
        """Abort the task (``POST /v1/tasks/{uuid}/abort/``); ``data`` becomes the task the server returns. A task
        that already finished is left alone (no error), and fetched again."""
        await self.api._arun(abort_steps(self))

    async def wait(
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

        Arguments as ``Task.wait``: ``timeout`` is one overall deadline (``taskfacade.WaitTimeout``, a
        ``TimeoutError``; None or 0: no limit, as in the SDK), ``interval`` 1 second unless the client has a
        ``poll_policy``, ``retry`` the consecutive transient polling failures tolerated. Cancelling the awaiting
        task stops the polling at once.
        """
        tolerated = wait_tolerance(progress_bar, retry, max_poll_errors)
        self._track_progress = tracks_progress(progress_bar)
        try:
            return await super().wait(
                vendor_timeout(timeout), interval, progress_bar, max_poll_errors=tolerated, cancel=cancel, policy=policy
            )
        finally:
            self._track_progress = False

    # -- hooks for the polling engine --------------------------------------------------------------------------

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        tasks = [job for job in jobs if isinstance(job, AsyncTask)]
        if tasks:
            await tasks[0].api._arun(refresh_many_steps(tasks))
        for job in jobs:
            if not isinstance(job, AsyncTask):
                await job.refresh()
