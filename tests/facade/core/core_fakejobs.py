"""An in-memory job service on a ManualClock, and Job subclasses over it (one-by-one and batched refresh)."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any, ClassVar

import anyio
import attrs
import taskfacade
from taskfacade import Clock, Job, JobPhase, ManualClock
from taskfacade._timelimit import remaining_in_scope
from taskfacade.aio import AsyncJob


class FakeStatus(enum.StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    ERROR = "ERROR"
    STOPPED = "STOPPED"
    PAUSED = "PAUSED"


@attrs.define
class Timeline:
    """A job that is QUEUED until ``start``, RUNNING until ``end``, then ``final``; or a scripted status list."""

    start: float
    end: float
    final: str = "DONE"
    script: list[str] | None = None


class FakeService:
    """Answers status queries from timelines on its clock; counts calls; can fail on demand."""

    BATCH = 100

    def __init__(self, clock: ManualClock | None = None) -> None:
        self.clock = clock or ManualClock()
        self.t0 = self.clock.monotonic()
        self.jobs: dict[str, Timeline] = {}
        self.calls: list[tuple[str, float, int]] = []  # (kind, time since t0, job count)
        self.failures: list[Exception | None] = []  # popped one per call; None = that call succeeds
        self.scope_seen: list[float | None] = []
        self.gone: dict[str, Exception] = {}  # job id -> the error every query of it raises (a deleted job)

    def add(self, job_id: str, start: float, end: float, final: str = "DONE") -> None:
        self.jobs[job_id] = Timeline(start, end, final)

    def script(self, job_id: str, *statuses: str) -> None:
        self.jobs[job_id] = Timeline(0, 0, script=list(statuses))

    def now(self) -> float:
        return self.clock.monotonic() - self.t0

    def _status(self, job_id: str) -> str:
        if job_id in self.gone:
            raise self.gone[job_id]
        line = self.jobs[job_id]
        if line.script is not None:
            return line.script.pop(0) if len(line.script) > 1 else line.script[0]
        t = self.now()
        return "QUEUED" if t < line.start else "RUNNING" if t < line.end else line.final

    def _call(self, kind: str, count: int) -> None:
        self.calls.append((kind, self.now(), count))
        self.scope_seen.append(remaining_in_scope())
        failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            raise failure

    def get(self, job_id: str) -> str:
        self._call("get", 1)
        return self._status(job_id)

    def batch_get(self, job_ids: Sequence[str]) -> dict[str, str]:
        assert len(job_ids) <= self.BATCH
        self._call("batch", len(job_ids))
        return {j: self._status(j) for j in job_ids}


class FakeJob(Job[str]):
    """Refreshed one request per job (the default ``_refresh_many``)."""

    STATUS_PHASES: ClassVar[dict[Any, JobPhase]] = {
        FakeStatus.QUEUED: JobPhase.PENDING,
        FakeStatus.RUNNING: JobPhase.RUNNING,
        FakeStatus.DONE: JobPhase.SUCCEEDED,
        FakeStatus.ERROR: JobPhase.FAILED,
        FakeStatus.STOPPED: JobPhase.CANCELED,
        FakeStatus.PAUSED: JobPhase.SUSPENDED,
    }

    def __init__(self, service: FakeService, job_id: str, status: str = "QUEUED") -> None:
        self.service = service
        self.job_id = job_id
        self._status = status

    def _peek_status(self) -> str:
        return self._status

    def refresh(self) -> None:
        self._status = self.service.get(self.job_id)

    def _wait_clock(self) -> Clock:
        return self.service.clock

    def _label(self) -> str:
        return f"FakeJob {self.job_id}"


class BatchJob(FakeJob):
    """Refreshed in batches of up to 100 per service (like Deadline BatchGetTask)."""

    def _batch_key(self) -> object:
        return id(self.service)

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        mine = [j for j in jobs if isinstance(j, BatchJob)]
        for i in range(0, len(mine), FakeService.BATCH):
            chunk = mine[i : i + FakeService.BATCH]
            statuses = chunk[0].service.batch_get([j.job_id for j in chunk])
            for job in chunk:
                job._status = statuses[job.job_id]


class BatchJobVariant(BatchJob):
    """A subclass: batches together with BatchJob (the hook is inherited)."""


class RefreshingStatusJob(FakeJob):
    """Like Geobox's Task: reading ``status`` makes a request. The core must not use it."""

    @property
    def status(self) -> str:
        self.refresh()
        return self._status


