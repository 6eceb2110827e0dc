"""The Deadline client's two twins behind one synchronous calling convention, for twin-parametrized tests.

``SyncTwin`` is the sync facade as it is. ``AsyncTwin`` runs ``taskfacade.deadline.aio`` on an event loop in a
thread of its own (``tests/support/twins.py``) and shows it to the test the sync way: every coroutine method of
the client is called and waited for; paginators are read with ``async for``; waiters and jobs are awaited. So one
test body checks both twins: the same answers, the same exceptions, the same request counts.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import taskfacade
import taskfacade.aio
from deadline_support import KEY, SECRET
from taskfacade import deadline
from taskfacade.deadline import aio as deadline_aio
from taskfacade_emulator import Emulator

sys.path.insert(0, str(Path(__file__).parents[2] / "support"))
from twins import EventLoopThread

__all__ = ["AsyncTwin", "SyncTwin", "Twin"]


class SyncTwin:
    """The sync facade: the client, ``taskfacade.wait_all`` and ``as_completed``, jobs as they are."""

    name = "sync"
    is_async = False
    job_base: type[Any] = taskfacade.Job

    @staticmethod
    def unwrap(job: Any) -> Any:
        """The job object itself (the async twin's view hands out the ``AsyncJob`` it shows)."""
        return _inner(job)

    def __init__(self, emu: Emulator, clock: taskfacade.Clock) -> None:
        self.emu, self.clock = emu, clock

    def client(self, **kwargs: Any) -> Any:
        options: dict[str, Any] = {
            "endpoint_url": self.emu.base_url("deadline"),
            "aws_access_key_id": KEY,
            "aws_secret_access_key": SECRET,
            "environ": {},
            "clock": self.clock,
            **kwargs,
        }
        return deadline.client(**options)

    def wait_all(self, jobs: list[Any], **kwargs: Any) -> list[Any]:
        return taskfacade.wait_all(jobs, **kwargs)

    def as_completed(self, jobs: list[Any], **kwargs: Any) -> Iterator[Any]:
        return taskfacade.as_completed(jobs, **kwargs)

    def refresh_all(self, jobs: list[Any], **kwargs: Any) -> Any:
        return taskfacade.refresh_all(jobs, **kwargs)

    def close(self) -> None:
        pass


class AsyncTwin(SyncTwin):
    """``taskfacade.deadline.aio`` driven from sync test code."""

    name = "async"
    is_async = True
    job_base = taskfacade.aio.AsyncJob

    def __init__(self, emu: Emulator, clock: taskfacade.Clock) -> None:
        super().__init__(emu, clock)
        self.loop = EventLoopThread()

    def run(self, make: Callable[[], Any]) -> Any:
        return self.loop.run(make)

    def client(self, **kwargs: Any) -> Any:
        options: dict[str, Any] = {
            "endpoint_url": self.emu.base_url("deadline"),
            "aws_access_key_id": KEY,
            "aws_secret_access_key": SECRET,
            "environ": {},
            "clock": self.clock,
            **kwargs,
        }
        creator = deadline_aio.client(**options)
        return AsyncClientView(self.run(creator.create), self)

    def wait_all(self, jobs: list[Any], **kwargs: Any) -> list[Any]:
        inner = [_inner(job) for job in jobs]
        return self.run(lambda: taskfacade.aio.wait_all(inner, **kwargs))  # type: ignore[no-any-return]

    def refresh_all(self, jobs: list[Any], **kwargs: Any) -> Any:
        inner = [_inner(job) for job in jobs]
        return self.run(lambda: taskfacade.aio.refresh_all(inner, **kwargs))

    def as_completed(self, jobs: list[Any], **kwargs: Any) -> Iterator[Any]:
        views = {id(_inner(job)): job for job in jobs}
        for job in self.stream(lambda: taskfacade.aio.as_completed([_inner(j) for j in jobs], **kwargs)):
            yield views[id(job)]

    def stream(self, make: Callable[[], Any]) -> Iterator[Any]:
        """The items of an async iterator, each awaited on the loop when the test asks for it."""
        iterator = self.run(self._aiter(make))
        while True:
            try:
                yield self.run(iterator.__anext__)
            except StopAsyncIteration:
                return

    @staticmethod
    def _aiter(make: Callable[[], Any]) -> Callable[[], Any]:
        async def start() -> Any:
            return make().__aiter__()

        return start

    def close(self) -> None:
        self.loop.close()


def _inner(job: Any) -> Any:
    return job._job if isinstance(job, AsyncJobView) else job


class AsyncClientView:
    """An ``AsyncDeadlineClient`` called the sync way."""

    def __init__(self, client: deadline_aio.AsyncDeadlineClient, twin: AsyncTwin) -> None:
        object.__setattr__(self, "inner", client)
        object.__setattr__(self, "_twin", twin)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.inner, name, value)

    def __repr__(self) -> str:
        return repr(self.inner)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.inner, name)
        if inspect.iscoroutinefunction(value):

            def call(*args: Any, **kwargs: Any) -> Any:
                return self._twin.run(lambda: value(*args, **kwargs))

            return call
        return value

    def task(self, **ids: Any) -> AsyncJobView:
        return AsyncJobView(self._twin.run(lambda: self.inner.task(**ids)), self._twin)

    def job(self, **ids: Any) -> AsyncJobView:
        return AsyncJobView(self._twin.run(lambda: self.inner.job(**ids)), self._twin)

    def get_paginator(self, name: str) -> PaginatorView:
        return PaginatorView(self.inner.get_paginator(name), self._twin)

    def get_waiter(self, name: str) -> WaiterView:
        return WaiterView(self.inner.get_waiter(name), self._twin)

    def close(self) -> None:
        self._twin.run(self.inner.close)

    def __enter__(self) -> AsyncClientView:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class PaginatorView:
    def __init__(self, paginator: Any, twin: AsyncTwin) -> None:
        self._paginator, self._twin = paginator, twin

    def paginate(self, **kwargs: Any) -> PagesView:
        return PagesView(self._paginator.paginate(**kwargs), self._twin)


