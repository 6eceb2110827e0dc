"""``ClientOptions``: every check, the normalised values, and every service client taking the same option names.

The per-service tests build real clients (no request is made unless a test sends one through an
``httpx.MockTransport`` given as ``httpx_transport``, which then must see it).
"""

from __future__ import annotations

import inspect
import logging
import math
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
import taskfacade
from taskfacade import ClientOptions, InvalidArgument, ManualClock, RetryPolicy, Transport
from taskfacade._clock import SYSTEM_CLOCK
from taskfacade._logfilter import LIBRARY_LOGGERS, LibraryLogFilter
from taskfacade._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, default_pool_size
from taskfacade._retry import FORCEFUL

OPTION_NAMES = {f.name for f in attrs.fields(ClientOptions)}

BAD_VALUES: list[tuple[str, Any]] = [
    ("retry_mode", "sometimes"),
    ("rate_limit", "fast"),
    ("retry_mode", 3),
    ("timeout", None),
    ("timeout", 0),
    ("timeout", -1.0),
    ("timeout", math.nan),
    ("timeout", math.inf),
    ("timeout", True),
    ("timeout", httpx.Timeout(None)),
    ("timeout", httpx.Timeout(5.0, pool=None)),
    ("timeout", httpx.Timeout(5.0, read=0)),
    ("verify", 3),
    ("verify", "/no/such/ca-bundle.pem"),
    ("verify", None),
    ("pool_size", 0),
    ("pool_size", 2.5),
    ("pool_size", True),
    ("clock", "now"),
    ("clock", 5),
    ("trust_env", 1),
    ("trust_env", "yes"),
    ("trust_env", None),
    ("max_response_size", 0),
    ("max_response_size", 1.5),
    ("max_response_size", True),
    ("user_agent", ""),
    ("user_agent", "agent\r\nX-Injected: 1"),
    ("user_agent", "agent/é"),
    ("user_agent", " padded "),
    ("user_agent", 5),
    ("httpx_transport", "mock"),
    ("poll_policy", 2.0),
    ("poll_policy", {"initial": 1}),
    ("httpx_transport", httpx.Client()),
]


def test_the_options_are_the_ones_the_issue_names() -> None:
    assert {
        "retry_mode",
        "timeout",
        "verify",
        "pool_size",
        "clock",
        "trust_env",
        "max_response_size",
        "user_agent",
        "httpx_transport",
        "rate_limit",  # issue 12
        "poll_policy",
    } == OPTION_NAMES


@pytest.mark.parametrize(("name", "value"), BAD_VALUES)
def test_each_option_is_checked_and_the_error_names_it(name: str, value: Any) -> None:
    with pytest.raises(InvalidArgument) as caught:
        ClientOptions(**{name: value})
    assert caught.value.parameter == name


def test_defaults() -> None:
    options = ClientOptions()
    assert options.retry_mode.name == "default"
    assert options.timeout == DEFAULT_TIMEOUT
    assert options.verify is True
    assert options.pool_size is None
    assert options.connections == default_pool_size()
    assert options.clock is SYSTEM_CLOCK
    assert options.trust_env is True
    assert options.max_response_size == DEFAULT_MAX_RESPONSE_SIZE
    assert options.user_agent == USER_AGENT
    assert options.httpx_transport is None


def test_values_are_normalised_once(tmp_path: Path) -> None:
    clock = ManualClock()
    options = ClientOptions(retry_mode="FORCEFUL", timeout=5, verify=str(tmp_path), clock=clock, pool_size=3)
    assert options.retry_mode is FORCEFUL
    assert options.timeout == httpx.Timeout(5.0)
    assert isinstance(options.verify, ssl.SSLContext)
    assert options.clock is clock
    assert options.connections == 3
    policy = RetryPolicy("mine", max_attempts=2, budget=5.0, retry_statuses=frozenset({503}))
    assert ClientOptions(retry_mode=policy).retry_mode is policy


