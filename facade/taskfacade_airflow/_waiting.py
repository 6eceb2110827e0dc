"""What the wait operator and the sensor share: checking their arguments, rebuilding the jobs, the wait in the worker,
and turning an outcome (a trigger event's payload) into the task's result or failure.

Every check runs before anything is deferred or polled and raises ``InvalidArgument`` naming the argument
(``tokens[2]``, ``job_ids[0]``, ``fail_on_phases``, ``timeout``) or the connection id; the operators turn it into
``AirflowFailException`` (no retry: the same input would fail the same way).

An outcome has the trigger event's shape (``taskfacade_airflow.triggers``), whether the wait ran in the triggerer
or in the worker::

    {"status": "success" | "failed" | "timeout" | "error", "message": str, "conn_id": str,
     "jobs": [{"token", "id", "status", "phase", "error"}, ...]}
"""

from __future__ import annotations

import datetime
import math
import time
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import taskfacade
from taskfacade import InvalidArgument, TaskFacadeError, TokenData, WaitTimeout, is_transient, refresh_all

from ._compat import AirflowException, AirflowFailException
from .hooks import TaskfacadeHook
from .triggers import DEFAULT_FAIL_ON, TaskfacadeJobsTrigger, check_fail_on, job_record, outcome, payload

__all__ = [
    "DEFAULT_FAIL_ON_PHASES",
    "WaitRequest",
    "check_request",
    "checked_wait",
    "fail_task",
    "finish",
    "outcome_of",
    "rebuild_jobs",
    "trigger_for",
    "wait_in_worker",
]

#: What ``job_ids`` holds per service (when jobs are not given as tokens).
_IDS_ACCEPTED = {
    "tiledb": "TileDB task ids (strings)",
    "geobox": "Geobox task uuids (strings)",
    "deadline": "dicts with farmId, queueId, jobId (a job) and stepId, taskId (a task)",
    "tensorbay": "dicts with dataset_id, job_type ('squashAndMerge' or 'basicSearch') and job_id",
}
_DEADLINE_JOB = ("farmId", "queueId", "jobId")
_DEADLINE_TASK = (*_DEADLINE_JOB, "stepId", "taskId")
_TENSORBAY = ("dataset_id", "job_type", "job_id")
#: The phases that fail a task unless it says otherwise (the trigger's default).
DEFAULT_FAIL_ON_PHASES: tuple[str, ...] = DEFAULT_FAIL_ON


@attrs.frozen
class WaitRequest:
    """A checked wait: the connection, the jobs as tokens, and how to wait.

    Attributes:
        conn_id: the connection of the jobs' service.
        service: that service's facade name.
        tokens: one continuation token per job (from ``tokens`` or made from ``job_ids``), checked.
        poll_interval: seconds between polls.
        end_time: epoch seconds when the wait gives up, or None.
        fail_on: ``JobPhase`` names that fail the task.
    """

    conn_id: str
    service: str
    tokens: tuple[str, ...]
    poll_interval: float
    end_time: float | None
    fail_on: tuple[str, ...]


#: Why a template gave text where a list or a number was expected.
_TEMPLATE_HINT = " (a template renders as text unless the DAG sets render_template_as_native_obj=True)"


def _seconds(parameter: str, value: object, *, optional: bool) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds()
    accepted = "seconds > 0 (a number or a datetime.timedelta)" + (", or None" if optional else "")
    if isinstance(value, str):
        accepted += _TEMPLATE_HINT
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise InvalidArgument(parameter, value, accepted)
    return float(value)


def _listed(parameter: str, value: object, what: str) -> list[Any]:
    if isinstance(value, str):
        raise InvalidArgument(parameter, value, f"a list of {what}{_TEMPLATE_HINT}")
    if isinstance(value, bytes | Mapping) or not isinstance(value, Sequence):
        raise InvalidArgument(parameter, type(value).__name__, f"a list of {what}")
    if not value:
        raise InvalidArgument(parameter, value, f"a non-empty list of {what}")
    return list(value)


