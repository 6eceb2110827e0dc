"""UpdateTask: target run status transitions by Deadline's rules, idempotent by ``X-Amz-Client-Token``.

Rules (current run status -> targetRunStatus):
- READY or PENDING requeues the task (it runs again from the queue and succeeds), from any status except a queued
  one (a no-op) and INTERRUPTING (a conflict);
- CANCELED, FAILED, SUSPENDED and SUCCEEDED stop a queued or suspended task at once and a running one after
  ``INTERRUPT_S`` of INTERRUPTING; SUCCEEDED also marks a FAILED, CANCELED or NOT_COMPATIBLE task succeeded;
- asking for the status the task already has (or is being interrupted into) is an accepted no-op;
- anything else, e.g. cancelling a SUCCEEDED task, is a ConflictException (STATUS_CONFLICT).

Idempotency: the first outcome of each client token is stored with a fingerprint of the request, in the same
transaction as the change. A retry with the same token and request gets that outcome again without applying
anything; the same token with a different request is a ConflictException. Every applied update increments the
``update_task_applied`` counter, so tests can prove no token was applied twice.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs

from .._store import Store
from ._model import FINAL_STATUSES, INTERRUPT_S, QUEUED_STATUSES, TaskRecord, task_state
from ._repo import Repository
from ._wire import ApiError, conflict

APPLIED_COUNTER = "update_task_applied"


@attrs.frozen
class Outcome:
    """What an UpdateTask answered: 200 with ``{}``, or an error (stored per client token)."""

    status: int
    error_type: str | None
    body: dict[str, Any]

    @classmethod
    def from_error(cls, error: ApiError) -> Outcome:
        return cls(error.status, error.error_type, error.body())


@attrs.frozen
class _Change:
    kind: str  # "noop", "requeue" or "override"
    status: str | None = None
    interrupting: bool = False


class TaskUpdater:
    """Applies UpdateTask requests to the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.repo = Repository(store)

    def update(self, ids: dict[str, str], target: str, token: str | None, principal: str, now: float) -> Outcome:
        """Apply (or replay) one UpdateTask atomically."""
        fingerprint = hashlib.sha256(json.dumps([ids, target], sort_keys=True).encode()).hexdigest()
        with self.store.transaction() as conn:
            if token is not None:
                row = conn.execute(
                    "SELECT fingerprint, status, error_type, body FROM deadline_client_tokens WHERE token = ?", (token,)
                ).fetchone()
                if row is not None:
                    if row["fingerprint"] != fingerprint:
                        message = "The client token was already used with different request parameters"
                        return Outcome.from_error(conflict(message, "task", ids["taskId"], "CONFLICT_EXCEPTION"))
                    return Outcome(row["status"], row["error_type"], json.loads(row["body"]))
            outcome = self._apply(ids, target, principal, now)
            if token is not None:
                conn.execute(
                    "INSERT INTO deadline_client_tokens VALUES (?, ?, ?, ?, ?, ?)",
                    (token, fingerprint, outcome.status, outcome.error_type, json.dumps(outcome.body), now),
                )
        return outcome

    def applied_count(self) -> int:
        row = self.store.query_one("SELECT value FROM deadline_counters WHERE name = ?", (APPLIED_COUNTER,))
        return int(row["value"]) if row is not None else 0

    def _apply(self, ids: dict[str, str], target: str, principal: str, now: float) -> Outcome:
        try:
            task = self.repo.task(ids)
            change = _decide(task, target, now)
        except ApiError as error:
            return Outcome.from_error(error)
        common = {"target": target, "now": now, "principal": principal, "task_id": task.task_id}
        if change.kind == "requeue":
            self.store.execute(
                "UPDATE deadline_tasks SET run_epoch = :now, outcome = 'succeeded', override_status = NULL,"
                " override_at = NULL, changed_at = NULL, interrupting = 0, session_seq = session_seq + 1,"
                " target_run_status = :target, updated_at = :now, updated_by = :principal WHERE task_id = :task_id",
                common,
            )
        elif change.kind == "override":
            at = now + INTERRUPT_S if change.interrupting else now
            self.store.execute(
                "UPDATE deadline_tasks SET override_status = :status, override_at = :at, changed_at = :now,"
                " interrupting = :interrupting, target_run_status = :target, updated_at = :now,"
                " updated_by = :principal WHERE task_id = :task_id",
                {**common, "status": change.status, "at": at, "interrupting": int(change.interrupting)},
            )
        else:
            self.store.execute(
                "UPDATE deadline_tasks SET target_run_status = :target, updated_at = :now, updated_by = :principal"
                " WHERE task_id = :task_id",
                common,
            )
        self.store.execute(
            "INSERT INTO deadline_counters VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1",
            (APPLIED_COUNTER,),
        )
        return Outcome(200, None, {})


def _decide(task: TaskRecord, target: str, now: float) -> _Change:
    """The change ``target`` makes to ``task`` now, or a ConflictException."""
    status = task_state(task, now).run_status
    refuse = conflict(f"Task {task.task_id} is {status} and cannot be updated to {target}", "task", task.task_id)
    if status == "INTERRUPTING":
        if target == task.override_status:
            return _Change("noop")
        raise refuse
    if target in ("READY", "PENDING"):
        return _Change("noop") if status in QUEUED_STATUSES else _Change("requeue")
    if target == status:
        return _Change("noop")
    if status in FINAL_STATUSES:
        if target == "SUCCEEDED":
            return _Change("override", "SUCCEEDED")
        raise refuse
    return _Change("override", target, interrupting=status == "RUNNING")
