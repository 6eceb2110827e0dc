"""The synchronous I/O shell of every call: one pooled ``httpx.Client`` per service client, and the attempt loop.

A service module builds one ``Transport`` per facade client (from its ``ClientOptions``) and calls generated
operations through it::

    transport = Transport(service="deadline", base_url=url, auth=SigV4Auth(...), options=options,
                          error_parser=parse_deadline_error, error_classes=DEADLINE_ERRORS,
                          idempotency_header="X-Amz-Client-Token")
    task = transport.call(get_task.sync_detailed, expect=GetTaskResponse, farm_id=..., task_id=...)

Every attempt is a fresh call of the generated ``sync_detailed`` (so the ``httpx.Auth`` signs each attempt
anew), handed a ``ClientAdapter`` (``_adapter.py``) over this transport's ``httpx.Client``. The decisions live in
sans-I/O modules an async shell shares: ``_callplan.py`` (time left, what follows a failed attempt, with the
policies of ``_retry.py``) and ``_failure.py`` (what a failure is and what it raises). The per-attempt state and
the event hooks that enforce the deadline, the body limit and the redirect rule are in ``_attempt.py``; below
httpx, every socket wait is cut to the same deadline (``_netdeadline.py``). This module only runs the loop: it
reads the clock, runs the attempt, sleeps and logs one line per retry.
"""

from __future__ import annotations

import random
import ssl
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar, overload

import attrs
import httpx

from . import _netdeadline, _telemetry
from ._adapter import ClientAdapter, Exchange, GeneratedResponse
from ._attempt import CURRENT, Attempt, AttemptHooks, RedirectRefused, StatusSignal, own_attempt
from ._body import BodyTooLarge
from ._callplan import GiveUp, next_step, time_left
from ._clock import Clock, monotonic_of
from ._errors import ClientClosed, ErrorClasses, ErrorParser, InvalidArgument, Timeout
from ._failure import Failure, Failures, undecodable
from ._log import logger, safe_path, safe_url
from ._logfilter import shared_filter
from ._options import (
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    ClientOptions,
    check_max_response_size,
    check_timeout,
    default_pool_size,
    tls_setting,
)
from ._ratelimit import MAX_NAP, Endpoint, RateLimiter, Slot, limiter_for
from ._retry import RetryLike, RetryPolicy, retry_policy
from ._secrets import Redactor
from ._steps import Call
from ._timelimit import remaining_in_scope
from ._urls import check_base_url

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "Exchange",
    "GeneratedResponse",
    "Transport",
    "check_max_response_size",
    "check_timeout",
    "default_pool_size",
    "tls_setting",
]

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R", bound=GeneratedResponse)
#: "not given": the option comes from ``options`` (or its default).
_UNSET: Any = object()
_OPTION_NAMES = (
    "retry",
    "timeout",
    "pool_size",
    "verify",
    "clock",
    "httpx_transport",
    "trust_env",
    "max_response_size",
)


def _no_tls_expected() -> ssl.SSLContext:
    """The TLS setting for a plain-http base URL: verification on, no trust anchors loaded.

    Such a client never opens a TLS connection (requests are relative to the base URL and redirects to another
    scheme are refused), so loading the CA bundle (~25 ms per client) would be wasted. Should a TLS connection
    ever be attempted, it fails closed: the context requires a certificate and trusts none.
    """
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname by default


def _shown_url(url: httpx.URL) -> str:
    """``safe_url(url)`` for a request URL, without re-parsing it when it has no userinfo (the usual case: base URLs
    carry none and redirects stay on their host): the text up to its query string or fragment."""
    if url.userinfo:
        return safe_url(url)
    text = str(url)
    for mark in "?#":
        text = text.partition(mark)[0]
    return text