def _token_from_ids(service: str, index: int, ids: object) -> str:
    """The token of a job given by its ids (no request: the job is fetched when first polled).

    The ids are checked here against what each service's jobs need, so the error names ``job_ids[i]`` and the
    service's own id names; ``taskfacade.TokenData.to_token()`` checks the job kind and the values.
    """
    parameter = f"job_ids[{index}]"
    accepted = _IDS_ACCEPTED[service]
    if service in ("tiledb", "geobox"):
        if not isinstance(ids, str) or not ids:
            raise InvalidArgument(parameter, ids, accepted)
        return _made(
            parameter, accepted, TokenData(service, "task", {"id" if service == "tiledb" else "uuid": ids}, None)
        )
    if not isinstance(ids, Mapping) or not all(isinstance(v, str) and v for v in ids.values()):
        raise InvalidArgument(parameter, ids, accepted)
    keys = set(ids)
    if service == "deadline" and keys in (set(_DEADLINE_JOB), set(_DEADLINE_TASK)):
        kind = "task" if "taskId" in keys else "job"
        return _made(parameter, accepted, TokenData(service, kind, dict(ids), None))
    if service == "tensorbay" and keys == set(_TENSORBAY):
        # no status: the job's phase is UNKNOWN (never finished) until its first refresh
        return _made(parameter, accepted, TokenData(service, str(ids["job_type"]), dict(ids), None))
    raise InvalidArgument(parameter, ids, accepted)


def _made(parameter: str, accepted: str, data: TokenData) -> str:
    """``data``'s token; a refusal names ``parameter`` (the ids as given) with what the facade refused."""
    try:
        return data.to_token()
    except InvalidArgument as error:
        raise InvalidArgument(parameter, error.value, f"{accepted} ({error.parameter}: {error.accepted})") from None


def check_request(
    hook: TaskfacadeHook,
    *,
    tokens: object,
    job_ids: object,
    timeout: object,
    poll_interval: object,
    fail_on_phases: object,
) -> WaitRequest:
    """Every argument of a wait checked (no request is sent); ``InvalidArgument`` names the first bad one."""
    if (tokens is None) == (job_ids is None):
        raise InvalidArgument("tokens", tokens, "either tokens or job_ids (exactly one of them)")
    interval = _seconds("poll_interval", poll_interval, optional=False)
    limit = _seconds("timeout", timeout, optional=True)
    fail_on = check_fail_on(list(fail_on_phases) if isinstance(fail_on_phases, tuple) else fail_on_phases,
                            "fail_on_phases")  # fmt: skip
    if tokens is not None:
        given = _listed("tokens", tokens, "continuation tokens (job.to_token())")
        for index, token in enumerate(given):
            if not isinstance(token, str):
                raise InvalidArgument(f"tokens[{index}]", type(token).__name__, "a continuation token (a string)")
        checked = tuple(given)
    else:
        given = _listed("job_ids", job_ids, _IDS_ACCEPTED[hook.service])
        checked = tuple(_token_from_ids(hook.service, index, ids) for index, ids in enumerate(given))
    assert interval is not None
    end_time = None if limit is None else time.time() + limit
    return WaitRequest(hook.conn_id, hook.service, checked, interval, end_time, fail_on)


def checked_wait(
    conn_id: str, *, tokens: object, job_ids: object, timeout: object, poll_interval: object, fail_on_phases: object
) -> tuple[TaskfacadeHook, WaitRequest]:
    """The hook and the checked request of a task's wait, every token rebuilt once on a client (no request sent).

    Raises:
        AirflowFailException: bad input (no retry), naming the connection id and the argument.
    """
    try:
        hook = TaskfacadeHook.for_conn_id(conn_id)
        request = check_request(
            hook,
            tokens=tokens,
            job_ids=job_ids,
            timeout=timeout,
            poll_interval=poll_interval,
            fail_on_phases=fail_on_phases,
        )
        with hook.get_client() as client:
            rebuild_jobs(request, client, from_ids=job_ids is not None)
    except InvalidArgument as error:
        raise fail_task(conn_id, error) from None
    return hook, request