# -- the async twins of the jobs above, and the two twins side by side ---------------------------------------------


class AsyncFakeJob(AsyncJob[str]):
    """``FakeJob``'s async twin: one (awaited) request per job."""

    STATUS_PHASES = FakeJob.STATUS_PHASES

    def __init__(self, service: FakeService, job_id: str, status: str = "QUEUED") -> None:
        self.service = service
        self.job_id = job_id
        self._status = status

    def _peek_status(self) -> str:
        return self._status

    async def refresh(self) -> None:
        await anyio.sleep(0)  # a real await point, as a request would have (asyncio or trio)
        self._status = self.service.get(self.job_id)

    def _wait_clock(self) -> Clock:
        return self.service.clock

    def _label(self) -> str:
        return f"AsyncFakeJob {self.job_id}"


class AsyncBatchJob(AsyncFakeJob):
    """``BatchJob``'s async twin: batches of up to 100 per service."""

    def _batch_key(self) -> object:
        return id(self.service)

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        mine = [j for j in jobs if isinstance(j, AsyncBatchJob)]
        for i in range(0, len(mine), FakeService.BATCH):
            chunk = mine[i : i + FakeService.BATCH]
            await anyio.sleep(0)
            statuses = chunk[0].service.batch_get([j.job_id for j in chunk])
            for job in chunk:
                job._status = statuses[job.job_id]


class AsyncBatchJobVariant(AsyncBatchJob):
    """A subclass: batches together with AsyncBatchJob (the hook is inherited)."""


def _blocking(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A coroutine function called like a plain one (a fresh event loop per call)."""
    return lambda *args, **kwargs: asyncio.run(fn(*args, **kwargs))


def _blocking_iter(fn: Callable[..., AsyncIterator[Any]]) -> Callable[..., Iterator[Any]]:
    """An async iterator consumed like a plain one: each ``next`` runs the loop until the next item."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        iterator = fn(*args, **kwargs)  # arguments are checked here, at the call

        def items() -> Iterator[Any]:
            loop = asyncio.new_event_loop()
            try:
                while True:
                    try:
                        yield loop.run_until_complete(iterator.__anext__())
                    except StopAsyncIteration:
                        return
            finally:
                closer = getattr(iterator, "aclose", None)
                if closer is not None:
                    loop.run_until_complete(closer())
                loop.close()

        return items()

    return wrapper


@attrs.frozen
class Twin:
    """One twin of the facade, as a behaviour test sees it: its job kinds and its two ways to wait."""

    name: str
    FakeJob: Callable[..., Any]
    BatchJob: Callable[..., Any]
    BatchJobVariant: Callable[..., Any]
    wait_all: Callable[..., list[Any]]
    as_completed: Callable[..., Iterator[Any]]
    refresh_all: Callable[..., Any]


TWINS = [
    Twin(
        "sync", FakeJob, BatchJob, BatchJobVariant, taskfacade.wait_all, taskfacade.as_completed, taskfacade.refresh_all
    ),
    Twin(
        "async",
        AsyncFakeJob,
        AsyncBatchJob,
        AsyncBatchJobVariant,
        _blocking(taskfacade.aio.wait_all),
        _blocking_iter(taskfacade.aio.as_completed),
        _blocking(taskfacade.aio.refresh_all),
    ),
]
