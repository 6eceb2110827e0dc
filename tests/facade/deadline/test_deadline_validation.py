"""Bad input is refused before any request, with an error naming the parameter and what it accepts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import taskfacade
from deadline_support import deadline_requests
from taskfacade import deadline
from taskfacade_emulator import Emulator

FARM, QUEUE, JOB, STEP = "farm-" + "a" * 32, "queue-" + "b" * 32, "job-" + "c" * 32, "step-" + "d" * 32
TASK = "task-" + "d" * 32 + "-7"
IDS = {"farmId": FARM, "queueId": QUEUE, "jobId": JOB, "stepId": STEP, "taskId": TASK}
STEP_IDS = {k: v for k, v in IDS.items() if k != "taskId"}
STRING_FILTER = {"stringFilter": {"name": "TASK_RUN_STATUS", "operator": "EQUAL", "value": "FAILED"}}

Call = Callable[[deadline.DeadlineClient], Any]


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    """One emulator for this module: nothing here changes its state (refused calls never reach it)."""
    with Emulator(seed_count=60, speed=0) as emulator:
        yield emulator


CASES: list[tuple[str, Call, str]] = [
    ("farm id pattern", lambda c: c.get_task(**{**IDS, "farmId": "farm-XYZ"}), "farmId"),
    ("unanchored id", lambda c: c.get_task(**{**IDS, "taskId": TASK + "x"}), "taskId"),
    ("id with a slash", lambda c: c.get_task(**{**IDS, "jobId": "job-" + "c" * 32 + "/.."}), "jobId"),
    ("id not a string", lambda c: c.get_task(**{**IDS, "stepId": None}), "stepId"),
    ("queue id", lambda c: c.list_tasks(**{**STEP_IDS, "queueId": "q"}), "queueId"),
    ("maxResults 0", lambda c: c.list_tasks(**STEP_IDS, maxResults=0), "maxResults"),
    ("maxResults 101", lambda c: c.list_tasks(**STEP_IDS, maxResults=101), "maxResults"),
    ("maxResults bool", lambda c: c.list_tasks(**STEP_IDS, maxResults=True), "maxResults"),
    ("maxResults str", lambda c: c.list_tasks(**STEP_IDS, maxResults="10"), "maxResults"),
    ("empty nextToken", lambda c: c.list_tasks(**STEP_IDS, nextToken=""), "nextToken"),
    ("long nextToken", lambda c: c.list_tasks(**STEP_IDS, nextToken="x" * 4097), "nextToken"),
    ("targetRunStatus", lambda c: c.update_task(**IDS, targetRunStatus="RUNNING"), "targetRunStatus"),
    ("targetRunStatus case", lambda c: c.update_task(**IDS, targetRunStatus="canceled"), "targetRunStatus"),
    ("clientToken long", lambda c: c.update_task(**IDS, targetRunStatus="READY", clientToken="t" * 65), "clientToken"),
    ("clientToken empty", lambda c: c.update_task(**IDS, targetRunStatus="READY", clientToken=""), "clientToken"),
    ("queueIds empty", lambda c: c.search_tasks(farmId=FARM, queueIds=[], itemOffset=0), "queueIds"),
    ("queueIds 11", lambda c: c.search_tasks(farmId=FARM, queueIds=[QUEUE] * 11, itemOffset=0), "queueIds"),
    ("queueIds item", lambda c: c.search_tasks(farmId=FARM, queueIds=[QUEUE, "q"], itemOffset=0), "queueIds[1]"),
    ("queueIds str", lambda c: c.search_tasks(farmId=FARM, queueIds=QUEUE, itemOffset=0), "queueIds"),
    ("itemOffset", lambda c: c.search_tasks(farmId=FARM, queueIds=[QUEUE], itemOffset=10_001), "itemOffset"),
    ("pageSize", lambda c: c.search_tasks(farmId=FARM, queueIds=[QUEUE], itemOffset=0, pageSize=0), "pageSize"),
    ("search jobId", lambda c: c.search_tasks(farmId=FARM, queueIds=[QUEUE], itemOffset=0, jobId="j"), "jobId"),
    (
        "filter operator",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            filterExpressions={"filters": [STRING_FILTER], "operator": "XOR"},
        ),
        "filterExpressions.operator",
    ),
    (
        "two union members",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            filterExpressions={
                "filters": [{**STRING_FILTER, "searchTermFilter": {"searchTerm": "x"}}],
                "operator": "AND",
            },
        ),
        "filterExpressions.filters[0]",
    ),
    (
        "unknown filter member",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            filterExpressions={"filters": [{"regex": {}}], "operator": "AND"},
        ),
        "filterExpressions.filters[0]",
    ),
    (
        "comparison operator",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            filterExpressions={
                "filters": [{"stringFilter": {"name": "TASK_RUN_STATUS", "operator": "LIKE", "value": "x"}}],
                "operator": "AND",
            },
        ),
        "filterExpressions.filters[0].stringFilter.operator",
    ),
    (
        "nested group value",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            filterExpressions={
                "filters": [{"groupFilter": {"filters": [{"searchTermFilter": {"searchTerm": ""}}], "operator": "OR"}}],
                "operator": "AND",
            },
        ),
        "filterExpressions.filters[0].groupFilter.filters[0].searchTermFilter.searchTerm",
    ),
    (
        "bad dateTime",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            filterExpressions={
                "filters": [
                    {"dateTimeFilter": {"name": "STARTED_AT", "operator": "LESS_THAN", "dateTime": "yesterday"}}
                ],
                "operator": "AND",
            },
        ),
        "filterExpressions.filters[0].dateTimeFilter.dateTime",
    ),
    (
        "missing required key",
        lambda c: c.search_tasks(
            farmId=FARM, queueIds=[QUEUE], itemOffset=0, filterExpressions={"filters": [STRING_FILTER]}
        ),
        "filterExpressions.operator",
    ),
    (
        "unknown key",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            filterExpressions={"filters": [STRING_FILTER], "operator": "AND", "limit": 3},
        ),
        "filterExpressions.limit",
    ),
    (
        "sort order",
        lambda c: c.search_tasks(
            farmId=FARM,
            queueIds=[QUEUE],
            itemOffset=0,
            sortExpressions=[{"fieldSort": {"name": "STARTED_AT", "sortOrder": "UP"}}],
        ),
        "sortExpressions[0].fieldSort.sortOrder",
    ),
    (
        "sorts empty",
        lambda c: c.search_tasks(farmId=FARM, queueIds=[QUEUE], itemOffset=0, sortExpressions=[]),
        "sortExpressions",
    ),
    ("identifiers empty", lambda c: c.batch_get_task(identifiers=[]), "identifiers"),
    ("identifiers 101", lambda c: c.batch_get_task(identifiers=[IDS] * 101), "identifiers"),
    ("identifier keys", lambda c: c.batch_get_task(identifiers=[STEP_IDS]), "identifiers[0]"),
    ("identifier id", lambda c: c.batch_get_task(identifiers=[IDS, {**IDS, "taskId": "t"}]), "identifiers[1].taskId"),
    ("get_job id", lambda c: c.get_job(farmId=FARM, queueId=QUEUE, jobId="job-1"), "jobId"),
    ("principalId", lambda c: c.list_jobs(farmId=FARM, queueId=QUEUE, principalId="me"), "principalId"),
    ("list_jobs maxResults", lambda c: c.list_jobs(farmId=FARM, queueId=QUEUE, maxResults=-1), "maxResults"),
    ("task() ids", lambda c: c.task(**{**IDS, "farmId": FARM.upper()}), "farmId"),
    ("paginator name", lambda c: c.get_paginator("update_task"), "operation_name"),
    ("paginate id", lambda c: c.get_paginator("list_tasks").paginate(**{**STEP_IDS, "stepId": "s"}), "stepId"),
    ("paginate missing", lambda c: c.get_paginator("list_tasks").paginate(farmId=FARM), "queueId"),
    ("paginate unknown", lambda c: c.get_paginator("list_jobs").paginate(farmId=FARM, queueId=QUEUE, x=1), "x"),
    (
        "paginate nextToken",
        lambda c: c.get_paginator("list_jobs").paginate(farmId=FARM, queueId=QUEUE, nextToken="t"),
        "nextToken",
    ),
    (
        "PageSize",
        lambda c: c.get_paginator("list_tasks").paginate(**STEP_IDS, PaginationConfig={"PageSize": 500}),
        "PaginationConfig.PageSize",
    ),
    (
        "MaxItems",
        lambda c: c.get_paginator("list_tasks").paginate(**STEP_IDS, PaginationConfig={"MaxItems": 0}),
        "PaginationConfig.MaxItems",
    ),
    (
        "PaginationConfig key",
        lambda c: c.get_paginator("list_tasks").paginate(**STEP_IDS, PaginationConfig={"Limit": 5}),
        "PaginationConfig",
    ),
    ("retry_mode", lambda c: setattr(c, "retry_mode", "standard"), "retry_mode"),
]


@pytest.mark.parametrize(("call", "parameter"), [pytest.param(c, p, id=name) for name, c, p in CASES])
def test_bad_input_is_refused_before_any_request(emu: Emulator, tclient: Any, call: Call, parameter: str) -> None:
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        call(tclient)
    error = caught.value
    assert error.parameter == parameter
    assert "expected" in str(error)
    assert error.accepted
    assert isinstance(error, ValueError)
    assert isinstance(error, TypeError)
    assert deadline_requests(emu) == 0


def test_valid_edge_values_are_sent(emu: Emulator, tclient: Any, step: dict[str, str]) -> None:
    assert len(tclient.list_tasks(**step, maxResults=1)["tasks"]) == 1
    assert len(tclient.list_tasks(**step, maxResults=100)["tasks"]) > 1
    when = dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    found = tclient.search_tasks(
        farmId=step["farmId"],
        queueIds=[step["queueId"]],
        itemOffset=10_000,
        pageSize=100,
        filterExpressions={
            "filters": [{"dateTimeFilter": {"name": "STARTED_AT", "operator": "GREATER_THAN", "dateTime": when}}],
            "operator": "AND",
        },
    )
    assert found["tasks"] == []
    assert found["totalResults"] > 0


def test_keyword_only_like_boto3(tclient: Any) -> None:
    with pytest.raises(TypeError):
        tclient.get_task(FARM, QUEUE, JOB, STEP, TASK)  # type: ignore[misc]
    with pytest.raises(TypeError, match="taskId"):
        tclient.get_task(farmId=FARM, queueId=QUEUE, jobId=JOB, stepId=STEP)  # type: ignore[call-arg]
