"""The transport against a real local HTTP server, through genuinely generated operations.

Time is a ManualClock (sleeps are recorded, not slept) and jitter always picks its ceiling, so attempts and delays
are exact.
"""

from __future__ import annotations

import email.utils
import logging
import random
import socket
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Iterator
from typing import Any

import attrs
import httpx
import pytest
from support.twins import AsyncAsSync, EventLoopThread
from taskfacade import (
    APIError,
    BadRequest,
    ClientClosed,
    Conflict,
    ErrorDetails,
    Forbidden,
    InvalidArgument,
    ManualClock,
    NotFound,
    RateLimited,
    ResponseDecodeError,
    RetryPolicy,
    ServerError,
    Timeout,
    Transport,
    TransportError,
    Unauthorized,
    UnexpectedStatus,
)
from taskfacade._atransport import AsyncTransport
from taskfacade._retry import DEFAULT
from taskfacade._timelimit import deadline_scope

ITEM = {"id": "a", "status": "RUNNING", "count": 1}
SECRET = "s3cr3t-key-value"


class CeilingRng(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b


class KeyAuth(httpx.Auth):
    """Adds a credential header and counts how often it signed (once per attempt expected)."""

    def __init__(self) -> None:
        self.signed = 0

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.signed += 1
        request.headers["X-Api-Key"] = SECRET
        request.headers["X-Signature"] = f"sig-{self.signed}"
        yield request


@pytest.fixture(scope="module")
def loop_thread() -> Iterator[EventLoopThread]:
    loop = EventLoopThread()
    yield loop
    loop.close()


def _factory(server: Any, twin: str, loop: EventLoopThread, made: list[Any]) -> Callable[..., Transport]:
    def factory(**kwargs: Any) -> Transport:
        kwargs.setdefault("service", "testsvc")
        kwargs.setdefault("base_url", server.url)
        kwargs.setdefault("clock", ManualClock())
        kwargs.setdefault("rng", CeilingRng())
        kwargs.setdefault("idempotency_header", "X-Client-Token")
        kwargs["headers"] = {**server.headers, **kwargs.get("headers", {})}
        transport: Any = Transport(**kwargs) if twin == "sync" else AsyncAsSync(AsyncTransport(**kwargs), loop)
        made.append(transport)
        return transport  # type: ignore[no-any-return]

    return factory


@pytest.fixture(params=["sync", "async"])
def make(
    request: pytest.FixtureRequest, server: Any, loop_thread: EventLoopThread
) -> Iterator[Callable[..., Transport]]:
    """Builds transports of one twin: every test using it runs against ``Transport`` and ``AsyncTransport``."""
    made: list[Any] = []
    yield _factory(server, request.param, loop_thread, made)
    for transport in made:
        transport.close()


@pytest.fixture(params=["sync", "async"])
def build(request: pytest.FixtureRequest, loop_thread: EventLoopThread) -> Iterator[Callable[..., Transport]]:
    """``Transport(**kwargs)`` or its async twin (no defaults added): for tests that set up a transport fully."""
    made: list[Any] = []

    def factory(**kwargs: Any) -> Transport:
        transport: Any = (
            Transport(**kwargs) if request.param == "sync" else AsyncAsSync(AsyncTransport(**kwargs), loop_thread)
        )
        made.append(transport)
        return transport  # type: ignore[no-any-return]

    yield factory
    for transport in made:
        transport.close()


@pytest.fixture
def make_sync(server: Any, loop_thread: EventLoopThread) -> Iterator[Callable[..., Transport]]:
    """Builds sync transports, for what only the sync twin has (threads' pool, ``bind``, a sync httpx client)."""
    made: list[Any] = []
    yield _factory(server, "sync", loop_thread, made)
    for transport in made:
        transport.close()


def _op(api: Any, method: str) -> tuple[Callable[..., Any], dict[str, Any], str]:
    """A generated operation for ``method`` on /v1/items/x (POST: /v1/items), with its arguments."""
    body = api.models.ItemCreate(name="n")
    if method == "GET":
        return api.get_item.sync_detailed, {"item_id": "x"}, "/v1/items/x"
    if method == "DELETE":
        return api.delete_item.sync_detailed, {"item_id": "x"}, "/v1/items/x"
    if method == "PATCH":
        return api.update_item.sync_detailed, {"item_id": "x", "body": body}, "/v1/items/x"
    return api.create_item.sync_detailed, {"body": body}, "/v1/items"


def _ceilings(n: int) -> list[float]:
    return [min(8.0, 0.5 * 2**i) for i in range(n)]


# (mode, status, method, Retry-After header, extra call kwargs) -> (attempts, sleeps)
RETRY_TABLE = [
    ("default", 503, "GET", None, {}, 5, _ceilings(4)),
    ("default", 502, "GET", None, {}, 5, _ceilings(4)),
    ("default", 504, "DELETE", None, {}, 5, _ceilings(4)),
    ("default", 429, "GET", "3", {}, 5, [3.0] * 4),
    ("default", 429, "GET", "60", {}, 2, [60.0]),  # a second 60 s wait would not fit the 120 s budget
    ("default", 429, "GET", "61", {}, 1, []),
    ("default", 500, "GET", None, {}, 1, []),
    ("default", 501, "GET", None, {}, 1, []),
    ("default", 503, "POST", None, {}, 1, []),
    ("default", 429, "POST", "1", {}, 1, []),
    ("default", 503, "PATCH", None, {}, 1, []),
    ("default", 503, "POST", None, {"idempotent": True}, 5, _ceilings(4)),
    ("default", 503, "POST", None, {"x_client_token": "tok-1"}, 5, _ceilings(4)),
    ("default", 503, "PATCH", None, {"x_client_token": "tok-1"}, 5, _ceilings(4)),
    ("default", 503, "GET", None, {"idempotent": False}, 1, []),
    ("forceful", 500, "GET", None, {}, 10, _ceilings(9)),
    ("forceful", 501, "GET", None, {}, 10, _ceilings(9)),
    ("forceful", 503, "GET", "2", {}, 10, [2.0] * 9),
    ("forceful", 503, "POST", None, {}, 1, []),
    ("forceful", 520, "GET", None, {}, 1, []),
    ("disabled", 503, "GET", None, {}, 1, []),
    ("disabled", 429, "GET", "1", {}, 1, []),
    ("default", 404, "GET", None, {}, 1, []),
    ("forceful", 400, "GET", None, {}, 1, []),
]


@pytest.mark.parametrize(("mode", "status", "method", "retry_after", "extra", "attempts", "sleeps"), RETRY_TABLE)
def test_retry_modes_table(
    make: Callable[..., Transport],
    server: Any,
    api: Any,
    mode: str,
    status: int,
    method: str,
    retry_after: str | None,
    extra: dict[str, Any],
    attempts: int,
    sleeps: list[float],
) -> None:
    op, kwargs, path = _op(api, method)
    headers = {"Retry-After": retry_after} if retry_after else {}
    server.script.always(method, path, server.reply(status, {"message": "nope"}, headers=headers))
    clock = ManualClock()
    transport = make(retry=mode, clock=clock)
    with pytest.raises(APIError) as caught:
        transport.call(op, **kwargs, **extra)
    assert caught.value.status == status
    assert server.script.count(method, path) == attempts
    assert caught.value.attempts == attempts
    assert clock.sleeps == sleeps
    if retry_after:
        assert caught.value.retry_after == float(retry_after)


def test_retry_mode_per_call_overrides_the_client(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/x", server.reply(500))
    transport = make(retry="default")
    with pytest.raises(ServerError):
        transport.call(api.get_item.sync_detailed, item_id="x", retry="forceful")
    assert server.script.count() == 10
    transport.retry = "disabled"
    with pytest.raises(ServerError):
        transport.call(api.get_item.sync_detailed, item_id="x", retry=None)
    assert server.script.count() == 11
    with pytest.raises(InvalidArgument, match="retry_mode"):
        transport.retry = "always"
    with pytest.raises(InvalidArgument, match="retry"):
        transport.call(api.get_item.sync_detailed, item_id="x", retry="bogus")
    assert server.script.count() == 11  # refused before any request


def test_success_after_retries_reports_attempts(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.add("GET", "/v1/items/a", server.reply(503), server.reply(502), server.reply(200, ITEM))
    transport = make()
    result = transport.exchange(api.get_item.sync_detailed, "a")
    assert result.attempts == 3
    assert result.response.status_code == 200
    assert (result.method, result.url) == ("GET", f"{server.url}/v1/items/a")
    assert result.response.parsed.id == "a"


def test_retry_after_http_date(make: Callable[..., Transport], server: Any, api: Any) -> None:
    clock = ManualClock()
    when = email.utils.formatdate(clock.time() + 7, usegmt=True)
    server.script.add("GET", "/v1/items/a", server.reply(429, headers={"Retry-After": when}), server.reply(200, ITEM))
    make(clock=clock).call(api.get_item.sync_detailed, "a")
    assert clock.sleeps == [pytest.approx(7.0, abs=1.0)]


def test_retry_after_above_cap_raises_rate_limited_at_once(
    make: Callable[..., Transport], server: Any, api: Any
) -> None:
    reply = server.reply(429, {"message": "slow down"}, headers={"Retry-After": "90"})
    server.script.always("GET", "/v1/items/a", reply)
    clock = ManualClock()
    with pytest.raises(RateLimited) as caught:
        make(clock=clock).call(api.get_item.sync_detailed, "a")
    assert caught.value.retry_after == 90.0
    assert clock.sleeps == []
    assert caught.value.message == "slow down"


def test_budget_stops_retrying(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(503))
    clock = ManualClock()
    policy = attrs.evolve(DEFAULT, budget=3.0, max_attempts=50)
    with pytest.raises(ServerError) as caught:
        make(clock=clock, retry=policy).call(api.get_item.sync_detailed, "a")
    # sleeps 0.5 + 1 = 1.5 s; the next 2 s delay would end at 3.5 s > 3 s
    assert clock.sleeps == [0.5, 1.0]
    assert caught.value.attempts == 3


def test_enclosing_deadline_limits_retries(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(503))
    clock = ManualClock()
    transport = make(clock=clock)
    with deadline_scope(clock, clock.monotonic() + 1.0), pytest.raises(ServerError):
        transport.call(api.get_item.sync_detailed, "a")
    assert clock.sleeps == [0.5]
    with deadline_scope(clock, clock.monotonic() - 1), pytest.raises(Timeout, match="no time left"):
        transport.call(api.get_item.sync_detailed, "a")


def test_budget_shortens_each_request_timeout(build: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/slow", server.reply(200, ITEM, delay=10.0))
    policy = attrs.evolve(DEFAULT, budget=0.3)
    with build(service="t", base_url=server.url, headers=server.headers, retry=policy, timeout=30) as transport:
        started = time.monotonic()
        with pytest.raises(Timeout):
            transport.call(api.get_item.sync_detailed, "slow")
        assert time.monotonic() - started < 3.0  # not the 30 s timeout, nor the 10 s the server takes


def test_read_timeout_is_retried_for_get_but_not_post(build: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/slow", server.reply(200, ITEM, delay=1.0))
    server.script.always("POST", "/v1/items", server.reply(201, ITEM, delay=1.0))
    policy = attrs.evolve(DEFAULT, max_attempts=2)
    clock = ManualClock()
    transport = build(service="t", base_url=server.url, headers=server.headers, retry=policy, timeout=0.15, clock=clock)
    with transport:
        with pytest.raises(Timeout) as caught:
            transport.call(api.get_item.sync_detailed, "slow")
        assert caught.value.attempts == 2
        assert isinstance(caught.value.__cause__, httpx.ReadTimeout)
        with pytest.raises(Timeout):
            transport.call(api.create_item.sync_detailed, body=api.models.ItemCreate(name="n"))
    assert server.script.count("GET") == 2
    assert server.script.count("POST") == 1


def test_per_call_timeout(build: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/slow", server.reply(200, ITEM, delay=0.5))
    with build(service="t", base_url=server.url, headers=server.headers, retry="disabled", timeout=10) as transport:
        with pytest.raises(Timeout):
            transport.call(api.get_item.sync_detailed, "slow", timeout=0.1)
        with pytest.raises(InvalidArgument, match="timeout"):
            transport.call(api.get_item.sync_detailed, "slow", timeout=0)


def test_truncated_body_is_retried_as_a_network_error(make: Callable[..., Transport], server: Any, api: Any) -> None:
    big = {**ITEM, "pad": "x" * 2000}
    server.script.add("GET", "/v1/items/a", server.reply(200, big, truncate=True), server.reply(200, ITEM))
    item = make().call(api.get_item.sync_detailed, "a", expect=api.models.Item)
    assert item.id == "a"
    assert server.script.count() == 2


def test_truncated_body_on_post_is_not_replayed(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.add("POST", "/v1/items", server.reply(201, {**ITEM, "pad": "x" * 2000}, truncate=True))
    with pytest.raises(TransportError) as caught:
        make().call(api.create_item.sync_detailed, body=api.models.ItemCreate(name="n"))
    assert not isinstance(caught.value, Timeout)
    assert server.script.count() == 1


def test_connection_refused_is_retried_even_for_post(build: Callable[..., Transport], api: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    clock = ManualClock()
    transport = build(service="t", base_url=f"http://127.0.0.1:{port}", clock=clock, rng=CeilingRng())
    with transport, pytest.raises(TransportError) as caught:
        transport.call(api.create_item.sync_detailed, body=api.models.ItemCreate(name="n"))
    assert caught.value.attempts == 5
    assert clock.sleeps == _ceilings(4)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


def test_logs_one_line_per_retry_without_query_or_credentials(
    make: Callable[..., Transport], server: Any, api: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="taskfacade")
    server.script.add("GET", "/v1/items/a", server.reply(503), server.reply(429, headers={"Retry-After": "1"}))
    server.script.add("GET", "/v1/items/a", server.reply(200, ITEM))
    auth = KeyAuth()
    make(auth=auth).call(api.get_item.sync_detailed, "a", token=SECRET)
    retries = [r for r in caplog.records if r.levelno == logging.INFO and r.name == "taskfacade"]
    assert len(retries) == 2
    first, second = (r.getMessage() for r in retries)
    assert first == "testsvc GET /v1/items/a -> 503 (attempt 1 of 5); retrying in 0.50s"
    assert second == "testsvc GET /v1/items/a -> 429 (attempt 2 of 5); retrying in 1.00s"
    assert SECRET not in caplog.text
    assert "token=" not in caplog.text
    # the query really was sent, and the credential reached the server
    assert all(s.query == f"token={SECRET}" for s in server.script.seen)
    assert server.script.seen[0].headers["x-api-key"] == SECRET


def test_auth_is_applied_again_on_every_attempt(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.add("GET", "/v1/items/a", server.reply(503), server.reply(503), server.reply(200, ITEM))
    auth = KeyAuth()
    make(auth=auth).call(api.get_item.sync_detailed, "a")
    assert [s.headers["x-signature"] for s in server.script.seen] == ["sig-1", "sig-2", "sig-3"]


def test_errors_carry_no_credentials(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(403, {"message": "denied"}))
    with pytest.raises(Forbidden) as caught:
        make(auth=KeyAuth()).call(api.get_item.sync_detailed, "a", token=SECRET)
    text = str(caught.value) + repr(caught.value) + repr(caught.value.__dict__)
    assert SECRET not in text
    assert caught.value.url == f"{server.url}/v1/items/a"


def test_user_agent_and_extra_headers(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.add("GET", "/v1/items/a", server.reply(200, ITEM))
    make(headers={"X-Extra": "1", "User-Agent": "other"}).call(api.get_item.sync_detailed, "a")
    seen = server.script.seen[0].headers
    assert seen["user-agent"].startswith("taskfacade/")
    assert seen["x-extra"] == "1"


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequest),
        (422, BadRequest),
        (401, Unauthorized),
        (403, Forbidden),
        (404, NotFound),
        (409, Conflict),
        (429, RateLimited),
        (500, ServerError),
        (503, ServerError),
        (520, ServerError),
        (561, ServerError),
        (405, UnexpectedStatus),
        (410, UnexpectedStatus),
        (499, UnexpectedStatus),
    ],
)
def test_status_families(make: Callable[..., Transport], server: Any, api: Any, status: int, cls: type) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(status, body=b""))
    with pytest.raises(APIError) as caught:
        make(retry="disabled").call(api.get_item.sync_detailed, "a")
    error = caught.value
    assert type(error) is cls
    assert error.status == status
    assert error.message  # a reason phrase even for an empty body and a non-standard code
    assert error.body is None


def test_non_json_error_bodies(make: Callable[..., Transport], server: Any, api: Any) -> None:
    html = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    server.script.add("GET", "/v1/items/a", server.reply(404, body=html, headers={"content-type": "text/html"}))
    with pytest.raises(NotFound) as caught:  # the generated parser would have crashed on this documented status
        make(retry="disabled").call(api.get_item.sync_detailed, "a")
    assert caught.value.message == html.decode()
    assert caught.value.body == html.decode()
    server.script.add("GET", "/v1/items/a", server.reply(503, body=b""))
    with pytest.raises(ServerError) as caught2:
        make(retry="disabled").call(api.get_item.sync_detailed, "a")
    assert caught2.value.message == "Service Unavailable"


def test_json_error_details(make: Callable[..., Transport], server: Any, api: Any) -> None:
    body = {"code": "ItemMissing", "message": "no such item", "extra": [1, 2]}
    server.script.add("GET", "/v1/items/a", server.reply(404, body, headers={"x-request-id": "req-42"}))
    with pytest.raises(NotFound) as caught:
        make().call(api.get_item.sync_detailed, "a")
    error = caught.value
    assert (error.code, error.message, error.request_id, error.body) == ("ItemMissing", "no such item", "req-42", body)
    assert (error.service, error.method) == ("testsvc", "GET")
    assert str(error) == f"testsvc: GET {server.url}/v1/items/a -> 404 ItemMissing: no such item (request id req-42)"


def test_service_error_parser_and_classes(make: Callable[..., Transport], server: Any, api: Any) -> None:
    class ServiceError(APIError):
        pass

    class ItemNotFound(ServiceError, NotFound):
        pass

    class Throttled(ServiceError, RateLimited):
        pass

    def parser(status: int, headers: Any, content: bytes) -> ErrorDetails:
        return ErrorDetails(code=headers.get("x-error-type"), message=content.decode(), request_id=headers.get("x-rid"))

    classes = {(404, "ItemNotFound"): ItemNotFound, (None, "Throttled"): Throttled}
    transport = make(error_parser=parser, error_classes=classes, retry="disabled")
    server.script.add("GET", "/v1/items/a", server.reply(404, body=b"gone", headers={"x-error-type": "ItemNotFound"}))
    with pytest.raises(ItemNotFound) as caught:
        transport.call(api.get_item.sync_detailed, "a")
    assert isinstance(caught.value, NotFound)
    assert caught.value.message == "gone"
    server.script.add("GET", "/v1/items/a", server.reply(400, body=b"slow", headers={"x-error-type": "Throttled"}))
    with pytest.raises(Throttled) as caught2:
        transport.call(api.get_item.sync_detailed, "a")
    assert isinstance(caught2.value, RateLimited)
    assert caught2.value.status == 400
    server.script.add("GET", "/v1/items/a", server.reply(404, body=b"?", headers={"x-error-type": "Other"}))
    with pytest.raises(NotFound) as caught3:
        transport.call(api.get_item.sync_detailed, "a")
    assert type(caught3.value) is NotFound


def test_a_failing_error_parser_falls_back(make: Callable[..., Transport], server: Any, api: Any) -> None:
    def broken(status: int, headers: Any, content: bytes) -> ErrorDetails:
        raise KeyError("boom")

    server.script.add("GET", "/v1/items/a", server.reply(409, {"message": "busy"}))
    with pytest.raises(Conflict) as caught:
        make(error_parser=broken).call(api.get_item.sync_detailed, "a")
    assert caught.value.message == "busy"


@pytest.mark.parametrize(
    "reply",
    [
        {"body": b"{not json"},
        {"json": {"id": "a", "count": 1}},  # missing a required field
        {"json": [1, 2, 3]},
    ],
)
def test_malformed_success_bodies_raise_decode_errors(
    make: Callable[..., Transport], server: Any, api: Any, reply: dict[str, Any]
) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(200, **reply))
    with pytest.raises(ResponseDecodeError) as caught:
        make().call(api.get_item.sync_detailed, "a")
    assert server.script.count() == 1  # not retried: the same bytes would come back
    assert caught.value.status == 200
    assert caught.value.url == f"{server.url}/v1/items/a"


def test_expect_checks_the_parsed_type(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.add("DELETE", "/v1/items/a", server.reply(204))
    with pytest.raises(ResponseDecodeError, match="expected Item, got NoneType"):
        make().call(api.delete_item.sync_detailed, "a", expect=api.models.Item)
    server.script.add("DELETE", "/v1/items/a", server.reply(204))
    assert make().call(api.delete_item.sync_detailed, "a") is None


def test_unknown_enum_value_is_kept(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.add("GET", "/v1/items/a", server.reply(200, {**ITEM, "status": "PAUSED"}))
    item = make().call(api.get_item.sync_detailed, "a", expect=api.models.Item)
    assert item.status == "PAUSED"


def test_bad_arguments_to_an_operation_are_not_decode_errors(make: Callable[..., Transport], api: Any) -> None:
    with pytest.raises(TypeError, match="unexpected keyword"):
        make().call(api.get_item.sync_detailed, "a", nonsense=1)


def test_same_host_redirects_are_followed_in_every_mode(make: Callable[..., Transport], server: Any, api: Any) -> None:
    for mode in ("default", "disabled"):
        server.script.add("GET", "/v1/items/old", server.reply(302, headers={"Location": "/v1/items/a"}))
        server.script.add("GET", "/v1/items/a", server.reply(200, ITEM))
        assert make(retry=mode).call(api.get_item.sync_detailed, "old").id == "a"


def test_cross_host_redirects_are_refused(make: Callable[..., Transport], server: Any, api: Any) -> None:
    other = server.url.replace("127.0.0.1", "localhost")
    server.script.add("GET", "/v1/items/old", server.reply(307, headers={"Location": f"{other}/v1/items/a"}))
    with pytest.raises(UnexpectedStatus, match="redirect to another host refused") as caught:
        make(auth=KeyAuth()).call(api.get_item.sync_detailed, "old")
    assert caught.value.status == 307
    assert server.script.count() == 1  # the credential never went to the other host


def test_pool_size_bounds_concurrent_connections(server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(200, ITEM, delay=0.15))
    with Transport(service="t", base_url=server.url, headers=server.headers, pool_size=2) as transport:
        started = time.monotonic()
        futures = [transport.submit(transport.call, api.get_item.sync_detailed, "a") for _ in range(4)]
        results = [f.result(timeout=10) for f in futures]
        elapsed = time.monotonic() - started
    assert [r.id for r in results] == ["a"] * 4
    assert elapsed >= 0.29  # two rounds of two: the pool never opened a third connection


def test_threads_keep_their_own_call_state(make: Callable[..., Transport], server: Any, api: Any) -> None:
    for i in range(8):
        server.script.add("GET", f"/v1/items/{i}", server.reply(503), server.reply(200, {**ITEM, "id": str(i)}))
    transport = make(clock=ManualClock())
    results: dict[int, str] = {}

    def worker(i: int) -> None:
        results[i] = transport.call(api.get_item.sync_detailed, str(i)).id

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {i: str(i) for i in range(8)}
    assert server.script.count() == 16


def test_bind_gives_a_generated_client_on_the_same_connection(
    make_sync: Callable[..., Transport], server: Any, api: Any, testapi: Any
) -> None:
    transport = make_sync()
    client = transport.bind(testapi.Client)
    assert client.get_httpx_client() is transport.httpx_client
    server.script.add("GET", "/v1/items/a", server.reply(200, ITEM))
    direct = api.get_item.sync_detailed("a", client=client)  # no transport around it: plain generated behaviour
    assert direct.parsed.id == "a"
    server.script.add("GET", "/v1/items/a", server.reply(503), server.reply(200, ITEM))
    assert transport.call(api.get_item.sync_detailed, "a", client=client).id == "a"
    assert server.script.seen[0].headers["user-agent"].startswith("taskfacade/")
    with pytest.raises(InvalidArgument, match="client_class"):
        transport.bind(dict)


def test_hooks_are_inert_outside_calls(make_sync: Callable[..., Transport], server: Any) -> None:
    transport = make_sync()
    server.script.add("GET", "/v1/items/a", server.reply(503))
    response = transport.httpx_client.get("/v1/items/a")
    assert response.status_code == 503


def test_close_and_context_manager(server: Any, api: Any) -> None:
    with Transport(service="t", base_url=server.url) as transport:
        assert not transport.closed
    assert transport.closed
    with pytest.raises(ClientClosed, match="closed"):
        transport.call(api.get_item.sync_detailed, "a")
    with pytest.raises(ClientClosed, match="closed"):
        transport.submit(print)
    transport.close()  # idempotent


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"service": ""}, "service"),
        ({"base_url": "ftp://example.com"}, "base_url"),
        ({"base_url": "not a url"}, "base_url"),
        ({"base_url": "https://user:hunter2@example.com"}, "base_url"),
        ({"base_url": "https://example.com/?token=abc"}, "base_url"),
        ({"timeout": None}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": httpx.Timeout(5.0, read=None)}, "timeout"),
        ({"pool_size": 0}, "pool_size"),
        ({"pool_size": 2.5}, "pool_size"),
        ({"retry": "sometimes"}, "retry"),
        ({"verify": False}, None),  # allowed, on purpose only
        ({"verify": 3}, "verify"),
    ],
)
def test_constructor_validation(kwargs: dict[str, Any], parameter: str | None) -> None:
    args: dict[str, Any] = {"service": "t", "base_url": "https://example.com", **kwargs}
    if parameter is None:
        Transport(**args).close()
        return
    with pytest.raises(InvalidArgument) as caught:
        Transport(**args)
    assert caught.value.parameter == parameter
    assert "hunter2" not in str(caught.value)
    assert "abc" not in str(caught.value)


def test_repr_shows_no_credentials() -> None:
    with Transport(service="t", base_url="https://example.com/api", auth=httpx.BasicAuth("u", "hunter2")) as t:
        assert repr(t) == "Transport(service='t', base_url='https://example.com/api', retry='default')"
        assert t.timeout.connect == 10.0
        assert t.timeout.read == 60.0


def test_retry_policy_object_per_client(make: Callable[..., Transport], server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(418))
    teapot = RetryPolicy("teapot", max_attempts=3, budget=10.0, retry_statuses=frozenset({418}))
    clock = ManualClock()
    with pytest.raises(UnexpectedStatus):
        make(retry=teapot, clock=clock).call(api.get_item.sync_detailed, "a")
    assert server.script.count() == 3
    assert clock.sleeps == [0.5, 1.0]


def test_calls_may_nest_inside_an_auth_flow(make: Callable[..., Transport], server: Any, api: Any) -> None:
    """An auth that logs in through the same transport (Geobox username/password) must not break the outer call."""

    class LoginAuth(httpx.Auth):
        def __init__(self) -> None:
            self.transport: Transport | None = None
            self.token: str | None = None

        def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
            if request.method == "POST":  # the login request itself goes unauthenticated
                yield request
                return
            if self.token is None:
                assert self.transport is not None
                login = self.transport.call(api.create_item.sync_detailed, body=api.models.ItemCreate(name="me"))
                self.token = login.id
            request.headers["Authorization"] = f"Bearer {self.token}"
            yield request

        async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
            if request.method != "POST" and self.token is None:  # the async twin logs in through its own call
                assert isinstance(self.transport, AsyncAsSync)
                body = api.models.ItemCreate(name="me")
                self.token = (await self.transport.transport.call(api.create_item.asyncio_detailed, body=body)).id
            if request.method != "POST":
                request.headers["Authorization"] = f"Bearer {self.token}"
            yield request

    auth = LoginAuth()
    transport = make(auth=auth)
    auth.transport = transport
    server.script.add("POST", "/v1/items", server.reply(201, {**ITEM, "id": "tok-9"}))
    server.script.add("GET", "/v1/items/a", server.reply(503), server.reply(404, {"code": "NF", "message": "gone"}))
    with pytest.raises(NotFound) as caught:  # the outer call still retries and maps errors after the nested one
        transport.call(api.get_item.sync_detailed, "a")
    assert caught.value.attempts == 2
    assert [s.headers.get("authorization") for s in server.script.seen if s.method == "GET"] == ["Bearer tok-9"] * 2


def test_a_foreign_generated_client_is_refused(make: Callable[..., Transport], api: Any, testapi: Any) -> None:
    stranger = testapi.Client(base_url="https://elsewhere.example")
    with pytest.raises(InvalidArgument, match="client"):
        make().call(api.get_item.sync_detailed, "a", client=stranger)


def test_plain_http_client_loads_no_ca_bundle_and_fails_closed() -> None:
    """An http:// client never speaks TLS, so it skips the CA bundle; were TLS attempted, nothing is trusted."""
    import ssl

    with Transport(service="x", base_url="http://127.0.0.1:9") as plain:
        context = plain.httpx_client._transport._pool._ssl_context  # type: ignore[attr-defined]
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert context.check_hostname
        assert context.cert_store_stats()["x509_ca"] == 0
    with Transport(service="x", base_url="https://example.invalid") as secure:
        context = secure.httpx_client._transport._pool._ssl_context  # type: ignore[attr-defined]
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert context.cert_store_stats()["x509_ca"] > 0
