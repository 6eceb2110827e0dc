"""The async Deadline client, written the way aiobotocore users write it, returning the same dicts and raising the
same exceptions as ``taskfacade.deadline.client``::

    from taskfacade import deadline
    import taskfacade.aio

    async with deadline.aio.client(region_name="us-west-2") as client:
        task = await client.get_task(farmId=..., queueId=..., jobId=..., stepId=..., taskId=...)
        async for page in client.get_paginator("list_tasks").paginate(farmId=..., queueId=..., jobId=..., stepId=...):
            ...
        await client.get_waiter("job_complete").wait(farmId=..., queueId=..., jobId=...)
        jobs = [await client.task(**ids) for ids in many]        # AsyncDeadlineTask: taskfacade.aio.AsyncJob
        statuses = await taskfacade.aio.wait_all(jobs, timeout=600)   # BatchGetTask, 100 tasks a request

One source: every operation is the steps function the sync client runs (``_ops.py``, ``_runs.py``), awaited here
with an ``AsyncTransport`` (same options, retries, budgets, errors, redaction and logs). Credentials resolve as in
sync (arguments, environment, shared files, botocore's chain), in a worker thread when the client is entered;
credentials that refresh (STS, SSO, container, instance metadata) refresh in a worker thread too
(``SigV4Auth.async_auth_flow``). The event loop is never blocked. Written on anyio, as httpx is (tested on
asyncio; trio is not installed in the test environment).
"""

from __future__ import annotations

import inspect
import ssl
from collections.abc import Generator, Mapping
from typing import Any

import anyio
import httpx

from .._atransport import AsyncTransport
from .._clock import SYSTEM_CLOCK, Clock
from .._errors import InvalidArgument
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT
from .._pollpolicy import PollPolicy
from .._retry import RetryLike
from . import _ops, _runs
from ._client import ClientCore, checked_ids
from ._config import ClientConfig
from ._factory import resolve_client
from ._job import AsyncDeadlineJob
from ._ops import async_method
from ._pager import AsyncPageIterator, AsyncPaginator
from ._task import AsyncDeadlineTask
from ._waiter import WAITERS, AsyncWaiter

__all__ = [
    "AsyncDeadlineClient",
    "AsyncDeadlineJob",
    "AsyncDeadlineTask",
    "AsyncPageIterator",
    "AsyncPaginator",
    "AsyncWaiter",
    "ClientCreator",
    "client",
]


class AsyncDeadlineClient(ClientCore[AsyncTransport]):
    """The async twin of ``DeadlineClient``: every operation a coroutine with the same arguments, answers and
    exceptions (``client.exceptions.ResourceNotFoundException``...). Build it with ``deadline.aio.client(...)``.

    Use it from one event loop; close it with ``async with`` or ``await client.close()``.

    Attributes:
        exceptions: the exception classes, the same as the sync client's.
        meta: region and endpoint.
    """

    _transport_class = AsyncTransport

    # The operations: the sync client's steps (_ops.py, _runs.py), awaited with this client's AsyncTransport.
    get_task = async_method(_ops.get_task)
    list_tasks = async_method(_ops.list_tasks)
    update_task = async_method(_ops.update_task)
    search_tasks = async_method(_ops.search_tasks)
    batch_get_task = async_method(_ops.batch_get_task)
    get_job = async_method(_ops.get_job)
    list_jobs = async_method(_ops.list_jobs)
    batch_get_job = async_method(_runs.batch_get_job)
    search_jobs = async_method(_runs.search_jobs)
    get_step = async_method(_runs.get_step)
    list_steps = async_method(_runs.list_steps)
    batch_get_step = async_method(_runs.batch_get_step)
    search_steps = async_method(_runs.search_steps)
    list_sessions = async_method(_runs.list_sessions)
    get_session = async_method(_runs.get_session)
    list_session_actions = async_method(_runs.list_session_actions)
    get_session_action = async_method(_runs.get_session_action)
    batch_get_session = async_method(_runs.batch_get_session)
    batch_get_session_action = async_method(_runs.batch_get_session_action)

    async def task(self, *, farmId: str, queueId: str, jobId: str, stepId: str, taskId: str) -> AsyncDeadlineTask:
        """An ``AsyncDeadlineTask`` for these ids (lazy, as in sync: no request until ``refresh()`` or a wait)."""
        ids = checked_ids(("farmId", "queueId", "jobId", "stepId", "taskId"), (farmId, queueId, jobId, stepId, taskId))
        return AsyncDeadlineTask(self, ids)

    async def job(self, *, farmId: str, queueId: str, jobId: str) -> AsyncDeadlineJob:
        """An ``AsyncDeadlineJob`` for these ids (lazy, as in sync: no request until ``refresh()`` or a wait)."""
        return AsyncDeadlineJob(self, checked_ids(("farmId", "queueId", "jobId"), (farmId, queueId, jobId)))

    def get_paginator(self, operation_name: str) -> AsyncPaginator:
        """``DeadlineClient.get_paginator``, whose pages are read with ``async for`` (aiobotocore's)."""
        self._checked_paginator(operation_name)
        return AsyncPaginator(getattr(self, operation_name), operation_name)

    def get_waiter(self, waiter_name: str) -> AsyncWaiter:
        """``DeadlineClient.get_waiter``, whose ``wait(...)`` is awaited (aiobotocore's)."""
        self._checked_waiter(waiter_name)
        model = WAITERS[waiter_name]
        return AsyncWaiter(model, getattr(self, model.operation), self._transport.clock)

    async def close(self) -> None:
        """Close the connections (idempotent), as aiobotocore's ``await client.close()``."""
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncDeadlineClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()


