"""The operations around a failing task, as boto3's deadline client has them: jobs in batches and by search,
steps, sessions and session actions written once as steps (``_ops.py``) that both client twins run.

Each method takes boto3's keyword arguments, checks them all before any request (ids against their anchored
patterns, ranges, search expressions key by key), calls one generated operation, and returns boto3's dict (the
generated model walked by ``_walk.walk``) with ``ResponseMetadata``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, TypeVar

from .._errors import InvalidArgument, ResponseDecodeError
from .._steps import Steps
from ._generated import (
    BatchGetJobRequest,
    BatchGetJobResponse,
    BatchGetSessionActionRequest,
    BatchGetSessionActionResponse,
    BatchGetSessionRequest,
    BatchGetSessionResponse,
    BatchGetStepRequest,
    BatchGetStepResponse,
    GetSessionActionResponse,
    GetSessionResponse,
    GetStepResponse,
    ListSessionActionsResponse,
    ListSessionsResponse,
    ListStepsResponse,
    SearchJobsRequest,
    SearchJobsResponse,
    SearchStepsRequest,
    SearchStepsResponse,
)
from ._generated import batch_get_job as op_batch_get_job
from ._generated import batch_get_session as op_batch_get_session
from ._generated import batch_get_session_action as op_batch_get_session_action
from ._generated import batch_get_step as op_batch_get_step
from ._generated import get_session as op_get_session
from ._generated import get_session_action as op_get_session_action
from ._generated import get_step as op_get_step
from ._generated import list_session_actions as op_list_session_actions
from ._generated import list_sessions as op_list_sessions
from ._generated import list_steps as op_list_steps
from ._generated import search_jobs as op_search_jobs
from ._generated import search_steps as op_search_steps
from ._ops import Context, checked_ids, paging, search_body, send
from ._validate import check_id, list_of
from ._walk import walk

__all__ = [
    "JOB_IDS",
    "batch_get_job",
    "batch_get_session",
    "batch_get_session_action",
    "batch_get_step",
    "get_session",
    "get_session_action",
    "get_step",
    "identifiers_of",
    "list_session_actions",
    "list_sessions",
    "list_steps",
    "search_jobs",
    "search_steps",
]

M = TypeVar("M")
JOB_IDS = ("farmId", "queueId", "jobId")


def identifiers_of(names: tuple[str, ...]) -> Callable[[Any, str], dict[str, str]]:
    """A check for one batch identifier: a dict with exactly the ids ``names``, each valid."""
    accepted = f"a dict with exactly {', '.join(names[:-1])} and {names[-1]}"

    def check(value: Any, path: str) -> dict[str, str]:
        if not isinstance(value, Mapping) or set(value) != set(names):
            raise InvalidArgument(path, value, accepted)
        return {name: check_id(name, value[name], f"{path}.{name}") for name in names}

    return check


# -- jobs ------------------------------------------------------------------------------------------------


def batch_get_job(c: Context, *, identifiers: list[Mapping[str, str]]) -> Steps[dict[str, Any]]:
    """BatchGetJob: up to 100 jobs by farm, queue and job id; check ``errors`` even on success (read-only)."""
    body = BatchGetJobRequest.from_dict({"identifiers": _batch_ids(identifiers, JOB_IDS)})
    return (yield from _walked(c, "BatchGetJob", op_batch_get_job, BatchGetJobResponse, body=body))


def search_jobs(
    c: Context,
    *,
    farmId: str,
    queueIds: list[str],
    itemOffset: int,
    filterExpressions: Mapping[str, Any] | None = None,
    sortExpressions: list[Mapping[str, Any]] | None = None,
    pageSize: int | None = None,
) -> Steps[dict[str, Any]]:
    """SearchJobs: one page by offset, ``{"jobs", "totalResults", "nextItemOffset"}`` (read-only POST)."""
    farm, body = search_body(farmId, queueIds, itemOffset, None, filterExpressions, sortExpressions, pageSize)
    request = SearchJobsRequest.from_dict(body)
    return (yield from _walked(c, "SearchJobs", op_search_jobs, SearchJobsResponse, farm_id=farm, body=request))


# -- steps -----------------------------------------------------------------------------------------------


def get_step(c: Context, *, farmId: str, queueId: str, jobId: str, stepId: str) -> Steps[dict[str, Any]]:
    """GetStep: the step's fields, its tasks' run status counts included."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId)
    return (yield from _walked(c, "GetStep", op_get_step, GetStepResponse, **ids))


