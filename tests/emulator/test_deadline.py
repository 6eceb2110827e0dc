"""The Deadline emulator over real loopback HTTP: auth, lifecycle, verbs, bad input, persistence, generated client.

Requests are signed with botocore's own ``SigV4Auth`` (the reference implementation the emulator must agree with).
Every test gets a fresh in-memory emulator with a frozen clock, stepped with ``advance``.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from taskfacade_emulator import Credentials, Emulator
from taskfacade_generated.deadline import Client, models
from taskfacade_generated.deadline.api.jobs import get_job, list_jobs
from taskfacade_generated.deadline.api.tasks import batch_get_task, get_task, list_tasks, search_tasks, update_task

KEY, SECRET = "AKIDEMULATOR", "emulator-secret"
SIGNED_HEADERS = ("host", "content-type", "x-amz-client-token")
FINAL = {"SUCCEEDED", "FAILED", "CANCELED"}


class SigV4(httpx.Auth):
    """httpx auth signing like boto3 (botocore's SigV4Auth, service ``deadline``)."""

    requires_request_body = True

    def __init__(self, key: str = KEY, secret: str = SECRET, region: str = "us-west-2", service: str = "deadline"):
        self.key, self.secret, self.region, self.service = key, secret, region, service

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        headers = {k: v for k, v in request.headers.items() if k.lower() in SIGNED_HEADERS}
        aws = AWSRequest(method=request.method, url=str(request.url), data=request.content, headers=headers)
        SigV4Auth(BotoCredentials(self.key, self.secret), self.service, self.region).add_auth(aws)
        request.headers["Authorization"] = aws.headers["Authorization"]
        request.headers["X-Amz-Date"] = aws.headers["X-Amz-Date"]
        yield request


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=60, speed=0) as running:
        yield running


@pytest.fixture
def seeded(emu: Emulator) -> dict[str, Any]:
    result: dict[str, Any] = emu.seeded()["deadline"]
    return result


@pytest.fixture
def api(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4(), timeout=10) as client:
        yield client


def step_path(s: dict[str, Any]) -> str:
    return f"/2023-10-12/farms/{s['farmId']}/queues/{s['queueId']}/jobs/{s['jobId']}/steps/{s['stepId']}/tasks"


def task_path(s: dict[str, Any], task_id: str) -> str:
    return f"{step_path(s)}/{task_id}"


def job_path(s: dict[str, Any]) -> str:
    return f"/2023-10-12/farms/{s['farmId']}/queues/{s['queueId']}/jobs/{s['jobId']}"


def search_path(s: dict[str, Any]) -> str:
    return f"/2023-10-12/farms/{s['farmId']}/search/tasks"


def new_task(emu: Emulator, **spec: Any) -> str:
    return emu.create_tasks("deadline", 1, **spec)[0]


def get(api: httpx.Client, s: dict[str, Any], task_id: str) -> dict[str, Any]:
    response = api.get(task_path(s, task_id))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def update(api: httpx.Client, s: dict[str, Any], task_id: str, target: str, token: str | None = None) -> httpx.Response:
    headers = {"X-Amz-Client-Token": token} if token else {}
    return api.patch(task_path(s, task_id), json={"targetRunStatus": target}, headers=headers)


def assert_error(response: httpx.Response, status: int, error_type: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["X-Amzn-ErrorType"] == error_type
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-amzn-RequestId"]
    body: dict[str, Any] = response.json()
    assert isinstance(body["message"], str)
    assert body["message"]
    return body


# ---- auth ------------------------------------------------------------------------------------------------------


ROUTES = [
    ("GET", lambda s: task_path(s, s["task_ids"][0]), None),
    ("PATCH", lambda s: task_path(s, s["task_ids"][0]), {"targetRunStatus": "CANCELED"}),
    ("GET", step_path, None),
    ("POST", search_path, {"queueIds": ["queue-" + "0" * 32], "itemOffset": 0}),
    ("POST", lambda s: "/2023-10-12/batch-get-task", {"identifiers": []}),
    ("GET", job_path, None),
    ("GET", lambda s: job_path(s).rsplit("/", 1)[0], None),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[f"{m}-{i}" for i, (m, _, _) in enumerate(ROUTES)])
def test_every_route_refuses_unsigned_requests(
    emu: Emulator, seeded: dict[str, Any], method: str, path: Any, body: Any
) -> None:
    response = httpx.request(method, emu.base_url("deadline") + path(seeded), json=body)
    assert_error(response, 403, "MissingAuthenticationTokenException")


def test_wrong_secret_is_an_invalid_signature(emu: Emulator, seeded: dict[str, Any]) -> None:
    with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4(secret="not-the-secret")) as client:
        body = assert_error(client.get(task_path(seeded, seeded["task_ids"][0])), 403, "InvalidSignatureException")
    assert "not-the-secret" not in body["message"]
    assert SECRET not in body["message"]


