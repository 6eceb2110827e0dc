"""GeoboxClient: constructor, credentials (arguments, GEOBOX_* environment, the three modes), hosts, secrecy."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import taskfacade
from geobox_support import LIST_TASKS, LOGIN, TOKEN, EmulatorClock, counts, total
from geobox_twins import Twin
from taskfacade.geobox import AuthenticationError, ServerError
from taskfacade_emulator import Emulator


def _count(client: Any) -> int:
    found = client.get_tasks(return_count=True)
    assert isinstance(found, int)
    return found


def test_the_three_auth_modes_see_the_same_tasks(emu: Emulator, twin: Twin) -> None:
    host = emu.base_url("geobox")
    with twin.Client(host=host, access_token=TOKEN) as bearer:
        expected = _count(bearer)
        assert bearer.auth_mode == "access_token"
    with twin.Client(host=host, apikey=TOKEN) as keyed:
        assert _count(keyed) == expected
        assert keyed.auth_mode == "apikey"
    emu.clear_request_counts()
    with twin.Client(host=host, username="emulator", password="emulator") as login:
        assert login.auth_mode == "password"
        assert total(emu) == 0  # no login in the constructor
        assert _count(login) == expected
        assert _count(login) == expected
    assert counts(emu) == {LOGIN: 1, LIST_TASKS: 2}  # one login, then the token is reused


def test_wrong_password_is_an_authentication_error_at_login(emu: Emulator, twin: Twin) -> None:
    client = twin.Client(host=emu.base_url("geobox"), username="emulator", password="wrong")
    with pytest.raises(AuthenticationError, match="Incorrect username or password") as caught:
        client.login()
    assert isinstance(caught.value, taskfacade.Unauthorized)
    assert "wrong" not in str(caught.value)
    with pytest.raises(taskfacade.UnsupportedOperation):
        twin.Client(host=emu.base_url("geobox"), access_token=TOKEN).login()


def test_an_expired_login_token_is_renewed_once(emu: Emulator, twin: Twin) -> None:
    client = twin.Client(host=emu.base_url("geobox"), username="emulator", password="emulator")
    client.login()
    first = client._auth.token
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/$", action="status", status=401, count=1)
    assert _count(client) >= 0
    assert client._auth.token != first
    assert counts(emu) == {LOGIN: 2, LIST_TASKS: 2}
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/$", action="status", status=401, count=2)
    with pytest.raises(AuthenticationError):  # renewed once, not forever
        _count(client)


def test_a_bad_token_or_key_is_refused(emu: Emulator, twin: Twin) -> None:
    for kwargs in ({"access_token": "nope"}, {"apikey": "nope"}):
        with pytest.raises(AuthenticationError) as caught:
            twin.Client(host=emu.base_url("geobox"), **kwargs).get_tasks()
        assert caught.value.status == 401
        assert "nope" not in str(caught.value)


def test_environment_variables_and_their_precedence(emu: Emulator, monkeypatch: pytest.MonkeyPatch, twin: Twin) -> None:
    host = emu.base_url("geobox")
    monkeypatch.setenv("GEOBOX_APIKEY", TOKEN)
    assert twin.Client(host=host).auth_mode == "apikey"
    monkeypatch.setenv("GEOBOX_ACCESS_TOKEN", TOKEN)
    from_env = twin.Client(host=host)
    assert from_env.auth_mode == "access_token"
    assert _count(from_env) > 0
    # An argument decides the mode: the SDK would still send GEOBOX_ACCESS_TOKEN here (reference defect 7).
    emu.clear_request_counts()
    keyed = twin.Client(host=host, apikey=TOKEN)
    assert keyed.auth_mode == "apikey"
    assert _count(keyed) == _count(from_env)
    monkeypatch.delenv("GEOBOX_ACCESS_TOKEN")
    monkeypatch.delenv("GEOBOX_APIKEY")
    monkeypatch.setenv("GEOBOX_PASSWORD", "emulator")
    half = twin.Client(host=host, username="emulator")  # the other half of the pair from the environment
    assert half.auth_mode == "password"
    assert _count(half) > 0


def test_no_credentials_or_bad_ones_are_refused_before_any_request(emu: Emulator, twin: Twin) -> None:
    host = emu.base_url("geobox")
    with pytest.raises(taskfacade.InvalidArgument, match="GEOBOX_ACCESS_TOKEN") as caught:
        twin.Client(host=host)
    assert caught.value.parameter == "credentials"
    with pytest.raises(taskfacade.InvalidArgument, match="password"):
        twin.Client(host=host, username="emulator")
    for kwargs in ({"access_token": "two words"}, {"access_token": 12}, {"apikey": "line\nbreak"}, {"apikey": ""}):
        with pytest.raises(taskfacade.InvalidArgument) as bad:
            twin.Client(host=host, **kwargs)
        assert "two words" not in str(bad.value)
        assert "break" not in str(bad.value)
    assert total(emu) == 0


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"host": "ftp://example.com"}, "host"),
        ({"host": "api.geobox.ir"}, "host"),
        ({"host": "https://user:pw@api.geobox.ir"}, "host"),
        ({"host": "https://api.geobox.ir/?apikey=x"}, "host"),
        ({"host": 42}, "host"),
        ({"ver": "v2/"}, "ver"),
        ({"verify": "/no/such/ca-bundle.pem"}, "verify"),
        ({"verify": 1}, "verify"),
        ({"retry_mode": "sometimes"}, "retry_mode"),
        ({"timeout": None}, "timeout"),
        ({"clock": "now"}, "clock"),
    ],
)
def test_constructor_arguments_are_checked(kwargs: dict[str, object], parameter: str, twin: Twin) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        twin.Client(access_token=TOKEN, **kwargs)  # type: ignore[arg-type]
    assert caught.value.parameter == parameter
    assert "pw" not in str(caught.value)
    assert "apikey=x" not in str(caught.value)


@pytest.mark.parametrize("suffix", ["", "/"])
def test_host_is_a_prefix_with_or_without_slash(emu: Emulator, suffix: str, twin: Twin) -> None:
    client = twin.Client(host=emu.base_url("geobox") + suffix, access_token=TOKEN, ver="v1")
    assert client.base_url == emu.base_url("geobox") + "/v1/"
    assert _count(client) > 0


def test_repr_and_logs_never_show_credentials(emu: Emulator, caplog: pytest.LogCaptureFixture, twin: Twin) -> None:
    caplog.set_level(logging.DEBUG)  # everything, httpx's own request log included
    secret = "gbx_" + "s" * 30
    host = emu.base_url("geobox")
    clients = [
        twin.Client(host=host, access_token=secret),
        twin.Client(host=host, apikey=secret),
        twin.Client(host=host, username="emulator", password=secret),
    ]
    for client in clients:
        assert secret not in repr(client)
        assert secret not in repr(client._credentials)
    keyed = twin.Client(host=host, apikey=TOKEN, clock=EmulatorClock(emu))
    emu.add_faults(service="geobox", method="GET", action="status", status=503, count=2)
    assert _count(keyed) > 0
    retries = [r.getMessage() for r in caplog.records if r.name == "taskfacade"]
    assert len(retries) >= 2
    assert all("?" not in line for line in retries)
    assert any(r.name == "httpx" and "apikey=REDACTED" in r.getMessage() for r in caplog.records)
    client_side = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("uvicorn"))
    assert TOKEN not in client_side
    assert secret not in client_side
    emu.add_faults(service="geobox", method="GET", action="status", status=503)
    keyed.retry_mode = "disabled"
    with pytest.raises(ServerError) as caught:
        keyed.get_tasks()
    assert TOKEN not in str(caught.value)
    assert "?" not in caught.value.url


def test_retry_modes(emu: Emulator, clock: EmulatorClock, twin: Twin) -> None:
    client = twin.Client(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock, retry_mode="disabled")
    emu.add_faults(service="geobox", method="GET", action="status", status=500, count=1)
    with pytest.raises(ServerError):
        client.get_tasks()
    emu.add_faults(service="geobox", method="GET", action="status", status=500, count=1)
    client.retry_mode = "default"  # 500 is not retried in default mode...
    with pytest.raises(ServerError):
        client.get_tasks()
    emu.add_faults(service="geobox", method="GET", action="status", status=500, count=1)
    client.retry_mode = "forceful"  # ...but is in forceful mode
    assert isinstance(client.get_tasks(), list)
    assert client.retry_mode.name == "forceful"
    with pytest.raises(taskfacade.InvalidArgument, match="retry_mode"):
        client.retry_mode = "sometimes"  # type: ignore[assignment]


def test_a_closed_client_refuses_requests(emu: Emulator, twin: Twin) -> None:
    with twin.Client(host=emu.base_url("geobox"), access_token=TOKEN) as client:
        task = client.get_task(emu.seeded()["geobox"]["task_ids"][0])
    client.close()  # idempotent
    emu.clear_request_counts()
    with pytest.raises(taskfacade.ClientClosed, match="closed"):
        task.refresh()
    with pytest.raises(taskfacade.ClientClosed, match="closed"):
        task.wait(timeout=60)  # at once, not after `retry` polls
    assert total(emu) == 0
