"""Refreshing many TileDB tasks per poll with the task listing instead of one GET per task.

TileDB has no batch-get, but its listing returns whole tasks and filters by creation time and status. One poll
of the unfinished tasks of one client therefore lists the tasks created within their time range:

1. all of them, one request of up to 1,000 tasks: when that is the whole range (the usual case for tasks
   submitted together), every task is updated from it, finished ones included, and nothing else is sent; when the
   range holds more than one page but at most ``MOSTLY_OURS`` times the tasks waited on, every page of it (a few
   requests, finished tasks included, so none needs its own GET);
2. otherwise (a busy range shared with many other tasks), the QUEUED and the RUNNING tasks of that range (one
   request each per 1,000 live tasks); a task in neither list has left those states, usually because it just
   finished, and it alone gets a GET, which reads its final status.

A single task is simply fetched with one GET, and so are tasks without a ``start_time`` (they cannot be placed
in a time range).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from .._steps import Steps, run
from ._cloud_client import Client, ClientState
from ._generated import ArrayTask, ArrayTaskStatus, Unset
from ._pager import WirePage, each_page_steps
from ._tasks import get_array_task_steps, list_page_steps

__all__ = ["LISTING_PAGE_SIZE", "Refreshable", "refresh_tasks", "refresh_tasks_steps"]

#: Tasks per listing request while polling (the most the service returns per page).
LISTING_PAGE_SIZE = 1000
_LIVE = (ArrayTaskStatus.QUEUED, ArrayTaskStatus.RUNNING)
#: A range holding at most this many times the tasks waited on is read whole (every page) instead of live-only.
MOSTLY_OURS = 2


class Refreshable(Protocol):
    """What the batch needs from a task (``TileDBTask`` and ``AsyncTileDBTask`` have it)."""

    @property
    def id(self) -> str: ...

    @property
    def start_time(self) -> datetime.datetime | None: ...

    @property
    def client(self) -> Any: ...

    def _update(self, array_task: ArrayTask) -> None: ...


def refresh_tasks(tasks: Sequence[Refreshable]) -> None:
    """Bring every task in ``tasks`` (all of one sync client) up to date; raises ``TasksError`` on failure."""
    if tasks:
        client: Client = tasks[0].client
        run(refresh_tasks_steps(tasks), client.transport)


def refresh_tasks_steps(tasks: Sequence[Refreshable]) -> Steps[None]:
    """``refresh_tasks`` as steps, for both twins (see the module docstring for the requests it makes)."""
    if len(tasks) < 2:
        for one in tasks:
            one._update((yield from get_array_task_steps(one.client, one.id)))
        return
    by_id = {one.id: one for one in tasks}
    seen = yield from _refresh_listed(tasks, by_id)
    for one in tasks:
        if one.id not in seen:
            one._update((yield from get_array_task_steps(one.client, one.id)))


def _window(tasks: Sequence[Refreshable]) -> dict[str, Any] | None:
    known = [t.timestamp() for t in (one.start_time for one in tasks) if t is not None]
    if not known:
        return None
    return {
        "start": max(math.floor(min(known)) - 1, 0),
        "end": math.ceil(max(known)) + 1,
        "per_page": LISTING_PAGE_SIZE,
    }


def _refresh_listed(tasks: Sequence[Refreshable], by_id: dict[str, Refreshable]) -> Steps[set[str]]:
    """Update the tasks found by listing their time range; return their ids (see the module docstring)."""
    window = _window(tasks)
    if window is None:
        return set()
    client: ClientState = tasks[0].client
    first = yield from list_page_steps(client, 0, window)
    total = getattr(first.metadata, "total_items", None)
    if isinstance(total, int | float) and total <= len(first.items):
        return _apply(first.items, by_id)
    if isinstance(total, int | float) and total <= MOSTLY_OURS * len(tasks) and first.items:
        # The range is mostly the tasks being waited on: read all of it (finished tasks included), a few pages,
        # rather than the live lists plus one GET per task that just finished.
        seen = _apply(first.items, by_id)
        for wire in range(1, math.ceil(total / LISTING_PAGE_SIZE)):
            page = yield from list_page_steps(client, wire, window)
            if not page.items:
                break
            seen |= _apply(page.items, by_id)
        return seen
    seen = set()
    for status in _LIVE:
        yield from each_page_steps(_live_loader(client, {**window, "status": status}), 0, _collector(seen, by_id))
    return seen


def _live_loader(client: ClientState, params: dict[str, Any]) -> Callable[[int], Steps[WirePage[ArrayTask]]]:
    return lambda wire: list_page_steps(client, wire, params)


def _collector(seen: set[str], by_id: dict[str, Refreshable]) -> Callable[[Sequence[ArrayTask]], bool]:
    def consume(items: Sequence[ArrayTask]) -> bool:
        seen.update(_apply(items, by_id))
        return False

    return consume


def _apply(listed: Iterable[ArrayTask], by_id: dict[str, Refreshable]) -> set[str]:
    seen: set[str] = set()
    for found in listed:
        task_id = "" if isinstance(found.id, Unset) else str(found.id)
        mine = by_id.get(task_id)
        if mine is not None:
            mine._update(found)
            seen.add(task_id)
    return seen
