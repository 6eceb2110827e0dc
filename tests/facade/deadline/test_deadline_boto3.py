"""boto3 and taskfacade against the same emulator in the same test: the answers must be equal field by field.

boto3 is pointed at the emulator with ``inject_host_prefix=False`` and no retries. Datetimes compare as instants
(boto3's are ``tzlocal()``, ours UTC); ``ResponseMetadata`` differs only in request ids and botocore's extra
``MaxAttemptsReached``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import boto3
import botocore.config
import pytest
import taskfacade
from deadline_support import KEY, SECRET, missing_task, task_ids
from taskfacade import deadline
from taskfacade_emulator import Emulator


@functools.cache
def _session() -> boto3.session.Session:
    return boto3.session.Session(region_name="eu-west-1")


@pytest.fixture
def boto(emu: Emulator) -> Any:
    config = botocore.config.Config(inject_host_prefix=False, retries={"mode": "standard", "total_max_attempts": 1})
    return _session().client(
        "deadline",
        endpoint_url=emu.base_url("deadline"),
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        config=config,
    )


def strip(value: Any) -> Any:
    """A response without its per-request metadata (request ids, headers)."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def metadata(response: dict[str, Any]) -> tuple[int, int]:
    return response["ResponseMetadata"]["HTTPStatusCode"], response["ResponseMetadata"]["RetryAttempts"]


