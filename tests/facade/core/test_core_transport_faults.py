"""Byte-level network faults the real server cannot produce on demand, through httpx.MockTransport.

Each fault is raised exactly where httpx would raise it (while sending, or while reading the body), and the
transport must classify it: never reached the server (always replayable), may have reached it (replay only when
safe), or not retryable at all.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from taskfacade import ManualClock, ResponseDecodeError, Timeout, Transport, TransportError

ITEM = b'{"id": "a", "status": "DONE", "count": 1}'


class CeilingRng(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b


class BrokenStream(httpx.SyncByteStream):
    """A body that delivers some bytes and then fails like a dropped connection."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __iter__(self) -> Iterator[bytes]:
        yield b'{"id": "a", "sta'
        raise self.error


def _mock(faults: list[Callable[[httpx.Request], httpx.Response]]) -> tuple[httpx.MockTransport, list[str]]:
    """A transport that applies ``faults`` in order, then answers 200 with an item."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        if faults:
            return faults.pop(0)(request)
        return httpx.Response(200, content=ITEM, headers={"content-type": "application/json"})

    return httpx.MockTransport(handler), seen


def _raise(exc_type: type[httpx.HTTPError]) -> Callable[[httpx.Request], httpx.Response]:
    def fault(request: httpx.Request) -> httpx.Response:
        raise exc_type("injected", request=request)  # type: ignore[call-arg]

    return fault


def _broken_body(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, stream=BrokenStream(httpx.RemoteProtocolError("incomplete body", request=request)))


def _transport(mock: httpx.MockTransport, **kwargs: Any) -> Transport:
    return Transport(
        service="mock",
        base_url="https://api.example.com",
        httpx_transport=mock,
        clock=kwargs.pop("clock", ManualClock()),
        rng=CeilingRng(),
        idempotency_header="X-Client-Token",
        **kwargs,
    )


# (fault, method, extra) -> (retried?, error class when not)
FAULTS = [
    (_raise(httpx.ConnectError), "POST", {}, True, TransportError),
    (_raise(httpx.ConnectTimeout), "POST", {}, True, Timeout),
    (_raise(httpx.PoolTimeout), "POST", {}, True, Timeout),
    (_raise(httpx.ReadError), "GET", {}, True, TransportError),
    (_raise(httpx.ReadError), "POST", {}, False, TransportError),
    (_raise(httpx.ReadError), "POST", {"x_client_token": "t-1"}, True, TransportError),
    (_raise(httpx.RemoteProtocolError), "GET", {}, True, TransportError),
    (_raise(httpx.RemoteProtocolError), "PATCH", {}, False, TransportError),
    (_raise(httpx.ReadTimeout), "GET", {}, True, Timeout),
    (_raise(httpx.ReadTimeout), "POST", {}, False, Timeout),
    (_raise(httpx.WriteTimeout), "POST", {}, False, Timeout),
    (_raise(httpx.WriteError), "DELETE", {}, True, TransportError),
    (_broken_body, "GET", {}, True, TransportError),
    (_broken_body, "POST", {}, False, TransportError),
    (_broken_body, "POST", {"idempotent": True}, True, TransportError),
    (_raise(httpx.UnsupportedProtocol), "GET", {}, False, TransportError),
    (_raise(httpx.LocalProtocolError), "GET", {}, False, TransportError),
]


@pytest.mark.parametrize(("fault", "method", "extra", "retried", "error"), FAULTS)
def test_network_fault_classification(
    api: Any,
    fault: Callable[[httpx.Request], httpx.Response],
    method: str,
    extra: dict[str, Any],
    retried: bool,
    error: type[Exception],
) -> None:
    op = {"GET": api.get_item, "DELETE": api.delete_item, "PATCH": api.update_item}.get(method, api.create_item)
    kwargs: dict[str, Any] = {} if method in ("GET", "DELETE") else {"body": api.models.ItemCreate(name="n")}
    if method != "POST":
        kwargs["item_id"] = "a"
    mock, seen = _mock([fault])
    with _transport(mock) as transport:
        if retried:
            transport.exchange(op.sync_detailed, **kwargs, **extra)
            assert seen == [method, method]
        else:
            with pytest.raises(error) as caught:
                transport.exchange(op.sync_detailed, **kwargs, **extra)
            assert type(caught.value) is error
            assert seen == [method]
            assert caught.value.__cause__ is not None


def test_every_attempt_failing_ends_with_the_last_error(api: Any) -> None:
    mock, seen = _mock([_raise(httpx.ReadError) for _ in range(10)])
    clock = ManualClock()
    with _transport(mock, clock=clock) as transport, pytest.raises(TransportError) as caught:
        transport.call(api.get_item.sync_detailed, "a")
    assert len(seen) == 5
    assert caught.value.attempts == 5
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0]
    assert str(caught.value) == "mock: GET https://api.example.com/v1/items/a: ReadError: injected"


def test_content_decoding_error_is_a_network_error(api: Any) -> None:
    def bad_gzip(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"not gzip", headers={"content-encoding": "gzip"})

    mock, seen = _mock([bad_gzip])
    with _transport(mock) as transport:
        assert transport.call(api.get_item.sync_detailed, "a").id == "a"
    assert len(seen) == 2


def test_query_strings_never_reach_error_messages(api: Any) -> None:
    mock, _ = _mock([_raise(httpx.ReadError) for _ in range(10)])
    with _transport(mock, retry="disabled") as transport, pytest.raises(TransportError) as caught:
        transport.call(api.get_item.sync_detailed, "a", token="hunter2")
    assert "hunter2" not in str(caught.value)
    assert caught.value.url == "https://api.example.com/v1/items/a"


def test_non_utf8_garbage_success_body(api: Any) -> None:
    def garbage(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"\xff\xfe\x00garbage")

    mock, _ = _mock([garbage])
    with _transport(mock) as transport, pytest.raises(ResponseDecodeError) as caught:
        transport.call(api.get_item.sync_detailed, "a")
    assert caught.value.content == b"\xff\xfe\x00garbage"
