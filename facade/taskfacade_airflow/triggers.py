"""``TaskfacadeJobsTrigger``: wait in Airflow's triggerer for jobs given as continuation tokens.

A deferred ``TaskfacadeWaitOperator`` (or sensor) hands its jobs to this trigger as continuation tokens plus a
connection id: ``serialize()`` returns only those, the poll interval, the absolute deadline and the phases that fail
the task, never a credential. In the triggerer, ``run()`` rebuilds the jobs with ``taskfacade.aio.job_from_token`` on
the async client of its connection, and joins the shared poller of that connection in the triggerer's event loop
(``_poller.py``): all triggers for one connection share one client and one batched poll per interval, so 1,000
deferred Deadline tasks cost about ten ``BatchGetTask`` requests per interval rather than a thousand GETs.

It fires exactly one ``TriggerEvent``, whose payload is::

    {"status": "success" | "failed" | "timeout" | "error", "message": str, "conn_id": str,
     "jobs": [{"token": str, "id": str, "status": str, "phase": str, "error": str | None}, ...]}

- ``success``: every job finished, none in a phase of ``fail_on``;
- ``failed``: a job is in a phase listed in ``fail_on`` (by default ``FAILED`` and ``CANCELED``); the trigger fires at
  once, without waiting for the others (whose last status the jobs list shows);
- ``timeout``: ``end_time`` (epoch seconds, absolute so that a trigger re-created after a triggerer restart keeps the
  same deadline) passed with jobs unfinished;
- ``error``: a lasting error: bad arguments, a connection that is missing or of the wrong type, a token that does not
  decode or belongs to another service (the message names the connection id and ``tokens[i]``), or a job the
  service refuses to show (not found, forbidden; the message carries the service's error text).

Transient polling errors (network, 429, 5xx, after the client's own retries) are logged and polling goes on. Each
job entry's ``token`` is the job's latest token (with its last status) and ``error`` the service's error text for a
failed job, or the error that ended the wait for that job.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

from airflow.triggers.base import BaseTrigger, TriggerEvent
from taskfacade import InvalidArgument, JobPhase, TokenData, is_transient
from taskfacade.aio import job_from_token

from . import _poller

__all__ = ["DEFAULT_FAIL_ON", "TaskfacadeJobsTrigger", "check_fail_on", "job_record", "outcome", "payload"]

CLASSPATH = "taskfacade_airflow.triggers.TaskfacadeJobsTrigger"
#: The phases that fail the task unless the operator says otherwise.
DEFAULT_FAIL_ON: tuple[str, ...] = (JobPhase.FAILED.name, JobPhase.CANCELED.name)
#: The id a job entry shows: the first of these token ids the job has (Deadline's task before its job).
_ID_KEYS = ("taskId", "job_id", "jobId", "uuid", "id")
#: The most a trigger waits past ``end_time`` for its last poll to come back before it fires ``timeout`` anyway.
_GRACE_S = 10.0
#: A transient polling error is logged at the first of a streak and then every this many polls.
_LOG_EVERY = 10


def check_fail_on(fail_on: object, parameter: str = "fail_on") -> tuple[str, ...]:
    """``fail_on`` as a tuple of ``JobPhase`` names, or ``InvalidArgument`` naming ``parameter`` and the names.

    A job whose phase is listed fails the wait; listing none means no phase does (the wait ends when all finish).
    """
    names = [phase.name for phase in JobPhase]
    accepted = f"a list of JobPhase names ({', '.join(names)})"
    if isinstance(fail_on, str | bytes) or not isinstance(fail_on, Sequence):
        raise InvalidArgument(parameter, fail_on, accepted)
    for item in fail_on:
        if not isinstance(item, str) or item not in names:
            raise InvalidArgument(parameter, item, accepted)
    return tuple(fail_on)


def _job_id(ids: dict[str, Any]) -> str:
    """The id a job entry shows, from its token's ids."""
    for key in _ID_KEYS:
        if isinstance(ids.get(key), str):
            return str(ids[key])
    return ",".join(f"{key}={value}" for key, value in sorted(ids.items()))


