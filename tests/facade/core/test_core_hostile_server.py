"""Hostile servers: a body dripped a byte at a time, a gzip bomb. Calls and waits keep their deadlines; memory stays
bounded (issue 9, item 3).

Every service goes through the emulator's ``drip`` and ``gzip_bomb`` faults; the bounds are the issue's: a call
ends within its budget plus 0.5 s, a wait within its timeout plus 0.5 s, whatever the server does.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest
import taskfacade
from taskfacade import (
    RETRY_MODES,
    InvalidArgument,
    ManualClock,
    ResponseDecodeError,
    ResponseTooLarge,
    Timeout,
    Transport,
    WaitTimeout,
    deadline,
)
from taskfacade._netdeadline import DeadlineBackend, clamp_timeout, install
from taskfacade.geobox import GeoboxClient
from taskfacade.tensorbay import GAS
from taskfacade.tiledb import Client as TileDBClient
from taskfacade.tiledb import tasks as tiledb_tasks
from taskfacade_emulator import Emulator

BUDGET = 3.0
SLACK = 0.5
MiB = 1 << 20
TOKEN = "emulator-token"
AWS_KEY, AWS_SECRET = "AKIDEMULATOR", "emulator-secret"
TENSORBAY_KEY, DATASET = "ACCESSKEY-emulator", "emulator-dataset"


@pytest.fixture
def emu(taskfacade_emulator_session: Emulator) -> Emulator:
    return taskfacade_emulator_session


def _policy(budget: float = BUDGET, mode: str = "default") -> taskfacade.RetryPolicy:
    return attrs.evolve(RETRY_MODES[mode], budget=budget)


def _call(emu: Emulator, service: str, **options: Any) -> tuple[Callable[[], object], Callable[[], None]]:
    """A one-request read of a task (or dataset) on ``service``, and how to close its client."""
    if service == "geobox":
        geobox = GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, **options)
        task_id = emu.create_tasks("geobox", run_s=3600)[0]
        return lambda: geobox.get_task(task_id), geobox.close
    if service == "deadline":
        farm = deadline.client(
            endpoint_url=emu.base_url("deadline"),
            aws_access_key_id=AWS_KEY,
            aws_secret_access_key=AWS_SECRET,
            environ={},
            **options,
        )
        ids = emu.seeded()["deadline"]
        step = {key: ids[key] for key in ("farmId", "queueId", "jobId", "stepId")}
        task_id = emu.create_tasks("deadline", run_s=3600)[0]
        return lambda: farm.get_task(**step, taskId=task_id), farm.close
    if service == "tiledb":
        tiledb = TileDBClient(host=emu.base_url("tiledb"), token=TOKEN, workspace="ws_emulator", **options)
        task_id = emu.create_tasks("tiledb", run_s=3600)[0]
        return lambda: tiledb_tasks.task(task_id, client=tiledb), tiledb.close
    gas = GAS(TENSORBAY_KEY, emu.base_url("tensorbay"), **options)
    return lambda: gas.get_dataset(DATASET), gas.close


def _elapsed(fn: Callable[[], object]) -> tuple[float, BaseException | None]:
    """Seconds ``fn`` took, and the core error it raised (TileDB's ``TasksError`` is raised ``from`` it), if any."""
    started = time.monotonic()
    try:
        fn()
    except Exception as exc:
        took, error = time.monotonic() - started, exc
        if isinstance(error, taskfacade.tiledb.TasksError) and error.__cause__ is not None:
            return took, error.__cause__
        return took, error
    return time.monotonic() - started, None


SERVICES = ["geobox", "deadline", "tiledb", "tensorbay"]


# -- the call budget bounds the whole exchange, body included -------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_a_dripped_body_cannot_hold_a_call_past_its_budget(emu: Emulator, service: str) -> None:
    call, close = _call(emu, service, retry_mode=_policy(), timeout=1.0)
    try:
        call()  # warm: the connection, and any login, happen outside the measured call
        emu.add_faults(service=service, method="GET", action="drip", drip_ms=100)  # ~10 bytes/s: minutes per body
        took, error = _elapsed(call)
    finally:
        close()
    assert isinstance(error, Timeout), error
    assert took <= BUDGET + SLACK


def test_a_single_blocked_read_ends_at_the_deadline_not_at_the_next_byte(emu: Emulator) -> None:
    # One byte every 2.2 s: each read returns well within timeout=10, so only bounding the socket wait itself
    # ends the call at the deadline (checking between chunks would end it at the first byte after, ~4.4 s).
    call, close = _call(emu, "geobox", retry_mode=_policy(), timeout=10.0)
    try:
        call()
        emu.add_faults(service="geobox", method="GET", action="drip", drip_ms=2200)
        took, error = _elapsed(call)
    finally:
        close()
    assert isinstance(error, Timeout), error
    assert took <= BUDGET + SLACK


def test_a_wait_keeps_its_deadline_under_a_dripping_server(emu: Emulator) -> None:
    geobox = GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, timeout=1.0)
    with geobox:
        task = geobox.get_task(emu.create_tasks("geobox", run_s=3600)[0])
        emu.add_faults(service="geobox", method="GET", action="drip", drip_ms=100)
        took, error = _elapsed(lambda: task.wait(timeout=2, progress_bar=False))
    assert isinstance(error, WaitTimeout), error
    assert took <= 2 + SLACK