def test_unknown_key_is_unrecognized(emu: Emulator, seeded: dict[str, Any]) -> None:
    with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4(key="AKIDUNKNOWN")) as client:
        assert_error(client.get(job_path(seeded)), 403, "UnrecognizedClientException")


def test_wrong_service_scope_is_refused(emu: Emulator, seeded: dict[str, Any]) -> None:
    with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4(service="s3")) as client:
        assert_error(client.get(job_path(seeded)), 403, "InvalidSignatureException")


@pytest.mark.parametrize(("minutes", "fragment"), [(-20, "Signature expired"), (20, "Signature not yet current")])
def test_stale_or_future_date_is_refused(emu: Emulator, seeded: dict[str, Any], minutes: int, fragment: str) -> None:
    signed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=minutes)
    with (
        mock.patch("botocore.auth.get_current_datetime", return_value=signed_at),
        httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4()) as client,
    ):
        body = assert_error(client.get(job_path(seeded)), 403, "InvalidSignatureException")
    assert fragment in body["message"]


def test_a_date_within_fifteen_minutes_is_accepted(emu: Emulator, seeded: dict[str, Any]) -> None:
    signed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=10)
    with (
        mock.patch("botocore.auth.get_current_datetime", return_value=signed_at),
        httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4()) as client,
    ):
        assert client.get(job_path(seeded)).status_code == 200


def test_body_changed_after_signing_is_refused(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    url = emu.base_url("deadline") + task_path(seeded, seeded["task_ids"][0])
    signed = httpx.Request("PATCH", url, json={"targetRunStatus": "SUCCEEDED"})
    next(SigV4().auth_flow(signed))
    tampered = json.dumps({"targetRunStatus": "CANCELED"}).encode()
    headers = {k: v for k, v in signed.headers.items() if k.lower() != "content-length"}
    response = httpx.request("PATCH", url, content=tampered, headers=headers)
    assert_error(response, 403, "InvalidSignatureException")
    assert "targetRunStatus" not in get(api, seeded, seeded["task_ids"][0])


def test_malformed_authorization_header_is_incomplete(emu: Emulator, seeded: dict[str, Any]) -> None:
    headers = {"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20240101", "X-Amz-Date": "20240101T000000Z"}
    response = httpx.get(emu.base_url("deadline") + job_path(seeded), headers=headers)
    assert_error(response, 403, "IncompleteSignatureException")


def test_configured_keys_and_any_region() -> None:
    credentials = Credentials(deadline_keys={"AKIDOTHER": "other-secret"})
    with Emulator(db=None, seed_count=5, speed=0, credentials=credentials) as emu:
        path = job_path(emu.seeded()["deadline"])
        for region in ("eu-west-1", "ap-south-1"):
            with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4("AKIDOTHER", "other-secret", region)) as c:
                assert c.get(path).status_code == 200
        with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4()) as client:
            assert_error(client.get(path), 403, "UnrecognizedClientException")


# ---- seed and lifecycle ------------------------------------------------------------------------------------------


def test_seed_spreads_tasks_over_thirty_days_in_every_state(
    emu: Emulator, seeded: dict[str, Any], api: httpx.Client
) -> None:
    tasks = api.get(step_path(seeded), params={"maxResults": 100}).json()["tasks"]
    assert [t["taskId"] for t in tasks] == seeded["task_ids"]
    statuses = Counter(t["runStatus"] for t in tasks)
    assert {"READY", "RUNNING", "SUCCEEDED", "FAILED"} <= set(statuses)
    created = [dt.datetime.fromisoformat(t["createdAt"]).timestamp() for t in tasks]
    assert emu.now() - 30 * 86400 <= min(created) < emu.now() - 20 * 86400
    assert max(created) <= emu.now()
    assert len(seeded["job_ids"]) == 4
    assert seeded["jobId"] == seeded["job_ids"][0]
    total = sum(
        sum(api.get(f"{job_path(seeded).rsplit('/', 1)[0]}/{j}").json()["taskRunStatusCounts"].values())
        for j in seeded["job_ids"]
    )
    assert total == 60


def test_seed_is_deterministic() -> None:
    with Emulator(db=None, seed_count=30, speed=0) as a, Emulator(db=None, seed_count=30, speed=0) as b:
        first, second = a.seeded()["deadline"], b.seeded()["deadline"]
        assert first == second
        statuses = []
        for emu in (a, b):
            with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4()) as api:
                statuses.append([t["runStatus"] for t in api.get(step_path(first)).json()["tasks"]])
        assert statuses[0] == statuses[1]
    with Emulator(db=None, seed_count=30, speed=0, seed=2) as c:
        other = c.seeded()["deadline"]
    assert other["farmId"] != first["farmId"]
    assert not set(other["task_ids"]) & set(first["task_ids"])


