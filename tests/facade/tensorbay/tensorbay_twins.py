"""The two twins of ``taskfacade.tensorbay`` as one behaviour suite sees them (the ``twin`` fixture).

``SyncTwin`` is the sync facade as it is. ``AsyncTwin`` is ``taskfacade.tensorbay.aio`` driven from sync test code:
its objects are wrapped in ``Blocking``, which runs each coroutine on an event loop in a thread of its own
(``tests/support/twins.EventLoopThread``) and hands back the result, wrapped again when it is an async object. So a
test written against the sync surface (``dataset.squash_and_merge.get_job(id)``, ``job.update()``,
``for job in listing``, ``len(listing)``, ``job.result``) drives the async twin unchanged; only what differs by
design is asked of the twin (its classes, ``wait_all``/``as_completed``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import taskfacade
import taskfacade.aio
from support.twins import EventLoopThread
from taskfacade import tensorbay
from taskfacade.tensorbay import aio

#: Coroutines in the async twin that are properties in sync (they may make a request there).
AWAITED_PROPERTIES = frozenset({"result"})
#: The async twin's objects that ``Blocking`` wraps.
WRAPPED = (aio.GAS, aio.DatasetClientBase, aio.SquashAndMerge, aio.BasicSearch, aio.TensorBayJob, aio.AsyncPager)


class Blocking:
    """An async object of ``taskfacade.tensorbay.aio`` with the sync calling convention (see the module doc)."""

    def __init__(self, target: Any, loop: EventLoopThread) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_loop", loop)

    def _wrap(self, value: Any) -> Any:
        return Blocking(value, self._loop) if isinstance(value, WRAPPED) else value

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if inspect.iscoroutinefunction(value):
            if name in AWAITED_PROPERTIES:
                return self._wrap(self._loop.run(value))

            def call(*args: Any, **kwargs: Any) -> Any:
                return self._wrap(self._loop.run(lambda: value(*args, **kwargs)))

            return call
        if inspect.isasyncgenfunction(value):
            return lambda *args, **kwargs: iter(self._collect(value(*args, **kwargs)))
        if inspect.ismethod(value):
            return lambda *args, **kwargs: self._wrap(value(*args, **kwargs))
        return self._wrap(value)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)

    def _collect(self, iterable: Any) -> list[Any]:
        async def collect() -> list[Any]:
            return [item async for item in iterable]

        return [self._wrap(item) for item in self._loop.run(collect)]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._collect(self._target))

    def __len__(self) -> int:
        count: int = self._loop.run(self._target.count)
        return count

    def __enter__(self) -> Blocking:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._loop.run(self._target.aclose)

    def close(self) -> None:
        self._loop.run(self._target.aclose)

    def __repr__(self) -> str:
        return repr(self._target)

    def __eq__(self, other: object) -> bool:
        return bool(self._target == (other._target if isinstance(other, Blocking) else other))

    def __hash__(self) -> int:
        return hash(self._target)


class SyncTwin:
    """The sync facade."""

    name = "sync"
    GAS = tensorbay.GAS
    Client = tensorbay.Client
    DatasetClient = tensorbay.DatasetClient
    FusionDatasetClient = tensorbay.FusionDatasetClient
    TensorBayJob = tensorbay.TensorBayJob
    SquashAndMergeJob = tensorbay.SquashAndMergeJob
    BasicSearchJob = tensorbay.BasicSearchJob
    Job = taskfacade.Job

    def gas(self, *args: Any, **kwargs: Any) -> Any:
        return tensorbay.GAS(*args, **kwargs)

    def dataset(self, name: str, dataset_id: str, client: Any, status: tensorbay.Status) -> Any:
        return tensorbay.DatasetClient(name, dataset_id, client, status=status)

    def mock_client(self, handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> Any:
        return tensorbay.Client("ACCESSKEY-emulator", "https://gas.example.com",
                                httpx_transport=httpx.MockTransport(handler), **kwargs)  # fmt: skip

    def unwrap(self, obj: Any) -> Any:
        return obj

    def close_client(self, client: Any) -> None:
        client.close()

    def wait_all(self, jobs: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
        return taskfacade.wait_all(jobs, *args, **kwargs)

    def as_completed(self, jobs: list[Any], *args: Any, **kwargs: Any) -> Iterator[Any]:
        return taskfacade.as_completed(jobs, *args, **kwargs)

    def close(self) -> None:
        pass


class AsyncTwin:
    """``taskfacade.tensorbay.aio``, driven through ``Blocking``."""

    name = "async"
    GAS = aio.GAS
    Client = aio.AsyncClient
    DatasetClient = aio.DatasetClient
    FusionDatasetClient = aio.FusionDatasetClient
    TensorBayJob = aio.TensorBayJob
    SquashAndMergeJob = aio.SquashAndMergeJob
    BasicSearchJob = aio.BasicSearchJob
    Job = taskfacade.aio.AsyncJob

    def __init__(self) -> None:
        self.loop = EventLoopThread()

    def wrap(self, obj: Any) -> Any:
        return Blocking(obj, self.loop)

    def unwrap(self, obj: Any) -> Any:
        return obj._target if isinstance(obj, Blocking) else obj

    def gas(self, *args: Any, **kwargs: Any) -> Any:
        return self.wrap(aio.GAS(*args, **kwargs))

    def close_client(self, client: Any) -> None:
        self.loop.run(client.aclose)

    def dataset(self, name: str, dataset_id: str, client: Any, status: tensorbay.Status) -> Any:
        return self.wrap(aio.DatasetClient(name, dataset_id, client, status=status))

    def mock_client(self, handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> Any:
        return aio.AsyncClient("ACCESSKEY-emulator", "https://gas.example.com",
                               httpx_transport=httpx.MockTransport(handler), **kwargs)  # fmt: skip

    def wait_all(self, jobs: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
        unwrapped = [self.unwrap(job) for job in jobs]
        statuses: list[Any] = self.loop.run(lambda: taskfacade.aio.wait_all(unwrapped, *args, **kwargs))
        return statuses

    def as_completed(self, jobs: list[Any], *args: Any, **kwargs: Any) -> Iterator[Any]:
        """Each job as the async iterator yields it (one ``__anext__`` at a time, so the caller sees it then)."""
        iterator = taskfacade.aio.as_completed([self.unwrap(job) for job in jobs], *args, **kwargs)

        async def next_job() -> Any:
            return await iterator.__anext__()

        while True:
            try:
                job = self.loop.run(next_job)
            except StopAsyncIteration:
                return
            yield self.wrap(job)

    def close(self) -> None:
        self.loop.close()