class PagesView:
    """An ``AsyncPageIterator`` read with ``async for`` (all its pages, then handed out)."""

    def __init__(self, pages: Any, twin: AsyncTwin) -> None:
        self.inner, self._twin = pages, twin

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._twin.stream(lambda: self.inner)

    def items(self) -> Iterator[Any]:
        return self._twin.stream(self.inner.items)

    def search(self, expression: str) -> Iterator[Any]:
        return self._twin.stream(lambda: self.inner.search(expression))

    def build_full_result(self) -> dict[str, Any]:
        return self._twin.run(self.inner.build_full_result)  # type: ignore[no-any-return]

    @property
    def resume_token(self) -> str | None:
        return self.inner.resume_token  # type: ignore[no-any-return]


class WaiterView:
    def __init__(self, waiter: Any, twin: AsyncTwin) -> None:
        self._waiter, self._twin = waiter, twin
        self.name = waiter.name

    def wait(self, **kwargs: Any) -> None:
        self._twin.run(lambda: self._waiter.wait(**kwargs))


class AsyncJobView:
    """An ``AsyncDeadlineTask``/``AsyncDeadlineJob`` called the sync way (its coroutines awaited)."""

    def __init__(self, job: Any, twin: AsyncTwin) -> None:
        self._job, self._twin = job, twin

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._job, name)
        if inspect.iscoroutinefunction(value):

            def call(*args: Any, **kwargs: Any) -> Any:
                return self._twin.run(lambda: value(*args, **kwargs))

            return call
        return value

    def __eq__(self, other: object) -> bool:
        return other is self or other is self._job

    def __hash__(self) -> int:
        return id(self._job)


Twin = SyncTwin | AsyncTwin
