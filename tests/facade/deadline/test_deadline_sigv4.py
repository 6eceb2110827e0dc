"""Our SigV4 signer produces exactly botocore's ``SigV4Auth`` signature for the same inputs.

Two angles: hand-built requests with awkward queries and paths, and every request the facade client actually sends
(captured byte for byte with ``httpx.MockTransport``), re-signed by botocore from the same method, URL, headers
and body. botocore is a dev dependency only; the facade never imports it (checked at the end).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import botocore.auth
import botocore.awsrequest
import botocore.credentials
import httpx
import pytest
from taskfacade import deadline

NOW = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
KEY, SECRET, TOKEN = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLE//token=="
FARM, QUEUE, JOB, STEP = "farm-" + "a" * 32, "queue-" + "b" * 32, "job-" + "c" * 32, "step-" + "d" * 32
IDS = {"farmId": FARM, "queueId": QUEUE, "jobId": JOB, "stepId": STEP}


@pytest.fixture(autouse=True)
def frozen_botocore(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: NOW.replace(tzinfo=None))


def botocore_authorization(request: httpx.Request, region: str, token: str | None) -> str:
    """botocore's Authorization header for what ``request`` carries (the headers our signer signed)."""
    parts = urlsplit(str(request.url))
    signed = request.headers["authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    headers = {n: request.headers[n] for n in signed if n not in ("host", "x-amz-date", "x-amz-security-token")}
    aws = botocore.awsrequest.AWSRequest(
        method=request.method,
        url=urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")),
        params=parse_qsl(parts.query, keep_blank_values=True),
        headers=headers,
        data=request.content,
    )
    credentials = botocore.credentials.Credentials(KEY, SECRET, token)
    botocore.auth.SigV4Auth(credentials, "deadline", region).add_auth(aws)
    if token:
        assert aws.headers["X-Amz-Security-Token"] == request.headers["x-amz-security-token"]
    assert aws.headers["X-Amz-Date"] == request.headers["x-amz-date"]
    return str(aws.headers["Authorization"])


def signer(token: str | None = None, region: str = "eu-west-1") -> deadline.SigV4Auth:
    return deadline.SigV4Auth(deadline.Credentials(KEY, SECRET, token), region, now=lambda: NOW)


@pytest.mark.parametrize("token", [None, TOKEN])
@pytest.mark.parametrize(
    ("method", "url", "params", "body", "headers"),
    [
        ("GET", "https://management.deadline.eu-west-1.amazonaws.com/2023-10-12/farms/f/queues", None, b"", {}),
        ("GET", "http://127.0.0.1:8765/deadline/x", {"nextToken": "a b/=+~", "maxResults": 50}, b"", {}),
        ("GET", "http://localhost/p", [("b", "2"), ("a", "1"), ("a", "0"), ("c", "")], b"", {}),
        ("GET", "http://localhost/p", {"tok": "été ☃"}, b"", {}),
        ("GET", "http://localhost/a/./b/../c//d/", None, b"", {}),
        (
            "PATCH",
            "https://management.deadline.us-west-2.amazonaws.com/2023-10-12/farms/f/tasks/t",
            None,
            b'{"targetRunStatus": "CANCELED"}',
            {"Content-Type": "application/json", "X-Amz-Client-Token": "0d6a  spaced  token"},
        ),
        (
            "POST",
            "http://127.0.0.1:9/deadline/2023-10-12/batch-get-task",
            None,
            b"{}",
            {"Content-Type": "application/json"},
        ),
    ],
)
def test_hand_built_requests_match_botocore(
    method: str, url: str, params: Any, body: bytes, headers: dict[str, str], token: str | None
) -> None:
    request = httpx.Request(method, url, params=params, content=body, headers=headers)
    signer(token).sign(request)
    assert request.headers["authorization"] == botocore_authorization(request, "eu-west-1", token)
    if params and "nextToken" in params:
        assert b"nextToken=a%20b%2F%3D%2B~" in request.url.raw_path  # sent the AWS way, not httpx's '+'


def _captured(token: str | None) -> Iterator[tuple[httpx.Request, dict[str, Any]]]:
    """Every request a facade client sends for a tour of its methods, with canned answers."""
    seen: list[httpx.Request] = []
    task = {
        "taskId": "task-" + "d" * 32 + "-0",
        "createdAt": "2026-01-01T00:00:00Z",
        "createdBy": "me",
        "runStatus": "READY",
    }

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "PATCH":
            return httpx.Response(200, json={})
        if request.url.path.endswith("/search/tasks"):
            return httpx.Response(200, json={"tasks": [], "totalResults": 0})
        if request.url.path.endswith("/tasks"):
            return httpx.Response(200, json={"tasks": [task]})
        if request.url.path.endswith("/batch-get-task"):
            return httpx.Response(200, json={"tasks": [], "errors": []})
        return httpx.Response(200, json=task)

    client = deadline.client(
        region_name="ap-southeast-2",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        aws_session_token=token,
        environ={},
        httpx_transport=httpx.MockTransport(answer),
    )
    client._transport.httpx_client.auth = signer(token, "ap-southeast-2")
    client.get_task(**IDS, taskId=task["taskId"])
    client.list_tasks(**IDS, maxResults=5, nextToken="abc/=+ def~")
    client.update_task(**IDS, taskId=task["taskId"], targetRunStatus="CANCELED")
    client.search_tasks(farmId=FARM, queueIds=[QUEUE], itemOffset=0, filterExpressions={
        "filters": [{"searchTermFilter": {"searchTerm": "héllo wörld"}}], "operator": "AND"})  # fmt: skip
    client.batch_get_task(identifiers=[{**IDS, "taskId": task["taskId"]}])
    for request in seen:
        yield request, {"token": token}


@pytest.mark.parametrize("token", [None, TOKEN])
def test_every_request_the_client_sends_matches_botocore(token: str | None) -> None:
    requests = list(_captured(token))
    assert [r.method for r, _ in requests] == ["GET", "GET", "PATCH", "POST", "POST"]
    for request, _ in requests:
        assert request.url.host == "management.deadline.ap-southeast-2.amazonaws.com"
        assert request.headers["authorization"] == botocore_authorization(request, "ap-southeast-2", token)
    patch = requests[2][0]
    signed = patch.headers["authorization"].split("SignedHeaders=")[1].split(",")[0]
    expected = "content-type;host;x-amz-client-token;x-amz-date" + (";x-amz-security-token" if token else "")
    assert signed == expected  # what botocore signs for UpdateTask (reference/deadline.md section 2)
    assert json.loads(patch.content) == {"targetRunStatus": "CANCELED"}


def test_signing_key_is_cached_per_day_and_repr_hides_secrets() -> None:
    auth = signer(TOKEN)
    first, second = httpx.Request("GET", "http://h/a"), httpx.Request("GET", "http://h/a")
    auth.sign(first)
    auth.sign(second)
    assert first.headers["authorization"] == second.headers["authorization"]
    assert SECRET not in repr(auth)
    assert TOKEN not in repr(auth)
    assert KEY not in repr(auth)


def test_botocore_is_not_imported_by_the_facade() -> None:
    code = "import sys, taskfacade.deadline; sys.exit('botocore' in sys.modules or 'boto3' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    ("when", "stamp"),
    [
        (dt.datetime(2024, 5, 1, 12, 30, 5, tzinfo=dt.UTC), "20240501T123005Z"),
        (dt.datetime(999, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "09990102T030405Z"),
        (dt.datetime(2024, 5, 1, 14, 30, 5, 999, tzinfo=dt.timezone(dt.timedelta(hours=2))), "20240501T123005Z"),
    ],
)
def test_amz_date_always_has_a_four_digit_year(when: dt.datetime, stamp: str) -> None:
    """``X-Amz-Date`` from any clock is 16 characters (``strftime("%Y")`` writes year 999 as ``999``)."""
    from taskfacade.deadline._sigv4 import amz_date

    assert amz_date(when) == stamp