def job_record(job: Any, error: BaseException | str | None = None) -> dict[str, Any]:
    """One entry of the event's ``jobs`` list (and of the operators' XCom): token, id, status, phase, error.

    The id and the status text are read back from the job's token (``taskfacade.TokenData``): no request, also
    for a service whose ``status`` refreshes when read (Geobox's). ``error``: what ended the wait for this job (an
    exception's text is used); else the job's own error text (the service's reason for a failure), if any.
    """
    token = job.to_token()
    data = TokenData.from_token(token)
    text = str(error) if error is not None else job.error
    return {
        "token": token,
        "id": _job_id(data.ids),
        "status": data.status or "",
        "phase": job.phase.name,
        "error": None if text is None else str(text),
    }


def payload(status: str, message: str, conn_id: str, jobs: list[dict[str, Any]]) -> dict[str, Any]:
    """An event payload (see the module docstring): also what the operators return when they wait in the worker."""
    return {"status": status, "message": message, "conn_id": conn_id, "jobs": jobs}


def outcome(
    conn_id: str, jobs: Sequence[Any], fail_on: Sequence[str], *, timed_out: bool = False
) -> dict[str, Any] | None:
    """The payload the jobs' last known states call for: ``failed`` once a job is in a phase of ``fail_on`` (at once,
    whatever the others do), ``success`` once all are finished, ``timeout`` when ``timed_out``; else None (wait on).

    It reads only the jobs' last known state (no request), so the trigger and the operators' in-worker wait share it.
    """
    phases = [job.phase for job in jobs]  # no request; no record (nor token) is made until the wait ends
    failed = [index for index, phase in enumerate(phases) if phase.name in fail_on]
    finished = all(phase.finished for phase in phases)
    if not (failed or finished or timed_out):
        return None
    records = [job_record(job) for job in jobs]
    if failed:
        first = records[failed[0]]
        reason = f": {first['error']}" if first["error"] else ""
        names = sorted({phases[index].name for index in failed})
        message = f"{len(failed)} job(s) in {names}; tokens[{failed[0]}] ({first['id']}) is {first['status']}{reason}"
        return payload("failed", message, conn_id, records)
    if finished:
        return payload("success", f"{len(jobs)} job(s) finished", conn_id, records)
    pending = sum(not phase.finished for phase in phases)
    return payload("timeout", f"{pending} of {len(jobs)} job(s) not finished in time", conn_id, records)


class _ConnectionProblem(Exception):
    """The trigger's connection could not give a client (the message names the connection id)."""


