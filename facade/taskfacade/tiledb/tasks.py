"""Access to information about TileDB tasks (seed 000, ``tiledb.client.tasks``).

::

    from taskfacade.tiledb import tasks

    for t in tasks.fetch_tasks(status="RUNNING", start=datetime.now(timezone.utc) - timedelta(hours=3)):
        print(t.id, t.start_time)

Every request failure raises ``TasksError`` chained to the core error (``NotFound``, ``ServerError``,
``TransportError``...); bad arguments raise ``taskfacade.InvalidArgument`` before any request. The listing's
defaults are computed at call time: ``end`` is now (on the client's clock) and ``start`` is seven days before
``end``.
"""

from __future__ import annotations

import datetime
import math
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Literal, overload

from .._errors import InvalidArgument
from .._steps import Steps, run
from . import _validate as v
from ._account import default_user_steps
from ._async import AsyncResult
from ._cloud_client import Client, ClientState, resolve_client
from ._errors import PickleRefused, TaskNotReady, TasksError
from ._failures import tasks_failure
from ._generated import ArrayTask, ArrayTaskData, ArrayTaskStatus, ArrayTaskType
from ._pager import TaskPager, WirePage, each_page_steps
from ._refs import array_filter, teamspace_ref
from ._results import fetch_results, fetch_results_pandas
from ._task import TileDBTask
from ._tasks import get_array_task, list_page, list_page_steps

__all__ = [
    "DEFAULT_WINDOW",
    "PickleRefused",
    "TaskNotReady",
    "TasksError",
    "TileDBTask",
    "fetch_results",
    "fetch_results_pandas",
    "fetch_tasks",
    "last_sql_task",
    "last_udf_task",
    "task",
    "tasks",
]

#: How far back ``fetch_tasks`` looks when ``start`` is not given.
DEFAULT_WINDOW = datetime.timedelta(days=7)
_ORDER_FIELDS = ("start_time", "name")
_ORDER_ACCEPTS = "'start_time' or 'name', optionally followed by ' asc' or ' desc'"
_UDF_TYPES = frozenset({ArrayTaskType.UDF, ArrayTaskType.GENERIC_UDF, ArrayTaskType.BATCH_UDF})
_LAST_TASK_SCAN = 1000
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _loader(client: Client, params: dict[str, Any]) -> Callable[[int], WirePage[TileDBTask]]:
    def load(wire_page: int) -> WirePage[TileDBTask]:
        page = list_page(client, wire_page, params)
        return WirePage(page.response, [TileDBTask(t, client) for t in page.items], page.metadata)

    return load


def _epoch(parameter: str, when: datetime.datetime, rounding: Callable[[float], int]) -> int:
    if when < _EPOCH:
        raise InvalidArgument(parameter, when, "a datetime after 1970-01-01 UTC")
    return rounding(when.timestamp())


def _order(value: Any) -> str | None:
    if value is None:
        return None
    parts = value.split() if isinstance(value, str) else []
    ok = bool(parts) and parts[0] in _ORDER_FIELDS and len(parts) <= 2
    if ok and len(parts) == 2 and parts[1].lower() not in ("asc", "desc"):
        ok = False
    if not ok:
        raise InvalidArgument("order_by", value, _ORDER_ACCEPTS)
    return " ".join(parts)


def _window(client: ClientState, start: Any, end: Any) -> tuple[int, int]:
    """The listing's (start, end) in epoch seconds: end defaults to now, start to seven days before end."""
    start = v.when("start", start)
    end = v.when("end", end)
    if end is None:
        end = datetime.datetime.fromtimestamp(client.clock.time(), datetime.UTC)
    if start is None:
        start = end - DEFAULT_WINDOW
    if start > end:
        raise InvalidArgument("start", start, f"a datetime before end ({end.isoformat()})")
    return _epoch("start", start, math.floor), _epoch("end", end, math.ceil)


