"""The task operations and GetJob/ListJobs of openapi/deadline.yaml, as Starlette endpoints (``_runs.py`` has the rest).

Each endpoint first verifies the SigV4 signature, then validates its input (400 ValidationException), then looks
resources up (404 ResourceNotFoundException naming the missing one). Handlers raise ``ApiError``; the wrapper
renders it in the service's wire format, so no request ends in a 500.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import attrs
from starlette.requests import Request
from starlette.responses import Response

from .._body import read_body
from .._service import Context
from ._credentials import DeadlineCredentials
from ._model import TARGET_RUN_STATUSES, task_state
from ._params import (
    TASK_PATH,
    check_id,
    client_token,
    decode_token,
    encode_token,
    enum_value,
    integer,
    json_object,
    listed,
    max_results,
    path_ids,
    principal_filter,
)
from ._render import batch_item, job_detail, job_summary, task_search_summary, task_summary
from ._repo import Repository
from ._search import Predicate, Sort, apply_sorts, parse_filters, parse_sorts
from ._seed import principal_for
from ._sigv4 import SignedRequest, verify
from ._sts import StsEndpoint
from ._sts_sessions import SessionStore
from ._update import TaskUpdater
from ._wire import ApiError, Field, field_error, json_response, not_found, validation_error

Handler = Callable[["Call"], Response]
Endpoint = Callable[[Request], Awaitable[Response]]
MAX_SEARCH_RESULTS = 10_000
DEFAULT_PAGE_SIZE = 100
MAX_BATCH = 100


class Call:
    """One authenticated request: its path parameters, query, headers, body and the caller's principal."""

    def __init__(self, request: Request, body: bytes, principal: str) -> None:
        self.path_params: dict[str, Any] = dict(request.path_params)
        self.query = dict(reversed(request.query_params.multi_items()))  # a repeated key: the first value wins
        self.headers = request.headers
        self.body = body
        self.principal = principal


