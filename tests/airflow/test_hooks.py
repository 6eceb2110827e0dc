"""Hooks: connections (AIRFLOW_CONN_* variables) become taskfacade clients that reach the emulator over loopback;
a bad connection is refused before any request, naming the connection id and the field, never a secret."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import taskfacade
from airflow_support import CANARY, SECRETS, SERVICES, conn_env_name, connection, make_tokens
from taskfacade import InvalidArgument, JobPhase
from taskfacade_airflow.hooks import DeadlineHook, GeoboxHook, TaskfacadeHook, TensorBayHook, TileDBHook
from taskfacade_emulator import Emulator

HOOKS: dict[str, type[TaskfacadeHook]] = {
    "tiledb": TileDBHook,
    "deadline": DeadlineHook,
    "geobox": GeoboxHook,
    "tensorbay": TensorBayHook,
}


def set_conn(monkeypatch: pytest.MonkeyPatch, conn_id: str, body: dict[str, Any]) -> str:
    monkeypatch.setenv(conn_env_name(conn_id), json.dumps(body))
    return conn_id


def assert_no_secret(text: str) -> None:
    for name in SECRETS:
        assert CANARY[name] not in text, name


@pytest.mark.parametrize("service", SERVICES)
def test_get_client_reaches_the_emulator(service: str, emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    hook = HOOKS[service]()
    assert hook.conn_id == airflow_conns[service] == f"taskfacade_{service}_default"
    assert hook.service == service
    token = make_tokens(emulator, service, outcome="failed", run_s=0.0)[0]
    with hook.get_client() as client:
        job = taskfacade.job_from_token(token, client=client)
        job.refresh()
        assert job.phase is JobPhase.FAILED


@pytest.mark.parametrize("service", SERVICES)
def test_aget_client_reaches_the_emulator(service: str, emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    from taskfacade.aio import job_from_token as job_from_token_async

    token = make_tokens(emulator, service, run_s=0.0)[0]

    async def main() -> JobPhase:
        hook = await TaskfacadeHook.afor_conn_id(airflow_conns[service])
        assert type(hook) is HOOKS[service]
        client = await hook.aget_client()
        try:
            job = await job_from_token_async(token, client=client)
            await job.refresh()
            phase: JobPhase = job.phase
            return phase
        finally:
            close = getattr(client, "aclose", None) or client.close
            await close()

    assert asyncio.run(main()) is JobPhase.SUCCEEDED


@pytest.mark.parametrize("service", SERVICES)
def test_for_conn_id_picks_the_services_hook(service: str, airflow_conns: dict[str, str]) -> None:
    hook = TaskfacadeHook.for_conn_id(airflow_conns[service])
    assert type(hook) is HOOKS[service]
    assert repr(hook) == f"{HOOKS[service].__name__}(conn_id='taskfacade_{service}_default')"
    assert_no_secret(repr(hook) + repr(hook.connection_fields()))


def test_a_bare_host_with_scheme_and_port(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    url = emulator.base_url("geobox")  # http://127.0.0.1:<port>/geobox
    host_port = url.split("://", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    body = connection("geobox", emulator, host=host, port=int(port), schema="http")
    set_conn(monkeypatch, "geobox_parts", body)
    kwargs = GeoboxHook("geobox_parts").client_kwargs()
    assert kwargs["host"] == f"http://{host}:{port}"
    body = connection("geobox", emulator, host=None, extra={"endpoint_url": url, "timeout": 5})
    set_conn(monkeypatch, "geobox_extra", body)
    with GeoboxHook("geobox_extra").get_client() as client:
        token = make_tokens(emulator, "geobox", run_s=0.0)[0]
        job = taskfacade.job_from_token(token, client=client)
        job.refresh()
        assert job.phase is JobPhase.SUCCEEDED


def test_a_missing_connection_names_its_id() -> None:
    with pytest.raises(InvalidArgument, match="conn_id='no_such_conn'") as caught:
        DeadlineHook("no_such_conn").get_client()
    assert "taskfacade_deadline" in str(caught.value)
    with pytest.raises(InvalidArgument, match="conn_id='no_such_conn'"):
        asyncio.run(TaskfacadeHook.afor_conn_id("no_such_conn"))


def test_another_services_connection_is_refused(airflow_conns: dict[str, str]) -> None:
    with pytest.raises(InvalidArgument) as caught:
        DeadlineHook(airflow_conns["geobox"]).get_client()
    message = str(caught.value)
    assert "conn_type='taskfacade_geobox'" in message
    assert "Airflow connection 'taskfacade_geobox_default'" in message
    assert "'taskfacade_deadline'" in message


def test_a_connection_of_no_taskfacade_type_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    body = {"conn_type": "http", "host": "example.com", "password": CANARY["geobox_token"]}
    set_conn(monkeypatch, "plain_http", body)
    with pytest.raises(InvalidArgument) as caught:
        TaskfacadeHook.for_conn_id("plain_http")
    assert "conn_type='http'" in str(caught.value)
    assert "'plain_http'" in str(caught.value)
    assert_no_secret(str(caught.value))


BAD_FIELDS = [
    ("tiledb", {"extra": {"timeout": "soon", "workspace": "ws_emulator"}}, "extra.timeout"),
    ("tiledb", {"extra": {"timeout": -1, "workspace": "ws_emulator"}}, "extra.timeout"),
    ("geobox", {"extra": {"retry_mode": "sometimes"}}, "extra.retry_mode"),
    ("geobox", {"extra": {"verify": "/no/such/ca.pem"}}, "extra.verify"),
    ("tensorbay", {"extra": {"verify": 3}}, "extra.verify"),
    ("tiledb", {"extra": {"workspce": "ws_emulator"}}, "extra.workspce"),
    ("tiledb", {"extra": {}}, "extra.workspace"),
    ("tiledb", {"extra": "{not json"}, "extra"),
    ("deadline", {"login": None}, "login"),
    ("deadline", {"password": None}, "password"),
    ("deadline", {"extra": {"region_name": 7}}, "extra.region_name"),
    ("geobox", {"password": None}, "password"),
    ("geobox", {"login": "someone", "password": None}, "password"),
    ("tensorbay", {"password": None}, "password"),
    ("tensorbay", {"login": "someone"}, "login"),
    ("tensorbay", {"password": "not-an-access-key"}, "password"),
    ("geobox", {"schema": "ftp", "host": "example.com"}, "schema"),
    ("geobox", {"port": 8080}, "port"),
    ("geobox", {"extra": {"endpoint_url": "http://example.com"}}, "extra.endpoint_url"),
    ("deadline", {"host": "not a url at all"}, "host"),
]


@pytest.mark.parametrize(("service", "changes", "field"), BAD_FIELDS)
def test_a_bad_field_is_named_with_the_connection_id(
    service: str, changes: dict[str, Any], field: str, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn_id = set_conn(monkeypatch, f"bad_{service}", connection(service, emulator, **changes))
    emulator.clear_request_counts()
    hook = HOOKS[service]
    for build in (lambda: hook(conn_id).get_client(), lambda: asyncio.run(hook(conn_id).aget_client())):
        with pytest.raises(InvalidArgument) as caught:
            build()
        message = str(caught.value)
        assert caught.value.parameter == field, message
        assert f"(from Airflow connection '{conn_id}')" in message
        assert_no_secret(message)
    assert not any(emulator.request_counts().values()), "no request before the connection is accepted"


def test_ui_field_behaviour_names_each_field() -> None:
    deadline = DeadlineHook.get_ui_field_behaviour()
    assert deadline["relabeling"]["login"] == "AWS access key id"
    assert deadline["relabeling"]["password"] == "AWS secret access key"
    assert json.loads(deadline["placeholders"]["extra"]).keys() >= {"region_name", "aws_session_token"}
    assert TensorBayHook.get_ui_field_behaviour()["hidden_fields"] == ["login"]
    assert TaskfacadeHook.get_ui_field_behaviour() == {}


def test_airflows_generic_get_hook_builds_our_hook(airflow_conns: dict[str, str]) -> None:
    from airflow.sdk import BaseHook

    hook = BaseHook.get_hook(airflow_conns["tensorbay"])  # the connection type -> hook class, via the provider info
    assert type(hook) is TensorBayHook
    assert hook.conn_id == "taskfacade_tensorbay_default"