def listing_params(
    client: ClientState,
    *,
    query: Any,
    array: Any,
    teamspace: Any,
    start: Any,
    end: Any,
    status: Any,
    type: Any,
    exclude_type: Any,
    file_type: Any,
    exclude_file_type: Any,
    order_by: Any,
    per_page: Any,
) -> dict[str, Any]:
    """Every fetch_tasks argument checked and turned into its wire value (None = not sent)."""
    array_ref = array_filter(array)
    team = teamspace_ref(teamspace)
    if array_ref is not None and array_ref.teamspace is not None:
        if team is not None and team != array_ref.teamspace:
            raise InvalidArgument("teamspace", teamspace, f"the teamspace of the array URI ({array_ref.teamspace!r})")
        team = array_ref.teamspace
    excluded = v.choices("exclude_type", exclude_type, ArrayTaskType)
    wire_start, wire_end = _window(client, start, end)
    params = {
        "search": v.optional_str("query", query),
        "teamspace": team,
        "array": None if array_ref is None else array_ref.array,
        "start": wire_start,
        "end": wire_end,
        "status": v.choice("status", status, ArrayTaskStatus),
        "type_": v.choice("type", type, ArrayTaskType),
        "exclude_type": ",".join(t.value for t in excluded) or None,
        "file_type": v.str_list("file_type", file_type),
        "exclude_file_type": v.str_list("exclude_file_type", exclude_file_type),
        "orderby": _order(order_by),
        "per_page": v.optional_int("per_page", per_page),
    }
    return {k: value for k, value in params.items() if value is not None}


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
    client: Client | None = None,
    prefetch: bool = True,
) -> TaskPager[TileDBTask]:
    """Fetch all tasks a user has access to, as a lazy pager of ``TileDBTask``.

    Args:
        query: keywords matched against name, namespace and description.
        array: an asset id, a path inside a teamspace, a ``tiledb://workspace/teamspace/path`` URI (its teamspace
            becomes the teamspace filter) or an object with an ``id`` (``ArrayInfo``, ``TaskAsset``).
        teamspace: a teamspace id (``ts_...``) or name, or an object with ``teamspace_id``/``id``/``name``.
        start: only tasks submitted at or after this datetime; default seven days before ``end``.
        end: only tasks submitted at or before this datetime; default now (computed at call time).
        status: one ArrayTaskStatus (QUEUED, RUNNING, COMPLETED, FAILED, RESOURCES_UNAVAILABLE, CANCELLED, ...).
        type: one ArrayTaskType (SQL, UDF, QUERY, GENERIC_UDF, BATCH_UDF, CLIENT_COMPUTATION).
        exclude_type: ArrayTaskType values to leave out (one value or a list).
        file_type: file types of the task's array to match (one or a list).
        exclude_file_type: file types of the task's array to leave out (one or a list).
        order_by: ``start_time`` (newest first) or ``name``, optionally with `` asc``/`` desc``.
        page: the first page to return, 1-based.
        per_page: tasks per request (default: the server's).
        client: the client to use (default: the default client).
        prefetch: fetch the next page on a background thread while the current one is consumed (streaming
            only; a listing that fits in one page makes no extra request).

    A naive ``start`` or ``end`` is read as local time, as the vendor's ``datetime.timestamp()`` reads it (the
    seed's example passes ``datetime.now() - timedelta(hours=3)``); an aware one is taken as given.

    Raises:
        TasksError: when a page (any page, also during iteration) cannot be fetched; chained to the core error.
    """
    chosen = resolve_client(client)
    first = v.positive_int("page", page)
    params = listing_params(
        chosen,
        query=query,
        array=array,
        teamspace=teamspace,
        start=start,
        end=end,
        status=status,
        type=type,
        exclude_type=exclude_type,
        file_type=file_type,
        exclude_file_type=exclude_file_type,
        order_by=order_by,
        per_page=per_page,
    )
    return TaskPager(
        _loader(chosen, params),
        page=first,
        wire_base=0,
        prefetch=v.flag("prefetch", prefetch),
        func=_page_function(chosen),
        kwargs=params,
    )