def test_a_file_that_is_no_ca_bundle_is_refused_by_name(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not a certificate")
    with pytest.raises(InvalidArgument) as caught:
        ClientOptions(verify=str(bundle))
    assert caught.value.parameter == "verify"


def test_frozen_and_variants_are_checked_again() -> None:
    options = ClientOptions()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        options.timeout = httpx.Timeout(1.0)  # type: ignore[misc]
    assert attrs.evolve(options, timeout=2).timeout == httpx.Timeout(2.0)
    with pytest.raises(InvalidArgument, match="timeout"):
        attrs.evolve(options, timeout=httpx.Timeout(None))


def test_clock_check_is_one_message_everywhere() -> None:
    messages = set()
    for build in (lambda: ClientOptions(clock="now"), lambda: taskfacade.wait_all([], clock="now")):
        with pytest.raises(InvalidArgument) as caught:
            build()
        messages.add(caught.value.accepted)
    assert messages == {"None or a taskfacade.Clock (monotonic, time, sleep)"}


def test_transport_takes_options_or_keywords_not_both() -> None:
    options = ClientOptions(timeout=3, user_agent="probe/1")
    with Transport(service="t", base_url="http://127.0.0.1:9", options=options) as transport:
        assert transport.options is options
        assert transport.timeout == httpx.Timeout(3.0)
        assert transport.httpx_client.headers["User-Agent"] == "probe/1"
    with pytest.raises(InvalidArgument) as caught:
        Transport(service="t", base_url="http://127.0.0.1:9", options=options, timeout=5)
    assert caught.value.parameter == "timeout"
    with pytest.raises(InvalidArgument) as caught:
        Transport(service="t", base_url="http://127.0.0.1:9", options={"timeout": 5})  # type: ignore[arg-type]
    assert caught.value.parameter == "options"


# -- every service client, the same names ---------------------------------------------------------------------


def _tiledb(**options: Any) -> Any:
    from taskfacade.tiledb import Client

    return Client(host="http://tiledb.test", token="tok", workspace="ws_1", profile_dir="/nonexistent", **options)


def _deadline(**options: Any) -> Any:
    from taskfacade import deadline

    keys = {"aws_access_key_id": "AKIDTEST", "aws_secret_access_key": "secret"}
    return deadline.client(region_name="us-east-1", endpoint_url="http://deadline.test", environ={}, **keys, **options)


def _geobox(**options: Any) -> Any:
    from taskfacade.geobox import GeoboxClient

    return GeoboxClient(host="http://geobox.test", access_token="tok", **options)


def _tensorbay_gas(**options: Any) -> Any:
    from taskfacade.tensorbay import GAS

    return GAS("ACCESSKEY-test", "http://tensorbay.test", **options)


def _tensorbay_client(**options: Any) -> Any:
    from taskfacade.tensorbay._client import Client

    return Client("ACCESSKEY-test", "http://tensorbay.test", **options)


BUILDERS: dict[str, Callable[..., Any]] = {
    "tiledb": _tiledb,
    "deadline": _deadline,
    "geobox": _geobox,
    "tensorbay GAS": _tensorbay_gas,
    "tensorbay Client": _tensorbay_client,
}


def _signature_target(name: str) -> Callable[..., Any]:
    from taskfacade import deadline, geobox, tensorbay, tiledb
    from taskfacade.tensorbay._client import Client as TensorBayClient

    return {
        "tiledb": tiledb.Client,
        "deadline": deadline.client,
        "geobox": geobox.GeoboxClient,
        "tensorbay GAS": tensorbay.GAS,
        "tensorbay Client": TensorBayClient,
    }[name]


@pytest.mark.parametrize("service", BUILDERS)
def test_every_client_takes_every_option_by_the_same_name(service: str) -> None:
    parameters = inspect.signature(_signature_target(service)).parameters
    assert set(parameters) >= OPTION_NAMES, OPTION_NAMES - set(parameters)


@pytest.mark.parametrize("service", BUILDERS)
@pytest.mark.parametrize(("name", "value"), [(n, v) for n, v in BAD_VALUES if (n, v) != ("verify", None)])
def test_every_client_refuses_a_bad_option_at_construction(service: str, name: str, value: Any) -> None:
    with pytest.raises(InvalidArgument) as caught:
        BUILDERS[service](**{name: value}).close()
    assert caught.value.parameter == name


def _transport_of(client: Any) -> Transport:
    for holder in (client, getattr(client, "client", None)):
        for attribute in ("transport", "_transport"):
            found = getattr(holder, attribute, None)
            if isinstance(found, Transport):
                return found
    raise AssertionError(f"no transport on {client!r}")


@pytest.mark.parametrize("service", BUILDERS)
def test_every_client_hands_its_options_to_its_transport(service: str) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404, json={"message": "nothing here"})

    clock = ManualClock()
    client = BUILDERS[service](
        retry_mode="disabled",
        timeout=7,
        pool_size=3,
        clock=clock,
        trust_env=False,
        max_response_size=4096,
        user_agent="probe/2",
        httpx_transport=httpx.MockTransport(handler),
    )
    try:
        transport = _transport_of(client)
        options = transport.options
        assert (options.retry_mode.name, options.timeout, options.pool_size) == ("disabled", httpx.Timeout(7.0), 3)
        assert (options.clock, options.trust_env, options.max_response_size) == (clock, False, 4096)
        assert transport.pool_size == 3
        assert transport.clock is clock
        with pytest.raises(taskfacade.APIError):
            _probe(transport)
    finally:
        client.close()
    assert len(seen) == 1
    assert seen[0].headers["User-Agent"] == "probe/2"


def _probe(transport: Transport) -> None:
    """One request through the transport's loop, via a minimal generated-style operation."""

    def operation(*, client: Any) -> Any:
        client.get_httpx_client().request(method="GET", url="/probe")
        raise AssertionError("a 404 never reaches the parser")

    transport.exchange(operation)