def list_steps(
    c: Context, *, farmId: str, queueId: str, jobId: str, nextToken: str | None = None, maxResults: int | None = None
) -> Steps[dict[str, Any]]:
    """ListSteps: one page, ``{"steps": [...], "nextToken": ...}``; ``get_paginator("list_steps")`` pages."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId)
    query = paging(nextToken, maxResults)
    return (yield from _walked(c, "ListSteps", op_list_steps, ListStepsResponse, **ids, **query))


def batch_get_step(c: Context, *, identifiers: list[Mapping[str, str]]) -> Steps[dict[str, Any]]:
    """BatchGetStep: up to 100 steps by their four ids; check ``errors`` even on success (read-only)."""
    body = BatchGetStepRequest.from_dict({"identifiers": _batch_ids(identifiers, (*JOB_IDS, "stepId"))})
    return (yield from _walked(c, "BatchGetStep", op_batch_get_step, BatchGetStepResponse, body=body))


def search_steps(
    c: Context,
    *,
    farmId: str,
    queueIds: list[str],
    itemOffset: int,
    jobId: str | None = None,
    filterExpressions: Mapping[str, Any] | None = None,
    sortExpressions: list[Mapping[str, Any]] | None = None,
    pageSize: int | None = None,
) -> Steps[dict[str, Any]]:
    """SearchSteps: one page by offset, ``{"steps", "totalResults", "nextItemOffset"}`` (read-only POST)."""
    farm, body = search_body(farmId, queueIds, itemOffset, jobId, filterExpressions, sortExpressions, pageSize)
    request = SearchStepsRequest.from_dict(body)
    return (yield from _walked(c, "SearchSteps", op_search_steps, SearchStepsResponse, farm_id=farm, body=request))


# -- sessions --------------------------------------------------------------------------------------------


def list_sessions(
    c: Context, *, farmId: str, queueId: str, jobId: str, nextToken: str | None = None, maxResults: int | None = None
) -> Steps[dict[str, Any]]:
    """ListSessions: one page of a job's sessions; ``get_paginator("list_sessions")`` pages."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId)
    query = paging(nextToken, maxResults)
    return (yield from _walked(c, "ListSessions", op_list_sessions, ListSessionsResponse, **ids, **query))


def get_session(c: Context, *, farmId: str, queueId: str, jobId: str, sessionId: str) -> Steps[dict[str, Any]]:
    """GetSession: a session (a worker's run), with its log configuration."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId, sessionId=sessionId)
    return (yield from _walked(c, "GetSession", op_get_session, GetSessionResponse, **ids))


def list_session_actions(
    c: Context,
    *,
    farmId: str,
    queueId: str,
    jobId: str,
    sessionId: str | None = None,
    taskId: str | None = None,
    nextToken: str | None = None,
    maxResults: int | None = None,
) -> Steps[dict[str, Any]]:
    """ListSessionActions: a job's actions, or one session's or one task's (what ran it, and how it ended)."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId)
    query = paging(nextToken, maxResults)
    if sessionId is not None:
        query["session_id"] = check_id("sessionId", sessionId)
    if taskId is not None:
        query["task_id"] = check_id("taskId", taskId)
    return (
        yield from _walked(c, "ListSessionActions", op_list_session_actions, ListSessionActionsResponse, **ids, **query)
    )


def get_session_action(
    c: Context, *, farmId: str, queueId: str, jobId: str, sessionActionId: str
) -> Steps[dict[str, Any]]:
    """GetSessionAction: one action, with its status, exit code and progress message."""
    ids = checked_ids(farmId=farmId, queueId=queueId, jobId=jobId, sessionActionId=sessionActionId)
    return (yield from _walked(c, "GetSessionAction", op_get_session_action, GetSessionActionResponse, **ids))


def batch_get_session(c: Context, *, identifiers: list[Mapping[str, str]]) -> Steps[dict[str, Any]]:
    """BatchGetSession: up to 100 sessions; check ``errors`` even on success (read-only)."""
    checked = _batch_ids(identifiers, (*JOB_IDS, "sessionId"))
    body = BatchGetSessionRequest.from_dict({"identifiers": checked})
    return (yield from _walked(c, "BatchGetSession", op_batch_get_session, BatchGetSessionResponse, body=body))


def batch_get_session_action(c: Context, *, identifiers: list[Mapping[str, str]]) -> Steps[dict[str, Any]]:
    """BatchGetSessionAction: up to 100 session actions; check ``errors`` even on success (read-only)."""
    checked = _batch_ids(identifiers, (*JOB_IDS, "sessionActionId"))
    body = BatchGetSessionActionRequest.from_dict({"identifiers": checked})
    return (
        yield from _walked(
            c, "BatchGetSessionAction", op_batch_get_session_action, BatchGetSessionActionResponse, body=body
        )
    )


# -- internals -------------------------------------------------------------------------------------------


def _batch_ids(identifiers: Any, names: tuple[str, ...]) -> list[dict[str, str]]:
    checked: list[dict[str, str]] = list_of(identifiers_of(names), 1, 100)(identifiers, "identifiers")
    return checked


def _walked(c: Context, name: str, operation: ModuleType, expect: type[M], **kwargs: Any) -> Steps[dict[str, Any]]:
    """Send (read-only: replayable), and return the answer walked into boto3's dict with ``ResponseMetadata``."""
    model, metadata = yield from send(c, name, operation, expect, idempotent=True, **kwargs)
    try:
        answer = walk(model)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ResponseDecodeError(f"{name}: the response does not match the spec ({error})") from error
    if "nextToken" in answer and not answer["nextToken"]:
        del answer["nextToken"]
    return {**answer, "ResponseMetadata": metadata}
