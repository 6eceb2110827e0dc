"""``Service``: the Deadline emulator as the shared server sees it (schema, seed, routes, errors, faults)."""

from __future__ import annotations

from typing import Any, ClassVar

from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._lifecycle import Phase
from .._service import JSON, Context, ServiceEmulator
from ._credentials import DeadlineCredentials
from ._handlers import Handlers
from ._params import ID_PATTERNS
from ._repo import Repository
from ._runs import RunHandlers
from ._schema import SCHEMA
from ._seed import Placement, SeedIds, TaskPlan, insert_tasks, principal_for, seed
from ._update import TaskUpdater
from ._wire import ApiError, error_for_status

BASE = "/2023-10-12"
FARM = BASE + "/farms/{farmId}"
JOBS = FARM + "/queues/{queueId}/jobs"
JOB = JOBS + "/{jobId}"
TASKS = JOB + "/steps/{stepId}/tasks"
TASK = TASKS + "/{taskId}"
STEPS = JOB + "/steps"
SESSIONS = JOB + "/sessions"
ACTIONS = JOB + "/session-actions"
PLACEMENT_KEYS = ("farmId", "queueId", "jobId", "stepId")
CREATE_KEYS = frozenset({"count", "outcome", "queued_s", "run_s", "parameters", *PLACEMENT_KEYS})
#: The members of Deadline's TaskParameterValue union (each holds a string).
PARAMETER_MEMBERS = ("int", "float", "string", "path")
#: The member name the ``unknown_enum`` fault gives every task/job parameter (an unknown tagged-union member).
UNKNOWN_MEMBER = "futureParameterType"