class TaskfacadeJobsTrigger(BaseTrigger):
    """Wait for taskfacade jobs (continuation tokens) in the triggerer, sharing one batched poller per connection.

    Args:
        conn_id: the Airflow connection of the jobs' service (a ``taskfacade_<service>`` connection).
        tokens: the jobs' continuation tokens (``job.to_token()``), all of that service.
        poll_interval: seconds between polls of these jobs (they may be polled more often, with other triggers).
        end_time: epoch seconds after which the trigger fires ``timeout``; None waits without limit.
        fail_on: ``JobPhase`` names that fail the wait (default ``FAILED`` and ``CANCELED``).

    Arguments are checked in ``run()``, which turns a bad one into an ``error`` event naming it: a trigger re-created
    by the triggerer from stored arguments must fire an event, never fail to load.
    """

    def __init__(
        self,
        conn_id: str,
        tokens: Sequence[str],
        poll_interval: float = 30.0,
        end_time: float | None = None,
        fail_on: Sequence[str] | None = None,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # Airflow's __init__(**kwargs) has no hints
        self.conn_id = conn_id
        self.tokens = list(tokens) if isinstance(tokens, list | tuple) else tokens
        self.poll_interval = poll_interval
        self.end_time = end_time
        self.fail_on = list(DEFAULT_FAIL_ON if fail_on is None else fail_on)

    def serialize(self) -> tuple[str, dict[str, Any]]:
        """The class path and the arguments that re-create this trigger: tokens and ids, never a credential."""
        return CLASSPATH, {
            "conn_id": self.conn_id,
            "tokens": self.tokens,
            "poll_interval": self.poll_interval,
            "end_time": self.end_time,
            "fail_on": self.fail_on,
        }

    async def run(self) -> AsyncIterator[TriggerEvent]:
        """Poll until the jobs are done, failed, timed out or in error; fire one event (see the module docstring).

        The trigger leaves the shared poller before it fires, and at once when its task is cancelled.
        """
        payload = await self.wait()
        yield TriggerEvent(payload)  # type: ignore[no-untyped-call]

    async def wait(self) -> dict[str, Any]:
        """The event payload ``run()`` fires (the wait itself, without Airflow's event wrapper)."""
        problem = self._argument_problem()
        if problem is not None:
            return self._payload("error", problem, [])
        try:
            async with _poller.joined(self.conn_id, self._open_client) as member:
                return await self._wait_as(member)
        except _ConnectionProblem as exc:
            return self._payload("error", str(exc), [])

    async def _open_client(self) -> Any:
        """The async client of this trigger's connection (the shared poller calls it once per connection)."""
        from .hooks import TaskfacadeHook

        try:
            hook = await TaskfacadeHook.afor_conn_id(self.conn_id)
            return await hook.aget_client()
        except Exception as exc:  # missing, of another type, malformed: the message never holds a credential
            raise _ConnectionProblem(f"connection {self.conn_id!r}: {exc}") from exc

    def _argument_problem(self) -> str | None:
        where = f"TaskfacadeJobsTrigger(conn_id={self.conn_id!r})"
        if not isinstance(self.conn_id, str) or not self.conn_id:
            return f"{where}: conn_id must be a non-empty connection id, got {self.conn_id!r}"
        tokens = self.tokens
        if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) and t for t in tokens):
            return f"{where}: tokens must be a non-empty list of continuation tokens (job.to_token())"
        interval = self.poll_interval
        if isinstance(interval, bool) or not isinstance(interval, int | float) or not 0 < interval < math.inf:
            return f"{where}: poll_interval must be a finite number of seconds > 0, got {interval!r}"
        end = self.end_time
        if end is not None and (isinstance(end, bool) or not isinstance(end, int | float) or not math.isfinite(end)):
            return f"{where}: end_time must be None or epoch seconds, got {end!r}"
        try:
            check_fail_on(self.fail_on)
        except InvalidArgument as exc:
            return f"{where}: {exc}"
        return None

    async def _wait_as(self, member: _poller.Member) -> dict[str, Any]:
        jobs = []
        for index, token in enumerate(self.tokens):
            try:
                jobs.append(await job_from_token(token, client=member.client))
            except InvalidArgument as exc:
                return self._payload("error", f"connection {self.conn_id!r}: tokens[{index}]: {exc}", [])
        interval = float(self.poll_interval)
        deadline = None if self.end_time is None else asyncio.get_running_loop().time() + self._left()
        member.watch(jobs, interval, deadline)
        streak = 0
        while True:
            polled = await self._next_poll(member, grace=min(interval, _GRACE_S))
            if polled is not None:
                lasting = {i: polled.errors[id(j)] for i, j in enumerate(jobs) if id(j) in polled.errors}
                lasting = {i: error for i, error in lasting.items() if not is_transient(error)}
                if lasting:
                    index, error = next(iter(lasting.items()))
                    records = [job_record(job, lasting.get(i)) for i, job in enumerate(jobs)]
                    message = f"connection {self.conn_id!r}: tokens[{index}] ({records[index]['id']}): {error}"
                    return self._payload("error", message, records)
                streak = streak + 1 if polled.errors else 0
                if polled.errors and streak % _LOG_EVERY == 1:
                    error = next(iter(polled.errors.values()))
                    self.log.warning(
                        "connection %r: poll failed (%d in a row), polling on: %s", self.conn_id, streak, error
                    )
            timed_out = polled is None or (self.end_time is not None and self._left() <= 0)
            result = outcome(self.conn_id, jobs, self.fail_on, timed_out=timed_out)
            if result is not None:
                return result

    def _left(self) -> float:
        """Seconds until ``end_time`` (epoch seconds, so that a re-created trigger keeps the deadline)."""
        assert self.end_time is not None
        return float(self.end_time) - time.time()

    async def _next_poll(self, member: _poller.Member, grace: float) -> _poller.PollOutcome | None:
        """The next poll's outcome, or None when none came by ``end_time`` (plus ``grace`` for the last poll, which
        the poller starts early enough to end by then unless the service is slow)."""
        if self.end_time is None:
            return await member.next_poll()
        try:
            async with asyncio.timeout(max(0.0, self._left() + grace)):
                return await member.next_poll()
        except TimeoutError:
            return None

    def _payload(self, status: str, message: str, jobs: list[dict[str, Any]]) -> dict[str, Any]:
        return payload(status, message, self.conn_id, jobs)
