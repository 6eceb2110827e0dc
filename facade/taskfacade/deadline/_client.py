"""``DeadlineClient``: boto3's deadline client surface for tasks and jobs, on the shared transport.

Each operation is written once as steps (``_ops.py``, ``_runs.py``: boto3's keyword arguments checked before any
request, one generated operation called through the transport with SigV4 on every attempt, the client's retry
mode and the error tree, boto3's dict with ``ResponseMetadata`` returned). ``DeadlineClient`` runs them with its
``Transport`` (``sync_method``); ``taskfacade.deadline.aio``'s ``AsyncDeadlineClient`` awaits the same steps with
an ``AsyncTransport`` (``async_method``). What both twins hold is ``ClientCore``.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

import attrs
import httpx

from .._clock import SYSTEM_CLOCK, Clock
from .._errors import InvalidArgument
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, ClientOptions
from .._pollpolicy import PollPolicy
from .._retry import RetryLike, RetryPolicy, retry_policy
from .._secrets import Redactor
from .._steps import Steps
from .._transport import BaseTransport, Transport
from . import _ops, _runs
from ._config import ClientConfig
from ._errors import ERROR_CLASSES, Exceptions, parse_error
from ._job import DeadlineJob
from ._ops import snake_ids, sync_method
from ._pager import PAGINATED, SEARCHES, Paginator
from ._sigv4 import SigV4Auth
from ._task import BatchAnswer, DeadlineTask, TaskKey
from ._validate import check_id
from ._waiter import WAITERS, Waiter

__all__ = ["BatchAnswer", "ClientCore", "ClientMeta", "DeadlineClient", "checked_ids", "snake_ids"]

TransportT = TypeVar("TransportT", bound=BaseTransport)


@attrs.frozen
class ClientMeta:
    """``client.meta``: the region, endpoint and service name, as boto3 exposes them."""

    region_name: str
    endpoint_url: str
    service_name: str = "deadline"


class ClientCore(Generic[TransportT]):
    """What ``DeadlineClient`` and ``AsyncDeadlineClient`` share: the options, the transport (sync or async), the
    exceptions and meta, and the steps their jobs run (the ``JobBackend`` protocols of ``_task.py``/``_job.py``)."""

    _transport_class: type[TransportT]

    def __init__(
        self,
        config: ClientConfig,
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        pool_size: int | None = None,
        clock: Clock = SYSTEM_CLOCK,
        httpx_transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
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
            rate_limit=rate_limit,
            poll_policy=poll_policy,
        )
        self._transport: TransportT = self._transport_class(
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
        name = type(self).__name__
        return f"{name}(region={self.meta.region_name!r}, endpoint={self.meta.endpoint_url!r}, retry={mode!r})"

    @property
    def retry_mode(self) -> RetryPolicy:
        """The retry policy every call uses; assign ``"default"``, ``"forceful"``, ``"disabled"`` or a policy."""
        return self._transport.retry

    @retry_mode.setter
    def retry_mode(self, mode: RetryLike) -> None:
        self._transport.retry = mode

    @property
    def waiter_names(self) -> list[str]:
        """The waiters ``get_waiter`` knows, as boto3's ``client.waiter_names``."""
        return sorted(WAITERS)

    def can_paginate(self, operation_name: str) -> bool:
        """Whether ``get_paginator(operation_name)`` works (the search operations too, unlike botocore)."""
        return isinstance(operation_name, str) and (operation_name in PAGINATED or operation_name in SEARCHES)

    # -- the JobBackend steps (_task.py and _job.py): what the task and job objects run ------------------------

    @property
    def _clock(self) -> Clock:
        return self._transport.clock

    @property
    def _poll_policy(self) -> PollPolicy | None:
        return self._transport.options.poll_policy

    def _fetch_task(self, ids: Mapping[str, str]) -> Steps[tuple[dict[str, Any], dict[str, Any] | None]]:
        fields, raw, _metadata = yield from _ops.get_task_fields(self, _ops.checked_ids(**ids))  # checked again
        return fields, raw

    def _fetch_tasks(self, keys: Iterable[TaskKey]) -> Steps[BatchAnswer]:
        return _ops.fetch_tasks(self, keys)

    def _abort_task(self, ids: Mapping[str, str]) -> Steps[dict[str, Any]]:
        return _ops.update_task(self, **ids, targetRunStatus="CANCELED")

    def _fetch_job(self, ids: Mapping[str, str]) -> Steps[dict[str, Any]]:
        return _ops.get_job(self, **ids)

    def _fetch_jobs(self, identifiers: list[Mapping[str, str]]) -> Steps[dict[str, Any]]:
        return _runs.batch_get_job(self, identifiers=identifiers)

    def _checked_paginator(self, operation_name: str) -> None:
        if not self.can_paginate(operation_name):
            names = sorted([*PAGINATED, *SEARCHES])
            raise InvalidArgument("operation_name", operation_name, "one of " + ", ".join(names))

    @staticmethod
    def _checked_waiter(waiter_name: str) -> None:
        if not isinstance(waiter_name, str) or waiter_name not in WAITERS:
            raise InvalidArgument("waiter_name", waiter_name, "one of " + ", ".join(sorted(WAITERS)))