#: The arguments of ``client(...)`` that are resolved off the loop (profile files, botocore's chain).
RESOLVED = (
    "region_name",
    "endpoint_url",
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "profile_name",
    "retry_mode",
    "environ",
)


class ClientCreator:
    """What ``deadline.aio.client(...)`` returns: ``async with`` it (closed on exit), or ``await`` it (then
    ``await client.close()``), as aiobotocore's ``session.create_client``. The configuration is resolved, and the
    client built, in a worker thread (shared files, botocore's chain, TLS certificates are read there)."""

    def __init__(self, resolve: Mapping[str, Any], options: Mapping[str, Any]) -> None:
        # What deadline.aio.client(...) hands over: the arguments resolved off the loop, and the client's options.
        optional = [name for name in inspect.signature(client).parameters if name not in RESOLVED]
        for name, given, accepted in (("resolve", resolve, RESOLVED), ("options", options, optional)):
            if not isinstance(given, Mapping) or not set(given) <= set(accepted):
                raise InvalidArgument(
                    name, given, f"a mapping of deadline.aio.client arguments ({', '.join(accepted)})"
                )
        self._resolve = dict.fromkeys(RESOLVED) | dict(resolve)
        self._options = dict(options)
        self._client: AsyncDeadlineClient | None = None

    def _build(self) -> AsyncDeadlineClient:
        config, policy = resolve_client(**self._resolve)
        return _construct(config, policy, self._options)

    async def create(self) -> AsyncDeadlineClient:
        """The client, built off the event loop."""
        return await anyio.to_thread.run_sync(self._build)

    def __await__(self) -> Generator[Any, None, AsyncDeadlineClient]:
        return self.create().__await__()

    async def __aenter__(self) -> AsyncDeadlineClient:
        if self._client is not None:
            raise InvalidArgument("client", "entered twice", "one `async with` per deadline.aio.client(...) call")
        self._client = await self.create()
        return self._client

    async def __aexit__(self, *_exc: object) -> None:
        if self._client is not None:
            await self._client.close()


def _construct(config: ClientConfig, policy: RetryLike, options: Mapping[str, Any]) -> AsyncDeadlineClient:
    return AsyncDeadlineClient(config, retry_mode=policy, **options)


def client(
    region_name: str | None = None,
    endpoint_url: str | None = None,
    aws_access_key_id: str | None = None,
    aws_secret_access_key: str | None = None,
    aws_session_token: str | None = None,
    profile_name: str | None = None,
    retry_mode: RetryLike | None = None,
    *,
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    verify: bool | str | ssl.SSLContext = True,
    pool_size: int | None = None,
    clock: Clock = SYSTEM_CLOCK,
    environ: Mapping[str, str] | None = None,
    httpx_transport: httpx.AsyncBaseTransport | None = None,
    trust_env: bool = True,
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    user_agent: str = USER_AGENT,
    rate_limit: str | None = "adaptive",
    poll_policy: PollPolicy | None = None,
) -> ClientCreator:
    """An async Deadline client: ``async with deadline.aio.client(...) as client:`` (or ``await``).

    The arguments are ``deadline.client``'s, with the same defaults and meaning (``httpx_transport`` must be an
    ``httpx.AsyncBaseTransport``). Nothing is read or sent until the client is entered or awaited.

    Raises (when entered):
        InvalidArgument: no credentials, an unknown profile, a bad region, endpoint, retry mode or option.
    """
    resolve = {
        "region_name": region_name,
        "endpoint_url": endpoint_url,
        "aws_access_key_id": aws_access_key_id,
        "aws_secret_access_key": aws_secret_access_key,
        "aws_session_token": aws_session_token,
        "profile_name": profile_name,
        "retry_mode": retry_mode,
        "environ": environ,
    }
    options = {
        "timeout": timeout,
        "verify": verify,
        "pool_size": pool_size,
        "clock": clock,
        "httpx_transport": httpx_transport,
        "trust_env": trust_env,
        "max_response_size": max_response_size,
        "user_agent": user_agent,
        "rate_limit": rate_limit,
        "poll_policy": poll_policy,
    }
    return ClientCreator(resolve, options)
