"""The one way the facade reaches the network: an httpx client with timeouts, auth, retries, logging and errors.

A service module builds one ``Transport`` per facade client and calls generated operations through it::

    transport = Transport(service="deadline", base_url=url, auth=SigV4Auth(...), retry="default",
                          error_parser=parse_deadline_error, error_classes=DEADLINE_ERRORS,
                          idempotency_header="X-Amz-Client-Token")
    task = transport.call(get_task.sync_detailed, expect=GetTaskResponse, farm_id=..., task_id=...)

How it works: every attempt is a fresh call of the generated ``sync_detailed`` (so the ``httpx.Auth`` signs each
attempt anew). Two httpx event hooks watch the exchange from inside: the request hook shortens the request's
timeouts to what is left of the call's budget; the response hook reads the body within that deadline and
``max_response_size`` (``_body.py``; a reset or truncated body surfaces here, as a network error), refuses
cross-host redirects, and stops any status >= 400 before the generated parser sees it (that parser crashes on
HTML error pages and on codes such as 520). Below httpx, every socket wait (connect, each read and write) is cut
to the same deadline (``_netdeadline.py``), so a server that drips its answer cannot stretch a call past its
budget. The loop around the attempts applies the retry policy (``_retry.py``), sleeps on the injected clock and
logs one line per retry.

Only the thread that is inside ``call``/``exchange`` is affected: the hooks are no-ops otherwise.
"""

from __future__ import annotations

import contextlib
import os
import random
import ssl
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, overload

import attrs
import httpx

from . import __version__, _netdeadline
from ._body import BodyTooLarge, read_body
from ._check import check_int, check_seconds
from ._clock import SYSTEM_CLOCK, Clock
from ._errors import (
    APIError,
    ClientClosed,
    ErrorClasses,
    ErrorDetails,
    ErrorParser,
    InvalidArgument,
    ResponseDecodeError,
    ResponseTooLarge,
    Timeout,
    TransportError,
    UnexpectedStatus,
    error_class_for,
    parse_error_body,
    reason_phrase,
)
from ._log import logger, safe_path, safe_url
from ._retry import IDEMPOTENT_METHODS, FailureKind, RetryLike, RetryPolicy, parse_retry_after, plan_retry, retry_policy
from ._secrets import RedactingFilter, Redactor
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
]

#: Connect within 10 s; read, write and wait for a pooled connection up to 60 s.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
#: The largest response body accepted, in bytes after decompression: 64 MiB. The largest bodies these services
#: send are pages of a listing (a few MiB at their largest page size), so this leaves a wide margin while one call
#: can never be made to hold more than this much memory (a gzip body of 64 KiB can inflate to 64 MiB).
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
USER_AGENT = f"taskfacade/{__version__}"
_MIN_TIMEOUT = 0.001
#: Loggers of the libraries below us that may print what a server sent (httpcore logs response headers at DEBUG).
_LIBRARY_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)

T = TypeVar("T")
P = ParamSpec("P")


class GeneratedResponse(Protocol):
    """What a generated ``sync_detailed`` returns (``taskfacade_generated.<svc>.types.Response``)."""

    @property
    def status_code(self) -> int:
        """The HTTP status (``HTTPStatus`` or a plain int for non-standard codes)."""
        ...

    @property
    def content(self) -> bytes:
        """The raw body."""
        ...

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers."""
        ...

    @property
    def parsed(self) -> Any:
        """The body parsed into generated models (None for undocumented statuses)."""
        ...


R = TypeVar("R", bound=GeneratedResponse)


@attrs.frozen
class Exchange(Generic[R]):
    """A successful call: the generated response plus how it was obtained.

    Attributes:
        response: the generated ``Response`` (status 2xx or an unfollowed 3xx such as 304).
        attempts: attempts made, 1 when the first one succeeded.
        method: the HTTP method of the final request.
        url: the final request URL without its query string.
    """

    response: R
    attempts: int = attrs.field(validator=lambda _i, a, v: check_int(a.name, v, 1))
    method: str
    url: str


def default_pool_size() -> int:
    """Connections kept per client when no thread count is given: like ``ThreadPoolExecutor``'s default."""
    return min(32, (os.cpu_count() or 1) + 4)


