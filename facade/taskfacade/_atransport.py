"""The asynchronous I/O shell of every call: one pooled ``httpx.AsyncClient`` per async service client.

``AsyncTransport`` is ``Transport``'s twin: the same constructor and options (``BaseTransport``), the same
sans-I/O decisions (``_callplan.py``, ``_failure.py``: budgets, replay safety, backoff, what a failure raises),
the same event-hook rules (``_attempt.py``: deadline-shortened timeouts, the body read within the deadline and
``max_response_size``, cross-host redirects refused, error statuses stopped before the generated parser), the
same log lines and redaction. What differs is only the I/O: it awaits generated ``asyncio_detailed`` operations,
sleeps with ``anyio.sleep`` (asyncio or trio), and ends each attempt at its deadline with an anyio cancel scope
instead of the socket-level deadline the sync shell installs below httpx (``_netdeadline.py``), so a server that
drips its answer cannot stretch a call past its budget either.

Cancelling the task that awaits a call cancels the request at once; the connection is dropped, not reused.
"""

from __future__ import annotations

import inspect
import ssl
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, overload

import anyio
import httpx

from . import _telemetry
from ._adapter import AsyncClientAdapter, Exchange, GeneratedResponse
from ._attempt import CURRENT, Attempt
from ._clock import sleep_async
from ._errors import InvalidArgument
from ._failure import Failure
from ._ratelimit import MAX_NAP
from ._retry import RetryLike, RetryPolicy
from ._steps import Call
from ._transport import BaseTransport

__all__ = ["AsyncTransport"]

T = TypeVar("T")
R = TypeVar("R", bound=GeneratedResponse)


def _is_coroutine_function(operation: object) -> bool:
    """True for an ``async def`` function, a partial of one, or an object whose ``__call__`` is one."""
    return inspect.iscoroutinefunction(operation) or (
        callable(operation) and inspect.iscoroutinefunction(type(operation).__call__)
    )


