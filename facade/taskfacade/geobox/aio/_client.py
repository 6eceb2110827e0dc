"""``AsyncGeoboxClient``: the vendor's ``geobox.aio.AsyncGeoboxClient`` on taskfacade's async transport.

``async with AsyncGeoboxClient(host=..., access_token=... | apikey=... | username=..., password=...) as client:``
then ``await client.get_tasks(...)`` and ``await client.get_task(uuid)``. The constructor takes the arguments and
client options of ``taskfacade.geobox.GeoboxClient`` (``retry_mode``, ``timeout``, ``clock``, ``pool_size``,
``httpx_transport`` (an ``httpx.AsyncBaseTransport``) ...) and checks them the same way, before any request.

Every request is the sync client's: the same steps (``taskfacade.geobox._ops``) run by ``await arun(...)`` on an
``AsyncTransport``, so retries, budgets, the error tree, redaction and logging are the sync client's. Where the
vendor's async client differs, the sync client's fixes apply (see ``taskfacade.geobox._client``); and:

- a username/password login happens on the first request (or ``await client.login()``), as in the sync client,
  not in ``__aenter__`` as the vendor's; concurrent first requests log in once, and a 401 to the issued token
  logs in once more;
- the client works without ``async with`` too (the vendor's needs it); ``await client.aclose()`` then closes it.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Sequence
from typing import Literal, TypeVar, overload

import httpx

from taskfacade._atransport import AsyncTransport
from taskfacade._clock import Clock
from taskfacade._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT
from taskfacade._pollpolicy import PollPolicy
from taskfacade._retry import RetryLike
from taskfacade._steps import Steps, arun

from .._client import DEFAULT_HOST, ClientCore, get_task_steps, get_tasks_steps
from .._enums import TaskStatus
from .._listing import list_kwargs
from .._ops import AsyncGeoboxCaller
from .._validate import check_int
from ._task import AsyncTask

__all__ = ["AsyncGeoboxClient"]

T = TypeVar("T")


class AsyncGeoboxClient(ClientCore):
    """An async Geobox API client (see the module docstring; arguments as ``taskfacade.geobox.GeoboxClient``).

    Raises:
        InvalidArgument: a bad argument, or no credentials in the arguments or the ``GEOBOX_*`` environment.
    """

    _transport: AsyncTransport

    def __init__(
        self,
        host: str = DEFAULT_HOST,
        ver: str = "v1/",
        username: str | None = None,
        password: str | None = None,
        access_token: str | None = None,
        apikey: str | None = None,
        verify: bool | str | ssl.SSLContext = True,
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        clock: Clock | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        pool_size: int | None = None,
        httpx_transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        options, redactor = self._configure(
            host,
            ver,
            {"username": username, "password": password, "access_token": access_token, "apikey": apikey},
            {
                "retry_mode": retry_mode,
                "timeout": timeout,
                "verify": verify,
                "pool_size": pool_size,
                "clock": clock,
                "trust_env": trust_env,
                "max_response_size": max_response_size,
                "user_agent": user_agent,
                "rate_limit": rate_limit,
                "poll_policy": poll_policy,
                "httpx_transport": httpx_transport,
            },
        )
        self._transport = AsyncTransport(**self._transport_kwargs(options, redactor))
        self._caller = AsyncGeoboxCaller(self._transport, self._ops)

    # -- the vendor's task entry points ------------------------------------------------------------------------

    async def get_task(self, uuid: str) -> AsyncTask:
        """One task (``GET /v1/tasks/{uuid}/``). Raises ``NotFoundError`` when there is none."""
        body = await self._arun(get_task_steps(self._ops, uuid))
        return AsyncTask(self, body["uuid"], body)

    @overload
    async def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: Literal[True],
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> int: ...

    @overload
    async def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: Literal[False] = False,
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> list[AsyncTask]: ...

    @overload
    async def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: bool = False,
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> list[AsyncTask] | int: ...

    async def get_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        return_count: bool = False,
        skip: int = 0,
        limit: int = 10,
        user_id: int | None = None,
        shared: bool = False,
    ) -> list[AsyncTask] | int:
        """One page of tasks (newest first unless ``order_by``), or their count with ``return_count=True``.

        The filters are ``GeoboxClient.get_tasks``'s, checked the same way before any request.
        """
        params = list_kwargs(
            state=state,
            q=q,
            search=search,
            search_fields=search_fields,
            order_by=order_by,
            return_count=return_count,
            skip=skip,
            limit=limit,
            user_id=user_id,
            shared=shared,
        )
        found = await self._arun(get_tasks_steps(self._ops, params))
        if isinstance(found, int):
            return found
        return [AsyncTask(self, body["uuid"], body) for body in found]

    def iter_tasks(
        self,
        *,
        state: TaskStatus | str | None = None,
        q: str | None = None,
        search: str | None = None,
        search_fields: str | Sequence[str] | None = None,
        order_by: str | Sequence[str] | None = None,
        user_id: int | None = None,
        shared: bool = False,
        page_size: int = 100,
    ) -> AsyncIterator[AsyncTask]:
        """Every matching task, ``async for task in client.iter_tasks(...)``, fetching ``page_size`` per request
        (``GeoboxClient.iter_tasks``; the arguments are checked at the call, before any request)."""
        size = check_int("page_size", page_size, 1)
        params = list_kwargs(
            state=state,
            q=q,
            search=search,
            search_fields=search_fields,
            order_by=order_by,
            return_count=False,
            skip=0,
            limit=size,
            user_id=user_id,
            shared=shared,
        )

        async def pages() -> AsyncIterator[AsyncTask]:
            index = 0
            while True:
                bodies = await self._arun(get_tasks_steps(self._ops, {**params, "skip": index * size}))
                assert not isinstance(bodies, int)  # return_count is False
                for body in bodies:
                    yield AsyncTask(self, body["uuid"], body)
                if len(bodies) < size:
                    return
                index += 1

        return pages()

    async def login(self) -> None:
        """Exchange the username and password for an access token now (otherwise the first request does it).

        Raises:
            AuthenticationError: wrong username or password.
            UnsupportedOperation: this client does not use a username and password.
        """
        self._check_login()
        await self._arun(self._ops.login_now())

    # -- lifecycle -------------------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the connections. Idempotent."""
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncGeoboxClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    # -- AsyncJobBackend (_task.py): what AsyncTask awaits -------------------------------------------------------

    async def _arun(self, steps: Steps[T]) -> T:
        """Run steps (``_ops``, ``_task``) on this client's async transport."""
        return await arun(steps, self._caller)
