"""Credentials never leave the connection: not in reprs, logs, error messages, XCom or trigger arguments.

The emulator's credentials are canaries (conftest.py); test_dags.py scans a real ``airflow dags test`` run (output,
task logs, the whole metadata DB). Here, in-process: hooks, connection fields and clients shown with ``repr``,
everything logged while a wait runs, the serialized trigger of every service, the errors of refused credentials,
and Airflow's log masker knowing every secret the hook read (also those in the extra, which Airflow alone would
mask only as the whole extra text).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from airflow.sdk.exceptions import AirflowFailException, TaskDeferred
from airflow.sdk.log import redact
from airflow_support import CANARY, SECRETS, SERVICES, conn_env_name, connection, make_tokens
from taskfacade_airflow.hooks import TaskfacadeHook
from taskfacade_airflow.operators import TaskfacadeWaitOperator
from taskfacade_emulator import Emulator

EXTRA_SECRETS = {"geobox_apikey": "canary-geobox-apikey-93be1a", "deadline_session": "canary-aws-session-93be1a"}
WRONG = {  # refused by the emulator; must not be echoed by the refusal either
    "tiledb": {"password": "canary-wrong-tiledb-token-93be1a"},
    "deadline": {"password": "canary-wrong-deadline-secret-93be1a"},
    "geobox": {"password": "canary-wrong-geobox-token-93be1a"},
    "tensorbay": {"password": "ACCESSKEY-canarywrong93be1a"},
}


def secrets() -> list[str]:
    found = [CANARY[name] for name in SECRETS] + list(EXTRA_SECRETS.values())
    return found + [change["password"] for change in WRONG.values()]


def assert_clean(text: str) -> None:
    for secret in secrets():
        assert secret not in text


@pytest.mark.parametrize("service", SERVICES)
def test_reprs_show_no_credential(service: str, airflow_conns: dict[str, str]) -> None:
    hook = TaskfacadeHook.for_conn_id(airflow_conns[service])
    with hook.get_client() as client:
        shown = [repr(hook), str(hook), repr(hook.connection_fields()), repr(client), str(client)]
    assert_clean("\n".join(shown))


@pytest.mark.parametrize("service", SERVICES)
def test_the_masker_knows_every_secret_the_hook_read(
    service: str, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes: dict[str, Any] = {}
    if service == "geobox":
        changes = {"password": None, "extra": {"apikey": EXTRA_SECRETS["geobox_apikey"]}}
    elif service == "deadline":
        changes = {"extra": {"region_name": "us-west-2", "aws_session_token": EXTRA_SECRETS["deadline_session"]}}
    conn_id = f"masked_{service}"
    monkeypatch.setenv(conn_env_name(conn_id), json.dumps(connection(service, emulator, **changes)))
    kwargs = TaskfacadeHook.for_conn_id(conn_id).client_kwargs()
    held = [value for key, value in kwargs.items() if key in ("token", "access_token", "access_key", "apikey")]
    held += [kwargs[key] for key in ("aws_secret_access_key", "aws_session_token") if key in kwargs]
    assert held, kwargs.keys()
    for secret in held:
        assert redact(f"before {secret} after") == "before *** after"


@pytest.mark.parametrize("service", SERVICES)
def test_nothing_logged_while_waiting_shows_a_credential(
    service: str,
    emulator: Emulator,
    airflow_conns: dict[str, str],
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tokens = make_tokens(emulator, service, 2, run_s=0.5)
    caplog.set_level(logging.DEBUG)
    op = TaskfacadeWaitOperator(
        task_id="w", conn_id=airflow_conns[service], tokens=tokens, poll_interval=0.1, deferrable=False
    )
    jobs = op.execute({})
    captured = capsys.readouterr()
    assert_clean(caplog.text + captured.out + captured.err + json.dumps(jobs))
    assert caplog.text, "the wait logged something (the check above looked at real output)"


@pytest.mark.parametrize("service", SERVICES)
def test_the_serialized_trigger_holds_no_credential(
    service: str, emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, service, run_s=60.0)
    op = TaskfacadeWaitOperator(task_id="w", conn_id=airflow_conns[service], tokens=tokens)
    with pytest.raises(TaskDeferred) as caught:
        op.execute({})
    classpath, kwargs = caught.value.trigger.serialize()
    assert sorted(kwargs) == ["conn_id", "end_time", "fail_on", "poll_interval", "tokens"]
    assert_clean(classpath + json.dumps(kwargs) + repr(caught.value.trigger) + repr(caught.value))


@pytest.mark.parametrize("service", SERVICES)
def test_a_refused_credential_is_not_echoed(
    service: str, emulator: Emulator, airflow_conns: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = make_tokens(emulator, service, run_s=0.0)
    conn_id = f"wrong_{service}"
    monkeypatch.setenv(conn_env_name(conn_id), json.dumps(connection(service, emulator, **WRONG[service])))
    op = TaskfacadeWaitOperator(task_id="w", conn_id=conn_id, tokens=tokens, deferrable=False)
    with pytest.raises(AirflowFailException) as caught:  # a refused credential does not come back: no retry
        op.execute({})
    message = str(caught.value)
    assert conn_id in message
    assert_clean(message + repr(caught.value))
