"""Item 1, defence in depth: a server that echoes every credential back never gets one into what we show.

A real HTTP server on 127.0.0.1 answers each request with an error status whose body and headers repeat the
request line, every header, the query string and the body, raw, JSON-escaped, percent-encoded and in base64. For
each of the six credential modes, with DEBUG logging on ``taskfacade``, ``httpx`` and ``httpcore``, no form of a
canary secret may appear in ``str``/``repr`` of the error, its body, headers or message, its traceback, its pickle,
the client's ``repr``, or any log record.
"""

from __future__ import annotations

import json
import logging
import pickle
import traceback
from collections.abc import Callable
from typing import Any

import pytest
import taskfacade
from hostile_support import (
    CANARY_ACCESS_KEY,
    CANARY_AKID,
    CANARY_APIKEY,
    CANARY_PASSWORD,
    CANARY_SECRET,
    CANARY_SESSION,
    CANARY_TOKEN,
    CANARY_USER,
    echo_server,
    leaks,
)
from taskfacade import deadline, geobox, tensorbay, tiledb

Mode = Callable[[str], tuple[Any, Callable[[Any], Any]]]
HEX = "0123456789abcdef" * 2
IDS = {"farmId": f"farm-{HEX}", "queueId": f"queue-{HEX}", "jobId": f"job-{HEX}", "stepId": f"step-{HEX}"}
IDS["taskId"] = f"task-{HEX}-0"


def _tiledb_token(url: str) -> tuple[Any, Callable[[Any], Any]]:
    client = tiledb.Client(host=url, token=CANARY_TOKEN, workspace="ws_x", retry_mode="disabled")
    return client, lambda c: tiledb.tasks.task("6a7d2a8e-0d4c-4b55-9c1e-3f4a5b6c7d8e", client=c)


def _tiledb_basic(url: str) -> tuple[Any, Callable[[Any], Any]]:
    client = tiledb.Client(
        host=url, username=CANARY_USER, password=CANARY_PASSWORD, workspace="ws_x", retry_mode="disabled"
    )
    return client, lambda c: tiledb.tasks.task("6a7d2a8e-0d4c-4b55-9c1e-3f4a5b6c7d8e", client=c)


def _deadline(url: str) -> tuple[Any, Callable[[Any], Any]]:
    client = deadline.client(
        endpoint_url=url,
        aws_access_key_id=CANARY_AKID,
        aws_secret_access_key=CANARY_SECRET,
        aws_session_token=CANARY_SESSION,
        retry_mode="disabled",
        environ={},
    )
    return client, lambda c: c.get_task(**IDS)


def _geobox(**credentials: str) -> Mode:
    def build(url: str) -> tuple[Any, Callable[[Any], Any]]:
        client = geobox.GeoboxClient(host=url, retry_mode="disabled", **credentials)
        return client, lambda c: c.get_task("6a7d2a8e-0d4c-4b55-9c1e-3f4a5b6c7d8e")

    return build


def _tensorbay(url: str) -> tuple[Any, Callable[[Any], Any]]:
    gas = tensorbay.GAS(CANARY_ACCESS_KEY, url, retry_mode="disabled")
    return gas, lambda g: g.get_dataset("some-dataset")


def _pickled(error: BaseException) -> str:
    """The error's pickle as text (every error pickles, Deadline's per-status-family ``ClientError`` too)."""
    return pickle.dumps(error).decode("latin-1")


MODES = {
    "tiledb-token": _tiledb_token,
    "tiledb-basic": _tiledb_basic,
    "deadline-sigv4-session": _deadline,
    "geobox-bearer": _geobox(access_token=CANARY_TOKEN),
    "geobox-apikey": _geobox(apikey=CANARY_APIKEY),
    "geobox-password-login": _geobox(username=CANARY_USER, password=CANARY_PASSWORD),
    "tensorbay-x-token": _tensorbay,
}
LOGGERS = ("taskfacade", "httpx", "httpcore")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 429, 500, 503])
@pytest.mark.parametrize("mode", list(MODES))
def test_an_echoing_server_never_gets_a_credential_into_an_error_or_a_log(
    mode: str, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    with echo_server(status) as (url, recorded):
        client, call = MODES[mode](url)
        with client, pytest.raises(taskfacade.TaskFacadeError) as caught:
            call(client)
        shown = repr(client)
    assert recorded.requests, "the request never reached the server"
    assert leaks(json.dumps(recorded.requests)), "the canaries were not sent, so the test proves nothing"
    error = caught.value
    outputs = {
        "str": str(error),
        "repr": repr(error),
        "traceback": "".join(traceback.format_exception(error)),
        "attributes": json.dumps(dict(vars(error).items()), default=repr),
        "pickle": _pickled(error),
        "client repr": shown,
        "logs": "\n".join(record.getMessage() for record in caplog.records),
    }
    assert any(record.name.startswith("httpcore") for record in caplog.records), "httpcore's DEBUG log was not seen"
    found = {where: leaks(text) for where, text in outputs.items() if leaks(text)}
    assert not found


def test_the_server_echo_is_masked_not_dropped() -> None:
    """What the server said stays readable: only the secret is masked."""
    with echo_server(400) as (url, _recorded):
        client, call = _tiledb_token(url)
        with client, pytest.raises(taskfacade.TaskFacadeError) as caught:
            call(client)
    api = caught.value.__cause__  # seed 000's TasksError wraps the APIError
    assert isinstance(api, taskfacade.APIError)
    assert "***" in str(caught.value)
    assert "X-TILEDB-REST-API-KEY" in json.dumps(api.body)
    assert api.headers["x-echo-x-tiledb-rest-api-key"] == "***"
