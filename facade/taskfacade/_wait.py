"""Waiting on many jobs at once, from any mix of services: ``wait_all`` and ``as_completed``.

Both poll through the engine in ``_poll.py``: jobs are refreshed in groups (one batch or list request per group
where the service has one, e.g. Deadline ``BatchGetTask`` for 100 tasks), the interval adapts (fast right after a
change, slower while nothing changes, never above ``interval``), and one overall deadline covers everything. Each
refresh goes through its own client's transport, so each client's retry mode applies.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, TypeVar

from ._check import check_bool
from ._clock import Clock, check_clock
from ._errors import InvalidArgument
from ._job import AsyncJob, Job, check_async_jobs, check_jobs
from ._poll import BACKOFF, apoll, check_wait_args, poll
from ._pollpolicy import PollPolicy, check_policy
from ._steer import check_cancel

__all__ = ["as_completed", "as_completed_async", "wait_all", "wait_all_async"]

J = TypeVar("J", bound=Job[Any])
AJ = TypeVar("AJ", bound=AsyncJob[Any])

#: Longest gap between two polls of ``wait_all``/``as_completed`` (a completion is seen within it).
DEFAULT_INTERVAL = 2.0


def _clock_of(jobs: list[J], clock: Clock | None) -> Clock | None:
    if clock is not None:
        return clock
    return jobs[0]._wait_clock() if jobs else None


def wait_all(
    jobs: Iterable[Job[Any]],
    timeout: float | None = None,
    progress_bar: bool = False,
    *,
    interval: float = DEFAULT_INTERVAL,
    min_interval: float | None = None,
    max_poll_errors: int = 3,
    clock: Clock | None = None,
    cancel: Any = None,
    return_exceptions: bool = False,
    policy: PollPolicy | None = None,
) -> list[Any]:
    """Wait until every job is finished; return their final statuses in the order given.

    Args:
        jobs: jobs from any services (duplicates are polled once).
        timeout: one overall deadline in seconds (None = no limit); ``WaitTimeout`` lists the unfinished jobs.
        progress_bar: a tqdm bar counting finished jobs, when tqdm is installed.
        interval: the longest gap between polls, so each completion is noticed within it.
        min_interval: the gap right after something changed (default ``interval / 4``); it grows by half each
            quiet poll up to ``interval``.
        max_poll_errors: consecutive transient polling failures tolerated (see ``Job.wait``).
        clock: the clock to poll on (default: the first job's).
        policy: a ``taskfacade.PollPolicy``; its fields replace ``interval``, ``min_interval`` and ``timeout``
            (giving ``timeout`` too is refused).
        cancel: a ``threading.Event`` or anything with ``is_set()``; once set, polling stops within one interval
            and ``WaitCancelled`` lists the unfinished jobs.
        return_exceptions: put a job's exception in place of its status when its refresh fails for good (a
            missing task, a 403...), and go on polling the others. A group refresh (one batch or list request)
            that fails for good is retried job by job, once, to find which job failed: one extra request per job
            of that group in that round. Transient errors are handled as without it (``max_poll_errors``).
    """
    materialized = check_jobs(jobs)
    check_bool("return_exceptions", return_exceptions)
    plan = _plan(materialized, timeout, interval, min_interval, max_poll_errors, clock, progress_bar, cancel, policy)
    failures: dict[int, BaseException] | None = {} if return_exceptions else None
    if plan is not None:
        for _ in poll(**plan, failures=failures):
            pass
    return _results(materialized, failures)


def _results(jobs: list[Any], failures: dict[int, BaseException] | None) -> list[Any]:
    failed = failures or {}
    return [failed[id(job)] if id(job) in failed else job._peek_status() for job in jobs]


def as_completed(
    jobs: Iterable[J],
    timeout: float | None = None,
    *,
    interval: float = DEFAULT_INTERVAL,
    min_interval: float | None = None,
    max_poll_errors: int = 3,
    clock: Clock | None = None,
    progress_bar: bool = False,
    cancel: Any = None,
    policy: PollPolicy | None = None,
) -> Iterator[J]:
    """Yield each job as soon as it is finished (already finished ones first), like ``concurrent.futures``.

    Arguments as for ``wait_all``. Raises ``WaitTimeout`` (a ``TimeoutError``) when the deadline passes with jobs
    still unfinished; the jobs yielded so far stay yielded.
    """
    plan = _plan(
        check_jobs(jobs), timeout, interval, min_interval, max_poll_errors, clock, progress_bar, cancel, policy
    )
    return iter(()) if plan is None else poll(**plan)


def _plan(
    materialized: list[Any],
    timeout: float | None,
    interval: float,
    min_interval: float | None,
    max_poll_errors: int,
    clock: Clock | None,
    progress_bar: bool,
    cancel: Any,
    policy: object = None,
) -> dict[str, Any] | None:
    """The checked arguments of the polling engine (both twins), or None when there is nothing to wait on."""
    chosen_policy = check_policy(policy)
    multiplier, jitter = BACKOFF, 0.0
    if chosen_policy is not None:
        if timeout is not None:
            raise InvalidArgument("timeout", timeout, "None when a policy is given (the policy's timeout applies)")
        timeout, interval, min_interval = chosen_policy.timeout, chosen_policy.maximum, chosen_policy.initial
        multiplier, jitter = chosen_policy.multiplier, chosen_policy.jitter
    check_wait_args(timeout, interval, max_poll_errors)
    fast = interval / 4 if min_interval is None else min_interval
    check_wait_args(timeout, fast, max_poll_errors, interval_name="min_interval")
    if clock is not None:
        check_clock(clock)
    check_bool("progress_bar", progress_bar)
    signal = check_cancel(cancel)
    chosen = _clock_of(materialized, clock)
    if chosen is None:
        return None
    return {
        "jobs": materialized,
        "timeout": timeout,
        "interval": interval,
        "min_interval": fast,
        "clock": chosen,
        "progress_bar": progress_bar,
        "max_poll_errors": max_poll_errors,
        "label": f"{len(materialized)} jobs",
        "cancel": signal,
        "multiplier": multiplier,
        "jitter": jitter,
    }


async def wait_all_async(
    jobs: Iterable[AsyncJob[Any]],
    timeout: float | None = None,
    progress_bar: bool = False,
    *,
    interval: float = DEFAULT_INTERVAL,
    min_interval: float | None = None,
    max_poll_errors: int = 3,
    clock: Clock | None = None,
    cancel: Any = None,
    return_exceptions: bool = False,
    policy: PollPolicy | None = None,
) -> list[Any]:
    """``wait_all`` for async jobs (``taskfacade.aio.wait_all``): the same batching, schedule, errors, ``cancel``
    (an ``anyio.Event``, ``asyncio.Event`` or anything with ``is_set()``) and ``return_exceptions``, in one event
    loop; cancelling the awaiting task stops the polling at once."""
    materialized = check_async_jobs(jobs)
    check_bool("return_exceptions", return_exceptions)
    plan = _plan(materialized, timeout, interval, min_interval, max_poll_errors, clock, progress_bar, cancel, policy)
    failures: dict[int, BaseException] | None = {} if return_exceptions else None
    if plan is not None:
        async for _ in apoll(**plan, failures=failures):
            pass
    return _results(materialized, failures)


def as_completed_async(
    jobs: Iterable[AJ],
    timeout: float | None = None,
    *,
    interval: float = DEFAULT_INTERVAL,
    min_interval: float | None = None,
    max_poll_errors: int = 3,
    clock: Clock | None = None,
    progress_bar: bool = False,
    cancel: Any = None,
    policy: PollPolicy | None = None,
) -> AsyncIterator[AJ]:
    """``as_completed`` for async jobs (``taskfacade.aio.as_completed``): an async iterator of finished jobs.

    Its arguments are checked at the call, before any request (``async for`` then polls).
    """
    plan = _plan(
        check_async_jobs(jobs), timeout, interval, min_interval, max_poll_errors, clock, progress_bar, cancel, policy
    )
    return _nothing() if plan is None else apoll(**plan)


async def _nothing() -> AsyncIterator[Any]:
    return
    yield  # an async generator that yields nothing
