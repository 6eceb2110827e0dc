"""Deadline's operations written once, as steps (``taskfacade._steps``) both client twins run.

Each function here takes the client (only its retry policy is read, for ``max_attempts_reached``) and boto3's
keyword arguments, checks them all before any request (``_validate.py``), yields one ``Call`` of a generated
operation, and returns boto3's dict (``_shapes.py``) with ``ResponseMetadata``. ``None`` for an optional argument
means "not given" (boto3 refuses it). ``DeadlineClient`` runs them with ``run(steps, transport)``,
``AsyncDeadlineClient`` with ``await arun(steps, atransport)`` (``sync_method``/``async_method`` below): the two
twins differ only in those shells.

The step, session and session-action operations and BatchGetJob/SearchJobs are in ``_runs.py``, on the same
``send``.
"""

from __future__ import annotations

import functools
import inspect
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from types import ModuleType
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar, cast

from .._adapter import Exchange, GeneratedResponse
from .._errors import InvalidArgument, ResponseDecodeError
from .._failure import undecodable
from .._log import logger
from .._steps import AsyncCaller, Call, Steps, SyncCaller, arun, run
from .._transport import BaseTransport
from ._errors import ClientError
from ._generated import (
    UNSET,
    BatchGetTaskRequest,
    BatchGetTaskResponse,
    GetJobResponse,
    GetTaskResponse,
    ListJobsResponse,
    ListTasksResponse,
    SearchTasksRequest,
    SearchTasksResponse,
    TaskTargetRunStatus,
    UpdateTaskRequest,
    UpdateTaskResponse,
    status_of,
)
from ._generated import Response as DeadlineResponse
from ._generated import batch_get_task as op_batch_get_task
from ._generated import get_job as op_get_job
from ._generated import get_task as op_get_task
from ._generated import list_jobs as op_list_jobs
from ._generated import list_tasks as op_list_tasks
from ._generated import search_tasks as op_search_tasks
from ._generated import update_task as op_update_task
from ._search import check_filters, check_sorts
from ._shapes import (
    BATCH_ERROR_FIELDS,
    BATCH_ITEM_FIELDS,
    JOB_DETAIL_FIELDS,
    JOB_FIELDS,
    SEARCH_FIELDS,
    TASK_FIELDS,
    FieldTable,
    convert,
    raw_parameters,
)
from ._task import IDS, BatchAnswer, TaskKey
from ._validate import (
    check_client_token,
    check_id,
    check_int,
    check_next_token,
    check_principal_id,
    check_target_run_status,
    list_of,
)

__all__ = [
    "Context",
    "async_method",
    "batch_get_task",
    "checked_ids",
    "fetch_tasks",
    "get_job",
    "get_task",
    "get_task_fields",
    "list_jobs",
    "list_tasks",
    "page",
    "paging",
    "search_body",
    "search_tasks",
    "send",
    "snake_ids",
    "sync_method",
    "update_task",
]

M = TypeVar("M")
T = TypeVar("T")
P = ParamSpec("P")
F = TypeVar("F", bound=Callable[..., Any])


class Context(Protocol):
    """What the steps read of a client: its transport's retry policy (both twins' transports have it)."""

    @property
    def _transport(self) -> BaseTransport:
        """The client's transport."""
        ...


class _SyncClient(Protocol):
    @property
    def _transport(self) -> SyncCaller:
        """The client's ``Transport``."""
        ...


class _AsyncClient(Protocol):
    @property
    def _transport(self) -> AsyncCaller:
        """The client's ``AsyncTransport``."""
        ...


SC = TypeVar("SC", bound=_SyncClient)
AC = TypeVar("AC", bound=_AsyncClient)


