"""boto3's own deadline client against the emulator: the vendor SDK is the judge of the wire format.

``Config(inject_host_prefix=False)`` keeps the ``management.`` host prefix off the emulator's loopback address;
retries are off so an injected error reaches the test on the first attempt.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import pytest
from taskfacade_emulator import Emulator

KEY, SECRET = "AKIDEMULATOR", "emulator-secret"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=60, speed=0) as running:
        yield running


@pytest.fixture
def seeded(emu: Emulator) -> dict[str, Any]:
    result: dict[str, Any] = emu.seeded()["deadline"]
    return result


@functools.cache
def _session() -> boto3.session.Session:
    """One session for the module, so the service model is loaded and parsed once (credentials go per client)."""
    return boto3.session.Session(region_name="eu-west-1")


def make_client(emu: Emulator, secret: str = SECRET) -> Any:
    config = botocore.config.Config(inject_host_prefix=False, retries={"mode": "standard", "total_max_attempts": 1})
    return _session().client(
        "deadline",
        endpoint_url=emu.base_url("deadline"),
        aws_access_key_id=KEY,
        aws_secret_access_key=secret,
        config=config,
    )


@pytest.fixture
def client(emu: Emulator) -> Any:
    return make_client(emu)


def step(s: dict[str, Any]) -> dict[str, str]:
    return {k: s[k] for k in ("farmId", "queueId", "jobId", "stepId")}


def test_get_task(client: Any, seeded: dict[str, Any]) -> None:
    task = client.get_task(**step(seeded), taskId=seeded["task_ids"][0])
    assert task["taskId"] == seeded["task_ids"][0]
    assert task["runStatus"] in {"SUCCEEDED", "FAILED", "CANCELED"}
    assert isinstance(task["createdAt"], dt.datetime)
    assert task["endedAt"] > task["startedAt"] > task["createdAt"]
    assert task["parameters"] == {"Frame": {"int": "1"}}
    assert task["ResponseMetadata"]["RequestId"]


def test_list_tasks_paginator(client: Any, seeded: dict[str, Any]) -> None:
    pages = list(client.get_paginator("list_tasks").paginate(**step(seeded), PaginationConfig={"PageSize": 10}))
    assert [len(p["tasks"]) for p in pages] == [10, 10, 10, 10, 8]
    assert [t["taskId"] for p in pages for t in p["tasks"]] == seeded["task_ids"]


def test_update_task_with_the_sdk_client_token(emu: Emulator, client: Any, seeded: dict[str, Any]) -> None:
    task_id = emu.create_tasks("deadline", 1, queued_s=0, run_s=100)[0]
    emu.advance(1)
    response = client.update_task(**step(seeded), taskId=task_id, targetRunStatus="CANCELED")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert client.get_task(**step(seeded), taskId=task_id)["runStatus"] == "INTERRUPTING"
    emu.advance(2)
    task = client.get_task(**step(seeded), taskId=task_id)
    assert task["runStatus"] == "CANCELED"
    assert task["targetRunStatus"] == "CANCELED"
    assert emu.seeded()["deadline"]["updates_applied"] == 1


def test_search_tasks(client: Any, seeded: dict[str, Any]) -> None:
    status = {"stringListFilter": {"name": "TASK_RUN_STATUS", "operator": "ANY_EQUALS", "values": ["READY", "RUNNING"]}}
    result = client.search_tasks(
        farmId=seeded["farmId"],
        queueIds=[seeded["queueId"]],
        itemOffset=0,
        pageSize=3,
        filterExpressions={"filters": [status], "operator": "AND"},
        sortExpressions=[{"fieldSort": {"name": "TASK_RUN_STATUS", "sortOrder": "ASCENDING"}}],
    )
    assert result["totalResults"] >= 3
    assert result["nextItemOffset"] == 3
    assert [t["runStatus"] for t in result["tasks"]] == sorted(t["runStatus"] for t in result["tasks"])
    assert {t["runStatus"] for t in result["tasks"]} <= {"READY", "RUNNING"}


def test_batch_get_task(client: Any, seeded: dict[str, Any]) -> None:
    missing = seeded["task_ids"][0].rsplit("-", 1)[0] + "-5000"
    identifiers = [{**step(seeded), "taskId": t} for t in (seeded["task_ids"][1], missing)]
    result = client.batch_get_task(identifiers=identifiers)
    assert [t["taskId"] for t in result["tasks"]] == [seeded["task_ids"][1]]
    assert [(e["taskId"], e["code"]) for e in result["errors"]] == [(missing, "ResourceNotFoundException")]


def test_jobs(client: Any, seeded: dict[str, Any]) -> None:
    job = client.get_job(farmId=seeded["farmId"], queueId=seeded["queueId"], jobId=seeded["jobId"])
    assert job["taskRunStatus"] == "RUNNING"
    assert sum(job["taskRunStatusCounts"].values()) == len(seeded["task_ids"])
    pages = client.get_paginator("list_jobs").paginate(
        farmId=seeded["farmId"], queueId=seeded["queueId"], PaginationConfig={"PageSize": 3}
    )
    assert [j["jobId"] for p in pages for j in p["jobs"]] == seeded["job_ids"]


def test_not_found_is_the_modeled_exception(client: Any, seeded: dict[str, Any]) -> None:
    missing = seeded["task_ids"][0].rsplit("-", 1)[0] + "-404"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.get_task(**step(seeded), taskId=missing)
    assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert (caught.value.response["resourceId"], caught.value.response["resourceType"]) == (missing, "task")


def test_bad_parameter_is_a_validation_exception(client: Any, seeded: dict[str, Any]) -> None:
    with pytest.raises(client.exceptions.ValidationException) as caught:
        client.list_tasks(**step(seeded), nextToken="forged")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert caught.value.response["reason"] == "FIELD_VALIDATION_FAILED"
    assert caught.value.response["fieldList"][0]["name"] == "nextToken"


def test_invalid_transition_is_a_conflict_exception(emu: Emulator, client: Any, seeded: dict[str, Any]) -> None:
    done = emu.create_tasks("deadline", 1, queued_s=0, run_s=1)[0]
    emu.advance(2)
    with pytest.raises(client.exceptions.ConflictException) as caught:
        client.update_task(**step(seeded), taskId=done, targetRunStatus="SUSPENDED")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert caught.value.response["reason"] == "STATUS_CONFLICT"
    assert caught.value.response["resourceId"] == done


def test_throttling_is_the_modeled_exception(emu: Emulator, client: Any, seeded: dict[str, Any]) -> None:
    emu.add_faults(service="deadline", method="GET", action="status", status=429, retry_after=2, count=1)
    with pytest.raises(client.exceptions.ThrottlingException) as caught:
        client.get_task(**step(seeded), taskId=seeded["task_ids"][0])
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert caught.value.response["retryAfterSeconds"] == 2
    assert client.get_task(**step(seeded), taskId=seeded["task_ids"][0])["taskId"] == seeded["task_ids"][0]


@pytest.mark.parametrize(("status", "name"), [(500, "InternalServerErrorException"), (403, "AccessDeniedException")])
def test_other_injected_statuses_map_to_their_exceptions(
    emu: Emulator, client: Any, seeded: dict[str, Any], status: int, name: str
) -> None:
    emu.add_faults(service="deadline", action="status", status=status, count=1)
    with pytest.raises(getattr(client.exceptions, name)):
        client.get_job(farmId=seeded["farmId"], queueId=seeded["queueId"], jobId=seeded["jobId"])


def test_signature_refusal_reaches_the_sdk(emu: Emulator, seeded: dict[str, Any]) -> None:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        make_client(emu, secret="wrong").get_task(**step(seeded), taskId=seeded["task_ids"][0])
    assert caught.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_unknown_enum_and_union_member_pass_through_the_sdk(emu: Emulator, client: Any, seeded: dict[str, Any]) -> None:
    emu.add_faults(service="deadline", action="unknown_enum", count=1)
    task = client.get_task(**step(seeded), taskId=seeded["task_ids"][0])
    assert task["runStatus"] == "FUTURE_VALUE"
    assert task["parameters"] == {"Frame": {"SDK_UNKNOWN_MEMBER": {"name": "futureParameterType"}}}
