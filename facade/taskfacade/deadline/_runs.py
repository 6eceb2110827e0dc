"""The operations around a failing task, as boto3's deadline client has them: jobs in batches and by search,
steps, sessions and session actions (``DeadlineClient`` inherits them from ``RunOperations``).

Each method takes boto3's keyword arguments, checks them all before any request (ids against their anchored
patterns, ranges, search expressions key by key), calls one generated operation, and returns boto3's dict (the
generated model walked by ``_walk.walk``) with ``ResponseMetadata``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .._errors import InvalidArgument, ResponseDecodeError
from .._transport import GeneratedResponse
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
from ._search import check_filters, check_sorts
from ._validate import check_id, check_int, list_of
from ._walk import walk

__all__ = ["JOB_IDS", "RunOperations", "identifiers_of"]

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


class RunOperations:
    """BatchGetJob, SearchJobs, steps, sessions and session actions; mixed into ``DeadlineClient``."""

    # Provided by DeadlineClient.
    _send: Callable[..., tuple[Any, dict[str, Any]]]
    _ids: Callable[..., dict[str, str]]
    _paging: Callable[[Any, Any], dict[str, Any]]

    # -- jobs ------------------------------------------------------------------------------------------------

    def batch_get_job(self, *, identifiers: list[Mapping[str, str]]) -> dict[str, Any]:
        """BatchGetJob: up to 100 jobs by farm, queue and job id; check ``errors`` even on success (read-only)."""
        body = BatchGetJobRequest.from_dict({"identifiers": self._batch_ids(identifiers, JOB_IDS)})
        return self._walked("BatchGetJob", op_batch_get_job.sync_detailed, BatchGetJobResponse, body=body)

    def search_jobs(
        self,
        *,
        farmId: str,
        queueIds: list[str],
        itemOffset: int,
        filterExpressions: Mapping[str, Any] | None = None,
        sortExpressions: list[Mapping[str, Any]] | None = None,
        pageSize: int | None = None,
    ) -> dict[str, Any]:
        """SearchJobs: one page by offset, ``{"jobs", "totalResults", "nextItemOffset"}`` (read-only POST)."""
        farm, body = self._search_body(farmId, queueIds, itemOffset, None, filterExpressions, sortExpressions, pageSize)
        request = SearchJobsRequest.from_dict(body)
        return self._walked("SearchJobs", op_search_jobs.sync_detailed, SearchJobsResponse, farm_id=farm, body=request)

    # -- steps -----------------------------------------------------------------------------------------------

    def get_step(self, *, farmId: str, queueId: str, jobId: str, stepId: str) -> dict[str, Any]:
        """GetStep: the step's fields, its tasks' run status counts included."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId, stepId=stepId)
        return self._walked("GetStep", op_get_step.sync_detailed, GetStepResponse, **ids)

    def list_steps(
        self, *, farmId: str, queueId: str, jobId: str, nextToken: str | None = None, maxResults: int | None = None
    ) -> dict[str, Any]:
        """ListSteps: one page, ``{"steps": [...], "nextToken": ...}``; ``get_paginator("list_steps")`` pages."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId)
        paging = self._paging(nextToken, maxResults)
        return self._walked("ListSteps", op_list_steps.sync_detailed, ListStepsResponse, **ids, **paging)

    def batch_get_step(self, *, identifiers: list[Mapping[str, str]]) -> dict[str, Any]:
        """BatchGetStep: up to 100 steps by their four ids; check ``errors`` even on success (read-only)."""
        body = BatchGetStepRequest.from_dict({"identifiers": self._batch_ids(identifiers, (*JOB_IDS, "stepId"))})
        return self._walked("BatchGetStep", op_batch_get_step.sync_detailed, BatchGetStepResponse, body=body)

    def search_steps(
        self,
        *,
        farmId: str,
        queueIds: list[str],
        itemOffset: int,
        jobId: str | None = None,
        filterExpressions: Mapping[str, Any] | None = None,
        sortExpressions: list[Mapping[str, Any]] | None = None,
        pageSize: int | None = None,
    ) -> dict[str, Any]:
        """SearchSteps: one page by offset, ``{"steps", "totalResults", "nextItemOffset"}`` (read-only POST)."""
        farm, body = self._search_body(
            farmId, queueIds, itemOffset, jobId, filterExpressions, sortExpressions, pageSize
        )
        request = SearchStepsRequest.from_dict(body)
        return self._walked(
            "SearchSteps", op_search_steps.sync_detailed, SearchStepsResponse, farm_id=farm, body=request
        )

    # -- sessions --------------------------------------------------------------------------------------------

    def list_sessions(
        self, *, farmId: str, queueId: str, jobId: str, nextToken: str | None = None, maxResults: int | None = None
    ) -> dict[str, Any]:
        """ListSessions: one page of a job's sessions; ``get_paginator("list_sessions")`` pages."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId)
        paging = self._paging(nextToken, maxResults)
        return self._walked("ListSessions", op_list_sessions.sync_detailed, ListSessionsResponse, **ids, **paging)

    def get_session(self, *, farmId: str, queueId: str, jobId: str, sessionId: str) -> dict[str, Any]:
        """GetSession: a session (a worker's run), with its log configuration."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId, sessionId=sessionId)
        return self._walked("GetSession", op_get_session.sync_detailed, GetSessionResponse, **ids)

    def list_session_actions(
        self,
        *,
        farmId: str,
        queueId: str,
        jobId: str,
        sessionId: str | None = None,
        taskId: str | None = None,
        nextToken: str | None = None,
        maxResults: int | None = None,
    ) -> dict[str, Any]:
        """ListSessionActions: a job's actions, or one session's or one task's (what ran it, and how it ended)."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId)
        query = self._paging(nextToken, maxResults)
        if sessionId is not None:
            query["session_id"] = check_id("sessionId", sessionId)
        if taskId is not None:
            query["task_id"] = check_id("taskId", taskId)
        return self._walked(
            "ListSessionActions", op_list_session_actions.sync_detailed, ListSessionActionsResponse, **ids, **query
        )

    def get_session_action(self, *, farmId: str, queueId: str, jobId: str, sessionActionId: str) -> dict[str, Any]:
        """GetSessionAction: one action, with its status, exit code and progress message."""
        ids = self._ids(farmId=farmId, queueId=queueId, jobId=jobId, sessionActionId=sessionActionId)
        return self._walked("GetSessionAction", op_get_session_action.sync_detailed, GetSessionActionResponse, **ids)

    def batch_get_session(self, *, identifiers: list[Mapping[str, str]]) -> dict[str, Any]:
        """BatchGetSession: up to 100 sessions; check ``errors`` even on success (read-only)."""
        checked = self._batch_ids(identifiers, (*JOB_IDS, "sessionId"))
        body = BatchGetSessionRequest.from_dict({"identifiers": checked})
        return self._walked("BatchGetSession", op_batch_get_session.sync_detailed, BatchGetSessionResponse, body=body)

    def batch_get_session_action(self, *, identifiers: list[Mapping[str, str]]) -> dict[str, Any]:
        """BatchGetSessionAction: up to 100 session actions; check ``errors`` even on success (read-only)."""
        checked = self._batch_ids(identifiers, (*JOB_IDS, "sessionActionId"))
        body = BatchGetSessionActionRequest.from_dict({"identifiers": checked})
        return self._walked(
            "BatchGetSessionAction",
            op_batch_get_session_action.sync_detailed,
            BatchGetSessionActionResponse,
            body=body,
        )

    # -- internals -------------------------------------------------------------------------------------------

    @staticmethod
    def _batch_ids(identifiers: Any, names: tuple[str, ...]) -> list[dict[str, str]]:
        checked: list[dict[str, str]] = list_of(identifiers_of(names), 1, 100)(identifiers, "identifiers")
        return checked

    @staticmethod
    def _search_body(
        farm_id: Any,
        queue_ids: Any,
        item_offset: Any,
        job_id: Any,
        filters: Any,
        sorts: Any,
        page_size: Any,
    ) -> tuple[str, dict[str, Any]]:
        body: dict[str, Any] = {
            "queueIds": list_of(lambda v, p: check_id("queueId", v, p), 1, 10)(queue_ids, "queueIds"),
            "itemOffset": check_int("itemOffset", item_offset, 0, 10_000),
        }
        farm = check_id("farmId", farm_id)
        if job_id is not None:
            body["jobId"] = check_id("jobId", job_id)
        if filters is not None:
            body["filterExpressions"] = check_filters(filters)
        if sorts is not None:
            body["sortExpressions"] = check_sorts(sorts)
        if page_size is not None:
            body["pageSize"] = check_int("pageSize", page_size, 1, 100)
        return farm, body

    def _walked(
        self, name: str, operation: Callable[..., GeneratedResponse], expect: type[M], **kwargs: Any
    ) -> dict[str, Any]:
        """Send (read-only: replayable), and return the answer walked into boto3's dict with ``ResponseMetadata``."""
        model, metadata = self._send(name, operation, expect, idempotent=True, **kwargs)
        try:
            answer = walk(model)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise ResponseDecodeError(f"{name}: the response does not match the spec ({error})") from error
        if "nextToken" in answer and not answer["nextToken"]:
            del answer["nextToken"]
        return {**answer, "ResponseMetadata": metadata}