def sync_method(steps: Callable[Concatenate[Any, P], Steps[T]]) -> Callable[Concatenate[SC, P], T]:
    """A client method running ``steps`` with the client's ``Transport``: the signature and docstring of ``steps``."""

    def method(self: SC, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return run(steps(self, *args, **kwargs), self._transport)

    return _dressed(method, steps)


def async_method(steps: Callable[Concatenate[Any, P], Steps[T]]) -> Callable[Concatenate[AC, P], Awaitable[T]]:
    """The async twin of ``sync_method``: a coroutine method awaiting ``steps`` with the ``AsyncTransport``."""

    async def method(self: AC, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await arun(steps(self, *args, **kwargs), self._transport)

    return _dressed(method, steps)


def _dressed(method: F, steps: Callable[..., Any]) -> F:
    """``method`` named and documented as ``steps``, with its signature: ``self`` for the steps' client, and the
    steps' result (``Steps[X]`` -> ``X``) as the return annotation."""
    functools.update_wrapper(method, steps)
    del method.__wrapped__  # type: ignore[attr-defined]  # inspect shows the signature below, not the steps'
    signature = inspect.signature(steps)
    first, *rest = signature.parameters.values()
    result = signature.return_annotation
    if isinstance(result, str) and result.startswith("Steps[") and result.endswith("]"):
        result = result[len("Steps[") : -1]
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[first.replace(name="self", annotation=inspect.Parameter.empty), *rest], return_annotation=result
    )
    method.__annotations__ = {**steps.__annotations__, "return": result}
    method.__annotations__.pop(first.name, None)
    return method


# -- the shared round trip -----------------------------------------------------------------------------------


def send(
    c: Context, name: str, operation: ModuleType, expect: type[M], **kwargs: Any
) -> Steps[tuple[M, dict[str, Any]]]:
    """Call ``operation``; return its parsed model and boto3's ``ResponseMetadata``. ``idempotent=`` is the
    transport's."""
    idempotent = kwargs.pop("idempotent", None)
    try:
        result: Exchange[GeneratedResponse] = yield Call(operation, kwargs, exchange=True, idempotent=idempotent)
    except ClientError as error:
        error.operation_name = name
        error.max_attempts_reached = error.attempts >= c._transport.retry.max_attempts
        raise
    parsed = result.response.parsed
    if not isinstance(parsed, expect):
        message = f"{name}: expected {expect.__name__}, got {type(parsed).__name__}"
        raise undecodable(result, message, service="deadline")
    return parsed, _metadata(result)


def _metadata(result: Exchange[GeneratedResponse]) -> dict[str, Any]:
    headers = {k.lower(): v for k, v in result.response.headers.items()}
    return {
        "RequestId": headers.get("x-amzn-requestid", ""),
        "HTTPStatusCode": int(result.response.status_code),
        "HTTPHeaders": headers,
        "RetryAttempts": result.attempts - 1,
    }


def _convert(model: Any, table: FieldTable) -> dict[str, Any]:
    try:
        return convert(model, table)
    except ResponseDecodeError:
        raise
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ResponseDecodeError(f"the response does not match the spec ({type(error).__name__}: {error})") from error


def _convert_raw(model: Any) -> dict[str, Any] | None:
    try:
        return raw_parameters(model)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def page(body: dict[str, Any], next_token: Any, metadata: dict[str, Any]) -> dict[str, Any]:
    """A list answer: ``body``, ``nextToken`` when there is one, ``ResponseMetadata``."""
    if isinstance(next_token, str) and next_token:
        body["nextToken"] = next_token
    return {**body, "ResponseMetadata": metadata}


_SNAKE = {
    "farmId": "farm_id",
    "queueId": "queue_id",
    "jobId": "job_id",
    "stepId": "step_id",
    "taskId": "task_id",
    "sessionId": "session_id",
    "sessionActionId": "session_action_id",
}
_ATTRS = tuple(_SNAKE[name] for name in IDS)


def snake_ids(ids: Mapping[str, str]) -> dict[str, str]:
    """Deadline's id names (``farmId``) as the generated operations' argument names (``farm_id``)."""
    return {_SNAKE[name]: value for name, value in ids.items()}


def checked_ids(**ids: Any) -> dict[str, str]:
    """Checked ids, keyed by the generated operations' argument names (``farm_id``...)."""
    return snake_ids({name: check_id(name, value) for name, value in ids.items()})


def paging(next_token: Any, max_results: Any) -> dict[str, Any]:
    """``nextToken`` and ``maxResults``, checked, as the generated list operations' arguments."""
    query: dict[str, Any] = {}
    if next_token is not None:
        query["next_token"] = check_next_token("nextToken", next_token)
    if max_results is not None:
        query["max_results"] = check_int("maxResults", max_results, 1, 100)
    return query


def search_body(
    farm_id: Any, queue_ids: Any, item_offset: Any, job_id: Any, filters: Any, sorts: Any, page_size: Any
) -> tuple[str, dict[str, Any]]:
    """The checked farm id and body of a Search* request."""
    body: dict[str, Any] = {
        "queueIds": list_of(lambda v, p: check_id("queueId", v, p), 1, 10)(queue_ids, "queueIds"),
        "itemOffset": check_int("itemOffset", item_offset, 0, 10_000),
    }
    farm = check_id("farmId", farm_id)
    if job_id is not None:
        body["jobId"] = check_id("jobId", job_id)
    if filters is not None:
        body["filterExpressions"] = check_filters(filters)
    if sorts is not None:
        body["sortExpressions"] = check_sorts(sorts)
    if page_size is not None:
        body["pageSize"] = check_int("pageSize", page_size, 1, 100)
    return farm, body


def _identifier(value: Any, path: str) -> dict[str, str]:
    if not isinstance(value, Mapping) or set(value) != set(IDS):
        raise InvalidArgument(path, value, "a dict with exactly farmId, queueId, jobId, stepId and taskId")
    return {name: check_id(name, value[name], f"{path}.{name}") for name in IDS}


# -- tasks -----------------------------------------------------------------------------------------------------


def get_task(c: Context, *, farmId: str, queueId: str, jobId: str, stepId: str, taskId: str) -> Steps[dict[str, Any]]:
    """GetTask: the task's fields as seed 002 shows them (aware UTC datetimes), plus ``ResponseMetadata``."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId, taskId=taskId)
    fields, _raw, metadata = yield from get_task_fields(c, ids)
    return {**fields, "ResponseMetadata": metadata}


def get_task_fields(
    c: Context, ids: Mapping[str, str]
) -> Steps[tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]]:
    """GetTask for checked (snake-cased) ids: fields, raw parameters and ``ResponseMetadata``."""
    model, metadata = yield from send(c, "GetTask", op_get_task, GetTaskResponse, **ids)
    return _convert(model, TASK_FIELDS), _convert_raw(model), metadata


def list_tasks(
    c: Context,
    *,
    farmId: str,
    queueId: str,
    jobId: str,
    stepId: str,
    nextToken: str | None = None,
    maxResults: int | None = None,
) -> Steps[dict[str, Any]]:
    """ListTasks: one page, ``{"tasks": [...], "nextToken": ...}``; ``get_paginator("list_tasks")`` pages."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId)
    query = paging(nextToken, maxResults)
    model, metadata = yield from send(c, "ListTasks", op_list_tasks, ListTasksResponse, **ids, **query)
    return page({"tasks": [_convert(task, TASK_FIELDS) for task in model.tasks]}, model.next_token, metadata)


def update_task(
    c: Context,
    *,
    farmId: str,
    queueId: str,
    jobId: str,
    stepId: str,
    taskId: str,
    targetRunStatus: str,
    clientToken: str | None = None,
) -> Steps[dict[str, Any]]:
    """UpdateTask: ask for a new run status. One client token (a uuid4 unless given) covers every retry."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId, taskId=taskId)
    body = UpdateTaskRequest(target_run_status=TaskTargetRunStatus(check_target_run_status(targetRunStatus)))
    token = str(uuid.uuid4()) if clientToken is None else check_client_token(clientToken)
    _model, metadata = yield from send(
        c, "UpdateTask", _UPDATE_TASK, UpdateTaskResponse, **ids, body=body, x_amz_client_token=token
    )
    return {"ResponseMetadata": metadata}


def search_tasks(
    c: Context,
    *,
    farmId: str,
    queueIds: list[str],
    itemOffset: int,
    jobId: str | None = None,
    filterExpressions: Mapping[str, Any] | None = None,
    sortExpressions: list[Mapping[str, Any]] | None = None,
    pageSize: int | None = None,
) -> Steps[dict[str, Any]]:
    """SearchTasks: one page by offset, ``{"tasks", "totalResults", "nextItemOffset"}`` (read-only POST)."""
    farm, body = search_body(farmId, queueIds, itemOffset, jobId, filterExpressions, sortExpressions, pageSize)
    request = SearchTasksRequest.from_dict(body)
    model, metadata = yield from send(
        c, "SearchTasks", op_search_tasks, SearchTasksResponse, farm_id=farm, body=request, idempotent=True
    )
    result: dict[str, Any] = {"tasks": [_convert(t, SEARCH_FIELDS) for t in model.tasks]}
    result["totalResults"] = model.total_results
    if model.next_item_offset is not UNSET:
        result["nextItemOffset"] = model.next_item_offset
    return {**result, "ResponseMetadata": metadata}


def batch_get_task(c: Context, *, identifiers: list[Mapping[str, str]]) -> Steps[dict[str, Any]]:
    """BatchGetTask: up to 100 tasks by their five ids; check ``errors`` even on success (read-only POST)."""
    checked = list_of(_identifier, 1, 100)(identifiers, "identifiers")
    model, metadata = yield from _batch(c, checked)
    return {
        "tasks": [_convert(item, BATCH_ITEM_FIELDS) for item in model.tasks],
        "errors": [_convert(error, BATCH_ERROR_FIELDS) for error in model.errors],
        "ResponseMetadata": metadata,
    }


def _batch(c: Context, identifiers: list[dict[str, str]]) -> Steps[tuple[BatchGetTaskResponse, dict[str, Any]]]:
    body = BatchGetTaskRequest.from_dict({"identifiers": identifiers})
    return (yield from send(c, "BatchGetTask", op_batch_get_task, BatchGetTaskResponse, body=body, idempotent=True))


def fetch_tasks(c: Context, keys: Iterable[TaskKey]) -> Steps[BatchAnswer]:
    """One BatchGetTask for up to 100 tasks (by their five ids in ``IDS`` order), keyed for ``DeadlineTask``."""
    model, metadata = yield from _batch(c, [dict(zip(IDS, key, strict=True)) for key in keys])
    items = {}
    for item in model.tasks:
        fields = _convert(item, BATCH_ITEM_FIELDS)
        key = tuple(str(fields.get(name)) for name in IDS)
        items[key] = (_convert(item, TASK_FIELDS), _convert_raw(item))
    errors = [(tuple(str(getattr(e, a)) for a in _ATTRS), str(e.code), e.message) for e in model.errors]
    return BatchAnswer(items, errors, metadata["RequestId"] or None)


# -- jobs ------------------------------------------------------------------------------------------------------


def get_job(c: Context, *, farmId: str, queueId: str, jobId: str) -> Steps[dict[str, Any]]:
    """GetJob: the job's fields (parameters as tagged unions, aware UTC datetimes), plus ``ResponseMetadata``."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId)
    model, metadata = yield from send(c, "GetJob", op_get_job, GetJobResponse, **ids)
    return {**_convert(model, JOB_DETAIL_FIELDS), "ResponseMetadata": metadata}


def list_jobs(
    c: Context,
    *,
    farmId: str,
    queueId: str,
    principalId: str | None = None,
    nextToken: str | None = None,
    maxResults: int | None = None,
) -> Steps[dict[str, Any]]:
    """ListJobs: one page, ``{"jobs": [...], "nextToken": ...}``; ``get_paginator("list_jobs")`` pages."""
    ids = checked_ids(farmId=farmId, queueId=queueId)
    query = paging(nextToken, maxResults)
    if principalId is not None:
        query["principal_id"] = check_principal_id(principalId)
    model, metadata = yield from send(c, "ListJobs", op_list_jobs, ListJobsResponse, **ids, **query)
    return page({"jobs": [_convert(job, JOB_FIELDS) for job in model.jobs]}, model.next_token, metadata)


# -- UpdateTask's own operation ----------------------------------------------------------------------------------


def _update_task_answer(client: Any, response: Any) -> DeadlineResponse[Any]:
    if response.status_code == 200:
        try:
            parsed = UpdateTaskResponse.from_dict(response.json())
        except (ValueError, TypeError, KeyError) as error:
            logger.warning(
                "deadline: UpdateTask answered 200 with an unreadable body (%s); the update was applied", error
            )
            parsed = UpdateTaskResponse()
        return DeadlineResponse(status_of(200), response.content, response.headers, parsed)
    answer: DeadlineResponse[Any] = op_update_task._build_response(client=client, response=response)
    return answer


class _UpdateTask:
    """UpdateTask, where a 200 means "applied" whatever its body: the answer is an empty structure, so a body that
    arrives garbled is logged and ignored instead of failing (and, by its retry, replaying) an applied update, as
    boto3 ignores it. Other statuses are parsed as the generated operation parses them. Both shells' forms, as a
    generated endpoint module has them."""

    __name__ = "update_task"

    @staticmethod
    def sync_detailed(*, client: Any, **kwargs: Any) -> DeadlineResponse[Any]:
        response = client.get_httpx_client().request(**op_update_task._get_kwargs(**kwargs))
        return _update_task_answer(client, response)

    @staticmethod
    async def asyncio_detailed(*, client: Any, **kwargs: Any) -> DeadlineResponse[Any]:
        response = await client.get_async_httpx_client().request(**op_update_task._get_kwargs(**kwargs))
        return _update_task_answer(client, response)


_UPDATE_TASK = cast(ModuleType, _UpdateTask)