class Service(ServiceEmulator):
    """AWS Deadline Cloud (API 2023-10-12): the task operations, GetJob, ListJobs, BatchGetJob, SearchJobs, the
    step operations and the session and session-action operations, every request SigV4-verified against
    ``DeadlineCredentials.keys`` or a session issued by the STS served at ``/sts`` (``AssumeRole``,
    ``AssumeRoleWithWebIdentity``; see ``_sts.py``)."""

    name: ClassVar[str] = "deadline"
    credentials_type: ClassVar[type[Any] | None] = DeadlineCredentials
    enum_fields: ClassVar[frozenset[str]] = frozenset(
        {"runStatus", "targetRunStatus", "taskRunStatus", "targetTaskRunStatus", "lifecycleStatus", "code", "reason"}
    )

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.ids = SeedIds.for_seed(ctx.seed)
        self.handlers = Handlers(ctx)
        self.runs = RunHandlers(self.handlers)
        self.repo = Repository(ctx.store)

    def schema(self) -> str:
        return SCHEMA

    def seed(self) -> None:
        count = self.ctx.count_for(self.name)
        seed(self.ctx.store, self.ids, self.ctx.seed, count, self.ctx.clock.now(), self._creator())

    def seeded(self) -> dict[str, Any]:
        """The seeded farm, queue, job and step, their task ids, every job id, and the applied-update count."""
        store = self.ctx.store
        tasks = store.query("SELECT task_id FROM deadline_tasks WHERE step_id = ? ORDER BY seq", (self.ids.step_id,))
        jobs = store.query("SELECT job_id FROM deadline_jobs WHERE queue_id = ? ORDER BY seq", (self.ids.queue_id,))
        return {
            "farmId": self.ids.farm_id,
            "queueId": self.ids.queue_id,
            "jobId": self.ids.job_id,
            "stepId": self.ids.step_id,
            "task_ids": [r["task_id"] for r in tasks],
            "job_ids": [r["job_id"] for r in jobs],
            "updates_applied": TaskUpdater(store).applied_count(),
        }

    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        """Append ``count`` tasks to the seeded step, or to the step named by farmId/queueId/jobId/stepId."""
        unknown = sorted(set(spec) - CREATE_KEYS)
        if unknown:
            raise ValueError(f"unknown Deadline task field(s) {unknown}; accepted: {sorted(CREATE_KEYS)}")
        where = self._placement(spec)
        parameters = _parameters(spec.get("parameters"))
        plan = TaskPlan(
            self.ctx.clock.now(), float(spec["queued_s"]), float(spec["run_s"]), Phase(spec["outcome"]), 0, parameters
        )
        with self.ctx.store.transaction() as conn:
            sql = "SELECT COALESCE(MAX(seq), -1) + 1 FROM deadline_tasks WHERE step_id = ?"
            first = int(conn.execute(sql, (where.step_id,)).fetchone()[0])
            return insert_tasks(conn, where, [plan] * int(spec["count"]), first)

    def routes(self) -> list[BaseRoute]:
        h, r = self.handlers, self.runs
        return [
            Route(TASK, h.endpoint(h.get_task), methods=["GET"], name="GetTask"),
            Route(TASK, h.endpoint(h.update_task), methods=["PATCH"], name="UpdateTask"),
            Route(TASKS, h.endpoint(h.list_tasks), methods=["GET"], name="ListTasks"),
            Route(FARM + "/search/tasks", h.endpoint(h.search_tasks), methods=["POST"], name="SearchTasks"),
            Route(BASE + "/batch-get-task", h.endpoint(h.batch_get_task), methods=["POST"], name="BatchGetTask"),
            Route(JOB, h.endpoint(h.get_job), methods=["GET"], name="GetJob"),
            Route(JOBS, h.endpoint(h.list_jobs), methods=["GET"], name="ListJobs"),
            Route("/sts", h.sts.handle, methods=["POST"], name="STS"),
            Route(BASE + "/batch-get-job", h.endpoint(r.batch_get_job), methods=["POST"], name="BatchGetJob"),
            Route(FARM + "/search/jobs", h.endpoint(r.search_jobs), methods=["POST"], name="SearchJobs"),
            Route(STEPS + "/{stepId}", h.endpoint(r.get_step), methods=["GET"], name="GetStep"),
            Route(STEPS, h.endpoint(r.list_steps), methods=["GET"], name="ListSteps"),
            Route(BASE + "/batch-get-step", h.endpoint(r.batch_get_step), methods=["POST"], name="BatchGetStep"),
            Route(FARM + "/search/steps", h.endpoint(r.search_steps), methods=["POST"], name="SearchSteps"),
            Route(SESSIONS, h.endpoint(r.list_sessions), methods=["GET"], name="ListSessions"),
            Route(SESSIONS + "/{sessionId}", h.endpoint(r.get_session), methods=["GET"], name="GetSession"),
            Route(ACTIONS, h.endpoint(r.list_session_actions), methods=["GET"], name="ListSessionActions"),
            Route(
                ACTIONS + "/{sessionActionId}",
                h.endpoint(r.get_session_action),
                methods=["GET"],
                name="GetSessionAction",
            ),
            Route(
                BASE + "/batch-get-session", h.endpoint(r.batch_get_session), methods=["POST"], name="BatchGetSession"
            ),
            Route(
                BASE + "/batch-get-session-action",
                h.endpoint(r.batch_get_session_action),
                methods=["POST"],
                name="BatchGetSessionAction",
            ),
        ]

    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        return error_for_status(status, message, retry_after).to_response()

    def inject_unknown(self, body: JSON) -> JSON:
        """Unknown enum values (``enum_fields``), an unknown member in every ``parameters`` tagged union, and an
        unknown key in ``taskRunStatusCounts``."""
        return _unknown_members(super().inject_unknown(body))

    def _creator(self) -> str:
        keys = sorted(self.ctx.credentials.of(DeadlineCredentials).keys)
        return principal_for(keys[0]) if keys else "system"

    def _placement(self, spec: dict[str, Any]) -> Placement:
        seeded = (self.ids.farm_id, self.ids.queue_id, self.ids.job_id, self.ids.step_id)
        defaults = dict(zip(PLACEMENT_KEYS, seeded, strict=True))
        ids = {key: spec.get(key, defaults[key]) for key in PLACEMENT_KEYS}
        for key, value in ids.items():
            if not isinstance(value, str) or ID_PATTERNS[key].fullmatch(value) is None:
                raise ValueError(f"{key!r} must be a Deadline id matching {ID_PATTERNS[key].pattern}, got {value!r}")
        try:
            job = self.repo.job(ids["farmId"], ids["queueId"], ids["jobId"])
            self.repo.require_step(ids["farmId"], ids["queueId"], ids["jobId"], ids["stepId"])
        except ApiError as error:
            raise ValueError(error.message) from None
        return Placement(ids["farmId"], ids["queueId"], ids["jobId"], ids["stepId"], job.created_by)


def _parameters(value: Any) -> dict[str, Any] | None:
    """A created task's ``parameters``: names to one-member objects such as ``{"string": "text"}``."""
    if value is None:
        return None
    expected = f"an object of parameter names to one-member objects {{member: string}}, members {PARAMETER_MEMBERS}"
    if not isinstance(value, dict) or not all(isinstance(name, str) and name for name in value):
        raise ValueError(f"'parameters' must be {expected}, got {value!r}")
    for member in value.values():
        if not (isinstance(member, dict) and len(member) == 1):
            raise ValueError(f"'parameters' must be {expected}, got {value!r}")
        [(kind, text)] = member.items()
        if kind not in PARAMETER_MEMBERS or not isinstance(text, str):
            raise ValueError(f"'parameters' must be {expected}, got {value!r}")
    return value


def _unknown_members(value: JSON) -> JSON:
    if isinstance(value, list):
        return [_unknown_members(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "parameters" and isinstance(item, dict):
            out[key] = {name: _rename_member(member) for name, member in item.items()}
        elif key == "taskRunStatusCounts" and isinstance(item, dict):
            out[key] = {**item, "FUTURE_VALUE": 0}
        else:
            out[key] = _unknown_members(item)
    return out


def _rename_member(member: Any) -> Any:
    if isinstance(member, dict) and len(member) == 1:
        return {UNKNOWN_MEMBER: next(iter(member.values()))}
    return member
