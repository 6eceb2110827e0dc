"""The two task reads over the generated client: one task by id, and one page of the task listing.

Both are steps (``taskfacade._steps``) returning generated ``ArrayTask`` models, so the sync functions here and
the async twin (``taskfacade.tiledb.aio``) run the same code; this module knows nothing of ``TileDBTask``, so the
task objects (``_task.py``), their batch refresh (``_batch.py``) and seed 000's functions (``tasks.py``) all build
on it without importing each other in a circle. Every failure is a ``TasksError`` chained to the core error.
"""

from __future__ import annotations

import uuid
from typing import Any

from .._errors import ResponseDecodeError
from .._steps import Call, Steps, run
from ._cloud_client import Client, ClientState, workspace_steps
from ._failures import tasks_failure
from ._generated import ArrayTask, ArrayTaskData, Unset, get_task, list_tasks
from ._pager import WirePage

__all__ = ["get_array_task", "get_array_task_steps", "list_page", "list_page_steps"]


def get_array_task_steps(client: ClientState, task_id: str | uuid.UUID) -> Steps[ArrayTask]:
    """One GET of a task's current state, as the generated model; failures are ``TasksError``."""
    with tasks_failure("Can not retrieve task"):
        try:
            uid = task_id if isinstance(task_id, uuid.UUID) else uuid.UUID(task_id)
        except ValueError:  # a task object built from a server answer without a usable id
            raise ResponseDecodeError(f"the task id {task_id!r} is not a UUID", service="tiledb") from None
        workspace = yield from workspace_steps(client)
        found: ArrayTask = yield Call(get_task, args=(workspace, uid), expect=ArrayTask)
        return found


def list_page_steps(client: ClientState, wire_page: int, params: dict[str, Any]) -> Steps[WirePage[ArrayTask]]:
    """One page of the task listing (``wire_page`` is 0-based, as the endpoint counts); ``TasksError`` on failure."""
    with tasks_failure("The task search request failed"):
        workspace = yield from workspace_steps(client)
        data = yield Call(list_tasks, args=(workspace,), kwargs={"page": wire_page, **params}, expect=ArrayTaskData)
        found = data.array_tasks
        if isinstance(found, Unset):  # omitted when empty (x-omitempty)
            found = []
        if not isinstance(found, list) or not all(isinstance(t, ArrayTask) for t in found):
            raise ResponseDecodeError("array_tasks is not a list of tasks", service="tiledb")
        meta = data.pagination_metadata
        return WirePage(data, found, None if isinstance(meta, Unset) else meta)


def get_array_task(client: Client, task_id: str | uuid.UUID) -> ArrayTask:
    """``get_array_task_steps`` run with the client's transport."""
    with tasks_failure("Can not retrieve task"):
        transport = client.transport
    return run(get_array_task_steps(client, task_id), transport)


def list_page(client: Client, wire_page: int, params: dict[str, Any]) -> WirePage[ArrayTask]:
    """``list_page_steps`` run with the client's transport."""
    with tasks_failure("The task search request failed"):
        transport = client.transport
    return run(list_page_steps(client, wire_page, params), transport)
