"""Every public DeadlineClient method end to end against the emulator over loopback HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import taskfacade
from deadline_support import deadline_requests, missing_task, task_ids
from taskfacade import deadline
from taskfacade_emulator import Emulator

SEED_002_KEYS = {
    "createdAt",
    "createdBy",
    "endedAt",
    "failureRetryCount",
    "latestSessionActionId",
    "parameters",
    "runStatus",
    "startedAt",
    "targetRunStatus",
    "taskId",
    "updatedAt",
    "updatedBy",
}


def _is_utc(value: Any) -> bool:
    return isinstance(value, dt.datetime) and value.utcoffset() == dt.timedelta(0) and value.tzinfo is dt.UTC


def test_get_task_matches_seed_002(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    task = tclient.get_task(**task_ids(step, seeded["task_ids"][0]))
    metadata = task.pop("ResponseMetadata")
    assert set(task) <= SEED_002_KEYS
    assert {"taskId", "createdAt", "createdBy", "runStatus"} <= set(task)
    assert task["taskId"] == seeded["task_ids"][0]
    assert all(_is_utc(task[k]) for k in ("createdAt", "startedAt", "endedAt"))
    assert task["createdAt"] < task["startedAt"] < task["endedAt"]
    assert task["parameters"] == {"Frame": {"int": "1"}}
    assert type(task["runStatus"]) is str
    assert task["runStatus"] in {"SUCCEEDED", "FAILED", "CANCELED"}
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RetryAttempts"] == 0
    assert metadata["RequestId"] == metadata["HTTPHeaders"]["x-amzn-requestid"]


def test_get_task_missing_raises_modeled_error(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    missing = missing_task(seeded["task_ids"][0])
    with pytest.raises(tclient.exceptions.ResourceNotFoundException) as caught:
        tclient.get_task(**task_ids(step, missing))
    error = caught.value
    assert isinstance(error, taskfacade.NotFound)
    assert isinstance(error, tclient.exceptions.ClientError)
    assert error.operation_name == "GetTask"
    assert error.response["Error"]["Code"] == "ResourceNotFoundException"
    assert error.response["resourceId"] == missing
    assert error.response["resourceType"] == "task"
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert str(error).startswith("An error occurred (ResourceNotFoundException) when calling the GetTask operation: ")


def test_list_tasks_one_page(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    first = tclient.list_tasks(**step, maxResults=7)
    assert [t["taskId"] for t in first["tasks"]] == seeded["task_ids"][:7]
    second = tclient.list_tasks(**step, maxResults=7, nextToken=first["nextToken"])
    assert [t["taskId"] for t in second["tasks"]] == seeded["task_ids"][7:14]
    last = tclient.list_tasks(**step, maxResults=100)
    assert "nextToken" not in last
    assert len(last["tasks"]) == len(seeded["task_ids"])


def test_paginator_pages_and_full_result(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    assert tclient.can_paginate("list_tasks")
    assert not tclient.can_paginate("get_task")
    paginator = tclient.get_paginator("list_tasks")
    pages = list(paginator.paginate(**step, PaginationConfig={"PageSize": 10}))
    sizes = [len(p["tasks"]) for p in pages]
    assert sum(sizes) == len(seeded["task_ids"])
    assert all(s == 10 for s in sizes[:-1])
    assert [t["taskId"] for p in pages for t in p["tasks"]] == seeded["task_ids"]
    assert all("ResponseMetadata" in p for p in pages)
    full = paginator.paginate(**step).build_full_result()
    assert [t["taskId"] for t in full["tasks"]] == seeded["task_ids"]
    assert "NextToken" not in full


def test_paginator_max_items_and_resume(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    paginator = tclient.get_paginator("list_tasks")
    emu.clear_request_counts()
    first = paginator.paginate(**step, PaginationConfig={"PageSize": 10, "MaxItems": 15}).build_full_result()
    assert [t["taskId"] for t in first["tasks"]] == seeded["task_ids"][:15]
    assert deadline_requests(emu) == 2  # no page fetched beyond what MaxItems needs
    rest = paginator.paginate(**step, PaginationConfig={"PageSize": 10, "StartingToken": first["NextToken"]})
    assert [t["taskId"] for t in rest.items()] == seeded["task_ids"][15:]
    exact = paginator.paginate(**step, PaginationConfig={"PageSize": 10, "MaxItems": 20})
    assert len(exact.build_full_result()["tasks"]) == 20
    assert exact.resume_token is not None
    after = paginator.paginate(**step, PaginationConfig={"PageSize": 10, "StartingToken": exact.resume_token})
    assert [t["taskId"] for t in after.items()] == seeded["task_ids"][20:]
    raw = tclient.list_tasks(**step, maxResults=5)["nextToken"]  # a service token works as StartingToken too
    tail = paginator.paginate(**step, PaginationConfig={"StartingToken": raw}).build_full_result()
    assert [t["taskId"] for t in tail["tasks"]] == seeded["task_ids"][5:]


def test_update_task_cancels_a_running_task(emu: Emulator, tclient: Any, step: dict[str, str]) -> None:
    [task_id] = emu.create_tasks("deadline", 1, queued_s=0, run_s=100)
    emu.advance(1)
    response = tclient.update_task(**task_ids(step, task_id), targetRunStatus="CANCELED")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert set(response) == {"ResponseMetadata"}
    assert tclient.get_task(**task_ids(step, task_id))["runStatus"] == "INTERRUPTING"
    emu.advance(2)
    task = tclient.get_task(**task_ids(step, task_id))
    assert (task["runStatus"], task["targetRunStatus"]) == ("CANCELED", "CANCELED")
    assert _is_utc(task["updatedAt"])
    assert task["updatedBy"]
    assert emu.seeded()["deadline"]["updates_applied"] == 1


def test_update_task_conflicts(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    succeeded = next(t["taskId"] for t in tclient.list_tasks(**step)["tasks"] if t["runStatus"] == "SUCCEEDED")
    with pytest.raises(tclient.exceptions.ConflictException) as caught:
        tclient.update_task(**task_ids(step, succeeded), targetRunStatus="CANCELED")
    assert isinstance(caught.value, taskfacade.Conflict)
    assert caught.value.response["reason"] == "STATUS_CONFLICT"
    assert caught.value.operation_name == "UpdateTask"
    tclient.update_task(**task_ids(step, succeeded), targetRunStatus="READY", clientToken="my-token-1")
    with pytest.raises(tclient.exceptions.ConflictException) as reused:  # same token, another request
        tclient.update_task(**task_ids(step, seeded["task_ids"][1]), targetRunStatus="READY", clientToken="my-token-1")
    assert reused.value.response["reason"] == "CONFLICT_EXCEPTION"


def test_search_tasks_filters_sorts_and_offsets(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    failed = {"stringFilter": {"name": "TASK_RUN_STATUS", "operator": "EQUAL", "value": "FAILED"}}
    since = {"dateTimeFilter": {"name": "STARTED_AT", "operator": "GREATER_THAN", "dateTime": dt.datetime(2000, 1, 1)}}
    args: dict[str, Any] = {
        "farmId": step["farmId"],
        "queueIds": [step["queueId"]],
        "jobId": step["jobId"],
        "filterExpressions": {
            "filters": [failed, {"groupFilter": {"filters": [since], "operator": "OR"}}],
            "operator": "AND",
        },
        "sortExpressions": [{"fieldSort": {"name": "STARTED_AT", "sortOrder": "DESCENDING"}}],
        "pageSize": 2,
    }
    first = tclient.search_tasks(**args, itemOffset=0)
    assert first["totalResults"] >= 3
    assert first["nextItemOffset"] == 2
    assert len(first["tasks"]) == 2
    hits = list(first["tasks"])
    offset = first["nextItemOffset"]
    while offset is not None:
        page = tclient.search_tasks(**args, itemOffset=offset)
        hits += page["tasks"]
        offset = page.get("nextItemOffset")
    assert len(hits) == first["totalResults"]
    assert {h["runStatus"] for h in hits} == {"FAILED"}
    assert all("createdAt" not in h for h in hits)
    assert {h["queueId"] for h in hits} == {step["queueId"]}
    assert {h["jobId"] for h in hits} == {step["jobId"]}
    assert all(_is_utc(h["startedAt"]) for h in hits)
    started = [h["startedAt"] for h in hits]
    assert started == sorted(started, reverse=True)


def test_batch_get_task_items_and_errors(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    missing = missing_task(seeded["task_ids"][0])
    identifiers = [task_ids(step, t) for t in (seeded["task_ids"][2], missing, seeded["task_ids"][3])]
    result = tclient.batch_get_task(identifiers=identifiers)
    assert [t["taskId"] for t in result["tasks"]] == [seeded["task_ids"][2], seeded["task_ids"][3]]
    assert all(t["farmId"] == step["farmId"] and _is_utc(t["createdAt"]) for t in result["tasks"])
    assert result["errors"] == [
        {**task_ids(step, missing), "code": "ResourceNotFoundException", "message": "Task not found"}
    ]
    single = tclient.get_task(**task_ids(step, seeded["task_ids"][2]))
    assert {k: v for k, v in result["tasks"][0].items() if k in single} == {
        k: v for k, v in single.items() if k != "ResponseMetadata"
    }


def test_get_job_and_list_jobs(tclient: Any, seeded: dict[str, Any], step: dict[str, str]) -> None:
    job = tclient.get_job(farmId=step["farmId"], queueId=step["queueId"], jobId=step["jobId"])
    assert job["jobId"] == step["jobId"]
    assert job["taskRunStatus"] == "RUNNING"
    assert sum(job["taskRunStatusCounts"].values()) == len(seeded["task_ids"])
    assert job["parameters"]["SceneFile"] == {"path": "/projects/shot_010/scene.ma"}
    assert _is_utc(job["createdAt"])
    assert job["ResponseMetadata"]["HTTPStatusCode"] == 200
    listed = tclient.list_jobs(farmId=step["farmId"], queueId=step["queueId"], maxResults=2)
    assert len(listed["jobs"]) == 2
    assert listed["nextToken"]
    pages = list(
        tclient.get_paginator("list_jobs").paginate(
            farmId=step["farmId"], queueId=step["queueId"], PaginationConfig={"PageSize": 3}
        )
    )
    ids = [j["jobId"] for p in pages for j in p["jobs"]]
    assert sorted(ids) == sorted(seeded["job_ids"])
    assert all("parameters" not in j for p in pages for j in p["jobs"])
    mine = tclient.list_jobs(farmId=step["farmId"], queueId=step["queueId"], principalId=job["createdBy"])
    assert len(mine["jobs"]) == len(seeded["job_ids"])


def test_client_task_is_a_lazy_job(
    emu: Emulator, client: deadline.DeadlineClient, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    emu.clear_request_counts()
    task = client.task(**task_ids(step, seeded["task_ids"][0]))
    assert isinstance(task, taskfacade.Job)
    assert deadline_requests(emu) == 0
    assert task.status in {"SUCCEEDED", "FAILED", "CANCELED"}
    assert deadline_requests(emu) == 1
    assert task.done
    assert task.phase.finished
    assert task.task_id == seeded["task_ids"][0]
    assert task.parameters == {"Frame": {"int": "1"}}
    assert task.raw_parameters == {"Frame": {"int": "1"}}
    assert task.created_utc is not None
    assert _is_utc(task.created_utc)
    assert task.finished_utc is not None
    assert task.data["taskId"] == task.task_id
    assert "ResponseMetadata" not in task.data
    assert repr(task).startswith("<DeadlineTask task-")


def test_client_meta_repr_and_close(emu: Emulator, tclient: Any) -> None:
    assert tclient.meta.region_name == "us-east-1"
    assert tclient.meta.endpoint_url == emu.base_url("deadline")
    assert "emulator-secret" not in repr(tclient)
    tclient.retry_mode = "forceful"
    assert tclient.retry_mode.name == "forceful"
    tclient.close()
    with pytest.raises(taskfacade.ClientClosed):
        tclient.get_job(farmId="farm-" + "0" * 32, queueId="queue-" + "0" * 32, jobId="job-" + "0" * 32)
