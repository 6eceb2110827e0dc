"""``DeadlineClient``: boto3's deadline client surface for tasks and jobs, on the shared transport.

Each method takes boto3's keyword arguments, checks them all before any request (``_validate.py``), calls one
generated operation through the ``Transport`` (SigV4 on every attempt, the client's retry mode, the error tree),
and returns boto3's dict (``_shapes.py``) with ``ResponseMetadata``. ``None`` for an optional argument means
"not given" (boto3 refuses it).
"""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs
import httpx

from .._adapter import Exchange, GeneratedResponse
from .._clock import SYSTEM_CLOCK, Clock
from .._errors import InvalidArgument, ResponseDecodeError
from .._failure import undecodable
from .._log import logger
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, ClientOptions
from .._retry import RetryLike, RetryPolicy, retry_policy
from .._secrets import Redactor
from .._transport import Transport
from ._config import ClientConfig
from ._errors import ERROR_CLASSES, ClientError, Exceptions, parse_error
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
from ._job import DeadlineJob
from ._pager import PAGINATED, SEARCHES, Paginator
from ._runs import RunOperations
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
from ._sigv4 import SigV4Auth
from ._task import IDS, BatchAnswer, DeadlineTask, TaskKey
from ._validate import (
    check_client_token,
    check_id,
    check_int,
    check_next_token,
    check_principal_id,
    check_target_run_status,
    list_of,
)
from ._waiter import WAITERS, Waiter

__all__ = ["BatchAnswer", "ClientMeta", "DeadlineClient", "snake_ids"]

M = TypeVar("M")


@attrs.frozen
class ClientMeta:
    """``client.meta``: the region, endpoint and service name, as boto3 exposes them."""

    region_name: str
    endpoint_url: str
    service_name: str = "deadline"


def _identifier(value: Any, path: str) -> dict[str, str]:
    if not isinstance(value, Mapping) or set(value) != set(IDS):
        raise InvalidArgument(path, value, "a dict with exactly farmId, queueId, jobId, stepId and taskId")
    return {name: check_id(name, value[name], f"{path}.{name}") for name in IDS}


