"""The TileDB facade's two twins behind one calling convention, for behaviour tests parametrized over both.

``SyncTwin`` calls ``taskfacade.tiledb`` directly; ``AsyncTwin`` calls ``taskfacade.tiledb.aio`` on an event loop
in a thread of its own (``tests/support/twins.py``) and hands back plain values: pagers come back as lists of
items or pages, tasks as the twin's own task objects (``TileDBTask`` or ``AsyncTileDBTask``), so one test body
checks both.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import taskfacade
import taskfacade.aio
from support.twins import EventLoopThread
from taskfacade.tiledb import Client, aio, tasks
from taskfacade.tiledb import client as tdb
from taskfacade_emulator import Emulator
from tiledb_helpers import TOKEN, WORKSPACE, EmuClock, make_client


class SyncTwin:
    """The sync facade."""

    name = "sync"

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.clients: list[Any] = []

    def client(self, **kwargs: Any) -> Any:
        made = make_client(self.emu, **kwargs)
        self.clients.append(made)
        return made

    def close(self) -> None:
        for made in self.clients:
            made.close()

    def run(self, fn: Callable[[], Any]) -> Any:
        return fn()

    # tasks
    def task(self, *args: Any, **kwargs: Any) -> Any:
        return tasks.task(*args, **kwargs)

    def fetch_tasks(self, **kwargs: Any) -> list[Any]:
        return list(tasks.fetch_tasks(**kwargs))

    def pages(self, **kwargs: Any) -> list[Any]:
        return list(tasks.fetch_tasks(**kwargs).pages())

    def first_page(self, **kwargs: Any) -> Any:
        """(response, array_tasks, pagination_metadata) of the first page asked for."""
        pager = tasks.fetch_tasks(**kwargs)
        return pager.response, pager.array_tasks, pager.pagination_metadata

    def check_fetch_tasks(self, **kwargs: Any) -> None:
        tasks.fetch_tasks(**kwargs)

    def last_sql_task(self, **kwargs: Any) -> Any:
        return tasks.last_sql_task(**kwargs)

    def last_udf_task(self, **kwargs: Any) -> Any:
        return tasks.last_udf_task(**kwargs)

    def fetch_results(self, *args: Any, **kwargs: Any) -> Any:
        return tasks.fetch_results(*args, **kwargs)

    def task_results(self, task: Any, **kwargs: Any) -> Any:
        return task.fetch_results(**kwargs)

    def refresh(self, task: Any) -> None:
        task.refresh()

    def wait(self, task: Any, **kwargs: Any) -> Any:
        return task.wait(**kwargs)

    def wait_all(self, jobs: list[Any], **kwargs: Any) -> Any:
        return taskfacade.wait_all(jobs, **kwargs)

    def as_completed(self, jobs: list[Any], **kwargs: Any) -> list[Any]:
        return list(taskfacade.as_completed(jobs, **kwargs))

    # client
    def user_profile(self, **kwargs: Any) -> Any:
        return tdb.user_profile(**kwargs)

    def organizations(self, **kwargs: Any) -> Any:
        return tdb.organizations(**kwargs)

    def organization(self, *args: Any, **kwargs: Any) -> Any:
        return tdb.organization(*args, **kwargs)

    def default_charged_namespace(self, *args: Any, **kwargs: Any) -> Any:
        return tdb.default_charged_namespace(*args, **kwargs)

    def browse(self, name: str, *args: Any, **kwargs: Any) -> list[Any]:
        return list(getattr(tdb, name)(*args, **kwargs))

    def workspace(self, client: Any) -> str:
        return str(client.workspace)

    def login(self, **kwargs: Any) -> Any:
        made = tdb.login(**kwargs)
        self.clients.append(made)
        return made

    def default_client(self) -> Any:
        return tdb.default_client()


class AsyncTwin(SyncTwin):
    """``taskfacade.tiledb.aio``, run on an event loop thread."""

    name = "async"

    def __init__(self, emu: Emulator) -> None:
        super().__init__(emu)
        self.loop = EventLoopThread()

    def client(self, **kwargs: Any) -> Any:
        options: dict[str, Any] = {"host": self.emu.base_url("tiledb"), "token": TOKEN, "workspace": WORKSPACE}
        options.setdefault("clock", EmuClock(self.emu))
        options.update(kwargs)
        made = aio.AsyncClient(**options)
        self.clients.append(made)
        return made

    def _close_clients(self) -> None:
        for made in self.clients:
            self.loop.run(made.aclose)
        self.loop.close()

    def run(self, fn: Callable[[], Any]) -> Any:
        async def go() -> Any:
            return await fn()

        return self.loop.run(go)

    def _do(self, make: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
        return self.loop.run(make)

    def task(self, *args: Any, **kwargs: Any) -> Any:
        return self._do(lambda: aio.tasks.task(*args, **kwargs))

    def fetch_tasks(self, **kwargs: Any) -> list[Any]:
        async def go() -> list[Any]:
            return [t async for t in aio.tasks.fetch_tasks(**kwargs)]

        return self._do(go)

    def pages(self, **kwargs: Any) -> list[Any]:
        async def go() -> list[Any]:
            return [p async for p in aio.tasks.fetch_tasks(**kwargs).pages()]

        return self._do(go)

    def first_page(self, **kwargs: Any) -> Any:
        async def go() -> Any:
            pager = await aio.tasks.fetch_tasks(**kwargs)
            return pager.response, pager.array_tasks, pager.pagination_metadata

        return self._do(go)

    def check_fetch_tasks(self, **kwargs: Any) -> None:
        aio.tasks.fetch_tasks(**kwargs)

    def last_sql_task(self, **kwargs: Any) -> Any:
        return self._do(lambda: aio.tasks.last_sql_task(**kwargs))

    def last_udf_task(self, **kwargs: Any) -> Any:
        return self._do(lambda: aio.tasks.last_udf_task(**kwargs))

    def fetch_results(self, *args: Any, **kwargs: Any) -> Any:
        return self._do(lambda: aio.tasks.fetch_results(*args, **kwargs))

    def task_results(self, task: Any, **kwargs: Any) -> Any:
        return self._do(lambda: task.fetch_results(**kwargs))

    def refresh(self, task: Any) -> None:
        self._do(task.refresh)

    def wait(self, task: Any, **kwargs: Any) -> Any:
        return self._do(lambda: task.wait(**kwargs))

    def wait_all(self, jobs: list[Any], **kwargs: Any) -> Any:
        return self._do(lambda: taskfacade.aio.wait_all(jobs, **kwargs))

    def as_completed(self, jobs: list[Any], **kwargs: Any) -> list[Any]:
        async def go() -> list[Any]:
            return [job async for job in taskfacade.aio.as_completed(jobs, **kwargs)]

        return self._do(go)

    def user_profile(self, **kwargs: Any) -> Any:
        return self._do(lambda: aio.client.user_profile(**kwargs))

    def organizations(self, **kwargs: Any) -> Any:
        return self._do(lambda: aio.client.organizations(**kwargs))

    def organization(self, *args: Any, **kwargs: Any) -> Any:
        return self._do(lambda: aio.client.organization(*args, **kwargs))

    def default_charged_namespace(self, *args: Any, **kwargs: Any) -> Any:
        return self._do(lambda: aio.client.default_charged_namespace(*args, **kwargs))

    def browse(self, name: str, *args: Any, **kwargs: Any) -> list[Any]:
        async def go() -> list[Any]:
            return [item async for item in getattr(aio.client, name)(*args, **kwargs)]

        return self._do(go)

    def workspace(self, client: Any) -> str:
        return str(self._do(client.workspace))

    def login(self, **kwargs: Any) -> Any:
        made = self._do(lambda: aio.client.login(**kwargs))
        self.clients.append(made)
        return made

    def default_client(self) -> Any:
        return aio.default_client()

    def close(self) -> None:
        self._close_clients()
        aio._client._DEFAULT._client = None  # the default async client belongs to this loop


TWINS = {"sync": SyncTwin, "async": AsyncTwin}

__all__ = ["TWINS", "AsyncTwin", "Client", "SyncTwin"]