def test_geobox_uses_pool_size_and_httpx_transport() -> None:
    from taskfacade.geobox import GeoboxClient, NotFoundError

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404, json={"detail": "Task not found"})

    host, mock = "http://geobox.test", httpx.MockTransport(handler)
    with GeoboxClient(host=host, access_token="tok", httpx_transport=mock) as gb, pytest.raises(NotFoundError):
        gb.get_task("f00d")
    assert [(r.method, r.url.path) for r in seen] == [("GET", "/v1/tasks/f00d/")]
    with GeoboxClient(host="http://geobox.test", access_token="tok", pool_size=3) as sized:
        pool = sized._transport.httpx_client._transport._pool  # type: ignore[attr-defined]
        assert pool._max_connections == 3
        assert pool._max_keepalive_connections == 3


def test_tiledb_refuses_a_timeout_without_limits_at_construction() -> None:
    from taskfacade.tiledb import Client

    for timeout in (httpx.Timeout(None), httpx.Timeout(5.0, read=None), None):
        with pytest.raises(InvalidArgument) as caught:
            Client(timeout=timeout, profile_dir="/nonexistent")  # no credentials: no request could be made anyway
        assert caught.value.parameter == "timeout"


def test_tiledb_vendor_names_stay_and_the_shared_names_work_too(tmp_path: Path) -> None:
    assert _tiledb(pool_threads=4).transport.pool_size == 4
    assert _tiledb(pool_size=5).transport.pool_size == 5
    assert _tiledb(verify=False).options.verify is False
    assert _tiledb(verify_ssl=False).options.verify is False
    with pytest.raises(InvalidArgument, match="pool_size"):
        _tiledb(pool_threads=4, pool_size=5)
    with pytest.raises(InvalidArgument, match="verify"):
        _tiledb(verify=True, verify_ssl=True)
    with pytest.raises(InvalidArgument) as caught:
        _tiledb(ca_file=str(tmp_path / "missing.pem"))
    assert caught.value.parameter == "ca_file"


def test_deadline_retry_modes_are_one_parser() -> None:
    assert _deadline(retry_mode="legacy").retry_mode.name == "botocore-legacy"
    assert _deadline(retry_mode="FORCEFUL").retry_mode is FORCEFUL
    with pytest.raises(InvalidArgument) as caught:
        _deadline(retry_mode="sometimes")
    assert "'legacy'" in caught.value.accepted
    assert "'default'" in caught.value.accepted


# -- the shared log filter -------------------------------------------------------------------------------------


def test_one_log_filter_serves_every_transport(caplog: pytest.LogCaptureFixture) -> None:
    from taskfacade._secrets import Redactor

    transports = [
        Transport(service="t", base_url="http://127.0.0.1:9", redactor=Redactor([f"kq{i}z-unshared"])) for i in range(4)
    ]
    filters = [f for f in logging.getLogger("httpx").filters if isinstance(f, LibraryLogFilter)]
    assert len(filters) == 1
    for name in LIBRARY_LOGGERS:
        assert filters[0] in logging.getLogger(name).filters
    with caplog.at_level(logging.INFO, logger="httpx"):
        logging.getLogger("httpx").info("echo %s and %s", "kq1z-unshared", "kq3z-unshared")
        transports[3].close()
        logging.getLogger("httpx").info("after close %s", "kq3z-unshared")
    messages = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert "kq1z-unshared" not in messages[0]
    assert "kq3z-unshared" not in messages[0]
    assert messages[1] == "after close kq3z-unshared"  # a closed client's secrets are no longer consulted
    for transport in transports:
        transport.close()


def test_the_retry_setter_keeps_the_options_in_step() -> None:
    with Transport(service="t", base_url="http://127.0.0.1:9") as transport:
        transport.retry = "forceful"
        assert transport.options.retry_mode is FORCEFUL
        assert transport.retry is FORCEFUL


def test_hooks_act_only_on_their_own_transports_attempt() -> None:
    inner = Transport(
        service="inner",
        base_url="http://inner.test",
        httpx_transport=httpx.MockTransport(lambda _r: httpx.Response(503)),
    )
    outer = Transport(
        service="outer",
        base_url="http://outer.test",
        httpx_transport=httpx.MockTransport(lambda _r: httpx.Response(200, json={})),
    )
    statuses: list[int] = []

    def operation(*, client: Any) -> Any:
        # inside outer's attempt, a plain request on inner's client: inner's hooks see no attempt of theirs
        statuses.append(inner.httpx_client.get("/x").status_code)
        return client.get_httpx_client().request(method="GET", url="/y")

    with inner, outer:
        result = outer.exchange(operation)
    assert statuses == [503]
    assert result.url == "http://outer.test/y"
    assert result.attempts == 1