class DeadlineClient(RunOperations):
    """A Deadline client for tasks and jobs, shaped like ``boto3.client("deadline")``. Build it with ``client()``.

    Besides the task and job operations here, it has BatchGetJob, SearchJobs, the step operations and the session
    and session-action operations (``_runs.RunOperations``). It is the ``JobBackend`` of the ``DeadlineTask`` and
    ``DeadlineJob`` objects it builds (``_task.py``, ``_job.py``): they reach it only through those protocols.

    Thread-safe; close it (or use ``with``) to release its connections.

    Attributes:
        exceptions: the exception classes (``client.exceptions.ResourceNotFoundException``...).
        meta: region and endpoint.
    """

    def __init__(
        self,
        config: ClientConfig,
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        pool_size: int | None = None,
        clock: Clock = SYSTEM_CLOCK,
        httpx_transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        user_agent: str = USER_AGENT,
    ) -> None:
        if not isinstance(config, ClientConfig):
            raise InvalidArgument("config", type(config).__name__, "a ClientConfig (deadline.client() builds one)")
        options = ClientOptions(
            retry_mode=retry_policy(retry_mode, "retry_mode"),  # a bad mode is reported under the caller's name
            timeout=timeout,
            verify=verify,
            pool_size=pool_size,
            clock=clock,
            httpx_transport=httpx_transport,
            trust_env=trust_env,
            max_response_size=max_response_size,
            user_agent=user_agent,
        )
        self._transport = Transport(
            service="deadline",
            base_url=config.endpoint_url,
            auth=SigV4Auth(config.credentials, config.region),
            options=options,
            error_parser=parse_error,
            error_classes=ERROR_CLASSES,
            idempotency_header="X-Amz-Client-Token",
            redactor=Redactor(),  # learns every set of credentials before a request is signed with it (below)
        )
        redactor = self._transport.redactor
        config.credentials.add_listener(lambda new: redactor.add(new.access_key, new.secret_key, new.token))
        self.exceptions = Exceptions()
        self.meta = ClientMeta(config.region, config.endpoint_url)
        #: False once BatchGetTask was refused (AccessDenied): waits then poll with GetTask.
        self._batch_allowed = True
        #: False once BatchGetJob was refused (AccessDenied): job waits then poll with GetJob.
        self._batch_jobs_allowed = True

    def __repr__(self) -> str:
        mode = self._transport.retry.name
        return f"DeadlineClient(region={self.meta.region_name!r}, endpoint={self.meta.endpoint_url!r}, retry={mode!r})"

    @property
    def retry_mode(self) -> RetryPolicy:
        """The retry policy every call uses; assign ``"default"``, ``"forceful"``, ``"disabled"`` or a policy."""
        return self._transport.retry

    @retry_mode.setter
    def retry_mode(self, mode: RetryLike) -> None:
        self._transport.retry = mode

    # -- tasks -----------------------------------------------------------------------------------------------

    def get_task(self, *, farmId: str, queueId: str, jobId: str, stepId: str, taskId: str) -> dict[str, Any]:
        """GetTask: the task's fields as seed 002 shows them (aware UTC datetimes), plus ``ResponseMetadata``."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId, taskId=taskId)
        fields, _raw, metadata = self._get_task(ids)
        return {**fields, "ResponseMetadata": metadata}

    def list_tasks(
        self,
        *,
        farmId: str,
        queueId: str,
        jobId: str,
        stepId: str,
        nextToken: str | None = None,
        maxResults: int | None = None,
    ) -> dict[str, Any]:
        """ListTasks: one page, ``{"tasks": [...], "nextToken": ...}``; ``get_paginator("list_tasks")`` pages."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId)
        paging = self._paging(nextToken, maxResults)
        model, metadata = self._send("ListTasks", op_list_tasks.sync_detailed, ListTasksResponse, **ids, **paging)
        tasks = [self._convert(task, TASK_FIELDS) for task in model.tasks]
        return self._page({"tasks": tasks}, model.next_token, metadata)

    def update_task(
        self,
        *,
        farmId: str,
        queueId: str,
        jobId: str,
        stepId: str,
        taskId: str,
        targetRunStatus: str,
        clientToken: str | None = None,
    ) -> dict[str, Any]:
        """UpdateTask: ask for a new run status. One client token (a uuid4 unless given) covers every retry."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId, taskId=taskId)
        body = UpdateTaskRequest(target_run_status=TaskTargetRunStatus(check_target_run_status(targetRunStatus)))
        token = str(uuid.uuid4()) if clientToken is None else check_client_token(clientToken)
        _model, metadata = self._send(
            "UpdateTask", _update_task, UpdateTaskResponse, **ids, body=body, x_amz_client_token=token
        )
        return {"ResponseMetadata": metadata}

    def search_tasks(
        self,
        *,
        farmId: str,
        queueIds: list[str],
        itemOffset: int,
        jobId: str | None = None,
        filterExpressions: Mapping[str, Any] | None = None,
        sortExpressions: list[Mapping[str, Any]] | None = None,
        pageSize: int | None = None,
    ) -> dict[str, Any]:
        """SearchTasks: one page by offset, ``{"tasks", "totalResults", "nextItemOffset"}`` (read-only POST)."""
        body: dict[str, Any] = {
            "queueIds": list_of(lambda v, p: check_id("queueId", v, p), 1, 10)(queueIds, "queueIds"),
            "itemOffset": check_int("itemOffset", itemOffset, 0, 10_000),
        }
        farm = check_id("farmId", farmId)
        if jobId is not None:
            body["jobId"] = check_id("jobId", jobId)
        if filterExpressions is not None:
            body["filterExpressions"] = check_filters(filterExpressions)
        if sortExpressions is not None:
            body["sortExpressions"] = check_sorts(sortExpressions)
        if pageSize is not None:
            body["pageSize"] = check_int("pageSize", pageSize, 1, 100)
        request = SearchTasksRequest.from_dict(body)
        model, metadata = self._send(
            "SearchTasks",
            op_search_tasks.sync_detailed,
            SearchTasksResponse,
            farm_id=farm,
            body=request,
            idempotent=True,
        )
        result: dict[str, Any] = {"tasks": [self._convert(t, SEARCH_FIELDS) for t in model.tasks]}
        result["totalResults"] = model.total_results
        if model.next_item_offset is not UNSET:
            result["nextItemOffset"] = model.next_item_offset
        return {**result, "ResponseMetadata": metadata}

    def batch_get_task(self, *, identifiers: list[Mapping[str, str]]) -> dict[str, Any]:
        """BatchGetTask: up to 100 tasks by their five ids; check ``errors`` even on success (read-only POST)."""
        checked = list_of(_identifier, 1, 100)(identifiers, "identifiers")
        model, metadata = self._batch(checked)
        return {
            "tasks": [self._convert(item, BATCH_ITEM_FIELDS) for item in model.tasks],
            "errors": [self._convert(error, BATCH_ERROR_FIELDS) for error in model.errors],
            "ResponseMetadata": metadata,
        }

    def task(self, *, farmId: str, queueId: str, jobId: str, stepId: str, taskId: str) -> DeadlineTask:
        """A ``DeadlineTask`` Job for these ids (lazy: no request until its state is needed)."""
        ids = {"farmId": farmId, "queueId": queueId, "jobId": jobId, "stepId": stepId, "taskId": taskId}
        return DeadlineTask(self, {name: check_id(name, value) for name, value in ids.items()})

    # -- jobs ------------------------------------------------------------------------------------------------

    def get_job(self, *, farmId: str, queueId: str, jobId: str) -> dict[str, Any]:
        """GetJob: the job's fields (parameters as tagged unions, aware UTC datetimes), plus ``ResponseMetadata``."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId)
        model, metadata = self._send("GetJob", op_get_job.sync_detailed, GetJobResponse, **ids)
        return {**self._convert(model, JOB_DETAIL_FIELDS), "ResponseMetadata": metadata}

    def job(self, *, farmId: str, queueId: str, jobId: str) -> DeadlineJob:
        """A ``DeadlineJob`` Job for these ids (lazy: no request until its state is needed)."""
        ids = {"farmId": farmId, "queueId": queueId, "jobId": jobId}
        return DeadlineJob(self, {name: check_id(name, value) for name, value in ids.items()})

    def list_jobs(
        self,
        *,
        farmId: str,
        queueId: str,
        principalId: str | None = None,
        nextToken: str | None = None,
        maxResults: int | None = None,
    ) -> dict[str, Any]:
        """ListJobs: one page, ``{"jobs": [...], "nextToken": ...}``; ``get_paginator("list_jobs")`` pages."""
        ids = self._ids(farmId=farmId, queueId=queueId)
        paging = self._paging(nextToken, maxResults)
        if principalId is not None:
            paging["principal_id"] = check_principal_id(principalId)
        model, metadata = self._send("ListJobs", op_list_jobs.sync_detailed, ListJobsResponse, **ids, **paging)
        jobs = [self._convert(job, JOB_FIELDS) for job in model.jobs]
        return self._page({"jobs": jobs}, model.next_token, metadata)

    # -- paginators and lifecycle ----------------------------------------------------------------------------

    def get_paginator(self, operation_name: str) -> Paginator:
        """A boto3-style paginator for a list operation: ``"list_tasks"``, ``"list_jobs"``, ``"list_steps"``,
        ``"list_sessions"`` or ``"list_session_actions"``; also (taskfacade's addition: botocore has none) for
        ``"search_tasks"``, ``"search_jobs"`` and ``"search_steps"``, paged by ``itemOffset``."""
        if not self.can_paginate(operation_name):
            names = sorted([*PAGINATED, *SEARCHES])
            raise InvalidArgument("operation_name", operation_name, "one of " + ", ".join(names))
        method: Callable[..., dict[str, Any]] = getattr(self, operation_name)
        return Paginator(method, operation_name)

    def get_waiter(self, waiter_name: str) -> Waiter:
        """A boto3-style waiter from botocore's deadline model: ``"job_complete"``, ``"job_succeeded"`` or
        ``"job_create_complete"`` (``waiter.wait(farmId=..., queueId=..., jobId=..., WaiterConfig={...})``)."""
        if not isinstance(waiter_name, str) or waiter_name not in WAITERS:
            raise InvalidArgument("waiter_name", waiter_name, "one of " + ", ".join(sorted(WAITERS)))
        model = WAITERS[waiter_name]
        method: Callable[..., dict[str, Any]] = getattr(self, model.operation)
        return Waiter(model, method, self._transport.clock)

    @property
    def waiter_names(self) -> list[str]:
        """The waiters ``get_waiter`` knows, as boto3's ``client.waiter_names``."""
        return sorted(WAITERS)

    def can_paginate(self, operation_name: str) -> bool:
        """Whether ``get_paginator(operation_name)`` works (the search operations too, unlike botocore)."""
        return isinstance(operation_name, str) and (operation_name in PAGINATED or operation_name in SEARCHES)

    def close(self) -> None:
        """Release the connections (idempotent)."""
        self._transport.close()

    def __enter__(self) -> DeadlineClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- JobBackend (_task.py and _job.py): what DeadlineTask and DeadlineJob call ----------------------------

    @property
    def _clock(self) -> Clock:
        return self._transport.clock

    def _fetch_task(self, ids: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        fields, raw, _metadata = self._get_task(self._ids(**ids))  # ids checked again: cheap
        return fields, raw

    def _fetch_tasks(self, keys: Iterable[TaskKey]) -> BatchAnswer:
        return self._batch_get(keys)

    def _abort_task(self, ids: Mapping[str, str]) -> None:
        self.update_task(**ids, targetRunStatus="CANCELED")

    def _fetch_job(self, ids: Mapping[str, str]) -> dict[str, Any]:
        return self.get_job(**ids)

    def _fetch_jobs(self, identifiers: list[Mapping[str, str]]) -> dict[str, Any]:
        return self.batch_get_job(identifiers=identifiers)

    # -- internals ---------------------------------------------------------------------------------------------

    def _ids(self, **ids: Any) -> dict[str, str]:
        """Checked ids, keyed by the generated operations' argument names (``farm_id``...)."""
        return snake_ids({name: check_id(name, value) for name, value in ids.items()})

    def _paging(self, next_token: Any, max_results: Any) -> dict[str, Any]:
        paging: dict[str, Any] = {}
        if next_token is not None:
            paging["next_token"] = check_next_token("nextToken", next_token)
        if max_results is not None:
            paging["max_results"] = check_int("maxResults", max_results, 1, 100)
        return paging

    def _get_task(self, ids: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]:
        model, metadata = self._send("GetTask", op_get_task.sync_detailed, GetTaskResponse, **ids)
        return self._convert(model, TASK_FIELDS), self._convert_raw(model), metadata

    def _batch(self, identifiers: list[dict[str, str]]) -> tuple[BatchGetTaskResponse, dict[str, Any]]:
        body = BatchGetTaskRequest.from_dict({"identifiers": identifiers})
        return self._send(
            "BatchGetTask", op_batch_get_task.sync_detailed, BatchGetTaskResponse, body=body, idempotent=True
        )

    def _batch_get(self, keys: Iterable[TaskKey]) -> BatchAnswer:
        model, metadata = self._batch([dict(zip(IDS, key, strict=True)) for key in keys])
        items = {}
        for item in model.tasks:
            fields = self._convert(item, BATCH_ITEM_FIELDS)
            key = tuple(str(fields.get(name)) for name in IDS)
            items[key] = (self._convert(item, TASK_FIELDS), self._convert_raw(item))
        errors = [(tuple(str(getattr(e, a)) for a in _ATTRS), str(e.code), e.message) for e in model.errors]
        return BatchAnswer(items, errors, metadata["RequestId"] or None)

    def _send(
        self, name: str, operation: Callable[..., GeneratedResponse], expect: type[M], **kwargs: Any
    ) -> tuple[M, dict[str, Any]]:
        """Call ``operation`` through the transport; returns its parsed model and boto3's ``ResponseMetadata``."""
        try:
            result: Exchange[GeneratedResponse] = self._transport.exchange(operation, **kwargs)
        except ClientError as error:
            error.operation_name = name
            error.max_attempts_reached = error.attempts >= self._transport.retry.max_attempts
            raise
        parsed = result.response.parsed
        if not isinstance(parsed, expect):
            message = f"{name}: expected {expect.__name__}, got {type(parsed).__name__}"
            raise undecodable(result, message, service="deadline")
        return parsed, _metadata(result)

    @staticmethod
    def _convert(model: Any, table: FieldTable) -> dict[str, Any]:
        try:
            return convert(model, table)
        except ResponseDecodeError:
            raise
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise ResponseDecodeError(
                f"the response does not match the spec ({type(error).__name__}: {error})"
            ) from error

    @staticmethod
    def _convert_raw(model: Any) -> dict[str, Any] | None:
        try:
            return raw_parameters(model)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    @staticmethod
    def _page(body: dict[str, Any], next_token: Any, metadata: dict[str, Any]) -> dict[str, Any]:
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


def _update_task(*, client: Any, **kwargs: Any) -> DeadlineResponse[Any]:
    """UpdateTask, where a 200 means "applied" whatever its body: the answer is an empty structure, so a body that
    arrives garbled is logged and ignored instead of failing (and, by its retry, replaying) an applied update, as
    boto3 ignores it. Other statuses are parsed as the generated operation parses them."""
    response = client.get_httpx_client().request(**op_update_task._get_kwargs(**kwargs))
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


def snake_ids(ids: Mapping[str, str]) -> dict[str, str]:
    """Deadline's id names (``farmId``) as the generated operations' argument names (``farm_id``)."""
    return {_SNAKE[name]: value for name, value in ids.items()}


def _metadata(result: Exchange[GeneratedResponse]) -> dict[str, Any]:
    headers = {k.lower(): v for k, v in result.response.headers.items()}
    return {
        "RequestId": headers.get("x-amzn-requestid", ""),
        "HTTPStatusCode": int(result.response.status_code),
        "HTTPHeaders": headers,
        "RetryAttempts": result.attempts - 1,
    }