class BaseTransport:
    """What the synchronous ``Transport`` and the ``AsyncTransport`` share: options, checks, failure mapping,
    the retry decision and its log line. A subclass opens its httpx client (``_open_http``) and runs the loop.

    Args:
        service: the service name, used in logs and errors.
        base_url: ``https://host[/prefix]``; generated paths are appended to it.
        auth: how requests are authenticated; applied anew on every attempt (fresh SigV4 signatures).
        options: the client's ``ClientOptions`` (retry mode, timeouts, TLS, pool, clock, environment, body limit,
            user agent, httpx transport), already checked. The keyword arguments below set the same options one by
            one instead; give either ``options`` or them, not both.
        retry: the default retry mode for this client (``"default"``, ``"forceful"``, ``"disabled"`` or a
            ``RetryPolicy``); each call may override it.
        timeout: per-request timeouts; a number sets all four. Never None.
        pool_size: connections kept open (the client's thread count); default ``default_pool_size()``.
        verify: TLS verification: True (default), a CA bundle path or an ``ssl.SSLContext``. False only on purpose.
        headers: extra headers for every request (no credentials here: use ``auth``).
        error_parser: ``(status, headers, body) -> ErrorDetails`` for the service's error format; when it raises,
            the generic parser is used instead.
        error_classes: the service's own exception classes keyed by ``(status, code)`` (see ``error_class_for``).
        idempotency_header: the header whose presence makes a non-idempotent request safe to replay.
        clock: time source for budgets and sleeps (tests pass a ``ManualClock``).
        rng: jitter source (tests pass a seeded ``random.Random``).
        httpx_transport: a custom httpx transport (tests: ``httpx.MockTransport``).
        redactor: the client's credentials, masked in every message built from a lower-level exception, in error
            bodies and headers (a server may echo a credential), and in the records of httpx's and httpcore's
            loggers while this transport is alive. URL userinfo is masked even without one.
        trust_env: whether httpx reads the environment: ``HTTP(S)_PROXY``/``ALL_PROXY``/``NO_PROXY`` (a proxy
            sees every request, credentials included, unless it is an HTTPS tunnel), ``SSL_CERT_FILE`` and
            ``SSL_CERT_DIR``. True by default, as in httpx and the vendor SDKs.
        max_response_size: the largest response body accepted, in bytes after decompression (default
            ``DEFAULT_MAX_RESPONSE_SIZE``, 64 MiB); a larger one raises ``ResponseTooLarge`` and is not retried.

    Every call ends within its budget (the retry policy's, or the enclosing wait's deadline), body included,
    whatever the server does; a response that is still arriving then raises ``Timeout``.

    Close a transport (or use it as a context manager) to release its connections. ``auth`` must be a request-signing
    auth (headers, tokens, SigV4): auth flows that need to read a 401 and answer it (digest) are not supported,
    because error statuses are intercepted before the auth flow sees them.
    """

    def __init__(
        self,
        *,
        service: str,
        base_url: str,
        auth: httpx.Auth | None = None,
        options: ClientOptions | None = None,
        retry: RetryLike = _UNSET,
        timeout: float | httpx.Timeout = _UNSET,
        pool_size: int | None = _UNSET,
        verify: bool | str | ssl.SSLContext = _UNSET,
        headers: Mapping[str, str] | None = None,
        error_parser: ErrorParser | None = None,
        error_classes: ErrorClasses | None = None,
        idempotency_header: str | None = None,
        clock: Clock = _UNSET,
        rng: random.Random | None = None,
        httpx_transport: httpx.BaseTransport | None = _UNSET,
        redactor: Redactor | None = None,
        trust_env: bool = _UNSET,
        max_response_size: int = _UNSET,
    ) -> None:
        if not isinstance(service, str) or not service:
            raise InvalidArgument("service", service, "a non-empty service name")
        given = {
            name: value
            for name, value in zip(
                _OPTION_NAMES,
                (retry, timeout, pool_size, verify, clock, httpx_transport, trust_env, max_response_size),
                strict=True,
            )
            if value is not _UNSET
        }
        if options is None:
            if "retry" in given:  # checked under the name this constructor gives it
                given["retry_mode"] = retry_policy(given.pop("retry"), "retry")
            options = ClientOptions(**given)
        elif not isinstance(options, ClientOptions):
            raise InvalidArgument("options", options, "None or a taskfacade ClientOptions")
        elif given:
            name = next(iter(given))
            raise InvalidArgument(name, given[name], "not given together with options= (set it in the options)")
        self.options = options
        self.service = service
        self.base_url = check_base_url(base_url)
        self.redactor = redactor if redactor is not None else Redactor()
        tls = options.verify
        if tls is True and self.base_url.startswith("http://"):
            tls = _no_tls_expected()
        self.timeout = options.timeout
        self.max_response_size = options.max_response_size
        self.pool_size = options.connections
        self.clock = options.clock
        self._retry = options.retry_mode
        self._failures = Failures(service, self.redactor, error_parser, error_classes)
        self._idempotency_header = idempotency_header
        self._rng = rng or random.Random()  # jitter, not security
        self._lock = threading.Lock()
        self._closed = False
        self._monotonic = monotonic_of(self.clock)
        self._limiter = self._endpoint_limiter(options)
        self._hooks = AttemptHooks(self, self._monotonic, self.timeout, self.max_response_size)
        self._http = self._open_http(auth, {**(headers or {}), "User-Agent": options.user_agent}, tls)
        self._log_filter = shared_filter()
        self._log_filter.add(self.redactor)

    def _open_http(self, auth: httpx.Auth | None, headers: dict[str, str], tls: bool | ssl.SSLContext) -> Any:
        raise NotImplementedError

    def _endpoint_limiter(self, options: ClientOptions) -> RateLimiter | None:
        """The process's shared limiter for this transport's endpoint, with ``rate_limit="adaptive"``."""
        if options.rate_limit is None:
            return None
        url = httpx.URL(self.base_url)
        endpoint = Endpoint(url.scheme, url.host, url.port, self.service)
        return limiter_for(endpoint, self.clock, self._monotonic())

    @property
    def rate_limiter(self) -> RateLimiter | None:
        """The endpoint's shared ``RateLimiter`` (``rate_limit="adaptive"``), or None."""
        return self._limiter

    def _ask_slot(self, start: float, policy: RetryPolicy, ticket: int | None) -> Slot:
        """Ask the endpoint's limiter to send the next attempt (``ticket``: the place it gave on an earlier ask).
        Raises ``Timeout`` when no slot comes within the call's time left: nothing is sent."""
        assert self._limiter is not None
        left = self._time_left(start, policy)
        slot = self._limiter.acquire(self._monotonic(), left, ticket)
        if slot.refused:
            raise Timeout(
                f"the rate limiter for this endpoint (after the service throttled) has no send slot within the "
                f"{max(left, 0.0):.2f}s left for this call (the next comes in {slot.delay:.2f}s)",
                service=self.service,
            )
        return slot

    def _observed(self, outcome: object, sent: float) -> None:
        """Tell the endpoint's rate limiter how an attempt sent at ``sent`` ended (throttled or not)."""
        if self._limiter is None:
            return
        if isinstance(outcome, Failure) and outcome.request is None:
            return  # nothing was sent (no time left): not a response the limiter should count
        throttled = isinstance(outcome, Failure) and outcome.throttled
        self._limiter.on_response(self._monotonic(), throttled, sent)

    # -- configuration ---------------------------------------------------------------------------------------

    @property
    def retry(self) -> RetryPolicy:
        """The client's default retry policy (assign a mode name or policy to change it)."""
        return self._retry

    @retry.setter
    def retry(self, mode: RetryLike) -> None:
        self._retry = retry_policy(mode, "retry_mode")
        self.options = attrs.evolve(self.options, retry_mode=self._retry)

    @property
    def closed(self) -> bool:
        """Whether ``close`` was called."""
        return self._closed

    def __repr__(self) -> str:
        return f"Transport(service={self.service!r}, base_url={safe_url(self.base_url)!r}, retry={self._retry.name!r})"

    def _time_left(self, start: float, policy: RetryPolicy) -> float:
        """What is left of this call: its budget, within any enclosing wait and any enclosing call of this
        transport in this context."""
        outer = own_attempt(self)
        return time_left(
            self._monotonic(),
            start,
            policy.budget,
            remaining_in_scope(),
            None if outer is None else outer.deadline,
        )

    def _check_call(
        self, operation: object, idempotent: object, retry: RetryLike | None, timeout: object
    ) -> tuple[RetryPolicy, httpx.Timeout | None]:
        """The checks every call makes before anything is sent: its retry policy and per-call timeouts."""
        if not callable(operation):
            raise InvalidArgument("operation", operation, "a generated operation (e.g. get_task.sync_detailed)")
        if idempotent is not None and not isinstance(idempotent, bool):
            raise InvalidArgument("idempotent", idempotent, "None, True or False")
        policy = self._retry if retry is None else retry_policy(retry, "retry")
        per_call_timeout = None if timeout is None else check_timeout(timeout)
        if self._closed:
            raise ClientClosed(f"this {self.service} client is closed")
        return policy, per_call_timeout

    def _parsed(self, result: Exchange[GeneratedResponse], operation: object, expect: type[Any] | None) -> Any:
        """A call's parsed body, held to ``expect``."""
        if not hasattr(result.response, "parsed"):
            raise InvalidArgument("operation", operation, "a generated operation returning a Response (*_detailed)")
        parsed = result.response.parsed
        if expect is not None and not isinstance(parsed, expect):
            message = f"expected {expect.__name__}, got {type(parsed).__name__}"
            raise undecodable(result, message, service=self.service, redactor=self.redactor)
        return parsed

    def _done(self, response: R, attempt: int, frame: Attempt) -> Exchange[R]:
        request = frame.request
        if request is None:
            return Exchange(response, attempt, "", "")
        return Exchange(response, attempt, request.method, _shown_url(request.url))

    def _failure_of(self, exc: BaseException, frame: Attempt) -> Failure:
        """What an exception raised by one attempt means: a ``Failure`` to retry or raise, or it propagates."""
        if isinstance(exc, StatusSignal):
            return self._failures.status(exc.response, self.clock.time())
        if isinstance(exc, RedirectRefused):
            return self._failures.redirect(exc.response, exc.target)
        if isinstance(exc, BodyTooLarge):
            return self._failures.too_large(exc)
        if isinstance(exc, httpx.HTTPError):
            return self._failures.network(exc, frame.request)
        if isinstance(exc, httpx.InvalidURL):
            # Arguments made a URL httpx will not build (a path or query past its 64 KiB, a control character).
            # Services check their parameters first (``_check.check_url_text``); this keeps any they miss inside
            # the error tree. httpx's message gives a position, never the URL.
            raise InvalidArgument("request URL", None, f"a URL httpx can send ({exc})") from None
        if not isinstance(exc, Exception) or frame.response is None:
            raise exc  # cancellation, or raised before anything was received: a bad argument, not a bad response
        error = self._failures.decode(frame.response, exc)
        raise error from (None if self._failures.leaks(exc) else exc)

    def _retry_delay(
        self, policy: RetryPolicy, attempt: int, failure: Failure, idempotent: bool | None, left: float
    ) -> float:
        """How long to wait before the next attempt, logged; or raise the failure's error (logged at DEBUG)."""
        step = next_step(
            policy,
            attempt,
            failure,
            idempotent=idempotent,
            idempotency_header=self._idempotency_header,
            time_left=left,
            rng=self._rng,
        )
        method, what = failure.describe()
        path = safe_path(failure.request.url) if failure.request is not None else "-"
        if isinstance(step, GiveUp):
            logger.debug(
                "%s %s %s -> %s (attempt %d): giving up: %s", self.service, method, path, what, attempt, step.reason
            )
            raise step.error
        _telemetry.retried(self.service, failure)
        logger.info(
            "%s %s %s -> %s (attempt %d of %d); retrying in %.2fs",
            self.service,
            method,
            path,
            what,
            attempt,
            policy.max_attempts,
            step.delay,
        )
        return step.delay