def test_wait_all_keeps_its_deadline_across_services_under_a_dripping_server(emu: Emulator) -> None:
    geobox = GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, timeout=1.0)
    farm = deadline.client(
        endpoint_url=emu.base_url("deadline"), aws_access_key_id=AWS_KEY, aws_secret_access_key=AWS_SECRET, environ={}
    )
    with geobox, farm:
        ids = emu.seeded()["deadline"]
        step = {key: ids[key] for key in ("farmId", "queueId", "jobId", "stepId")}
        jobs = [
            geobox.get_task(emu.create_tasks("geobox", run_s=3600)[0]),
            farm.task(**step, taskId=emu.create_tasks("deadline", run_s=3600)[0]),
        ]
        for service in ("geobox", "deadline"):
            emu.add_faults(service=service, action="drip", drip_ms=100)
        took, error = _elapsed(lambda: taskfacade.wait_all(jobs, timeout=2, interval=0.2))
    assert isinstance(error, WaitTimeout), error
    assert took <= 2 + SLACK


def test_the_body_is_read_within_the_deadline_between_chunks_too() -> None:
    # Below a custom httpx transport (no sockets to bound) the body is still cut off at the deadline.
    clock = ManualClock()

    class Slow(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for byte in b'{"id": "a", "status": "DONE"}':
                clock.advance(0.5)
                yield bytes([byte])

    def get(client: Any) -> Any:
        return client.get_httpx_client().request("GET", "/x")

    mock = httpx.MockTransport(lambda request: httpx.Response(200, stream=Slow()))
    start = clock.monotonic()
    transport = Transport(service="mock", base_url="https://api.example.com", httpx_transport=mock, clock=clock)
    with transport, pytest.raises(Timeout, match="deadline"):
        transport.exchange(get, retry=_policy())
    assert clock.monotonic() - start <= BUDGET + 0.5  # one chunk past the deadline at most


def test_every_socket_wait_of_the_default_transports_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # The backend is set through httpx/httpcore internals: this fails loudly if an upgrade moves them.
    with Transport(service="x", base_url="http://127.0.0.1:9") as plain:
        pool = plain.httpx_client._transport._pool  # type: ignore[attr-defined]
        assert isinstance(pool._network_backend, DeadlineBackend)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # a proxy mount is a second pool
    with httpx.Client() as client:
        assert install(client, lambda: None) == 2
        assert install(client, lambda: None) == 0  # never wrapped twice


@pytest.mark.parametrize(
    ("timeout", "left", "expected"),
    [(None, None, None), (5.0, None, 5.0), (None, 2.0, 2.0), (5.0, 2.0, 2.0), (1.0, 2.0, 1.0), (5.0, -1.0, -1.0)],
)
def test_clamp_timeout(timeout: float | None, left: float | None, expected: float | None) -> None:
    assert clamp_timeout(timeout, left) == expected


# -- response size ---------------------------------------------------------------------------------------------


def _gets(emu: Emulator, service: str) -> int:
    return sum(n for route, n in emu.request_counts()[service].items() if route.startswith("GET "))


def test_a_gzip_bomb_stops_at_the_default_limit_quickly_and_in_bounded_memory(emu: Emulator) -> None:
    call, close = _call(emu, "geobox", retry_mode="forceful")
    try:
        call()
        emu.add_faults(service="geobox", method="GET", action="gzip_bomb", inflate_bytes=1 << 30)  # 1 GiB
        before = _gets(emu, "geobox")
        tracemalloc.start()
        try:
            took, error = _elapsed(call)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        close()
    assert isinstance(error, ResponseTooLarge), error
    assert isinstance(error, ResponseDecodeError)
    assert error.limit == taskfacade.DEFAULT_MAX_RESPONSE_SIZE == 64 * MiB
    assert error.limit < error.received <= error.limit + 5 * MiB
    assert (error.status, error.attempts, error.content) == (200, 1, b"")
    assert _gets(emu, "geobox") - before == 1  # never retried, even in forceful mode
    assert peak < 100 * MiB  # the limit plus one inflated slice, far below the 1 GiB it inflates to
    assert took < 10.0


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_takes_max_response_size(emu: Emulator, service: str) -> None:
    call, close = _call(emu, service, max_response_size=1 * MiB)
    try:
        call()
        emu.add_faults(service=service, method="GET", action="gzip_bomb", inflate_bytes=8 * MiB, count=1)
        tracemalloc.start()
        try:
            _, error = _elapsed(call)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert isinstance(error, ResponseTooLarge), error
        assert error.limit == 1 * MiB
        assert peak < 16 * MiB
        emu.add_faults(service=service, method="GET", action="gzip_bomb", inflate_bytes=MiB // 2, count=1)
        call()  # a compressed body under the limit is fine: only the size is refused
    finally:
        close()


def test_an_error_body_past_the_limit_is_refused_too(emu: Emulator) -> None:
    with GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, max_response_size=64 * 1024) as geobox:
        missing = "00000000-0000-4000-8000-000000000000"
        with pytest.raises(taskfacade.NotFound):
            geobox.get_task(missing)
        emu.add_faults(service="geobox", method="GET", action="gzip_bomb", inflate_bytes=MiB)
        with pytest.raises(ResponseTooLarge) as caught:
            geobox.get_task(missing)
    assert caught.value.status == 404


@pytest.mark.parametrize("bad", [0, -1, True, 1.5, "64MiB", None])
@pytest.mark.parametrize("service", [*SERVICES, "transport"])
def test_max_response_size_is_checked_before_any_request(emu: Emulator, service: str, bad: object) -> None:
    emu.clear_request_counts()

    def build() -> object:
        if service == "transport":
            return Transport(service="x", base_url=emu.base_url("geobox"), max_response_size=bad)  # type: ignore[arg-type]
        return _call(emu, service, max_response_size=bad)

    with pytest.raises(InvalidArgument, match="max_response_size") as caught:
        build()
    assert caught.value.parameter == "max_response_size"
    assert "integer" in caught.value.accepted
    assert not any(emu.request_counts()[s] for s in SERVICES)


def test_a_call_made_inside_another_call_keeps_the_outer_deadline() -> None:
    # An auth flow that logs in through the same transport makes a call inside a call: the inner one must not get
    # a fresh budget of its own, or a slow login holds the outer call for the login's whole budget.
    clock = ManualClock()

    class Slow(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for byte in b'{"token": "t"}' * 100:
                clock.advance(0.5)
                yield bytes([byte])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/login":
            return httpx.Response(200, stream=Slow())
        return httpx.Response(200, json={"id": "a"})

    def call(path: str) -> Callable[..., Any]:
        return lambda client: client.get_httpx_client().request("GET", path)

    class LoginFirst(httpx.Auth):
        def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
            if request.url.path != "/login":
                transport.exchange(call("/login"), retry="default")  # 120 s budget of its own
            yield request

    transport = Transport(
        service="mock",
        base_url="https://api.example.com",
        auth=LoginFirst(),
        httpx_transport=httpx.MockTransport(handler),
        clock=clock,
    )
    start = clock.monotonic()
    with transport, pytest.raises(Timeout):
        transport.exchange(call("/things/1"), retry=_policy())
    assert clock.monotonic() - start <= BUDGET + 0.5