def test_task_lifecycle_follows_the_clock(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    task_id = new_task(emu, queued_s=10, run_s=20, outcome="failed")
    assert task_id == f"task-{seeded['stepId'][5:]}-{len(seeded['task_ids'])}"
    queued = get(api, seeded, task_id)
    assert queued["runStatus"] == "READY"
    assert "startedAt" not in queued
    assert "endedAt" not in queued
    assert "latestSessionActionId" not in queued
    emu.advance(10)
    running = get(api, seeded, task_id)
    assert running["runStatus"] == "RUNNING"
    assert "endedAt" not in running
    assert running["latestSessionActionId"].startswith("sessionaction-")
    emu.advance(20)
    failed = get(api, seeded, task_id)
    assert failed["runStatus"] == "FAILED"
    started, ended = (dt.datetime.fromisoformat(failed[k]) for k in ("startedAt", "endedAt"))
    assert (ended - started).total_seconds() == pytest.approx(20, abs=0.01)
    assert failed["parameters"] == {"Frame": {"int": str(len(seeded["task_ids"]) + 1)}}


@pytest.mark.parametrize("outcome", ["succeeded", "failed", "canceled"])
def test_admin_created_tasks_reach_their_outcome(
    emu: Emulator, seeded: dict[str, Any], api: httpx.Client, outcome: str
) -> None:
    task_id = new_task(emu, queued_s=1, run_s=1, outcome=outcome)
    emu.advance(2)
    assert get(api, seeded, task_id)["runStatus"] == outcome.upper()


def test_job_rolls_up_task_statuses(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    before = api.get(job_path(seeded)).json()
    new_task(emu, queued_s=0, run_s=5)
    emu.advance(1)
    job = api.get(job_path(seeded)).json()
    assert job["taskRunStatus"] == "RUNNING"
    assert job["taskRunStatusCounts"]["RUNNING"] == before["taskRunStatusCounts"]["RUNNING"] + 1
    assert set(job["taskRunStatusCounts"]) == set(models.TaskRunStatus)
    assert job["lifecycleStatus"] == "CREATE_COMPLETE"
    assert job["parameters"]["Frames"] == {"string": "1-48"}
    other_jobs = [api.get(f"{job_path(seeded).rsplit('/', 1)[0]}/{j}").json() for j in seeded["job_ids"][1:]]
    assert [j["taskRunStatus"] for j in other_jobs] == ["SUCCEEDED", "FAILED", "CANCELED"]
    assert all("endedAt" in j for j in other_jobs)


# ---- UpdateTask --------------------------------------------------------------------------------------------------


def test_cancel_running_task_interrupts_then_cancels(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    task_id = new_task(emu, queued_s=0, run_s=100)
    emu.advance(5)
    response = update(api, seeded, task_id, "CANCELED")
    assert response.status_code == 200
    assert response.json() == {}
    interrupting = get(api, seeded, task_id)
    assert interrupting["runStatus"] == "INTERRUPTING"
    assert interrupting["targetRunStatus"] == "CANCELED"
    assert interrupting["updatedBy"] == seeded_principal(api, seeded)
    emu.advance(2)
    canceled = get(api, seeded, task_id)
    assert canceled["runStatus"] == "CANCELED"
    assert "endedAt" in canceled
    assert "startedAt" in canceled


def seeded_principal(api: httpx.Client, s: dict[str, Any]) -> str:
    principal: str = api.get(job_path(s)).json()["createdBy"]
    return principal


def test_cancel_queued_task_is_immediate_and_never_starts(
    emu: Emulator, seeded: dict[str, Any], api: httpx.Client
) -> None:
    task_id = new_task(emu, queued_s=50, run_s=10)
    assert update(api, seeded, task_id, "CANCELED").status_code == 200
    emu.advance(100)
    task = get(api, seeded, task_id)
    assert task["runStatus"] == "CANCELED"
    assert "startedAt" not in task


def test_conflicting_transition_is_a_conflict(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    task_id = new_task(emu, queued_s=0, run_s=1)
    emu.advance(2)
    body = assert_error(update(api, seeded, task_id, "CANCELED"), 409, "ConflictException")
    assert (body["reason"], body["resourceId"], body["resourceType"]) == ("STATUS_CONFLICT", task_id, "task")
    assert get(api, seeded, task_id)["runStatus"] == "SUCCEEDED"


def test_requeue_failed_task_runs_it_again(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    task_id = new_task(emu, queued_s=1, run_s=3, outcome="failed")
    emu.advance(5)
    first = get(api, seeded, task_id)
    assert first["runStatus"] == "FAILED"
    assert update(api, seeded, task_id, "READY").status_code == 200
    assert get(api, seeded, task_id)["runStatus"] == "READY"
    emu.advance(5)
    again = get(api, seeded, task_id)
    assert again["runStatus"] == "SUCCEEDED"
    assert again["latestSessionActionId"] != first["latestSessionActionId"]
    assert again["startedAt"] > first["startedAt"]


def test_suspend_then_resume_and_mark_failed_as_succeeded(
    emu: Emulator, seeded: dict[str, Any], api: httpx.Client
) -> None:
    queued = new_task(emu, queued_s=30, run_s=5)
    assert update(api, seeded, queued, "SUSPENDED").status_code == 200
    emu.advance(60)
    assert get(api, seeded, queued)["runStatus"] == "SUSPENDED"
    assert update(api, seeded, queued, "READY").status_code == 200
    assert get(api, seeded, queued)["runStatus"] == "READY"
    failed = new_task(emu, queued_s=0, run_s=1, outcome="failed")
    emu.advance(2)
    assert update(api, seeded, failed, "SUCCEEDED").status_code == 200
    assert get(api, seeded, failed)["runStatus"] == "SUCCEEDED"


def test_same_client_token_applies_once(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    task_id = new_task(emu, queued_s=100, run_s=10)
    applied = emu.seeded()["deadline"]["updates_applied"]
    for _ in range(3):
        assert update(api, seeded, task_id, "SUSPENDED", token="token-1").status_code == 200
    assert emu.seeded()["deadline"]["updates_applied"] == applied + 1
    mismatch = assert_error(update(api, seeded, task_id, "CANCELED", token="token-1"), 409, "ConflictException")
    assert mismatch["reason"] == "CONFLICT_EXCEPTION"
    assert get(api, seeded, task_id)["runStatus"] == "SUSPENDED"
    assert update(api, seeded, task_id, "CANCELED", token="token-2").status_code == 200
    assert emu.seeded()["deadline"]["updates_applied"] == applied + 2


def test_client_token_replays_an_error_outcome(emu: Emulator, seeded: dict[str, Any], api: httpx.Client) -> None:
    done = new_task(emu, queued_s=0, run_s=1)
    emu.advance(2)
    for _ in range(2):
        assert_error(update(api, seeded, done, "CANCELED", token="refused"), 409, "ConflictException")


def test_concurrent_retries_with_one_token_apply_once(emu: Emulator, seeded: dict[str, Any]) -> None:
    task_id = new_task(emu, queued_s=100, run_s=10)
    applied = emu.seeded()["deadline"]["updates_applied"]
    statuses: list[int] = []

    def call() -> None:
        with httpx.Client(base_url=emu.base_url("deadline"), auth=SigV4(), timeout=10) as client:
            statuses.append(update(client, seeded, task_id, "CANCELED", token="shared-token").status_code)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 8
    assert emu.seeded()["deadline"]["updates_applied"] == applied + 1


# ---- listing, search, batch --------------------------------------------------------------------------------------


def test_list_tasks_pages_with_next_token(seeded: dict[str, Any], api: httpx.Client) -> None:
    seen: list[str] = []
    params: dict[str, Any] = {"maxResults": 7}
    pages = 0
    while True:
        body = api.get(step_path(seeded), params=params).json()
        seen += [t["taskId"] for t in body["tasks"]]
        pages += 1
        if "nextToken" not in body:
            break
        params["nextToken"] = body["nextToken"]
    assert seen == seeded["task_ids"]
    assert pages == 7


def test_list_tasks_token_is_bound_to_its_step_and_expires(
    emu: Emulator, seeded: dict[str, Any], api: httpx.Client
) -> None:
    token = api.get(step_path(seeded), params={"maxResults": 1}).json()["nextToken"]
    jobs = seeded["job_ids"]
    other_step = api.post(
        search_path(seeded), json={"queueIds": [seeded["queueId"]], "itemOffset": 0, "jobId": jobs[1]}
    )
    step_id = other_step.json()["tasks"][0]["stepId"]
    wrong = step_path({**seeded, "jobId": jobs[1], "stepId": step_id})
    assert (
        assert_error(api.get(wrong, params={"nextToken": token}), 400, "ValidationException")["fieldList"][0]["name"]
        == "nextToken"
    )
    emu.advance(25 * 3600)
    expired = assert_error(api.get(step_path(seeded), params={"nextToken": token}), 400, "ValidationException")
    assert "expired" in expired["message"]


def test_list_jobs_pages_and_filters_by_principal(seeded: dict[str, Any], api: httpx.Client) -> None:
    jobs_path = job_path(seeded).rsplit("/", 1)[0]
    seen, params = [], {"maxResults": 1}
    while True:
        body = api.get(jobs_path, params=params).json()
        seen += [j["jobId"] for j in body["jobs"]]
        if "nextToken" not in body:
            break
        params["nextToken"] = body["nextToken"]
    assert seen == seeded["job_ids"]
    principal = seeded_principal(api, seeded)
    assert len(api.get(jobs_path, params={"principalId": principal}).json()["jobs"]) == 4
    nobody = "0123456789-01234567-0123-0123-0123-0123456789ab"
    assert api.get(jobs_path, params={"principalId": nobody}).json() == {"jobs": []}


def search(api: httpx.Client, s: dict[str, Any], **body: Any) -> dict[str, Any]:
    response = api.post(search_path(s), json={"queueIds": [s["queueId"]], "itemOffset": 0, **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def status_filter(status: str, operator: str = "EQUAL") -> dict[str, Any]:
    return {"stringFilter": {"name": "TASK_RUN_STATUS", "operator": operator, "value": status}}


def test_search_filters_by_status_and_pages_by_offset(seeded: dict[str, Any], api: httpx.Client) -> None:
    everything = search(api, seeded, pageSize=100)
    assert everything["totalResults"] == 60
    assert "nextItemOffset" not in everything
    failed = [t["taskId"] for t in everything["tasks"] if t["runStatus"] == "FAILED"]
    query = {"filterExpressions": {"filters": [status_filter("FAILED")], "operator": "AND"}, "pageSize": 2}
    first = search(api, seeded, **query)
    assert first["totalResults"] == len(failed) > 2
    assert first["nextItemOffset"] == 2
    collected, offset = [], 0
    while True:
        page = search(api, seeded, **{**query, "itemOffset": offset})
        collected += [t["taskId"] for t in page["tasks"]]
        if "nextItemOffset" not in page:
            break
        offset = page["nextItemOffset"]
    assert collected == failed
    summary = first["tasks"][0]
    assert {"taskId", "stepId", "jobId", "queueId", "runStatus"} <= set(summary)
    assert "createdAt" not in summary


def test_search_groups_lists_dates_parameters_and_sorts(seeded: dict[str, Any], api: httpx.Client) -> None:
    job = {"jobId": seeded["jobId"], "pageSize": 100}
    frames = {"parameterFilter": {"name": "Frame", "operator": "LESS_THAN_EQUAL_TO", "value": "10"}}
    terminal = {"stringListFilter": {"name": "TASK_RUN_STATUS", "operator": "ANY_EQUALS", "values": sorted(FINAL)}}
    group = {"groupFilter": {"filters": [frames, terminal], "operator": "AND"}}
    sort = [{"parameterSort": {"name": "Frame", "sortOrder": "DESCENDING"}}]
    result = search(api, seeded, filterExpressions={"filters": [group], "operator": "OR"}, sortExpressions=sort, **job)
    frames_found = [int(t["parameters"]["Frame"]["int"]) for t in result["tasks"]]
    assert frames_found == list(range(10, 0, -1))
    assert all(t["runStatus"] in FINAL for t in result["tasks"])
    cutoff = result["tasks"][4]["startedAt"]
    since = {"dateTimeFilter": {"name": "STARTED_AT", "operator": "GREATER_THAN_EQUAL_TO", "dateTime": cutoff}}
    by_start = [{"fieldSort": {"name": "STARTED_AT", "sortOrder": "ASCENDING"}}]
    late = search(
        api, seeded, filterExpressions={"filters": [since], "operator": "AND"}, sortExpressions=by_start, **job
    )
    starts = [t["startedAt"] for t in late["tasks"]]
    assert starts == sorted(starts)
    assert starts[0] == cutoff


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"filterExpressions": {"filters": [{"searchTermFilter": {"searchTerm": "x"}}], "operator": "AND"}},
            "searchTermFilter",
        ),
        ({"sortExpressions": [{"userJobsFirst": {"userIdentityId": "u"}}]}, "userJobsFirst"),
        ({"filterExpressions": {"filters": [status_filter("FAILED", "LESS_THAN")], "operator": "AND"}}, "operator"),
        ({"filterExpressions": {"filters": [status_filter("PAUSED")], "operator": "AND"}}, "value"),
        (
            {"filterExpressions": {"filters": [{"stringFilter": {}, "dateTimeFilter": {}}], "operator": "AND"}},
            "filters[0]",
        ),
        ({"filterExpressions": {"filters": [], "operator": "AND"}}, "filters"),
        ({"pageSize": 0}, "pageSize"),
        ({"itemOffset": 10001}, "itemOffset"),
        ({"queueIds": []}, "queueIds"),
        ({"queueIds": ["queue-nope"]}, "queueIds[0]"),
    ],
)
def test_search_rejects_what_it_cannot_evaluate(
    seeded: dict[str, Any], api: httpx.Client, body: dict[str, Any], field: str
) -> None:
    request = {"queueIds": [seeded["queueId"]], "itemOffset": 0, **body}
    error = assert_error(api.post(search_path(seeded), json=request), 400, "ValidationException")
    assert error["reason"] == "FIELD_VALIDATION_FAILED"
    assert field in error["fieldList"][0]["name"]


def test_search_unknown_queue_or_job_is_not_found(seeded: dict[str, Any], api: httpx.Client) -> None:
    queue = "queue-" + "f" * 32
    error = assert_error(
        api.post(search_path(seeded), json={"queueIds": [queue], "itemOffset": 0}), 404, "ResourceNotFoundException"
    )
    assert (error["resourceType"], error["resourceId"]) == ("queue", queue)
    body = {"queueIds": [seeded["queueId"]], "itemOffset": 0, "jobId": "job-" + "e" * 32}
    assert (
        assert_error(api.post(search_path(seeded), json=body), 404, "ResourceNotFoundException")["resourceType"]
        == "job"
    )


def test_batch_get_task_returns_items_and_per_item_errors(seeded: dict[str, Any], api: httpx.Client) -> None:
    base = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
    missing = seeded["task_ids"][0].rsplit("-", 1)[0] + "-9999"
    identifiers = [{**base, "taskId": t} for t in [*seeded["task_ids"][:3], missing]]
    body = api.post("/2023-10-12/batch-get-task", json={"identifiers": identifiers}).json()
    assert [t["taskId"] for t in body["tasks"]] == seeded["task_ids"][:3]
    assert body["tasks"][0]["farmId"] == seeded["farmId"]
    assert "createdAt" in body["tasks"][0]
    assert body["errors"] == [
        {**base, "taskId": missing, "code": "ResourceNotFoundException", "message": "Task not found"}
    ]


def test_batch_get_task_validates_the_request(seeded: dict[str, Any], api: httpx.Client) -> None:
    base = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
    too_many = [{**base, "taskId": seeded["task_ids"][0]}] * 101
    assert_error(api.post("/2023-10-12/batch-get-task", json={"identifiers": too_many}), 400, "ValidationException")
    bad = assert_error(
        api.post("/2023-10-12/batch-get-task", json={"identifiers": [{**base, "taskId": "task-1"}]}),
        400,
        "ValidationException",
    )
    assert bad["fieldList"][0]["name"] == "identifiers[0].taskId"


# ---- bad input, unknown routes, error format ---------------------------------------------------------------------


BAD_REQUESTS = [
    ("GET", lambda s: task_path({**s, "farmId": "farm-XYZ"}, s["task_ids"][0]), {}, None, "farmId"),
    ("GET", lambda s: task_path(s, "task-123"), {}, None, "taskId"),
    ("GET", step_path, {"maxResults": "0"}, None, "maxResults"),
    ("GET", step_path, {"maxResults": "101"}, None, "maxResults"),
    ("GET", step_path, {"maxResults": "ten"}, None, "maxResults"),
    ("GET", step_path, {"nextToken": "not-a-token"}, None, "nextToken"),
    ("GET", lambda s: job_path(s).rsplit("/", 1)[0], {"principalId": "me"}, None, "principalId"),
    ("PATCH", lambda s: task_path(s, s["task_ids"][0]), {}, {"targetRunStatus": "PAUSED"}, "targetRunStatus"),
    ("PATCH", lambda s: task_path(s, s["task_ids"][0]), {}, {}, "targetRunStatus"),
    ("POST", search_path, {}, {"queueIds": ["q"]}, "queueIds[0]"),
    ("POST", lambda s: "/2023-10-12/batch-get-task", {}, {"identifiers": "all"}, "identifiers"),
]


@pytest.mark.parametrize(
    ("method", "path", "query", "body", "field"), BAD_REQUESTS, ids=[b[4] + str(i) for i, b in enumerate(BAD_REQUESTS)]
)
def test_bad_parameters_are_validation_errors(
    seeded: dict[str, Any], api: httpx.Client, method: str, path: Any, query: dict[str, str], body: Any, field: str
) -> None:
    response = api.request(method, path(seeded), params=query, json=body)
    error = assert_error(response, 400, "ValidationException")
    assert error["reason"] == "FIELD_VALIDATION_FAILED"
    assert error["fieldList"][0]["name"] == field
    assert error["fieldList"][0]["message"]


def test_unparseable_body_and_oversized_client_token(seeded: dict[str, Any], api: httpx.Client) -> None:
    path = task_path(seeded, seeded["task_ids"][0])
    garbage = api.patch(path, content=b"{not json", headers={"Content-Type": "application/json"})
    assert assert_error(garbage, 400, "ValidationException")["reason"] == "CANNOT_PARSE"
    long_token = api.patch(path, json={"targetRunStatus": "CANCELED"}, headers={"X-Amz-Client-Token": "x" * 65})
    assert assert_error(long_token, 400, "ValidationException")["fieldList"][0]["name"] == "clientToken"


def test_missing_resources_name_themselves(seeded: dict[str, Any], api: httpx.Client) -> None:
    ghost = {
        "farmId": "farm-" + "a" * 32,
        "queueId": "queue-" + "b" * 32,
        "jobId": "job-" + "c" * 32,
        "stepId": "step-" + "d" * 32,
    }
    cases = [
        (task_path({**seeded, "farmId": ghost["farmId"]}, seeded["task_ids"][0]), "farm"),
        (task_path({**seeded, "queueId": ghost["queueId"]}, seeded["task_ids"][0]), "queue"),
        (task_path({**seeded, "jobId": ghost["jobId"]}, seeded["task_ids"][0]), "job"),
        (task_path({**seeded, "stepId": ghost["stepId"]}, seeded["task_ids"][0]), "step"),
        (task_path(seeded, seeded["task_ids"][0].rsplit("-", 1)[0] + "-777"), "task"),
        (job_path({**seeded, "jobId": ghost["jobId"]}), "job"),
    ]
    for path, kind in cases:
        assert assert_error(api.get(path), 404, "ResourceNotFoundException")["resourceType"] == kind


def test_unknown_route_and_wrong_method_answer_in_aws_format(seeded: dict[str, Any], api: httpx.Client) -> None:
    assert_error(api.get("/2023-10-12/farms"), 404, "ResourceNotFoundException")
    wrong = api.delete(task_path(seeded, seeded["task_ids"][0]))
    assert_error(wrong, 405, "UnknownOperationException")
    assert set(wrong.headers["Allow"].split(", ")) >= {"GET", "PATCH"}


def test_injected_status_faults_use_the_modeled_errors(
    emu: Emulator, seeded: dict[str, Any], api: httpx.Client
) -> None:
    emu.add_faults(service="deadline", action="status", status=429, retry_after=3, count=1)
    emu.add_faults(service="deadline", action="status", status=500, count=1)
    emu.add_faults(service="deadline", action="status", status=503, count=1)
    throttled = api.get(job_path(seeded))
    assert assert_error(throttled, 429, "ThrottlingException")["serviceCode"] == "deadline"
    assert throttled.headers["Retry-After"] == "3"
    assert_error(api.get(job_path(seeded)), 500, "InternalServerErrorException")
    assert_error(api.get(job_path(seeded)), 503, "ServiceUnavailableException")
    assert api.get(job_path(seeded)).status_code == 200


# ---- persistence -------------------------------------------------------------------------------------------------


def test_restart_on_the_same_file_keeps_everything(tmp_path: Path) -> None:
    db = str(tmp_path / "emulator.sqlite")
    with Emulator(db=db, seed_count=20, speed=0) as first:
        before = first.seeded()["deadline"]
        created = new_task(first, queued_s=0, run_s=1000)
        first.advance(10)
        with httpx.Client(base_url=first.base_url("deadline"), auth=SigV4()) as api:
            assert update(api, before, created, "CANCELED", token="persisted").status_code == 200
            snapshot = api.get(step_path(before)).json()["tasks"]
        first_now = first.now()
    with Emulator(db=db, seed_count=20, speed=0) as second:
        after = second.seeded()["deadline"]
        assert after["task_ids"] == [*before["task_ids"], created]
        assert after["updates_applied"] == 1
        assert second.now() == pytest.approx(first_now)
        with httpx.Client(base_url=second.base_url("deadline"), auth=SigV4()) as api:
            assert api.get(step_path(after)).json()["tasks"] == snapshot
            assert get(api, after, created)["runStatus"] == "INTERRUPTING"
            second.advance(2)
            assert get(api, after, created)["runStatus"] == "CANCELED"
            assert update(api, after, created, "CANCELED", token="persisted").status_code == 200
        assert second.seeded()["deadline"]["updates_applied"] == 1


# ---- generated client ------------------------------------------------------------------------------------------


@pytest.fixture
def client(emu: Emulator) -> Client:
    return Client(base_url=emu.base_url("deadline"), httpx_args={"auth": SigV4()}, raise_on_unexpected_status=True)


def test_generated_client_reads_tasks_and_jobs(emu: Emulator, seeded: dict[str, Any], client: Client) -> None:
    ids = (seeded["farmId"], seeded["queueId"], seeded["jobId"], seeded["stepId"])
    task = get_task.sync_detailed(*ids, seeded["task_ids"][0], client=client).parsed
    assert isinstance(task, models.GetTaskResponse)
    assert task.run_status in set(models.TaskRunStatus)
    assert task.created_at.tzinfo is not None
    assert task.parameters["Frame"].int_ == "1"
    page = list_tasks.sync_detailed(*ids, client=client, max_results=50).parsed
    assert isinstance(page, models.ListTasksResponse)
    assert len(page.tasks) == 48
    assert not page.next_token
    job = get_job.sync_detailed(*ids[:3], client=client).parsed
    assert isinstance(job, models.GetJobResponse)
    assert job.job_id == seeded["jobId"]
    assert sum(job.task_run_status_counts.additional_properties.values()) == 48
    jobs = list_jobs.sync_detailed(*ids[:2], client=client).parsed
    assert isinstance(jobs, models.ListJobsResponse)
    assert [j.job_id for j in jobs.jobs] == seeded["job_ids"]


def test_generated_client_updates_searches_and_batches(emu: Emulator, seeded: dict[str, Any], client: Client) -> None:
    ids = (seeded["farmId"], seeded["queueId"], seeded["jobId"], seeded["stepId"])
    task_id = new_task(emu, queued_s=100, run_s=5)
    body = models.UpdateTaskRequest(target_run_status=models.TaskTargetRunStatus.CANCELED)
    updated = update_task.sync_detailed(*ids, task_id, client=client, body=body, x_amz_client_token="gen-1").parsed
    assert isinstance(updated, models.UpdateTaskResponse)
    request = models.SearchTasksRequest(
        queue_ids=[seeded["queueId"]],
        item_offset=0,
        filter_expressions=models.SearchGroupedFilterExpressions(
            filters=[
                models.SearchFilterExpression(
                    string_filter=models.StringFilterExpression(
                        name="TASK_RUN_STATUS", operator=models.ComparisonOperator.EQUAL, value="CANCELED"
                    )
                )
            ],
            operator=models.LogicalOperator.AND,
        ),
    )
    found = search_tasks.sync_detailed(seeded["farmId"], client=client, body=request).parsed
    assert isinstance(found, models.SearchTasksResponse)
    assert task_id in [t.task_id for t in found.tasks]
    assert found.total_results == len(found.tasks)
    identifier = models.BatchGetTaskIdentifier(*ids, task_id=task_id)
    batch = batch_get_task.sync_detailed(
        client=client, body=models.BatchGetTaskRequest(identifiers=[identifier])
    ).parsed
    assert isinstance(batch, models.BatchGetTaskResponse)
    assert batch.tasks[0].run_status is models.TaskRunStatus.CANCELED
    assert batch.errors == []


def test_generated_client_parses_errors(emu: Emulator, seeded: dict[str, Any]) -> None:
    ids = (seeded["farmId"], seeded["queueId"], seeded["jobId"], seeded["stepId"])
    client = Client(base_url=emu.base_url("deadline"), httpx_args={"auth": SigV4()})  # error statuses not raised
    missing = get_task.sync_detailed(*ids, seeded["task_ids"][0].rsplit("-", 1)[0] + "-404", client=client)
    assert (missing.status_code, missing.parsed) == (404, None)  # error bodies are the facade's to parse
    assert models.ResourceNotFoundException.from_dict(json.loads(missing.content)).resource_type == "task"
    assert missing.headers["X-Amzn-ErrorType"] == "ResourceNotFoundException"
    bad = list_tasks.sync_detailed(*ids, client=client, next_token="bogus")
    assert bad.status_code == 400
    reason = models.ValidationException.from_dict(json.loads(bad.content)).reason
    assert reason is models.ValidationExceptionReason.FIELD_VALIDATION_FAILED
    unsigned = Client(base_url=emu.base_url("deadline"))
    refused = get_task.sync_detailed(*ids, seeded["task_ids"][0], client=unsigned)
    assert refused.status_code == 403
    assert models.AccessDeniedException.from_dict(json.loads(refused.content)).message


def test_unknown_enum_and_union_member_faults_reach_the_client(
    emu: Emulator, seeded: dict[str, Any], client: Client
) -> None:
    ids = (seeded["farmId"], seeded["queueId"], seeded["jobId"], seeded["stepId"])
    emu.add_faults(service="deadline", action="unknown_enum", count=2)
    task = get_task.sync_detailed(*ids, seeded["task_ids"][0], client=client).parsed
    assert isinstance(task, models.GetTaskResponse)
    assert task.run_status.name == "UNKNOWN"
    assert task.run_status.value == "FUTURE_VALUE"
    assert task.parameters["Frame"].additional_properties == {"futureParameterType": "1"}
    job = get_job.sync_detailed(*ids[:3], client=client).parsed
    assert isinstance(job, models.GetJobResponse)
    assert job.task_run_status.name == "UNKNOWN"
    assert job.task_run_status_counts["FUTURE_VALUE"] == 0