class AsyncTransport(BaseTransport):
    """One async service client's connection to its server: a pooled ``httpx.AsyncClient`` plus the retry loop.

    Takes the arguments of ``BaseTransport`` (``httpx_transport``, when given, must be an
    ``httpx.AsyncBaseTransport``: ``httpx.MockTransport`` is both). Use it from one event loop; close it with
    ``await transport.aclose()`` or ``async with``.
    """

    _http: httpx.AsyncClient

    def _open_http(
        self, auth: httpx.Auth | None, headers: dict[str, str], tls: bool | ssl.SSLContext
    ) -> httpx.AsyncClient:
        mounted = self.options.httpx_transport
        if mounted is not None and not isinstance(mounted, httpx.AsyncBaseTransport):
            raise InvalidArgument("httpx_transport", mounted, "None or an httpx.AsyncBaseTransport for an async client")
        client = httpx.AsyncClient(
            base_url=self.base_url,
            auth=auth,
            headers=headers,
            timeout=self.timeout,
            limits=httpx.Limits(max_connections=self.pool_size, max_keepalive_connections=self.pool_size),
            verify=tls,
            follow_redirects=True,
            event_hooks={"request": [self._hooks.on_request_async], "response": [self._hooks.on_response_async]},
            transport=mounted,
            trust_env=self.options.trust_env,
        )
        self._adapter = AsyncClientAdapter(client)
        return client

    @property
    def httpx_client(self) -> httpx.AsyncClient:
        """The underlying httpx client (requests made on it directly get no retries and no error mapping)."""
        return self._http

    # -- calls -----------------------------------------------------------------------------------------------

    @overload
    async def call(
        self,
        operation: Callable[..., Any],
        /,
        *args: Any,
        expect: type[T],
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> T: ...

    @overload
    async def call(
        self,
        operation: Callable[..., Any],
        /,
        *args: Any,
        expect: None = None,
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> Any: ...

    async def call(
        self,
        operation: Callable[..., Any],
        /,
        *args: Any,
        expect: type[T] | None = None,
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> T | Any:
        """Await a generated ``asyncio_detailed`` operation with retries; return its parsed body.

        Same arguments, errors and budget as ``Transport.call``.
        """
        result = await self.exchange(operation, *args, idempotent=idempotent, retry=retry, timeout=timeout, **kwargs)
        return self._parsed(result, operation, expect)

    async def exchange(
        self,
        operation: Callable[..., Any],
        /,
        *args: Any,
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> Exchange[Any]:
        """Like ``call`` but returns the whole generated response and the attempt count (``Transport.exchange``)."""
        policy, per_call_timeout = self._check_call(operation, idempotent, retry, timeout)
        if not _is_coroutine_function(operation):  # a sync operation would block the loop, or send and not retry
            raise InvalidArgument(
                "operation", operation, "a generated asyncio_detailed operation (a coroutine function)"
            )
        if "client" in kwargs:
            raise InvalidArgument("client", type(kwargs["client"]).__name__, "not given (the transport supplies it)")
        kwargs["client"] = self._adapter
        start = self._monotonic()
        attempt = 0
        while True:
            attempt += 1
            if self._limiter is not None:
                await self._wait_for_slot(start, policy)
            sent = self._monotonic()
            left = self._time_left(start, policy)
            frame = Attempt(self, self._monotonic() + left, per_call_timeout, CURRENT.get())
            traced = _telemetry.attempt_started(self.service, operation, attempt)
            try:
                outcome = await self._attempt(operation, args, kwargs, frame, left)
            except BaseException as exc:
                _telemetry.attempt_ended(traced, exc)
                raise
            _telemetry.attempt_ended(traced, outcome)
            self._observed(outcome, sent)
            if not isinstance(outcome, Failure):
                return self._done(outcome, attempt, frame)
            delay = self._retry_delay(policy, attempt, outcome, idempotent, self._time_left(start, policy))
            await sleep_async(self.clock, delay)

    async def _wait_for_slot(self, start: float, policy: RetryPolicy) -> None:
        """``Transport._wait_for_slot`` without blocking the loop: a cancelled task gives its place back."""
        assert self._limiter is not None
        ticket: int | None = None
        try:
            while not (slot := self._ask_slot(start, policy, ticket)).granted:
                ticket = slot.ticket
                before = self._monotonic()
                await sleep_async(self.clock, min(slot.delay, MAX_NAP))
                if self._monotonic() <= before:
                    break  # a clock that did not move (a test's): send rather than ask for ever
        finally:
            self._limiter.release(ticket)  # a no-op once granted or refused

    # -- steps (``_steps.py``) -------------------------------------------------------------------------------

    async def perform(self, call: Call) -> Any:
        """Run one ``Call`` of a facade operation's steps with its generated ``asyncio_detailed``."""
        if not isinstance(call, Call):
            raise InvalidArgument("call", call, "a taskfacade._steps.Call (a step of a facade operation)")
        result = await self.exchange(
            call.operation.asyncio_detailed,
            *call.args,
            idempotent=call.idempotent,
            retry=call.retry,
            timeout=call.timeout,
            **call.kwargs,
        )
        return result if call.exchange else self._parsed(result, call.operation, call.expect)

    async def pause(self, seconds: float) -> None:
        """Sleep on this transport's clock without blocking the loop (a ``Sleep`` of some steps)."""
        await sleep_async(self.clock, seconds)

    async def perform_all(self, calls: Sequence[Call]) -> list[Any]:
        """Run ``calls`` concurrently (the connection pool bounds how many are on the wire); each answer or the
        exception it raised, in order. Cancelling the caller cancels them all."""
        if not isinstance(calls, list | tuple) or not all(isinstance(call, Call) for call in calls):
            raise InvalidArgument("calls", calls, "a list of taskfacade._steps.Call (the steps of a facade operation)")
        answers: list[Any] = [None] * len(calls)

        async def one(index: int, call: Call) -> None:
            try:
                answers[index] = await self.perform(call)
            except Exception as exc:  # handed to the steps, which decide
                answers[index] = exc

        async with anyio.create_task_group() as group:
            for index, call in enumerate(calls):
                group.start_soon(one, index, call)
        return answers

    # -- lifecycle -------------------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the connections. Idempotent."""
        self._closed = True
        await self._http.aclose()
        self._log_filter.discard(self.redactor)

    async def __aenter__(self) -> AsyncTransport:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    # -- internals -------------------------------------------------------------------------------------------

    async def _attempt(
        self,
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        frame: Attempt,
        left: float,
    ) -> Any:
        if left <= 0:
            return self._failures.timeout()
        token = CURRENT.set(frame)
        try:
            with anyio.move_on_after(left):
                return await operation(*args, **kwargs)
            return self._failures.timeout()  # the scope ended the attempt at its deadline (a slow, dripping server)
        except BaseException as exc:
            return self._failure_of(exc, frame)
        finally:
            CURRENT.reset(token)
