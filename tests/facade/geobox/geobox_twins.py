"""The Geobox behaviour suite's two twins: the sync facade, and its async twin seen through sync views.

A test takes the ``twin`` fixture (or ``client``, built by it) and is written once against the sync surface:
``twin.Client(...)``, ``twin.Task(client, uuid, data)``, ``twin.get_tasks(client, ...)`` (the classmethod),
``twin.wait_all(tasks, ...)``, ``twin.as_completed(tasks, ...)``. For the async twin every call runs the real
``taskfacade.geobox.aio`` coroutine on an event loop in another thread (``tests/support/twins.py``), so what is
tested is ``AsyncGeoboxClient``/``AsyncTask`` themselves: ``view.status`` awaits ``task.status``,
``view.wait(...)`` awaits ``task.wait(...)``, ``twin.wait_all`` awaits ``taskfacade.aio.wait_all``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import taskfacade
import taskfacade.aio
from taskfacade.geobox import GeoboxClient, Task
from taskfacade.geobox.aio import AsyncGeoboxClient, AsyncTask

_SUPPORT = str(Path(__file__).parents[2] / "support")
if _SUPPORT not in sys.path:
    sys.path.append(_SUPPORT)

from twins import EventLoopThread  # noqa: E402


class SyncTwin:
    name = "sync"
    task_type: type[Any] = Task

    def Client(self, **kwargs: Any) -> GeoboxClient:  # it stands for the class
        return GeoboxClient(**kwargs)

    def Task(self, client: Any, uuid: Any, data: Any = None) -> Any:
        return Task(client, uuid, data)

    def get_task(self, client: Any, uuid: Any) -> Any:
        return Task.get_task(client, uuid)

    def get_tasks(self, client: Any, **kwargs: Any) -> Any:
        return Task.get_tasks(client, **kwargs)

    def wait_all(self, tasks: list[Any], **kwargs: Any) -> list[Any]:
        return taskfacade.wait_all(tasks, **kwargs)

    def as_completed(self, tasks: list[Any], **kwargs: Any) -> list[Any]:
        return list(taskfacade.as_completed(tasks, **kwargs))

    def unwrap(self, obj: Any) -> Any:
        return obj

    def close(self) -> None:
        pass


class AsyncTwin:
    name = "async"
    task_type: type[Any] = AsyncTask

    def __init__(self) -> None:
        self.loop = EventLoopThread()
        self._views: dict[int, tuple[AsyncTask, TaskView]] = {}

    def run(self, coro_fn: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
        return self.loop.run(coro_fn)

    def view(self, found: Any) -> Any:
        """A sync view of an ``AsyncTask`` (the same view each time, so identity and ``==`` hold), or a list."""
        if isinstance(found, list):
            return [self.view(item) for item in found]
        if not isinstance(found, AsyncTask):
            return found
        key = id(found)
        if key not in self._views:
            self._views[key] = (found, TaskView(self, found))
        return self._views[key][1]

    def Client(self, **kwargs: Any) -> ClientView:
        return ClientView(self, AsyncGeoboxClient(**kwargs))

    def Task(self, client: Any, uuid: Any, data: Any = None) -> Any:
        return self.view(AsyncTask(self.unwrap(client), uuid, data))

    def get_task(self, client: Any, uuid: Any) -> Any:
        return self.view(self.run(lambda: AsyncTask.get_task(self.unwrap(client), uuid)))

    def get_tasks(self, client: Any, **kwargs: Any) -> Any:
        return self.view(self.run(lambda: AsyncTask.get_tasks(self.unwrap(client), **kwargs)))

    def wait_all(self, tasks: list[Any], **kwargs: Any) -> list[Any]:
        inner = [self.unwrap(task) for task in tasks]
        return self.run(lambda: taskfacade.aio.wait_all(inner, **kwargs))  # type: ignore[no-any-return]

    def as_completed(self, tasks: list[Any], **kwargs: Any) -> list[Any]:
        inner = [self.unwrap(task) for task in tasks]

        async def collect() -> list[Any]:
            return [job async for job in taskfacade.aio.as_completed(inner, **kwargs)]

        return self.view(self.run(collect))  # type: ignore[no-any-return]

    def unwrap(self, obj: Any) -> Any:
        return obj._inner if isinstance(obj, TaskView | ClientView) else obj

    def close(self) -> None:
        self.loop.close()


class TaskView:
    """An ``AsyncTask`` with ``Task``'s sync surface: each verb awaits the async one on the twin's loop."""

    def __init__(self, twin: AsyncTwin, task: AsyncTask) -> None:
        object.__setattr__(self, "_twin", twin)
        object.__setattr__(self, "_inner", task)

    @property
    def status(self) -> Any:
        return self._twin.run(lambda: self._inner.status())

    @property
    def progress(self) -> Any:
        return self._twin.run(lambda: self._inner.progress())

    @property
    def output_asset(self) -> Any:
        return self._twin.run(lambda: self._inner.output_asset())

    @property
    def api(self) -> Any:
        return self._inner.api

    def refresh(self) -> None:
        self._twin.run(self._inner.refresh)

    def refresh_data(self) -> None:
        self._twin.run(self._inner.refresh_data)

    def abort(self) -> None:
        self._twin.run(self._inner.abort)

    def wait(self, *args: Any, **kwargs: Any) -> Any:
        return self._twin.run(lambda: self._inner.wait(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._inner, name, value)

    def __dir__(self) -> list[str]:
        return dir(self._inner)

    def __repr__(self) -> str:
        return repr(self._inner)


class ClientView:
    """An ``AsyncGeoboxClient`` with ``GeoboxClient``'s sync surface."""

    def __init__(self, twin: AsyncTwin, client: AsyncGeoboxClient) -> None:
        self._twin = twin
        self._inner = client

    def get_task(self, uuid: Any) -> Any:
        return self._twin.view(self._twin.run(lambda: self._inner.get_task(uuid)))

    def get_tasks(self, **kwargs: Any) -> Any:
        return self._twin.view(self._twin.run(lambda: self._inner.get_tasks(**kwargs)))

    def iter_tasks(self, **kwargs: Any) -> list[Any]:
        walk = self._inner.iter_tasks(**kwargs)  # checked here, before any request

        async def collect() -> list[Any]:
            return [task async for task in walk]

        return self._twin.view(self._twin.run(collect))  # type: ignore[no-any-return]

    def login(self) -> None:
        self._twin.run(self._inner.login)

    def close(self) -> None:
        self._twin.run(self._inner.aclose)

    @property
    def retry_mode(self) -> Any:
        return self._inner.retry_mode

    @retry_mode.setter
    def retry_mode(self, mode: Any) -> None:
        self._inner.retry_mode = mode

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> ClientView:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return repr(self._inner)


Twin = SyncTwin | AsyncTwin
TWINS: dict[str, Callable[[], Twin]] = {"sync": SyncTwin, "async": AsyncTwin}