def _page_function(client: Client) -> Callable[..., ArrayTaskData]:
    """The vendor pager's ``func``: ``func(page=wire_page, **wire_params)`` -> one page's ``ArrayTaskData``."""

    def tasks_workspace_get(*, page: int, **params: Any) -> ArrayTaskData:
        wire_page = v.positive_int("page", page, minimum=0)
        return list_page(client, wire_page, params).response  # type: ignore[no-any-return]

    return tasks_workspace_get


#: Seed 000's alias.
tasks = fetch_tasks


def _task_now(client: Client, uid: uuid.UUID) -> TileDBTask:
    return TileDBTask(get_array_task(client, uid), client)


@overload
def task(id: Any, async_req: Literal[False] = False, *, client: Client | None = None) -> TileDBTask: ...


@overload
def task(id: Any, async_req: Literal[True], *, client: Client | None = None) -> AsyncResult[TileDBTask]: ...


def task(id: Any, async_req: bool = False, *, client: Client | None = None) -> TileDBTask | AsyncResult[TileDBTask]:
    """Fetch a single array task.

    Args:
        id: the task id (a UUID or its string form, or a task object).
        async_req: return an ``AsyncResult`` instead (a ``concurrent.futures.Future`` that also has
            ``multiprocessing``'s ``get(timeout)``, ``ready()``, ``successful()`` and ``wait()``), resolved on the
            client's thread pool.
        client: the client to use (default: the default client).

    Raises:
        TasksError: when the task cannot be retrieved (chained to ``NotFound``, ``Unauthorized``, ...).
    """
    uid = v.task_uuid("id", id)
    chosen = resolve_client(client)
    if v.flag("async_req", async_req):
        return chosen.submit(_task_now, chosen, uid)
    return _task_now(chosen, uid)


def last_task_steps(
    client: ClientState, label: str, params: dict[str, Any], wanted: frozenset[Any]
) -> Steps[ArrayTask]:
    """The newest task of the calling user whose type is in ``wanted`` (steps, for both twins): the user (asked
    once per client), then the user's tasks newest first, at most ``_LAST_TASK_SCAN`` of them."""
    with tasks_failure(f"Can not retrieve the last {label} task"):
        username = (yield from default_user_steps(client)).username
    listing = {"created_by": username, "orderby": "start_time desc", "per_page": 20, **params}
    found: list[ArrayTask] = []
    scanned = 0

    def consume(items: Sequence[ArrayTask]) -> bool:
        nonlocal scanned
        for item in items:
            scanned += 1
            if item.type_ in wanted:
                found.append(item)
                return True
            if scanned >= _LAST_TASK_SCAN:
                return True
        return False

    yield from each_page_steps(lambda wire: list_page_steps(client, wire, listing), 0, consume)
    if not found:
        raise TasksError(f"user {username!r} has no {label} task")
    return found[0]


#: ``last_sql_task``'s and ``last_udf_task``'s listing filters and wanted types.
LAST_SQL = ("SQL", {"type_": ArrayTaskType.SQL}, frozenset({ArrayTaskType.SQL}))
LAST_UDF = (
    "UDF",
    {"exclude_type": ",".join(sorted(t.value for t in ArrayTaskType if t not in _UDF_TYPES))},
    _UDF_TYPES,
)


def _last_task(
    client: Client | None, label: str, params: dict[str, Any], wanted: frozenset[ArrayTaskType]
) -> TileDBTask:
    chosen = resolve_client(client)
    return TileDBTask(run(last_task_steps(chosen, label, params, wanted), chosen.transport), chosen)


def last_sql_task(*, client: Client | None = None) -> TileDBTask:
    """The calling user's most recent SQL task, asked of the server (so it works across processes and machines).

    Raises:
        TasksError: when the user has no SQL task, or the request fails.
    """
    return _last_task(client, *LAST_SQL)


def last_udf_task(*, client: Client | None = None) -> TileDBTask:
    """The calling user's most recent UDF task (UDF, GENERIC_UDF or BATCH_UDF), asked of the server.

    Raises:
        TasksError: when the user has no UDF task, or the request fails.
    """
    return _last_task(client, *LAST_UDF)
