"""Steps, sessions, session actions, BatchGetJob and SearchJobs: boto3 and taskfacade on the same emulator give
equal answers, and the emulator's data hangs together (a failing task's attempts are its session actions)."""

from __future__ import annotations

from typing import Any

import pytest
import taskfacade
from deadline_support import boto_client, strip_metadata
from taskfacade_emulator import Emulator

JOB = ("farmId", "queueId", "jobId")


@pytest.fixture
def boto(emu: Emulator) -> Any:
    return boto_client(emu)


@pytest.fixture
def job(seeded: dict[str, Any]) -> dict[str, str]:
    return {k: seeded[k] for k in JOB}


def same(ours: Any, theirs: Any) -> None:
    assert strip_metadata(ours) == strip_metadata(theirs)
    assert ours["ResponseMetadata"]["HTTPStatusCode"] == theirs["ResponseMetadata"]["HTTPStatusCode"]


def both(tclient: Any, boto: Any, name: str, **kwargs: Any) -> dict[str, Any]:
    ours, theirs = getattr(tclient, name)(**kwargs), getattr(boto, name)(**kwargs)
    same(ours, theirs)
    result: dict[str, Any] = ours
    return result


def _failed_task(tclient: Any, step: dict[str, str]) -> dict[str, Any]:
    tasks = tclient.get_paginator("list_tasks").paginate(**step).build_full_result()["tasks"]
    return next(t for t in tasks if t["runStatus"] == "FAILED" and t.get("failureRetryCount", 0) > 0)


def test_jobs_batch_and_search_equal(tclient: Any, boto: Any, seeded: dict[str, Any], job: dict[str, str]) -> None:
    queue = {k: job[k] for k in ("farmId", "queueId")}
    identifiers = [{**queue, "jobId": j} for j in seeded["job_ids"]] + [{**queue, "jobId": "job-" + "0" * 32}]
    answer = both(tclient, boto, "batch_get_job", identifiers=identifiers)
    assert len(answer["jobs"]) == len(seeded["job_ids"])
    assert [e["code"] for e in answer["errors"]] == ["ResourceNotFoundException"]
    assert answer["jobs"][0]["createdAt"].utcoffset() is not None
    search = {"farmId": job["farmId"], "queueIds": [job["queueId"]], "itemOffset": 0, "pageSize": 2}
    page = both(tclient, boto, "search_jobs", **search)
    assert page["totalResults"] == len(seeded["job_ids"])
    assert page["nextItemOffset"] == 2
    failed = {"filters": [{"stringFilter": {"name": "TASK_RUN_STATUS", "operator": "EQUAL", "value": "FAILED"}}]}
    hits = both(tclient, boto, "search_jobs", **search, filterExpressions={**failed, "operator": "AND"})
    assert {j["taskRunStatus"] for j in hits["jobs"]} == {"FAILED"}


def test_steps_equal(
    tclient: Any, boto: Any, seeded: dict[str, Any], job: dict[str, str], step: dict[str, str]
) -> None:
    detail = both(tclient, boto, "get_step", **step)
    assert sum(detail["taskRunStatusCounts"].values()) == len(seeded["task_ids"])
    listed = both(tclient, boto, "list_steps", **job)
    assert [s["stepId"] for s in listed["steps"]] == [step["stepId"]]
    missing = {**step, "stepId": "step-" + "0" * 32}
    batch = both(tclient, boto, "batch_get_step", identifiers=[step, missing])
    assert len(batch["steps"]) == 1
    assert batch["errors"][0]["stepId"] == missing["stepId"]
    search = {"farmId": job["farmId"], "queueIds": [job["queueId"]], "itemOffset": 0}
    assert both(tclient, boto, "search_steps", **search)["totalResults"] == len(seeded["job_ids"])
    assert both(tclient, boto, "search_steps", **search, jobId=job["jobId"])["totalResults"] == 1