def rebuild_jobs(request: WaitRequest, client: Any, *, from_ids: bool = False) -> list[Any]:
    """The jobs of ``request`` on ``client`` (no request sent); a token of another service, of an unknown version
    or kind is an ``InvalidArgument`` naming ``tokens[i]`` (or ``job_ids[i]``) and the connection."""
    jobs = []
    name = "job_ids" if from_ids else "tokens"
    for index, token in enumerate(request.tokens):
        try:
            jobs.append(taskfacade.job_from_token(token, client=client))
        except InvalidArgument as error:
            accepted = f"{error.accepted} (connection {request.conn_id!r} is for {request.service})"
            raise InvalidArgument(f"{name}[{index}]", error.value, accepted) from None
    return jobs


def trigger_for(request: WaitRequest) -> TaskfacadeJobsTrigger:
    """The trigger that waits for ``request`` in the triggerer."""
    return TaskfacadeJobsTrigger(
        conn_id=request.conn_id,
        tokens=list(request.tokens),
        poll_interval=request.poll_interval,
        end_time=request.end_time,
        fail_on=list(request.fail_on),
    )


def outcome_of(request: WaitRequest, jobs: Sequence[Any], *, timed_out: bool = False) -> dict[str, Any] | None:
    """The outcome the jobs' last known states call for (the trigger's ``outcome``), or None to wait on."""
    return outcome(request.conn_id, jobs, request.fail_on, timed_out=timed_out)


def wait_in_worker(request: WaitRequest, client: Any, jobs: list[Any]) -> dict[str, Any]:
    """Wait in this process (non-deferrable mode) with batched polling; the outcome as the trigger would give it."""
    try:
        refresh_all(jobs)  # finished jobs too: a token's status is only the last one known
        outcome = outcome_of(request, jobs)
        if outcome is not None:
            return outcome
        remaining = None if request.end_time is None else max(request.end_time - time.time(), 0.001)
        for _job in taskfacade.as_completed(jobs, timeout=remaining, interval=request.poll_interval):
            outcome = outcome_of(request, jobs)
            if outcome is not None:
                return outcome
    except WaitTimeout:
        pass
    except TaskFacadeError as error:
        if is_transient(error):
            raise
        return payload("error", str(error), request.conn_id, [job_record(job) for job in jobs])
    outcome = outcome_of(request, jobs, timed_out=True)
    assert outcome is not None
    return outcome


def _describe(event: Mapping[str, Any]) -> str:
    conn_id = event.get("conn_id")
    lines = [f"taskfacade wait on connection {conn_id!r}: {event.get('status')}: {event.get('message')}"]
    for job in event.get("jobs") or []:
        if job.get("error") or event.get("status") != "success":
            detail = f": {job['error']}" if job.get("error") else ""
            lines.append(f"  job {job.get('id')}: {job.get('status')} ({job.get('phase')}){detail}")
    return "\n".join(lines)


def finish(context: Mapping[str, Any], event: object) -> list[dict[str, Any]]:
    """The jobs list of a ``success`` outcome (the task's XCom return value); any other outcome fails the task.

    ``failed`` and ``error`` raise ``AirflowFailException`` (a failed job stays failed; a bad token or a missing job
    does not come back: no retry), ``timeout`` raises ``AirflowException`` (the task's retries wait again). The
    message names the connection and carries each job's error text; the jobs list is pushed to XCom under
    ``"jobs"`` first, so the last statuses are there either way.
    """
    if not isinstance(event, Mapping) or event.get("status") not in ("success", "failed", "timeout", "error"):
        raise AirflowFailException(f"taskfacade: the trigger sent an event this operator does not know: {event!r}")
    jobs: list[dict[str, Any]] = list(event.get("jobs") or [])
    if event["status"] == "success":
        return jobs
    ti = context.get("ti")
    if ti is not None:
        ti.xcom_push(key="jobs", value=jobs)
    if event["status"] == "timeout":
        raise AirflowException(_describe(event))
    raise AirflowFailException(_describe(event))


def fail_task(conn_id: str, error: InvalidArgument) -> AirflowFailException:
    """Bad input as a task failure without retry, naming the connection id and the argument."""
    return AirflowFailException(f"taskfacade (connection {conn_id!r}): {error}")
