"""Exact byte-level answers the emulator cannot produce: malformed tagged unions, odd timestamps, error bodies in
every form restJson1 allows, and HTML error pages. Served by ``httpx.MockTransport`` (unit tests)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import httpx
import pytest
import taskfacade
from taskfacade import deadline

IDS = {
    "farmId": "farm-" + "a" * 32,
    "queueId": "queue-" + "b" * 32,
    "jobId": "job-" + "c" * 32,
    "stepId": "step-" + "d" * 32,
    "taskId": "task-" + "d" * 32 + "-0",
}
TASK = {"taskId": IDS["taskId"], "createdAt": "2026-01-02T03:04:05.678Z", "createdBy": "me", "runStatus": "READY"}


def client_answering(status: int, body: Any, headers: dict[str, str] | None = None) -> deadline.DeadlineClient:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers={"x-amzn-RequestId": "req-1", **(headers or {})})

    return deadline.client(
        region_name="us-west-2",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        retry_mode="disabled",
        environ={},
        httpx_transport=httpx.MockTransport(answer),
    )


@pytest.mark.parametrize(
    ("wire", "shown"),
    [
        ({"int": "12"}, {"int": "12"}),
        ({"chunkInt": "1-10"}, {"chunkInt": "1-10"}),
        ({"someFutureType": "x"}, {"SDK_UNKNOWN_MEMBER": {"name": "someFutureType"}}),
        ({"int": None, "string": "x"}, {"string": "x"}),
        ({"__type": "x", "path": "/p"}, {"path": "/p"}),
        ({"int": "1", "futureKey": "y"}, {"int": "1"}),  # unknown keys beside one known member are ignored
        ({"int": "1", "string": "x"}, {"int": "1", "string": "x"}),  # botocore fails the whole call here
        ({}, {}),  # ... and here
    ],
)
def test_tagged_unions(wire: dict[str, Any], shown: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.INFO, logger="taskfacade"),
        client_answering(200, {**TASK, "parameters": {"P": wire, "Junk": "not a union"}}) as client,
    ):
        task = client.get_task(**IDS)
    assert task["parameters"] == {"P": shown}  # a non-object entry cannot be a union: dropped, and logged
    assert "not tagged unions: ['Junk']" in caplog.text


def test_timestamps_become_utc_and_unknown_enums_pass_through() -> None:
    body = {
        **TASK,
        "runStatus": "ON_FIRE",
        "targetRunStatus": "SOMEDAY",
        "startedAt": "2026-01-02T05:04:05+02:00",
        "endedAt": "2026-01-02T03:04:05",
    }
    with client_answering(200, body) as client:
        task = client.get_task(**IDS)
    assert task["createdAt"] == dt.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=dt.UTC)
    assert task["startedAt"] == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert task["startedAt"].tzinfo is dt.UTC
    assert task["endedAt"].tzinfo is dt.UTC  # a naive time means UTC
    assert (task["runStatus"], task["targetRunStatus"]) == ("ON_FIRE", "SOMEDAY")
    assert deadline.DeadlineTask.phase_of(task["runStatus"]) is taskfacade.JobPhase.UNKNOWN


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        json.dumps({"taskId": IDS["taskId"]}).encode(),  # required members missing
        json.dumps({**TASK, "createdAt": 1767322800}).encode(),  # Deadline timestamps are ISO 8601 strings
        json.dumps({**TASK, "parameters": ["a", "list"]}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
    ],
)
def test_malformed_success_bodies_are_decode_errors(body: bytes) -> None:
    with client_answering(200, body) as client, pytest.raises(taskfacade.ResponseDecodeError) as caught:
        client.get_task(**IDS)
    assert not isinstance(caught.value, KeyError | ValueError | AttributeError)


@pytest.mark.parametrize(
    ("status", "headers", "body", "cls", "code"),
    [
        (
            404,
            {},
            {"__type": "com.amazonaws.deadline#ResourceNotFoundException", "message": "m"},
            "ResourceNotFoundException",
            "ResourceNotFoundException",
        ),
        (
            404,
            {},
            {"code": "ResourceNotFoundException:http://internal.amazon.com/coral/x", "message": "m"},
            "ResourceNotFoundException",
            "ResourceNotFoundException",
        ),
        (
            400,
            {"X-Amzn-ErrorType": "ValidationException:http://x"},
            {"Message": "m", "reason": "OTHER"},
            "ValidationException",
            "ValidationException",
        ),
        (
            403,
            {"X-Amzn-ErrorType": "AccessDeniedException"},
            {"message": "m", "context": {"a": "b"}},
            "AccessDeniedException",
            "AccessDeniedException",
        ),
        (502, {}, b"<html><body>Bad gateway</body></html>", "ClientError", "502"),
        (503, {}, b"", "ClientError", "503"),
        (418, {}, b"teapot", "ClientError", "418"),
        (520, {"X-Amzn-ErrorType": "SomethingNew"}, {"message": "m"}, "ClientError", "SomethingNew"),
    ],
)
def test_error_forms(status: int, headers: dict[str, str], body: Any, cls: str, code: str) -> None:
    with client_answering(status, body, headers) as client, pytest.raises(client.exceptions.ClientError) as caught:
        client.get_task(**IDS)
    error = caught.value
    assert type(error).__name__ == cls
    assert error.response["Error"]["Code"] == code
    assert error.response["ResponseMetadata"]["RequestId"] == "req-1"
    assert error.status == status
    assert isinstance(error, taskfacade.APIError)
    assert error.message
    if status >= 500:
        assert isinstance(error, taskfacade.ServerError)
    if cls == "AccessDeniedException":
        assert error.response["context"] == {"a": "b"}
    if status == 502:
        assert error.response["Error"]["Message"] == "Bad Gateway"
