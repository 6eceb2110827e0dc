"""The async twin of ``taskfacade.tiledb``: seed 000's ``tasks`` and seed 001's ``client`` functions as coroutines.

::

    from taskfacade.tiledb import aio
    import taskfacade.aio

    async with aio.AsyncClient(token="...", workspace="ws_...") as client:
        task = await aio.tasks.task(task_id, client=client)
        status = await task.wait(timeout=600)                       # one overall deadline
        running = [t async for t in aio.tasks.fetch_tasks(status="RUNNING", client=client)]
        await taskfacade.aio.wait_all(running, timeout=3600)        # one listing request per poll, as in sync

Everything runs the same steps as the sync functions (``taskfacade._steps``): the same checks before any request,
requests, retries, budgets, errors and logs. See docs/tiledb.md, "Async API".
"""

from . import client, tasks
from ._client import AsyncClient, default_client, set_default_client
from ._pager import AsyncArrayPager, AsyncGroupPager, AsyncTaskPager, AsyncTileDBPager
from ._task import AsyncTileDBTask

__all__ = [
    "AsyncArrayPager",
    "AsyncClient",
    "AsyncGroupPager",
    "AsyncTaskPager",
    "AsyncTileDBPager",
    "AsyncTileDBTask",
    "client",
    "default_client",
    "set_default_client",
    "tasks",
]