class _StatusSignal(Exception):
    """Raised by the response hook for a status >= 400, carrying the (fully read) response."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response


class _RedirectRefused(Exception):
    """Raised by the response hook for a redirect to another scheme, host or port."""

    def __init__(self, response: httpx.Response, target: httpx.URL) -> None:
        super().__init__(str(target))
        self.response = response
        self.target = target


@attrs.define
class _Frame:
    """The attempt in progress on one thread, as the event hooks see and fill it."""

    deadline: float
    timeout: httpx.Timeout | None
    request: httpx.Request | None = None
    response: httpx.Response | None = None


class _CallState(threading.local):
    """Per-thread pointer to the attempt in progress (None: the hooks do nothing)."""

    frame: _Frame | None = None


@attrs.frozen
class _Failure:
    """One failed attempt, classified."""

    kind: FailureKind
    error: APIError | TransportError | ResponseTooLarge
    request: httpx.Request | None
    status: int | None = None
    retry_after: float | None = None


class _GeneratedClientAdapter:
    """Stands in for a generated ``Client``: generated operations only call ``get_httpx_client().request()``."""

    raise_on_unexpected_status = False

    def __init__(self, client: httpx.Client) -> None:
        self._client = _AbsoluteRequests(client)

    def get_httpx_client(self) -> _AbsoluteRequests:
        return self._client


class _AbsoluteRequests:
    """``request()`` with the generated relative path made absolute here, as plain string concatenation.

    httpx would parse the relative URL and then re-parse the joined one (two validating parses, ~35% of our
    client CPU per small call); an absolute string is parsed once. Same result: the base URL's path prefix, then
    the operation's path.
    """

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._prefix = str(client.base_url).rstrip("/")

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        if url.startswith("/"):
            url = self._prefix + url
        return self._client.request(method, url, **kwargs)


def tls_setting(verify: object) -> bool | ssl.SSLContext:
    """Check a ``verify`` argument: True, False, an ``ssl.SSLContext``, or a CA bundle file or directory.

    A path becomes an ``ssl.SSLContext`` here, so a missing file is a clear ``InvalidArgument`` at construction
    rather than an ``OSError`` from deep inside httpx (which also deprecates string paths).
    """
    if isinstance(verify, bool | ssl.SSLContext):
        return verify
    if isinstance(verify, str) and os.path.isfile(verify):
        return ssl.create_default_context(cafile=verify)
    if isinstance(verify, str) and os.path.isdir(verify):
        return ssl.create_default_context(capath=verify)
    raise InvalidArgument("verify", verify, "True, False, an ssl.SSLContext or an existing CA bundle file or directory")


def _no_tls_expected() -> ssl.SSLContext:
    """The TLS setting for a plain-http base URL: verification on, no trust anchors loaded.

    Such a client never opens a TLS connection (requests are relative to the base URL and redirects to another
    scheme are refused), so loading the CA bundle (~25 ms per client) would be wasted. Should a TLS connection
    ever be attempted, it fails closed: the context requires a certificate and trusts none.
    """
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname by default


def check_timeout(timeout: object, parameter: str = "timeout") -> httpx.Timeout:
    """A per-request timeout: finite seconds > 0 (all four phases), or an ``httpx.Timeout`` with every field so."""
    accepted = "seconds > 0 (finite) or an httpx.Timeout with every field set (never None)"
    try:
        if isinstance(timeout, httpx.Timeout):
            for value in timeout.as_dict().values():
                check_seconds(parameter, value)
            return timeout
        return httpx.Timeout(check_seconds(parameter, timeout))
    except InvalidArgument:
        raise InvalidArgument(parameter, timeout, accepted) from None


def check_max_response_size(value: object, parameter: str = "max_response_size") -> int:
    """A body size limit in bytes: an int >= 1 (not a bool)."""
    return check_int(parameter, value, 1, maximum=sys.maxsize)


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


class Transport:
    """One service client's connection to its server: a pooled httpx client plus the retry loop.

    Args:
        service: the service name, used in logs and errors.
        base_url: ``https://host[/prefix]``; generated paths are appended to it.
        auth: how requests are authenticated; applied anew on every attempt (fresh SigV4 signatures).
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

    The transport is thread-safe; close it (or use it as a context manager) to release its connections. It is
    synchronous only (generated ``asyncio_*`` functions are not supported). ``auth`` must be a request-signing
    auth (headers, tokens, SigV4): auth flows that need to read a 401 and answer it (digest) are not supported,
    because error statuses are intercepted before the auth flow sees them.
    """

    def __init__(
        self,
        *,
        service: str,
        base_url: str,
        auth: httpx.Auth | None = None,
        retry: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        pool_size: int | None = None,
        verify: bool | str | ssl.SSLContext = True,
        headers: Mapping[str, str] | None = None,
        error_parser: ErrorParser | None = None,
        error_classes: ErrorClasses | None = None,
        idempotency_header: str | None = None,
        clock: Clock = SYSTEM_CLOCK,
        rng: random.Random | None = None,
        httpx_transport: httpx.BaseTransport | None = None,
        redactor: Redactor | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        if not isinstance(service, str) or not service:
            raise InvalidArgument("service", service, "a non-empty service name")
        if pool_size is None:
            pool_size = default_pool_size()
        check_int("pool_size", pool_size, 1)
        if not isinstance(trust_env, bool):
            raise InvalidArgument("trust_env", trust_env, "True or False")
        tls = tls_setting(verify)
        self.service = service
        self.base_url = check_base_url(base_url)
        self.redactor = redactor if redactor is not None else Redactor()
        if tls is True and self.base_url.startswith("http://"):
            tls = _no_tls_expected()
        self.timeout = check_timeout(timeout)
        self.max_response_size = check_max_response_size(max_response_size)
        self.pool_size = pool_size
        self.clock = clock
        self._retry = retry_policy(retry, "retry")
        self._error_parser = error_parser or parse_error_body
        self._error_classes = dict(error_classes or {})
        self._idempotency_header = idempotency_header
        self._rng = rng or random.Random()  # jitter, not security
        self._state = _CallState()
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._closed = False
        self._http = httpx.Client(
            base_url=base_url,
            auth=auth,
            headers={**(headers or {}), "User-Agent": USER_AGENT},
            timeout=self.timeout,
            limits=httpx.Limits(max_connections=pool_size, max_keepalive_connections=pool_size),
            verify=tls,
            follow_redirects=True,
            event_hooks={"request": [self._on_request], "response": [self._on_response]},
            transport=httpx_transport,
            trust_env=trust_env,
        )
        _netdeadline.install(self._http, self._deadline_left)
        self._adapter = _GeneratedClientAdapter(self._http)
        self._log_filter = RedactingFilter(self.redactor)
        self._log_filter.attach(*_LIBRARY_LOGGERS)

    # -- configuration ---------------------------------------------------------------------------------------

    @property
    def retry(self) -> RetryPolicy:
        """The client's default retry policy (assign a mode name or policy to change it)."""
        return self._retry

    @retry.setter
    def retry(self, mode: RetryLike) -> None:
        self._retry = retry_policy(mode, "retry_mode")

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
        if not hasattr(result.response, "parsed"):
            raise InvalidArgument("operation", operation, "a generated operation returning a Response (sync_detailed)")
        parsed = result.response.parsed
        if expect is not None and not isinstance(parsed, expect):
            raise ResponseDecodeError(
                f"expected {expect.__name__}, got {type(parsed).__name__}",
                status=int(result.response.status_code),
                service=self.service,
                method=result.method,
                url=result.url,
                content=self.redactor.redact_value(result.response.content),
            )
        return parsed

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
        if not callable(operation):
            raise InvalidArgument("operation", operation, "a generated operation (e.g. get_task.sync_detailed)")
        if idempotent is not None and not isinstance(idempotent, bool):
            raise InvalidArgument("idempotent", idempotent, "None, True or False")
        policy = self._retry if retry is None else retry_policy(retry, "retry")
        per_call_timeout = None if timeout is None else check_timeout(timeout)
        if self._closed:
            raise ClientClosed(f"this {self.service} client is closed")
        client = kwargs.setdefault("client", self._adapter)
        if client is not self._adapter and getattr(client, "get_httpx_client", lambda: None)() is not self._http:
            raise InvalidArgument("client", type(client).__name__, "a client from this transport's bind()")
        start = self.clock.monotonic()
        attempt = 0
        while True:
            attempt += 1
            time_left = self._time_left(start, policy)
            frame = _Frame(self.clock.monotonic() + time_left, per_call_timeout)
            outcome = self._attempt(operation, args, kwargs, frame)
            if not isinstance(outcome, _Failure):
                request = frame.request
                method = request.method if request is not None else ""
                url = safe_url(request.url) if request is not None else ""
                return Exchange(outcome, attempt, method, url)
            self._retry_or_raise(policy, attempt, outcome, idempotent, self._time_left(start, policy))

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
        self._log_filter.detach(*_LIBRARY_LOGGERS)

    @property
    def closed(self) -> bool:
        """Whether ``close`` was called."""
        return self._closed

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Transport(service={self.service!r}, base_url={safe_url(self.base_url)!r}, retry={self._retry.name!r})"

    # -- internals -------------------------------------------------------------------------------------------

    def _time_left(self, start: float, policy: RetryPolicy) -> float:
        """What is left of this call: its budget, within any enclosing wait and any enclosing call on this thread.

        A call made inside another one (an auth flow logging in through this transport) never outlives it.
        """
        now = self.clock.monotonic()
        limits = [policy.budget - (now - start)]
        scope = remaining_in_scope()
        if scope is not None:
            limits.append(scope)
        outer = self._state.frame
        if outer is not None:
            limits.append(outer.deadline - now)
        return min(limits)

    def _attempt(
        self, operation: Callable[..., R], args: tuple[Any, ...], kwargs: dict[str, Any], frame: _Frame
    ) -> R | _Failure:
        if frame.deadline <= self.clock.monotonic():
            return _Failure(FailureKind.FATAL, Timeout("no time left for this call", service=self.service), None)
        state = self._state
        outer, state.frame = state.frame, frame  # calls may nest (an auth flow that logs in): restore on exit
        try:
            return operation(*args, **kwargs)
        except _StatusSignal as signal:
            return self._status_failure(signal.response)
        except _RedirectRefused as refused:
            return self._redirect_failure(refused)
        except BodyTooLarge as too_large:
            return self._too_large_failure(too_large)
        except httpx.HTTPError as exc:
            return self._network_failure(exc, frame.request)
        except httpx.InvalidURL as exc:
            # Arguments made a URL httpx will not build (a path or query past its 64 KiB, a control character).
            # Services check their parameters first (``_check.check_url_text``); this keeps any they miss inside
            # the error tree. httpx's message gives a position, never the URL.
            raise InvalidArgument("request URL", None, f"a URL httpx can send ({exc})") from None
        except Exception as exc:
            if frame.response is None:
                raise  # raised before anything was received: a bad argument, not a bad response
            error = self._decode_error(frame.response, exc)
            raise error from (None if self._leaks(exc) else exc)
        finally:
            state.frame = outer

    def _retry_or_raise(
        self, policy: RetryPolicy, attempt: int, failure: _Failure, idempotent: bool | None, time_left: float
    ) -> None:
        decision = plan_retry(
            policy,
            attempt=attempt,
            kind=failure.kind,
            status=failure.status,
            retry_after=failure.retry_after,
            replay_safe=self._replay_safe(failure.request, idempotent),
            time_left=time_left,
            rng=self._rng,
        )
        if failure.status is not None:
            what = str(failure.status)
        else:
            what = type(failure.error.__cause__ or failure.error).__name__
        method = failure.request.method if failure.request is not None else "-"
        path = safe_path(failure.request.url) if failure.request is not None else "-"
        if decision.delay is None:
            logger.debug(
                "%s %s %s -> %s (attempt %d): giving up: %s", self.service, method, path, what, attempt, decision.reason
            )
            failure.error.attempts = attempt
            raise failure.error
        logger.info(
            "%s %s %s -> %s (attempt %d of %d); retrying in %.2fs",
            self.service,
            method,
            path,
            what,
            attempt,
            policy.max_attempts,
            decision.delay,
        )
        self.clock.sleep(decision.delay)

    def _replay_safe(self, request: httpx.Request | None, idempotent: bool | None) -> bool:
        if idempotent is not None:
            return idempotent
        if request is None:
            return False
        if request.method in IDEMPOTENT_METHODS:
            return True
        return bool(self._idempotency_header and request.headers.get(self._idempotency_header))

    def _status_failure(self, response: httpx.Response) -> _Failure:
        error = self._api_error(response)
        return _Failure(FailureKind.STATUS, error, response.request, error.status, error.retry_after)

    def _api_error(self, response: httpx.Response) -> APIError:
        status = response.status_code
        try:
            details = self._error_parser(status, response.headers, response.content)
            if not isinstance(details, ErrorDetails):
                raise TypeError(f"error parser returned {type(details).__name__}")
        except Exception:
            logger.debug("%s: error parser failed; using the generic one", self.service, exc_info=True)
            details = parse_error_body(status, response.headers, response.content)
        cls = error_class_for(status, details.code, self._error_classes)
        clean = self.redactor.redact_value  # a server may echo a credential in its message, body or headers
        return cls(
            clean(details.message or reason_phrase(status)),
            status=status,
            code=clean(details.code),
            request_id=clean(details.request_id),
            body=clean(details.body),
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
            retry_after=parse_retry_after(response.headers.get("retry-after"), self.clock.time()),
            headers=clean(dict(response.headers)),
        )

    def _redirect_failure(self, refused: _RedirectRefused) -> _Failure:
        response = refused.response
        error = UnexpectedStatus(
            self.redactor.redact(
                f"redirect to another host refused ({safe_url(refused.target)}): credentials stay with their host"
            ),
            status=response.status_code,
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
            headers=response.headers,
        )
        return _Failure(FailureKind.FATAL, error, response.request, response.status_code)

    def _network_failure(self, exc: httpx.HTTPError, request: httpx.Request | None) -> _Failure:
        with contextlib.suppress(RuntimeError):  # httpx raises when the error has no request
            request = exc.request
        cls: type[TransportError]
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            kind, cls = FailureKind.CONNECT, Timeout
        elif isinstance(exc, httpx.ConnectError):
            kind, cls = FailureKind.CONNECT, TransportError
        elif isinstance(exc, httpx.TimeoutException):
            kind, cls = FailureKind.NETWORK, Timeout
        elif isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError | httpx.DecodingError | httpx.ProxyError):
            kind, cls = FailureKind.NETWORK, TransportError
        else:  # UnsupportedProtocol, LocalProtocolError, TooManyRedirects, ...
            kind, cls = FailureKind.FATAL, TransportError
        error = cls(
            self.redactor.redact(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__),
            service=self.service,
            method=request.method if request is not None else "",
            url=safe_url(request.url) if request is not None else "",
        )
        if not self._leaks(exc):  # a cause whose text holds a credential would show it in every traceback
            error.__cause__ = exc
        return _Failure(kind, error, request)

    def _leaks(self, exc: BaseException) -> bool:
        """Whether ``exc`` (or one of its causes) holds a known secret or URL userinfo: in its text, or in the URL
        of the request it carries (a Geobox API key travels in the query string)."""
        seen = 0
        current: BaseException | None = exc
        while current is not None and seen < 8:
            texts = [str(current)]
            with contextlib.suppress(RuntimeError):  # httpx raises when the error has no request
                if isinstance(current, httpx.HTTPError):
                    texts.append(str(current.request.url))
            if any(self.redactor.redact(text) != text for text in texts):
                return True
            current, seen = current.__cause__ or current.__context__, seen + 1
        return False

    def _too_large_failure(self, too_large: BodyTooLarge) -> _Failure:
        response = too_large.response
        error = ResponseTooLarge(
            f"the response body passed max_response_size ({too_large.limit} bytes decompressed); reading stopped",
            limit=too_large.limit,
            received=too_large.received,
            status=response.status_code,
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
        )
        return _Failure(FailureKind.FATAL, error, response.request, response.status_code)

    def _decode_error(self, response: httpx.Response, exc: Exception) -> ResponseDecodeError:
        return ResponseDecodeError(
            self.redactor.redact(f"the response body does not match the spec ({type(exc).__name__}: {exc})"),
            status=response.status_code,
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
            content=self.redactor.redact_value(response.content),
        )

    # -- httpx event hooks and socket deadline (active only inside a call on this thread) -------------------

    def _deadline_left(self) -> float | None:
        """Seconds left in the attempt running on this thread (None outside a call): bounds every socket wait."""
        frame = self._state.frame
        return None if frame is None else frame.deadline - self.clock.monotonic()

    def _on_request(self, request: httpx.Request) -> None:
        frame = self._state.frame
        if frame is None:
            return
        frame.request = request
        timeouts = (frame.timeout or self.timeout).as_dict()
        left = max(frame.deadline - self.clock.monotonic(), _MIN_TIMEOUT)
        request.extensions["timeout"] = {name: min(v if v is not None else left, left) for name, v in timeouts.items()}

    def _on_response(self, response: httpx.Response) -> None:
        frame = self._state.frame
        if frame is None:
            return
        if response.has_redirect_location:
            try:
                target = response.request.url.join(response.headers["Location"])
            except httpx.InvalidURL:
                target = httpx.URL("invalid:")
            if not _same_origin(response.request.url, target):
                raise _RedirectRefused(response, target)
        # Every body is read here, redirects' too (httpx would read those unbounded); a reset or truncated body
        # raises here, as a network error of this attempt.
        read_body(response, limit=self.max_response_size, time_left=lambda: frame.deadline - self.clock.monotonic())
        if response.has_redirect_location:
            return
        frame.response = response
        if response.status_code >= 400 or response.status_code < 200:
            raise _StatusSignal(response)