class Handlers:
    """The operations, sharing the store, the clock and the credentials of one emulator."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.repo = Repository(ctx.store)
        self.updater = TaskUpdater(ctx.store)
        self.sessions = SessionStore()
        self.sts = StsEndpoint(lambda: self.ctx.credentials.of(DeadlineCredentials).keys, self.sessions, _signed)

    def endpoint(self, handler: Handler) -> Endpoint:
        """Wrap ``handler`` with SigV4 verification and error rendering."""

        async def run(request: Request) -> Response:
            body = await read_body(request)
            try:
                signed = _signed(request, body)
                keys = self.ctx.credentials.of(DeadlineCredentials).keys
                access_key = verify(signed, keys, time.time, sessions=self.sessions)
                return handler(Call(request, body, principal_for(access_key)))
            except ApiError as error:
                return error.to_response()

        return run

    def get_task(self, call: Call) -> Response:
        ids = path_ids(call.path_params, TASK_PATH)
        return json_response(task_summary(self.repo.task(ids), self.ctx.clock.now()))

    def list_tasks(self, call: Call) -> Response:
        ids = path_ids(call.path_params, TASK_PATH[:4])
        limit, now = max_results(call.query), self.ctx.clock.now()
        after = decode_token(call.query.get("nextToken"), "tasks", ids["stepId"], now)
        self.repo.require_step(ids["farmId"], ids["queueId"], ids["jobId"], ids["stepId"])
        tasks = self.repo.step_tasks(ids["stepId"], after, limit + 1)
        body: dict[str, Any] = {"tasks": [task_summary(t, now) for t in tasks[:limit]]}
        if len(tasks) > limit:
            body["nextToken"] = encode_token("tasks", ids["stepId"], tasks[limit - 1].seq, now)
        return json_response(body)

    def update_task(self, call: Call) -> Response:
        ids = path_ids(call.path_params, TASK_PATH)
        token = client_token(call.headers)
        target = enum_value(json_object(call.body), "targetRunStatus", TARGET_RUN_STATUSES)
        outcome = self.updater.update(ids, target, token, call.principal, self.ctx.clock.now())
        headers = {"X-Amzn-ErrorType": outcome.error_type} if outcome.error_type else None
        return json_response(outcome.body, status=outcome.status, headers=headers)

    def search_tasks(self, call: Call) -> Response:
        query = SearchQuery.parse(call.path_params, json_object(call.body))
        for queue_id in query.queue_ids:
            self.repo.require_path(query.farm_id, queue_id)
        if query.job_id is not None:
            self.require_job_in(query.farm_id, query.queue_ids, query.job_id)
        now = self.ctx.clock.now()
        rows = [(t, task_state(t, now)) for t in self.repo.queue_tasks(query.queue_ids, query.job_id)]
        if query.predicate is not None:
            rows = [row for row in rows if query.predicate(*row)]
        rows = apply_sorts(rows, query.sorts)[:MAX_SEARCH_RESULTS]
        end = query.offset + query.page_size
        result: dict[str, Any] = {
            "tasks": [task_search_summary(t, s) for t, s in rows[query.offset : end]],
            "totalResults": len(rows),
        }
        if end < len(rows):
            result["nextItemOffset"] = end
        return json_response(result)

    def batch_get_task(self, call: Call) -> Response:
        identifiers = listed(json_object(call.body), "identifiers", 1, MAX_BATCH, "identifiers")
        checked = [identifier(item, f"identifiers[{i}]") for i, item in enumerate(identifiers)]
        now = self.ctx.clock.now()
        tasks, errors = [], []
        for ids in checked:
            record = self.repo.find_task(ids)
            if record is None:
                errors.append({**ids, "code": "ResourceNotFoundException", "message": "Task not found"})
            else:
                tasks.append(batch_item(record, now))
        return json_response({"tasks": tasks, "errors": errors})

    def get_job(self, call: Call) -> Response:
        ids = path_ids(call.path_params, TASK_PATH[:3])
        job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
        return json_response(job_detail(job, self.repo.job_tasks(job.job_id), self.ctx.clock.now()))

    def list_jobs(self, call: Call) -> Response:
        ids = path_ids(call.path_params, TASK_PATH[:2])
        limit, now, principal = max_results(call.query), self.ctx.clock.now(), principal_filter(call.query)
        binding = f"{ids['queueId']}|{principal or ''}"
        after = decode_token(call.query.get("nextToken"), "jobs", binding, now)
        self.repo.require_path(ids["farmId"], ids["queueId"])
        jobs = self.repo.queue_jobs(ids["farmId"], ids["queueId"], after, limit + 1, principal)
        body: dict[str, Any] = {"jobs": [job_summary(j, self.repo.job_tasks(j.job_id), now) for j in jobs[:limit]]}
        if len(jobs) > limit:
            body["nextToken"] = encode_token("jobs", binding, jobs[limit - 1].seq, now)
        return json_response(body)

    def require_job_in(self, farm_id: str, queue_ids: list[str], job_id: str) -> None:
        for queue_id in queue_ids:
            try:
                self.repo.job(farm_id, queue_id, job_id)
                return
            except ApiError:
                continue
        raise not_found("job", job_id)


@attrs.frozen
class SearchQuery:
    """A validated SearchTasks, SearchJobs or SearchSteps request."""

    farm_id: str
    queue_ids: list[str]
    offset: int
    page_size: int
    job_id: str | None
    predicate: Predicate | None
    sorts: list[Sort]

    @classmethod
    def parse(cls, path_params: dict[str, Any], body: dict[str, Any]) -> SearchQuery:
        queues = listed(body, "queueIds", 1, 10, "queueIds")
        return cls(
            farm_id=check_id("farmId", path_params.get("farmId")),
            queue_ids=[check_id("queueId", q, f"queueIds[{i}]") for i, q in enumerate(queues)],
            offset=integer(body, "itemOffset", 0, MAX_SEARCH_RESULTS),
            page_size=integer(body, "pageSize", 1, 100, default=DEFAULT_PAGE_SIZE),
            job_id=None if body.get("jobId") is None else check_id("jobId", body["jobId"]),
            predicate=None if body.get("filterExpressions") is None else parse_filters(body["filterExpressions"]),
            sorts=[] if body.get("sortExpressions") is None else parse_sorts(body["sortExpressions"]),
        )


def identifier(item: Any, field: str, names: tuple[str, ...] = TASK_PATH) -> dict[str, str]:
    """One batch identifier: an object with the valid ids ``names`` (BatchGetTask: the five of a task)."""
    if not isinstance(item, dict):
        raise field_error(field, f"must be an object with {', '.join(names[:-1])} and {names[-1]}")
    problems = []
    for name in names:
        try:
            check_id(name, item.get(name), f"{field}.{name}")
        except ApiError as error:
            problems.append(Field(f"{field}.{name}", str(error.members["fieldList"][0]["message"])))
    if problems:
        raise validation_error(f"{len(problems)} validation error(s) detected in {field}", problems)
    return {name: str(item[name]) for name in names}


def _signed(request: Request, body: bytes) -> SignedRequest:
    """What SigV4 verification needs, taken from the raw ASGI scope (the path as the client sent it)."""
    scope = request.scope
    raw_path = scope.get("raw_path")
    path = raw_path.decode("latin-1") if isinstance(raw_path, bytes) else quote(scope["path"])
    headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope["headers"]]
    return SignedRequest(request.method, path, scope.get("query_string", b"").decode("latin-1"), headers, body)