class Transport(BaseTransport):
    """One service client's connection to its server: a pooled ``httpx.Client`` plus the synchronous retry loop.

    Takes the arguments of ``BaseTransport``. Thread-safe. Calls generated ``sync_detailed`` operations; the
    ``AsyncTransport`` (``_atransport.py``) is its twin for ``asyncio_detailed``.
    """

    _http: httpx.Client
    _executor: ThreadPoolExecutor | None = None

    def _open_http(self, auth: httpx.Auth | None, headers: dict[str, str], tls: bool | ssl.SSLContext) -> httpx.Client:
        mounted = self.options.httpx_transport
        if mounted is not None and not isinstance(mounted, httpx.BaseTransport):
            raise InvalidArgument("httpx_transport", mounted, "None or an httpx.BaseTransport for a sync client")
        client = httpx.Client(
            base_url=self.base_url,
            auth=auth,
            headers=headers,
            timeout=self.timeout,
            limits=httpx.Limits(max_connections=self.pool_size, max_keepalive_connections=self.pool_size),
            verify=tls,
            follow_redirects=True,
            event_hooks={"request": [self._hooks.on_request], "response": [self._hooks.on_response]},
            transport=mounted,
            trust_env=self.options.trust_env,
        )
        _netdeadline.install(client, self._hooks.deadline_left)
        self._adapter = ClientAdapter(client)
        return client

    @property
    def httpx_client(self) -> httpx.Client:
        """The underlying httpx client (requests made on it directly get no retries and no error mapping)."""
        return self._http

    def bind(self, client_class: Callable[..., T]) -> T:
        """A generated ``Client`` (or ``AuthenticatedClient``) that sends through this transport's httpx client.

        ``call`` does not need one (it passes an adapter), but code that calls generated operations directly
        does. The generated client's own ``base_url``/``headers``/``timeout`` are ignored: everything comes from
        this transport's httpx client.
        """
        if not callable(client_class) or not hasattr(client_class, "set_httpx_client"):
            raise InvalidArgument("client_class", client_class, "a generated Client class (with set_httpx_client)")
        generated = client_class(base_url=self.base_url)
        setter = getattr(generated, "set_httpx_client", None)
        if setter is None:
            raise InvalidArgument("client_class", client_class, "a generated Client class (with set_httpx_client)")
        setter(self._http)
        return generated

    # -- calls -----------------------------------------------------------------------------------------------

    @overload
    def call(
        self,
        operation: Callable[..., GeneratedResponse],
        /,
        *args: Any,
        expect: type[T],
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> T: ...

    @overload
    def call(
        self,
        operation: Callable[..., GeneratedResponse],
        /,
        *args: Any,
        expect: None = None,
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> Any: ...

    def call(
        self,
        operation: Callable[..., GeneratedResponse],
        /,
        *args: Any,
        expect: type[T] | None = None,
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> T | Any:
        """Call a generated operation with retries and return its parsed body.

        Args:
            operation: a generated ``sync_detailed`` function.
            expect: the model class a success must parse to; anything else (an undocumented 2xx, a parse that
                fell back to another type) raises ``ResponseDecodeError``. Without it, ``parsed`` is returned as is.
            idempotent: True for read-only POSTs (safe to replay); False to forbid replays of a PUT/DELETE.
                Default: decided by the HTTP method and the idempotency header.
            retry: this call's retry mode instead of the client's.
            timeout: this call's per-request timeouts instead of the client's.
            *args, **kwargs: the operation's own arguments (``client`` is supplied unless given).

        Raises:
            APIError: (a subclass of) for any status >= 400 once retries are exhausted or not allowed.
            TransportError: network failures (``Timeout`` for timeouts).
            ResponseDecodeError: a success whose body does not match the spec.
        """
        result = self.exchange(operation, *args, idempotent=idempotent, retry=retry, timeout=timeout, **kwargs)
        return self._parsed(result, operation, expect)

    def exchange(
        self,
        operation: Callable[..., R],
        /,
        *args: Any,
        idempotent: bool | None = None,
        retry: RetryLike | None = None,
        timeout: float | httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> Exchange[R]:
        """Like ``call`` but returns the whole generated response (status, headers, raw content) and attempt count.

        Use it for statuses that carry meaning (202 "not ready yet", 204) or bodies decoded by content type.
        """
        policy, per_call_timeout = self._check_call(operation, idempotent, retry, timeout)
        client = kwargs.setdefault("client", self._adapter)
        if client is not self._adapter and getattr(client, "get_httpx_client", lambda: None)() is not self._http:
            raise InvalidArgument("client", type(client).__name__, "a client from this transport's bind()")
        start = self._monotonic()
        attempt = 0
        while True:
            attempt += 1
            if self._limiter is not None:
                self._wait_for_slot(start, policy)
            sent = self._monotonic()
            left = self._time_left(start, policy)
            frame = Attempt(self, self._monotonic() + left, per_call_timeout, CURRENT.get())
            traced = _telemetry.attempt_started(self.service, operation, attempt)
            try:
                outcome = self._attempt(operation, args, kwargs, frame)
            except BaseException as exc:
                _telemetry.attempt_ended(traced, exc)
                raise
            _telemetry.attempt_ended(traced, outcome)
            self._observed(outcome, sent)
            if not isinstance(outcome, Failure):
                return self._done(outcome, attempt, frame)
            delay = self._retry_delay(policy, attempt, outcome, idempotent, self._time_left(start, policy))
            self.clock.sleep(delay)

    def _wait_for_slot(self, start: float, policy: RetryPolicy) -> None:
        """Sleep until the endpoint's rate limiter lets the next attempt go (``_ratelimit.py``): asking again after
        each wait, so a rate cut while waiting delays it; a cancelled wait gives its place back."""
        assert self._limiter is not None
        ticket: int | None = None
        try:
            while not (slot := self._ask_slot(start, policy, ticket)).granted:
                ticket = slot.ticket
                before = self._monotonic()
                self.clock.sleep(min(slot.delay, MAX_NAP))
                if self._monotonic() <= before:
                    break  # a clock that did not move (a test's): send rather than ask for ever
        finally:
            self._limiter.release(ticket)  # a no-op once granted or refused

    # -- steps (``_steps.py``) -------------------------------------------------------------------------------

    def perform(self, call: Call) -> Any:
        """Run one ``Call`` of a facade operation's steps with its generated ``sync_detailed``."""
        if not isinstance(call, Call):
            raise InvalidArgument("call", call, "a taskfacade._steps.Call (a step of a facade operation)")
        result = self.exchange(
            call.operation.sync_detailed,
            *call.args,
            idempotent=call.idempotent,
            retry=call.retry,
            timeout=call.timeout,
            **call.kwargs,
        )
        return result if call.exchange else self._parsed(result, call.operation, call.expect)

    def pause(self, seconds: float) -> None:
        """Sleep on this transport's clock (a ``Sleep`` of a facade operation's steps)."""
        self.clock.sleep(seconds)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run ``fn`` on this client's thread pool (``pool_size`` threads): the basis of ``async_req=True``."""
        if not callable(fn):
            raise InvalidArgument("fn", fn, "a callable")
        with self._lock:
            if self._closed:
                raise ClientClosed(f"this {self.service} client is closed")
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.pool_size, thread_name_prefix=f"taskfacade-{self.service}")
            return self._executor.submit(fn, *args, **kwargs)

    # -- lifecycle -------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connections and the thread pool (waiting for submitted work). Idempotent."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)
        self._http.close()
        self._log_filter.discard(self.redactor)

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------------------------

    def _attempt(
        self, operation: Callable[..., R], args: tuple[Any, ...], kwargs: dict[str, Any], frame: Attempt
    ) -> R | Failure:
        if frame.deadline <= self._monotonic():
            return self._failures.timeout()
        token = CURRENT.set(frame)  # calls may nest (an auth flow that logs in): reset on exit
        try:
            return operation(*args, **kwargs)
        except BaseException as exc:
            return self._failure_of(exc, frame)
        finally:
            CURRENT.reset(token)