def checked_ids(names: tuple[str, ...], values: tuple[Any, ...]) -> dict[str, str]:
    """The ids of ``client.task(...)``/``client.job(...)``, each checked."""
    return {name: check_id(name, value) for name, value in zip(names, values, strict=True)}


class DeadlineClient(ClientCore[Transport]):
    """A Deadline client for tasks and jobs, shaped like ``boto3.client("deadline")``. Build it with ``client()``.

    Besides the task and job operations, it has BatchGetJob, SearchJobs, the step operations and the session
    and session-action operations (``_runs.py``). It is the ``JobBackend`` of the ``DeadlineTask`` and
    ``DeadlineJob`` objects it builds (``_task.py``, ``_job.py``): they reach it only through those protocols.

    Thread-safe; close it (or use ``with``) to release its connections.

    Attributes:
        exceptions: the exception classes (``client.exceptions.ResourceNotFoundException``...).
        meta: region and endpoint.
    """

    _transport_class = Transport

    # The operations: one steps function each (_ops.py, _runs.py), run with this client's Transport.
    get_task = sync_method(_ops.get_task)
    list_tasks = sync_method(_ops.list_tasks)
    update_task = sync_method(_ops.update_task)
    search_tasks = sync_method(_ops.search_tasks)
    batch_get_task = sync_method(_ops.batch_get_task)
    get_job = sync_method(_ops.get_job)
    list_jobs = sync_method(_ops.list_jobs)
    batch_get_job = sync_method(_runs.batch_get_job)
    search_jobs = sync_method(_runs.search_jobs)
    get_step = sync_method(_runs.get_step)
    list_steps = sync_method(_runs.list_steps)
    batch_get_step = sync_method(_runs.batch_get_step)
    search_steps = sync_method(_runs.search_steps)
    list_sessions = sync_method(_runs.list_sessions)
    get_session = sync_method(_runs.get_session)
    list_session_actions = sync_method(_runs.list_session_actions)
    get_session_action = sync_method(_runs.get_session_action)
    batch_get_session = sync_method(_runs.batch_get_session)
    batch_get_session_action = sync_method(_runs.batch_get_session_action)

    def task(self, *, farmId: str, queueId: str, jobId: str, stepId: str, taskId: str) -> DeadlineTask:
        """A ``DeadlineTask`` Job for these ids (lazy: no request until its state is needed)."""
        ids = checked_ids(("farmId", "queueId", "jobId", "stepId", "taskId"), (farmId, queueId, jobId, stepId, taskId))
        return DeadlineTask(self, ids)

    def job(self, *, farmId: str, queueId: str, jobId: str) -> DeadlineJob:
        """A ``DeadlineJob`` Job for these ids (lazy: no request until its state is needed)."""
        return DeadlineJob(self, checked_ids(("farmId", "queueId", "jobId"), (farmId, queueId, jobId)))

    def get_paginator(self, operation_name: str) -> Paginator:
        """A boto3-style paginator for a list operation: ``"list_tasks"``, ``"list_jobs"``, ``"list_steps"``,
        ``"list_sessions"`` or ``"list_session_actions"``; also (taskfacade's addition: botocore has none) for
        ``"search_tasks"``, ``"search_jobs"`` and ``"search_steps"``, paged by ``itemOffset``."""
        self._checked_paginator(operation_name)
        return Paginator(getattr(self, operation_name), operation_name)

    def get_waiter(self, waiter_name: str) -> Waiter:
        """A boto3-style waiter from botocore's deadline model: ``"job_complete"``, ``"job_succeeded"`` or
        ``"job_create_complete"`` (``waiter.wait(farmId=..., queueId=..., jobId=..., WaiterConfig={...})``)."""
        self._checked_waiter(waiter_name)
        model = WAITERS[waiter_name]
        return Waiter(model, getattr(self, model.operation), self._transport.clock)

    def close(self) -> None:
        """Release the connections (idempotent)."""
        self._transport.close()

    def __enter__(self) -> DeadlineClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
