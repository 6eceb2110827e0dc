"""Sessions and session actions, derived from each task's current run (nothing extra is stored).

Every task that has started has one session: a worker's run of that task (a requeue by UpdateTask starts a new
run, hence a new session id, from ``session_seq``). The session holds one ``taskRun`` action per attempt: the
task's ``failureRetryCount`` earlier attempts, each FAILED with exit code 1, then the current attempt, whose status
follows the task's run status (RUNNING, CANCELING while INTERRUPTING, SUCCEEDED, FAILED, CANCELED, INTERRUPTED
when suspended, NEVER_ATTEMPTED when not compatible). The attempts split the run's time evenly, and the task's
``latestSessionActionId`` names its last one. So a failing task's history reads the same through GetTask,
ListSessionActions(taskId=...), GetSessionAction and BatchGetSessionAction.
"""

from __future__ import annotations

import hashlib
from typing import Any

import attrs

from ._model import TaskRecord, TaskState, task_state
from ._wire import iso

_ACTION_STATUS = {
    "RUNNING": "RUNNING",
    "ASSIGNED": "RUNNING",
    "STARTING": "RUNNING",
    "SCHEDULED": "RUNNING",
    "INTERRUPTING": "CANCELING",
    "SUCCEEDED": "SUCCEEDED",
    "FAILED": "FAILED",
    "CANCELED": "CANCELED",
    "SUSPENDED": "INTERRUPTED",
    "NOT_COMPATIBLE": "NEVER_ATTEMPTED",
}
_EXIT_CODES = {"SUCCEEDED": 0, "FAILED": 1}


def _hex(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:32]


def session_hex(task: TaskRecord) -> str:
    """The 32 hex digits of the session of the task's current run."""
    return _hex("session", task.task_id, str(task.session_seq))


def latest_action_id(task: TaskRecord) -> str:
    """The id of the task's latest session action (its current attempt)."""
    return f"sessionaction-{session_hex(task)}-{task.failure_retry_count}"


@attrs.frozen
class Action:
    """One session action: a ``taskRun`` attempt."""

    action_id: str
    session_id: str
    task: TaskRecord
    status: str
    started_at: float
    ended_at: float | None
    progress: float

    def summary(self) -> dict[str, Any]:
        """ListSessionActions' item (SessionActionSummary)."""
        body: dict[str, Any] = {"sessionActionId": self.action_id, "status": self.status}
        body["startedAt"] = iso(self.started_at)
        if self.ended_at is not None:
            body["endedAt"] = iso(self.ended_at)
        body["workerUpdatedAt"] = iso(self.ended_at if self.ended_at is not None else self.started_at)
        body["progressPercent"] = self.progress
        body["definition"] = {"taskRun": {"taskId": self.task.task_id, "stepId": self.task.step_id}}
        if self.task.parameters:
            body["definition"]["taskRun"]["parameters"] = self.task.parameters
        return body

    def detail(self) -> dict[str, Any]:
        """GetSessionAction's output: the summary with the session, exit code and a progress message."""
        body = {**self.summary(), "sessionId": self.session_id}
        body["definition"] = {"taskRun": {"taskId": self.task.task_id, "stepId": self.task.step_id}}
        body["definition"]["taskRun"]["parameters"] = dict(self.task.parameters)
        if self.status in _EXIT_CODES:
            body["processExitCode"] = _EXIT_CODES[self.status]
        body["progressMessage"] = f"attempt {self.action_id.rsplit('-', 1)[1]}: {self.status.lower()}"
        return body


@attrs.frozen
class Session:
    """One task run on one worker."""

    session_id: str
    task: TaskRecord
    state: TaskState
    actions: tuple[Action, ...]

    def summary(self) -> dict[str, Any]:
        """ListSessions' item (SessionSummary)."""
        hex_farm = self.task.farm_id.removeprefix("farm-")
        body: dict[str, Any] = {
            "sessionId": self.session_id,
            "fleetId": f"fleet-{_hex('fleet', hex_farm)}",
            "workerId": f"worker-{_hex('worker', self.task.task_id)}",
            "startedAt": iso(self.state.started_at or 0.0),
            "lifecycleStatus": "ENDED" if self.state.ended_at is not None else "STARTED",
        }
        if self.state.ended_at is not None:
            body["endedAt"] = iso(self.state.ended_at)
        return body

    def detail(self) -> dict[str, Any]:
        """GetSession's output: the summary with its log configuration."""
        group = f"/aws/deadline/{self.task.farm_id}/{self.task.queue_id}"
        return {**self.summary(), "log": {"logDriver": "awslogs", "options": {"logGroupName": group}}}


def session_of(task: TaskRecord, now: float) -> Session | None:
    """The session of the task's current run, or None when it has not started."""
    state = task_state(task, now)
    if state.started_at is None:
        return None
    hex_id = session_hex(task)
    session_id = f"session-{hex_id}"
    attempts = task.failure_retry_count + 1
    end = state.ended_at if state.ended_at is not None else max(now, state.started_at)
    span = (end - state.started_at) / attempts
    actions = []
    for index in range(attempts):
        start = state.started_at + index * span
        last = index == attempts - 1
        status = _ACTION_STATUS.get(state.run_status, "RUNNING") if last else "FAILED"
        ended = state.ended_at if last else start + span
        running = last and ended is None
        progress = round(min(99.0, 100.0 * (now - start) / max(task.run_s, 1.0)), 1) if running else 100.0
        if status in ("CANCELED", "CANCELING", "INTERRUPTED", "NEVER_ATTEMPTED"):
            progress = 0.0 if status == "NEVER_ATTEMPTED" else progress
        action_id = f"sessionaction-{hex_id}-{index}"
        actions.append(Action(action_id, session_id, task, status, start, ended, max(progress, 0.0)))
    return Session(session_id, task, state, tuple(actions))
