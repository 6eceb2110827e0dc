"""What a render-farm user reads around a failing task: jobs in batches and by search, steps, sessions and
session actions, as Starlette handlers (wrapped by ``Handlers.endpoint`` for SigV4 and error rendering).

Steps roll their tasks up as jobs do; sessions and session actions are derived from the tasks (``_sessions.py``).
SearchJobs and SearchSteps take SearchTasks' filters and sorts, evaluated on each job's or step's rolled-up run
status and times (a ``parameterFilter`` on a job reads the job's parameters; on a step, its first task's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from starlette.responses import Response

from ._handlers import MAX_BATCH, MAX_SEARCH_RESULTS, Call, Handlers, SearchQuery, identifier
from ._model import TaskRecord, TaskState, job_run_status, task_state
from ._params import check_id, decode_token, encode_token, json_object, listed, max_results, path_ids
from ._render import (
    batch_job_item,
    job_search_summary,
    step_detail,
    step_search_summary,
    step_summary,
)
from ._repo import JobRecord, Repository
from ._search import apply_sorts
from ._sessions import Action, Session, session_of
from ._wire import ApiError, json_response, not_found

JOB_PATH = ("farmId", "queueId", "jobId")


class RunHandlers:
    """BatchGetJob, SearchJobs, the step operations and the session operations."""

    def __init__(self, handlers: Handlers) -> None:
        self.handlers = handlers
        self.ctx = handlers.ctx
        self.repo: Repository = handlers.repo

    # -- jobs ------------------------------------------------------------------------------------------------

    def batch_get_job(self, call: Call) -> Response:
        items = _identifiers(call, JOB_PATH)
        now, jobs, errors = self.ctx.clock.now(), [], []
        for ids in items:
            job = self.repo.find_job(ids["farmId"], ids["queueId"], ids["jobId"])
            if job is None:
                errors.append({**ids, "code": "ResourceNotFoundException", "message": "Job not found"})
            else:
                jobs.append(batch_job_item(job, self.repo.job_tasks(job.job_id), now))
        return json_response({"jobs": jobs, "errors": errors})

    def search_jobs(self, call: Call) -> Response:
        query = self._query(call)
        now = self.ctx.clock.now()
        rows = []
        for job in self.repo.queue_job_list(query.farm_id, query.queue_ids):
            tasks = self.repo.job_tasks(job.job_id)
            if tasks:
                rows.append((job, tasks, *_as_task(tasks, now, job.parameters)))
        body = self._page(query, rows, "jobs", lambda row: job_search_summary(row[0], row[1], now))
        return json_response(body)

    # -- steps -----------------------------------------------------------------------------------------------

    def get_step(self, call: Call) -> Response:
        ids = path_ids(call.path_params, (*JOB_PATH, "stepId"))
        step = self.repo.step(ids["farmId"], ids["queueId"], ids["jobId"], ids["stepId"])
        job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
        return json_response(step_detail(step, job, self.repo.step_all_tasks(step.step_id), self.ctx.clock.now()))

    def list_steps(self, call: Call) -> Response:
        ids = path_ids(call.path_params, JOB_PATH)
        job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
        now = self.ctx.clock.now()
        steps = self.repo.job_steps(job.job_id)
        page, token = self._slice(call, "steps", job.job_id, steps, now)
        items = [step_summary(s, job, self.repo.step_all_tasks(s.step_id), now) for s in page]
        return json_response(_with_token({"steps": items}, token))

    def batch_get_step(self, call: Call) -> Response:
        items = _identifiers(call, (*JOB_PATH, "stepId"))
        now, steps, errors = self.ctx.clock.now(), [], []
        for ids in items:
            try:
                step = self.repo.step(ids["farmId"], ids["queueId"], ids["jobId"], ids["stepId"])
                job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
            except ApiError:
                errors.append({**ids, "code": "ResourceNotFoundException", "message": "Step not found"})
                continue
            detail = step_detail(step, job, self.repo.step_all_tasks(step.step_id), now)
            steps.append({"farmId": ids["farmId"], "queueId": ids["queueId"], "jobId": ids["jobId"], **detail})
        return json_response({"steps": steps, "errors": errors})

    def search_steps(self, call: Call) -> Response:
        query = self._query(call)
        now = self.ctx.clock.now()
        rows = []
        for job in self.repo.queue_job_list(query.farm_id, query.queue_ids):
            if query.job_id is not None and job.job_id != query.job_id:
                continue
            for step in self.repo.job_steps(job.job_id):
                tasks = self.repo.step_all_tasks(step.step_id)
                if tasks:
                    rows.append((step, job, tasks, *_as_task(tasks, now, None)))
        body = self._page(query, rows, "steps", lambda row: step_search_summary(row[0], row[1], row[2], now))
        return json_response(body)

    # -- sessions --------------------------------------------------------------------------------------------

    def list_sessions(self, call: Call) -> Response:
        ids = path_ids(call.path_params, JOB_PATH)
        job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
        now = self.ctx.clock.now()
        sessions = self._sessions(job, now)
        page, token = self._slice(call, "sessions", job.job_id, sessions, now)
        return json_response(_with_token({"sessions": [s.summary() for s in page]}, token))

    def get_session(self, call: Call) -> Response:
        ids = path_ids(call.path_params, (*JOB_PATH, "sessionId"))
        job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
        for session in self._sessions(job, self.ctx.clock.now()):
            if session.session_id == ids["sessionId"]:
                return json_response(session.detail())
        raise not_found("session", ids["sessionId"])

    def batch_get_session(self, call: Call) -> Response:
        items = _identifiers(call, (*JOB_PATH, "sessionId"))
        found, errors = [], []
        for ids in items:
            session = self._find_session(ids)
            if session is None:
                errors.append({**ids, "code": "ResourceNotFoundException", "message": "Session not found"})
            else:
                found.append({"farmId": ids["farmId"], "queueId": ids["queueId"], "jobId": ids["jobId"]})
                found[-1].update(session.detail())
        return json_response({"sessions": found, "errors": errors})

    def list_session_actions(self, call: Call) -> Response:
        ids = path_ids(call.path_params, JOB_PATH)
        session_id = _optional_id(call, "sessionId")
        task_id = _optional_id(call, "taskId")
        job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
        now = self.ctx.clock.now()
        actions = [
            action
            for session in self._sessions(job, now)
            if (session_id is None or session.session_id == session_id)
            and (task_id is None or session.task.task_id == task_id)
            for action in session.actions
        ]
        binding = f"{job.job_id}|{session_id or ''}|{task_id or ''}"
        page, token = self._slice(call, "session-actions", binding, actions, now)
        return json_response(_with_token({"sessionActions": [a.summary() for a in page]}, token))

    def get_session_action(self, call: Call) -> Response:
        ids = path_ids(call.path_params, (*JOB_PATH, "sessionActionId"))
        self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
        action = self._find_action(ids)
        if action is None:
            raise not_found("session-action", ids["sessionActionId"])
        return json_response(action.detail())

    def batch_get_session_action(self, call: Call) -> Response:
        items = _identifiers(call, (*JOB_PATH, "sessionActionId"))
        found, errors = [], []
        for ids in items:
            action = self._find_action(ids)
            if action is None:
                errors.append({**ids, "code": "ResourceNotFoundException", "message": "Session action not found"})
            else:
                found.append({"farmId": ids["farmId"], "queueId": ids["queueId"], "jobId": ids["jobId"]})
                found[-1].update(action.detail())
        return json_response({"sessionActions": found, "errors": errors})

    # -- internals -------------------------------------------------------------------------------------------

    def _query(self, call: Call) -> SearchQuery:
        query = SearchQuery.parse(call.path_params, json_object(call.body))
        for queue_id in query.queue_ids:
            self.repo.require_path(query.farm_id, queue_id)
        if query.job_id is not None:
            self.handlers.require_job_in(query.farm_id, query.queue_ids, query.job_id)
        return query

    @staticmethod
    def _page(query: SearchQuery, rows: list[Any], key: str, render: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
        """Filter, sort and cut one page of search hits; each row ends with a (TaskRecord, TaskState) stand-in."""
        pairs = [(row[-2], row[-1]) for row in rows]
        by_pair = {id(pair[0]): row for pair, row in zip(pairs, rows, strict=True)}
        if query.predicate is not None:
            pairs = [pair for pair in pairs if query.predicate(*pair)]
        pairs = apply_sorts(pairs, query.sorts)[:MAX_SEARCH_RESULTS]
        end = query.offset + query.page_size
        body: dict[str, Any] = {
            key: [render(by_pair[id(task)]) for task, _state in pairs[query.offset : end]],
            "totalResults": len(pairs),
        }
        if end < len(pairs):
            body["nextItemOffset"] = end
        return body

    def _slice(self, call: Call, kind: str, binding: str, items: list[Any], now: float) -> tuple[list[Any], str | None]:
        """One token page of ``items`` (the token holds the position reached)."""
        limit = max_results(call.query)
        start = decode_token(call.query.get("nextToken"), kind, binding, now) + 1
        page = items[start : start + limit]
        more = start + limit < len(items)
        return page, encode_token(kind, binding, start + limit - 1, now) if more else None

    def _sessions(self, job: JobRecord, now: float) -> list[Session]:
        sessions = (session_of(task, now) for task in self.repo.job_tasks(job.job_id))
        return [s for s in sessions if s is not None]

    def _find_session(self, ids: dict[str, str]) -> Session | None:
        job = self.repo.find_job(ids["farmId"], ids["queueId"], ids["jobId"])
        if job is None:
            return None
        matches = [s for s in self._sessions(job, self.ctx.clock.now()) if s.session_id == ids["sessionId"]]
        return matches[0] if matches else None

    def _find_action(self, ids: dict[str, str]) -> Action | None:
        job = self.repo.find_job(ids["farmId"], ids["queueId"], ids["jobId"])
        if job is None:
            return None
        session_hex = ids["sessionActionId"].split("-")[1]
        for session in self._sessions(job, self.ctx.clock.now()):
            if session.session_id == f"session-{session_hex}":
                return next((a for a in session.actions if a.action_id == ids["sessionActionId"]), None)
        return None


def _as_task(tasks: list[TaskRecord], now: float, parameters: dict[str, Any] | None) -> tuple[TaskRecord, TaskState]:
    """A (task, state) stand-in for a job or step, so SearchTasks' predicates and sorts apply to it unchanged:
    the rolled-up run status, the earliest start, the latest end (when all ended), the latest update."""
    states = [task_state(t, now) for t in tasks]
    started = [s.started_at for s in states if s.started_at is not None]
    ended = [s.ended_at for s in states]
    end = max(e for e in ended if e is not None) if ended and all(e is not None for e in ended) else None
    updated = [t.updated_at for t in tasks if t.updated_at is not None]
    stand_in = attrs.evolve(
        tasks[0],
        updated_at=max(updated) if updated else None,
        parameters=tasks[0].parameters if parameters is None else parameters,
    )
    status = job_run_status(s.run_status for s in states)
    return stand_in, TaskState(status, min(started) if started else None, end)


def _identifiers(call: Call, names: tuple[str, ...]) -> list[dict[str, str]]:
    items = listed(json_object(call.body), "identifiers", 1, MAX_BATCH, "identifiers")
    return [identifier(item, f"identifiers[{i}]", names) for i, item in enumerate(items)]


def _optional_id(call: Call, name: str) -> str | None:
    value = call.query.get(name)
    return None if value is None else check_id(name, value)


def _with_token(body: dict[str, Any], token: str | None) -> dict[str, Any]:
    if token is not None:
        body["nextToken"] = token
    return body


__all__ = ["JOB_PATH", "RunHandlers"]