def test_a_failing_tasks_attempts_are_its_session_actions(
    tclient: Any, boto: Any, job: dict[str, str], step: dict[str, str]
) -> None:
    task = _failed_task(tclient, step)
    actions = both(tclient, boto, "list_session_actions", **job, taskId=task["taskId"])["sessionActions"]
    assert len(actions) == task["failureRetryCount"] + 1
    assert {a["status"] for a in actions} == {"FAILED"}
    assert actions[-1]["sessionActionId"] == task["latestSessionActionId"]
    latest = both(tclient, boto, "get_session_action", **job, sessionActionId=task["latestSessionActionId"])
    assert latest["definition"] == {
        "taskRun": {"taskId": task["taskId"], "stepId": step["stepId"], "parameters": task["parameters"]}
    }
    assert latest["processExitCode"] == 1
    session = both(tclient, boto, "get_session", **job, sessionId=latest["sessionId"])
    assert session["lifecycleStatus"] == "ENDED"
    assert session["endedAt"] == task["endedAt"]
    ids = [{**job, "sessionActionId": a["sessionActionId"]} for a in actions]
    batch = both(tclient, boto, "batch_get_session_action", identifiers=ids)
    assert [a["sessionActionId"] for a in batch["sessionActions"]] == [a["sessionActionId"] for a in actions]
    sessions = both(tclient, boto, "batch_get_session", identifiers=[{**job, "sessionId": latest["sessionId"]}])
    assert sessions["sessions"][0]["log"]["logDriver"] == "awslogs"
    assert both(tclient, boto, "list_session_actions", **job, sessionId=latest["sessionId"])["sessionActions"] == (
        actions
    )


@pytest.mark.parametrize(
    ("operation", "key"),
    [("list_sessions", "sessions"), ("list_session_actions", "sessionActions"), ("list_steps", "steps")],
)
def test_new_paginators_equal(tclient: Any, boto: Any, job: dict[str, str], operation: str, key: str) -> None:
    config = {"PageSize": 4, "MaxItems": 11}
    ours = tclient.get_paginator(operation).paginate(**job, PaginationConfig=config).build_full_result()
    theirs = boto.get_paginator(operation).paginate(**job, PaginationConfig=config).build_full_result()
    assert strip_metadata(ours) == strip_metadata(theirs)
    assert ours[key]
    expression = f"{key}[0]"
    ours_found = list(tclient.get_paginator(operation).paginate(**job, PaginationConfig=config).search(expression))
    theirs_found = list(boto.get_paginator(operation).paginate(**job, PaginationConfig=config).search(expression))
    assert ours_found == theirs_found


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda c, j: c.get_session(**j, sessionId="session-XYZ"), "sessionId"),
        (lambda c, j: c.get_session_action(**j, sessionActionId="sessionaction-1"), "sessionActionId"),
        (lambda c, j: c.list_session_actions(**j, taskId="task-1"), "taskId"),
        (lambda c, j: c.batch_get_job(identifiers=[{**j, "stepId": "x"}]), "identifiers\\[0\\]"),
        (lambda c, j: c.batch_get_session(identifiers=[]), "identifiers"),
        (lambda c, j: c.search_jobs(farmId=j["farmId"], queueIds=[j["queueId"]], itemOffset=-1), "itemOffset"),
        (lambda c, j: c.get_step(**j, stepId="step-"), "stepId"),
    ],
)
def test_bad_input_refused_before_any_request(
    emu: Emulator, tclient: Any, job: dict[str, str], call: Any, parameter: str
) -> None:
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument, match=parameter):
        call(tclient, job)
    assert not emu.request_counts()["deadline"]


@pytest.mark.parametrize("operation", ["search_tasks", "search_jobs", "search_steps"])
def test_search_paginators_page_by_item_offset_like_repeated_boto3_calls(
    tclient: Any, boto: Any, job: dict[str, str], operation: str
) -> None:
    """botocore has no search paginator: ours must give what paging by hand with boto3 gives."""
    args = {"farmId": job["farmId"], "queueIds": [job["queueId"]]}
    key = operation.removeprefix("search_")
    theirs, offset = [], 0
    while True:
        page = getattr(boto, operation)(**args, itemOffset=offset, pageSize=3)
        theirs += page[key]
        if "nextItemOffset" not in page:
            break
        offset = page["nextItemOffset"]
    assert tclient.can_paginate(operation)
    assert not boto.can_paginate(operation)
    paginator = tclient.get_paginator(operation)
    full = paginator.paginate(**args, PaginationConfig={"PageSize": 3}).build_full_result()
    assert strip_metadata(full[key]) == strip_metadata(theirs)
    assert theirs
    first = paginator.paginate(**args, PaginationConfig={"PageSize": 3, "MaxItems": 2}).build_full_result()
    rest = paginator.paginate(**args, PaginationConfig={"PageSize": 3, "StartingToken": first["NextToken"]})
    assert strip_metadata(first[key] + list(rest.items())) == strip_metadata(theirs)