def assert_same(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    assert strip(ours) == strip(theirs)
    assert metadata(ours) == metadata(theirs)


def test_get_task_equal_for_every_seeded_task(
    boto: Any, client: deadline.DeadlineClient, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    for task_id in seeded["task_ids"]:
        ours, theirs = client.get_task(**task_ids(step, task_id)), boto.get_task(**task_ids(step, task_id))
        assert_same(ours, theirs)
        assert set(ours) == set(theirs)
        assert ours["createdAt"].tzinfo is dt.UTC


def test_list_tasks_pages_equal(boto: Any, client: deadline.DeadlineClient, step: dict[str, str]) -> None:
    config = {"PageSize": 7}
    ours = list(client.get_paginator("list_tasks").paginate(**step, PaginationConfig=config))
    theirs = list(boto.get_paginator("list_tasks").paginate(**step, PaginationConfig=config))
    assert len(ours) == len(theirs) > 1
    for mine, vendor in zip(ours, theirs, strict=True):
        assert_same(mine, vendor)
    assert_same(client.list_tasks(**step, maxResults=3), boto.list_tasks(**step, maxResults=3))


def test_resume_tokens_are_interchangeable(boto: Any, client: deadline.DeadlineClient, step: dict[str, str]) -> None:
    config = {"PageSize": 10, "MaxItems": 13}
    ours = client.get_paginator("list_tasks").paginate(**step, PaginationConfig=config).build_full_result()
    theirs = boto.get_paginator("list_tasks").paginate(**step, PaginationConfig=config).build_full_result()
    assert strip(ours) == strip(theirs)
    assert ours["NextToken"] == theirs["NextToken"]
    resumed = {"StartingToken": theirs["NextToken"], "PageSize": 10}
    rest_ours = client.get_paginator("list_tasks").paginate(**step, PaginationConfig=resumed).build_full_result()
    rest_theirs = boto.get_paginator("list_tasks").paginate(**step, PaginationConfig=resumed).build_full_result()
    assert strip(rest_ours) == strip(rest_theirs)


@pytest.mark.parametrize(
    ("operation", "expression"),
    [
        ("list_tasks", "tasks[].runStatus"),
        ("list_tasks", "tasks[?runStatus=='FAILED'].taskId"),
        ("list_tasks", "nextToken"),
        ("list_jobs", "jobs[].[name, taskRunStatus]"),
        ("list_jobs", "length(jobs)"),
    ],
)
def test_page_iterator_search_equal(
    boto: Any, client: deadline.DeadlineClient, step: dict[str, str], operation: str, expression: str
) -> None:
    args = step if operation == "list_tasks" else {k: step[k] for k in ("farmId", "queueId")}
    config = {"PageSize": 7, "MaxItems": 40}
    ours = list(client.get_paginator(operation).paginate(**args, PaginationConfig=config).search(expression))
    theirs = list(boto.get_paginator(operation).paginate(**args, PaginationConfig=config).search(expression))
    assert ours == theirs
    assert ours


def test_page_iterator_search_refuses_a_bad_expression(
    emu: Emulator, client: deadline.DeadlineClient, step: dict[str, str]
) -> None:
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument, match="expression"):
        next(client.get_paginator("list_tasks").paginate(**step).search("tasks[?"))
    assert not emu.request_counts()["deadline"]


def test_other_operations_equal(
    emu: Emulator, boto: Any, client: deadline.DeadlineClient, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    job = {"farmId": step["farmId"], "queueId": step["queueId"], "jobId": step["jobId"]}
    assert_same(client.get_job(**job), boto.get_job(**job))
    queue = {"farmId": step["farmId"], "queueId": step["queueId"]}
    assert_same(client.list_jobs(**queue, maxResults=2), boto.list_jobs(**queue, maxResults=2))
    search: dict[str, Any] = {
        "farmId": step["farmId"],
        "queueIds": [step["queueId"]],
        "itemOffset": 1,
        "pageSize": 4,
        "filterExpressions": {
            "filters": [
                {
                    "stringListFilter": {
                        "name": "TASK_RUN_STATUS",
                        "operator": "ANY_EQUALS",
                        "values": ["FAILED", "CANCELED"],
                    }
                }
            ],
            "operator": "OR",
        },
        "sortExpressions": [{"fieldSort": {"name": "ENDED_AT", "sortOrder": "ASCENDING"}}],
    }
    assert_same(client.search_tasks(**search), boto.search_tasks(**search))
    ids = [task_ids(step, t) for t in (seeded["task_ids"][4], missing_task(seeded["task_ids"][0]))]
    assert_same(client.batch_get_task(identifiers=ids), boto.batch_get_task(identifiers=ids))
    [task_id] = emu.create_tasks("deadline", 2, queued_s=0, run_s=100)[:1]
    update = {**task_ids(step, task_id), "targetRunStatus": "SUSPENDED"}
    assert_same(client.update_task(**update), boto.update_task(**update))


def test_unknown_members_and_enums_equal(
    emu: Emulator, boto: Any, client: deadline.DeadlineClient, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    emu.add_faults(service="deadline", action="unknown_enum")
    ids = task_ids(step, seeded["task_ids"][-1])
    ours, theirs = client.get_task(**ids), boto.get_task(**ids)
    assert_same(ours, theirs)
    assert ours["parameters"]["Frame"] == {"SDK_UNKNOWN_MEMBER": {"name": "futureParameterType"}}
    assert_same(client.list_tasks(**step, maxResults=5), boto.list_tasks(**step, maxResults=5))


@pytest.mark.parametrize(
    ("fault", "call"),
    [
        (None, "missing"),
        (None, "conflict"),
        (None, "bad_token"),
        ({"action": "status", "status": 429, "retry_after": 7}, "get"),
        ({"action": "status", "status": 500}, "get"),
        ({"action": "status", "status": 503}, "get"),
    ],
)
def test_error_responses_equal(
    emu: Emulator,
    boto: Any,
    seeded: dict[str, Any],
    step: dict[str, str],
    fault: dict[str, Any] | None,
    call: str,
) -> None:
    if fault:
        emu.add_faults(service="deadline", **fault)
    calls = {
        "missing": ("get_task", task_ids(step, missing_task(seeded["task_ids"][0]))),
        "conflict": ("update_task", {**task_ids(step, seeded["task_ids"][0]), "targetRunStatus": "SUSPENDED"}),
        "bad_token": ("list_tasks", {**step, "nextToken": "bogus"}),
        "get": ("get_task", task_ids(step, seeded["task_ids"][0])),
    }
    name, kwargs = calls[call]
    errors = []
    from deadline_support import make_client

    with make_client(emu, retry_mode="disabled") as ours:
        for caller in (ours, boto):
            with pytest.raises(Exception) as caught:
                getattr(caller, name)(**kwargs)
            errors.append(caught.value)
    mine, theirs = errors
    assert type(mine).__name__ == type(theirs).__name__
    assert str(mine) == str(theirs)
    expected = {k: v for k, v in theirs.response.items() if k != "ResponseMetadata"}
    assert {k: v for k, v in mine.response.items() if k != "ResponseMetadata"} == expected
    assert metadata(mine.response) == metadata(theirs.response)
