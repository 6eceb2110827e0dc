"""Faults injected by the emulator and retry modes: survived, or surfaced as the documented errors."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import taskfacade
from deadline_support import EmulatorClock, deadline_requests, make_client, missing_task, task_ids
from deadline_twins import Twin
from taskfacade import deadline
from taskfacade_emulator import Emulator

TASK_PATH = "/tasks/[^/]+$"


def strip(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def _get(tclient: Any, step: dict[str, str], seeded: dict[str, Any]) -> dict[str, Any]:
    return tclient.get_task(**task_ids(step, seeded["task_ids"][0]))


def test_503_is_retried_and_counted(emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    emu.add_faults(service="deadline", method="GET", path=TASK_PATH, action="status", status=503, count=2)
    emu.clear_request_counts()
    task = _get(tclient, step, seeded)
    assert task["taskId"] == seeded["task_ids"][0]
    assert task["ResponseMetadata"]["RetryAttempts"] == 2
    assert deadline_requests(emu) == 3


def test_429_retry_after_is_honoured(
    emu: Emulator, tclient: Any, clock: EmulatorClock, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    emu.add_faults(service="deadline", action="status", status=429, retry_after=3, count=1)
    assert _get(tclient, step, seeded)["ResponseMetadata"]["RetryAttempts"] == 1
    assert clock.sleeps == [3.0]  # botocore ignores Retry-After; we wait exactly what the server asked


def test_persistent_503_gives_up_with_botocore_shaped_error(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    emu.add_faults(service="deadline", action="status", status=503)
    emu.clear_request_counts()
    with pytest.raises(tclient.exceptions.ClientError) as caught:
        _get(tclient, step, seeded)
    error = caught.value
    assert isinstance(error, taskfacade.ServerError)
    assert not isinstance(error, deadline.InternalServerErrorException)
    assert deadline_requests(emu) == 5
    assert error.attempts == 5
    assert error.response["Error"]["Code"] == "ServiceUnavailableException"
    assert error.response["ResponseMetadata"]["RetryAttempts"] == 4
    assert "(reached max retries: 4)" in str(error)


@pytest.mark.parametrize(
    ("mode", "status", "requests"),
    [("disabled", 503, 1), ("default", 500, 1), ("forceful", 500, 10), ("default", 429, 5), ("disabled", 429, 1)],
)
def test_retry_modes(
    emu: Emulator,
    clock: EmulatorClock,
    seeded: dict[str, Any],
    step: dict[str, str],
    mode: str,
    status: int,
    requests: int,
) -> None:
    emu.add_faults(service="deadline", action="status", status=status)
    emu.clear_request_counts()
    with make_client(emu, clock, retry_mode=mode) as tclient, pytest.raises(tclient.exceptions.ClientError) as caught:
        _get(tclient, step, seeded)
    assert deadline_requests(emu) == requests
    assert caught.value.status == status
    if status == 500:
        assert isinstance(caught.value, tclient.exceptions.InternalServerErrorException)
    if status == 429:
        assert isinstance(caught.value, tclient.exceptions.ThrottlingException)
        assert isinstance(caught.value, taskfacade.RateLimited)


@pytest.mark.parametrize("action", ["reset", "truncate"])
def test_network_faults_on_reads_are_retried(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str], action: str
) -> None:
    emu.add_faults(service="deadline", action=action, count=1)
    assert _get(tclient, step, seeded)["ResponseMetadata"]["RetryAttempts"] == 1
    emu.add_faults(service="deadline", method="POST", action=action, count=1)  # read-only POSTs are replay-safe
    found = tclient.search_tasks(farmId=step["farmId"], queueIds=[step["queueId"]], itemOffset=0, pageSize=1)
    assert found["ResponseMetadata"]["RetryAttempts"] == 1
    batch = tclient.batch_get_task(identifiers=[task_ids(step, seeded["task_ids"][0])])
    assert batch["ResponseMetadata"]["RetryAttempts"] == 0


def test_network_failure_surfaces_as_transport_error(
    emu: Emulator, clock: EmulatorClock, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    emu.add_faults(service="deadline", action="reset")
    with make_client(emu, clock, retry_mode="disabled") as tclient, pytest.raises(taskfacade.TransportError):
        _get(tclient, step, seeded)


def test_malformed_body_is_a_decode_error_not_retried(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    emu.add_faults(service="deadline", action="malformed")
    emu.clear_request_counts()
    with pytest.raises(taskfacade.ResponseDecodeError):
        _get(tclient, step, seeded)
    with pytest.raises(taskfacade.ResponseDecodeError):
        tclient.list_tasks(**step)
    assert deadline_requests(emu) == 2


@pytest.mark.parametrize(
    ("fault", "expected_requests"),
    [({"action": "truncate", "count": 1}, 2), ({"action": "status", "status": 503, "count": 2}, 3)],
)
def test_update_task_reuses_one_client_token_on_retries(
    emu: Emulator,
    tclient: Any,
    step: dict[str, str],
    fault: dict[str, Any],
    expected_requests: int,
) -> None:
    [task_id] = emu.create_tasks("deadline", 1, queued_s=0, run_s=100)
    emu.advance(1)
    emu.add_faults(service="deadline", method="PATCH", **fault)
    emu.clear_request_counts()
    response = tclient.update_task(**task_ids(step, task_id), targetRunStatus="CANCELED")
    assert response["ResponseMetadata"]["RetryAttempts"] == expected_requests - 1
    assert deadline_requests(emu) == expected_requests
    # The truncated first attempt was applied; the retry carried the same token, so it was replayed, not re-applied.
    assert emu.seeded()["deadline"]["updates_applied"] == 1


def test_unknown_enum_values_and_union_members_pass_through(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    emu.add_faults(service="deadline", action="unknown_enum")
    task = _get(tclient, step, seeded)
    assert task["runStatus"] == "FUTURE_VALUE"
    assert type(task["runStatus"]) is str
    assert task["parameters"] == {"Frame": {"SDK_UNKNOWN_MEMBER": {"name": "futureParameterType"}}}
    job = tclient.get_job(farmId=step["farmId"], queueId=step["queueId"], jobId=step["jobId"])
    assert job["lifecycleStatus"] == "FUTURE_VALUE"
    assert job["taskRunStatusCounts"]["FUTURE_VALUE"] == 0
    assert job["parameters"]["SceneFile"] == {"SDK_UNKNOWN_MEMBER": {"name": "futureParameterType"}}
    job_task = tclient.task(**task_ids(step, seeded["task_ids"][0]))
    job_task.refresh()
    assert job_task.status == "FUTURE_VALUE"
    assert job_task.phase is taskfacade.JobPhase.UNKNOWN
    assert not job_task.done
    assert job_task.raw_parameters == {"Frame": {"futureParameterType": "1"}}  # nothing lost


def test_extra_fields_are_dropped_like_boto3(emu: Emulator, tclient: Any, step: dict[str, str]) -> None:
    where = {"farmId": step["farmId"], "queueId": step["queueId"]}
    plain = tclient.list_jobs(**where)
    emu.add_faults(service="deadline", method="GET", path="/jobs$", action="extra_fields")
    extra = tclient.list_jobs(**where)
    assert extra["jobs"] == plain["jobs"]
    assert "emulatorExtraField" not in extra
    assert extra.get("nextToken") == plain.get("nextToken")


def test_extra_fields_everywhere_are_survived(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    # The fault also adds string-valued entries to the `parameters` map and unknown keys beside each union's
    # member: boto3 fails the whole call (ResponseParserError); the facade keeps the task and its real members.
    plain = _get(tclient, step, seeded)
    job_plain = tclient.get_job(farmId=step["farmId"], queueId=step["queueId"], jobId=step["jobId"])
    emu.add_faults(service="deadline", action="extra_fields")
    # The object-valued extra entry reads as a new parameter of a union type we do not know (as it would be).
    future = {"emulator_extra_object": {"SDK_UNKNOWN_MEMBER": {"name": "nested"}}}
    task_answer = _get(tclient, step, seeded)
    assert strip(task_answer) == {**strip(plain), "parameters": {**plain["parameters"], **future}}
    job = tclient.get_job(farmId=step["farmId"], queueId=step["queueId"], jobId=step["jobId"])
    assert strip(job) == {**strip(job_plain), "parameters": {**job_plain["parameters"], **future}}
    task = tclient.task(**task_ids(step, seeded["task_ids"][0]))
    assert task.wait(timeout=5) == plain["runStatus"]
    assert task.raw_parameters is not None
    assert "emulatorExtraField" in task.raw_parameters  # the raw wire form keeps everything


def test_service_validation_error_is_modeled(tclient: Any, step: dict[str, str]) -> None:
    with pytest.raises(tclient.exceptions.ValidationException) as caught:
        tclient.list_tasks(**step, nextToken="not-a-token-of-this-listing")
    response = caught.value.response
    assert isinstance(caught.value, taskfacade.BadRequest)
    assert response["reason"] == "FIELD_VALIDATION_FAILED"
    assert response["fieldList"][0]["name"] == "nextToken"


def test_wrong_secret_is_forbidden_without_leaking_it(twin: Twin, seeded: dict[str, Any], step: dict[str, str]) -> None:
    with twin.client(aws_secret_access_key="wrong-secret-value") as client:
        with pytest.raises(client.exceptions.ClientError) as caught:
            _get(client, step, seeded)
        assert repr(client).count("wrong-secret") == 0
    error = caught.value
    assert isinstance(error, taskfacade.Forbidden)
    assert error.response["Error"]["Code"] == "InvalidSignatureException"
    assert "wrong-secret-value" not in str(error) + repr(error) + repr(error.response)


def test_retries_are_logged_without_secrets_or_queries(
    emu: Emulator, tclient: Any, step: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    token = tclient.list_tasks(**step, maxResults=2)["nextToken"]
    emu.add_faults(service="deadline", action="status", status=503, count=1)
    with caplog.at_level(logging.INFO, logger="taskfacade"):
        tclient.list_tasks(**step, maxResults=2, nextToken=token)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "503" in text
    assert "retrying" in text
    assert token not in text
    assert "emulator-secret" not in text
    assert "AKIDEMULATOR" not in text


def test_batch_item_errors_fail_a_wait(
    emu: Emulator, twin: Twin, tclient: Any, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    real = tclient.task(**task_ids(step, seeded["task_ids"][-1]))
    ghost = tclient.task(**task_ids(step, missing_task(seeded["task_ids"][0])))
    with pytest.raises(tclient.exceptions.ResourceNotFoundException) as caught:
        twin.wait_all([real, ghost], timeout=30)
    assert caught.value.operation_name == "BatchGetTask"
    assert real.status is not None


def test_update_task_applied_with_a_garbled_empty_answer_is_not_an_error(
    emu: Emulator, tclient: Any, step: dict[str, str]
) -> None:
    """UpdateTask's answer is an empty structure: a 200 whose body arrives garbled still means "applied" (boto3
    returns its ResponseMetadata too), so the call neither fails nor is replayed."""
    from deadline_support import boto_client

    boto = boto_client(emu)
    ids = emu.create_tasks("deadline", 2, queued_s=0, run_s=100)
    emu.advance(1)
    emu.add_faults(service="deadline", method="PATCH", action="malformed")
    emu.clear_request_counts()
    answers = [
        caller.update_task(**task_ids(step, task_id), targetRunStatus="CANCELED")
        for caller, task_id in zip((tclient, boto), ids, strict=True)
    ]
    assert [{k: v for k, v in a.items() if k != "ResponseMetadata"} for a in answers] == [{}, {}]
    assert answers[0]["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert answers[0]["ResponseMetadata"]["RetryAttempts"] == 0
    assert deadline_requests(emu) == 2
    assert emu.seeded()["deadline"]["updates_applied"] == 2
