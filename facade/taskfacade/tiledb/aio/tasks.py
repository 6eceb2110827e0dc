"""The async twin of ``taskfacade.tiledb.tasks`` (seed 000): the same functions, as coroutines.

::

    from taskfacade.tiledb import aio

    async with aio.AsyncClient(token="...", workspace="ws_...") as client:
        task = await aio.tasks.task(task_id, client=client)
        await task.wait(timeout=600)
        async for t in aio.tasks.fetch_tasks(status="RUNNING", client=client):
            print(t.id, t.start_time)

Arguments, checks (made before any request), defaults (the seven-day window computed at call time), requests and
errors (``TasksError`` chained to the core error) are those of the sync functions: both run the same steps.
``fetch_tasks`` is not a coroutine: it checks its arguments and returns an ``AsyncTaskPager``, which is
``async for``-able (every task) and awaitable (the first page fetched, for ``response``/``array_tasks``).
``async_req`` is accepted only as False (every function here is a coroutine already).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from .. import _validate as v
from .._codecs import require as require_module
from .._errors import PickleRefused, TaskNotReady, TasksError
from .._generated import ArrayTaskData, ArrayTaskStatus, ArrayTaskType
from .._pager import WirePage
from .._results import check_results_arguments, fetch_results_steps, to_frame
from .._tasks import get_array_task_steps, list_page_steps
from ..tasks import DEFAULT_WINDOW, LAST_SQL, LAST_UDF, last_task_steps, listing_params
from ._client import AsyncClient, resolve_client
from ._common import refuse_async_req
from ._pager import AsyncTaskPager
from ._task import AsyncTileDBTask

__all__ = [
    "DEFAULT_WINDOW",
    "AsyncTaskPager",
    "AsyncTileDBTask",
    "PickleRefused",
    "TaskNotReady",
    "TasksError",
    "fetch_results",
    "fetch_results_pandas",
    "fetch_tasks",
    "last_sql_task",
    "last_udf_task",
    "task",
    "tasks",
]


def _loader(client: AsyncClient, params: dict[str, Any]) -> Callable[[int], Any]:
    async def load(wire_page: int) -> WirePage[AsyncTileDBTask]:
        page = await client._run(list_page_steps(client, wire_page, params))
        return WirePage(page.response, [AsyncTileDBTask(t, client) for t in page.items], page.metadata)

    return load


def _page_function(client: AsyncClient, params: dict[str, Any]) -> Callable[..., Any]:
    async def tasks_workspace_get(*, page: int, **wire: Any) -> ArrayTaskData:
        wire_page = v.positive_int("page", page, minimum=0)
        found: ArrayTaskData = (await client._run(list_page_steps(client, wire_page, wire))).response
        return found

    return tasks_workspace_get


def fetch_tasks(
    query: str | None = None,
    array: Any = None,
    teamspace: Any = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    status: ArrayTaskStatus | str | None = None,
    type: ArrayTaskType | str | None = None,
    exclude_type: Any = None,
    file_type: str | list[str] | None = None,
    exclude_file_type: str | list[str] | None = None,
    order_by: str | None = None,
    page: int = 1,
    per_page: int | None = None,
    *,
    client: AsyncClient | None = None,
) -> AsyncTaskPager[AsyncTileDBTask]:
    """Fetch all tasks a user has access to, as an ``AsyncTaskPager`` of ``AsyncTileDBTask``.

    Arguments as ``taskfacade.tiledb.tasks.fetch_tasks`` (checked here, before anything is awaited), without
    ``prefetch`` (pages are fetched as ``async for`` reaches them). ``async for task in fetch_tasks(...)`` streams
    every task from ``page`` on; ``pager = await fetch_tasks(...)`` fetches the first page only.

    Raises:
        TasksError: when a page cannot be fetched (while awaiting or iterating); chained to the core error.
    """
    chosen = resolve_client(client)
    first = v.positive_int("page", page)
    params = listing_params(
        chosen, query=query, array=array, teamspace=teamspace, start=start, end=end, status=status, type=type,
        exclude_type=exclude_type, file_type=file_type, exclude_file_type=exclude_file_type, order_by=order_by,
        per_page=per_page,
    )  # fmt: skip
    return AsyncTaskPager(
        _loader(chosen, params), page=first, wire_base=0, func=_page_function(chosen, params), kwargs=params
    )


#: Seed 000's alias.
tasks = fetch_tasks


async def task(id: Any, async_req: bool = False, *, client: AsyncClient | None = None) -> AsyncTileDBTask:
    """Fetch a single array task (one GET).

    Args:
        id: the task id (a UUID or its string form, or a task object).
        async_req: only False is accepted (``InvalidArgument`` otherwise): this is a coroutine already.
        client: the async client to use (default: ``aio.default_client()``).

    Raises:
        TasksError: when the task cannot be retrieved (chained to ``NotFound``, ``Unauthorized``, ...).
    """
    uid = v.task_uuid("id", id)
    chosen = resolve_client(client)
    refuse_async_req(async_req)
    return AsyncTileDBTask(await chosen._run(get_array_task_steps(chosen, uid)), chosen)


async def last_sql_task(*, client: AsyncClient | None = None) -> AsyncTileDBTask:
    """The calling user's most recent SQL task, asked of the server (as the sync ``last_sql_task``).

    Raises:
        TasksError: when the user has no SQL task, or the request fails.
    """
    chosen = resolve_client(client)
    return AsyncTileDBTask(await chosen._run(last_task_steps(chosen, *LAST_SQL)), chosen)


async def last_udf_task(*, client: AsyncClient | None = None) -> AsyncTileDBTask:
    """The calling user's most recent UDF task (UDF, GENERIC_UDF or BATCH_UDF), asked of the server.

    Raises:
        TasksError: when the user has no UDF task, or the request fails.
    """
    chosen = resolve_client(client)
    return AsyncTileDBTask(await chosen._run(last_task_steps(chosen, *LAST_UDF)), chosen)


async def fetch_results(
    task_id: Any, *, result_format: Any = None, allow_pickle: bool = False, client: AsyncClient | None = None
) -> Any:
    """Fetch the results of a previously-executed UDF or SQL query, decoded (as the sync ``fetch_results``).

    Raises:
        TaskNotReady: the task is still running (HTTP 202); ``retry_after`` says when to ask again.
        PickleRefused: the result is a pickle and ``allow_pickle`` is False.
        TasksError: any other failure (results not saved or expired: chained to ``NotFound``).
    """
    uid, allow, forced = check_results_arguments(task_id, result_format, allow_pickle)
    chosen = resolve_client(client)
    return await chosen._run(fetch_results_steps(chosen, uid, forced, allow))


async def fetch_results_pandas(
    task_id: Any, *, result_format: Any = None, allow_pickle: bool = False, client: AsyncClient | None = None
) -> Any:
    """``fetch_results`` as a ``pandas.DataFrame`` (as the sync ``fetch_results_pandas``)."""
    uid = v.task_uuid("task_id", task_id)
    require_module("pandas", "pandas", "a DataFrame result")
    value = await fetch_results(uid, result_format=result_format, allow_pickle=allow_pickle, client=client)
    return to_frame(value, str(uid))
