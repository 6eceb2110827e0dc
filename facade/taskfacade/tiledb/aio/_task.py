"""``AsyncTileDBTask``: the async twin of ``TileDBTask`` (the same fields; ``refresh``, ``wait``, ``fetch_results``
awaited), a ``taskfacade.aio.AsyncJob``.

Refreshing a group of tasks of one client (``taskfacade.aio.wait_all``/``as_completed``) runs the very steps the
sync ``_refresh_many`` runs (``_batch.py``): one listing request per poll for tasks submitted together, the same
request count as in sync.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from ..._job import AsyncJob
from .._batch import refresh_tasks_steps
from .._generated import ArrayTask, ArrayTaskStatus
from .._results import check_results_arguments, fetch_results_steps
from .._task import TileDBTaskBase
from .._tasks import get_array_task_steps
from ._client import AsyncClient

__all__ = ["AsyncTileDBTask"]


class AsyncTileDBTask(TileDBTaskBase, AsyncJob[ArrayTaskStatus]):
    """One TileDB array task, for asyncio. Build them with ``await aio.tasks.task(id)`` or ``aio.tasks.fetch_tasks``.

    Args:
        array_task: the generated ``ArrayTask`` as the server sent it.
        client: the ``AsyncClient`` it was fetched with (used by ``refresh``, ``wait`` and ``fetch_results``).
    """

    _KIND: ClassVar[str] = "AsyncTileDBTask"

    def __init__(self, array_task: ArrayTask, client: AsyncClient) -> None:
        super().__init__(array_task, client)

    @property
    def client(self) -> AsyncClient:
        """The async client this task is refreshed through."""
        client: AsyncClient = self._client
        return client

    async def refresh(self) -> None:
        """Fetch the task's current state (one GET). Raises ``TasksError`` when that fails."""
        self._update(await self.client._run(get_array_task_steps(self.client, self.id)))

    async def fetch_results(self, *, result_format: Any = None, allow_pickle: bool = False) -> Any:
        """This task's result, decoded by content type (see ``aio.tasks.fetch_results``)."""
        uid, allow, forced = check_results_arguments(self.id, result_format, allow_pickle)
        return await self.client._run(fetch_results_steps(self.client, uid, forced, allow))

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        tasks = [job for job in jobs if isinstance(job, AsyncTileDBTask)]
        if tasks:
            await tasks[0].client._run(refresh_tasks_steps(tasks))
