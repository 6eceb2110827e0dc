"""The one polling engine behind ``Job.wait``, ``wait_all`` and ``as_completed``.

Each tick refreshes every unfinished job, grouped by (class that implements ``_refresh_many``, ``_batch_key()``)
so a service refreshes a whole group with batch or list endpoints, then yields the jobs that finished. Between
ticks it sleeps an adaptive interval: ``min_interval`` right after anything changed, growing by half each quiet
tick up to ``interval``, so a completion is always noticed within ``interval`` while quiet stretches cost few
requests. One overall deadline covers everything, including the requests' own retries (``deadline_scope``).

The engine knows jobs only through the ``Pollable`` protocol (``taskfacade.Job`` implements it), so this module
does not import ``_job``: ``Job.wait`` imports the engine, never the reverse.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import AsyncIterator, Hashable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from . import _telemetry
from ._callbacks import fire_done
from ._check import check_int, check_optional_seconds, check_seconds
from ._clock import Clock
from ._errors import InvalidArgument, RateLimited, ServerError, TransportError, WaitTimeout
from ._log import logger
from ._phase import JobPhase
from ._progress import ProgressBar
from ._steer import CancelSignal, asleep_or_cancel, raise_if_cancelled, sleep_or_cancel
from ._timelimit import deadline_scope

__all__ = [
    "BACKOFF",
    "SINGLES_AT_ONCE",
    "AsyncPollable",
    "Pollable",
    "Polling",
    "Schedule",
    "apoll",
    "attribute",
    "check_wait_args",
    "group_jobs",
    "hook_owner",
    "is_transient",
    "poll",
    "refresh_jobs",
    "refresh_jobs_async",
    "refresh_round_async",
    "refresh_singles_async",
    "retry_after",
    "unique_jobs",
]


class Pollable(Protocol):
    """What the polling engine needs from a job; ``taskfacade.Job`` provides all of it (see ``_job.py``).

    The ``_peek_*`` methods never make a request; ``_refresh_many`` (a classmethod) refreshes a group of jobs that
    share the class implementing it and a ``_batch_key()``, with one batch or list request where it can.
    """

    def _peek_status(self) -> object:
        """The last known status (no request)."""

    def _peek_phase(self) -> JobPhase:
        """The phase of the last known status (no request)."""

    def _peek_progress(self) -> float | None:
        """Percent done for a progress bar, if known (no request)."""

    def _batch_key(self) -> Hashable:
        """Jobs with equal keys (and the same ``_refresh_many``) are refreshed together."""

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Any]) -> None:
        """Refresh every job in ``jobs`` (all unfinished, all of one batch key); may raise."""


class AsyncPollable(Protocol):
    """``Pollable`` for the async twin: the same ``_peek_*`` and ``_batch_key``; a group is refreshed by awaiting
    the classmethod ``_refresh_many_async`` (``taskfacade.aio.AsyncJob`` provides all of it)."""

    def _peek_status(self) -> object:
        """The last known status (no request)."""

    def _peek_phase(self) -> JobPhase:
        """The phase of the last known status (no request)."""

    def _peek_progress(self) -> float | None:
        """Percent done for a progress bar, if known (no request)."""

    def _batch_key(self) -> Hashable:
        """Jobs with equal keys (and the same ``_refresh_many_async``) are refreshed together."""

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[Any]) -> None:
        """Refresh every job in ``jobs`` (all unfinished, all of one batch key); may raise."""


#: How much each quiet poll stretches the gap, by default (``PollPolicy.multiplier``).
BACKOFF = 1.5
J = TypeVar("J", bound=Pollable)
AJ = TypeVar("AJ", bound=AsyncPollable)
T = TypeVar("T")
_TRANSIENT = (TransportError, RateLimited, ServerError)
#: Concurrent single-job refreshes (async) while tracing a failed batch to the job(s) at fault.
SINGLES_AT_ONCE = 8


def is_transient(exc: BaseException) -> bool:
    """Whether a polling failure is worth another poll: a network error, a 429 or a 5xx, possibly wrapped.

    Wrapped means anywhere on the ``__cause__`` chain, so a service error raised ``from`` one of those counts.
    """
    if not isinstance(exc, BaseException):
        raise InvalidArgument("exc", exc, "an exception")
    if isinstance(exc, BaseExceptionGroup):  # concurrent refreshes (a task group): transient if all of them are
        return all(is_transient(inner) for inner in exc.exceptions)
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 10:
        if isinstance(current, _TRANSIENT):
            return True
        current, seen = current.__cause__, seen + 1
    return False


def retry_after(exc: BaseException) -> float | None:
    """The seconds a throttling service asked to wait before the next request (its ``Retry-After``), else None.

    Read from the first ``RateLimited`` on ``exc``'s ``__cause__`` chain (a service error raised ``from`` a 429
    counts), so a poller that shares one request among many waits can hold back as the service asked.
    """
    if not isinstance(exc, BaseException):
        raise InvalidArgument("exc", exc, "an exception")
    current: BaseException | None = exc
    seen = 0
    while current is not None and seen < 10:
        if isinstance(current, RateLimited):
            return current.retry_after
        current, seen = current.__cause__, seen + 1
    return None


def hook_owner(cls: type[Pollable], hook: str) -> type[Pollable]:
    """The class in ``cls``'s MRO that implements ``hook`` (so a service's subclasses batch together)."""
    for klass in cls.__mro__:
        if hook in vars(klass):
            owner: type[Pollable] = klass
            return owner
    return cls


def group_jobs(jobs: Sequence[Any], hook: str) -> list[tuple[type[Pollable], list[Any]]]:
    """``jobs`` grouped by (the class implementing ``hook``, ``_batch_key()``), in first-seen order: each group is
    one call of that class's ``hook`` (one batch or list request where the service has one)."""
    groups: dict[tuple[type[Pollable], Hashable], list[Any]] = {}
    for job in jobs:
        groups.setdefault((hook_owner(type(job), hook), job._batch_key()), []).append(job)
    return [(owner, group) for (owner, _key), group in groups.items()]


Outcome = tuple[type[Any], Sequence[Any], BaseException | None]


def attribute(
    outcomes: Sequence[Outcome],
) -> tuple[list[Outcome], list[tuple[Any, BaseException | None]], list[Any]]:
    """Which group failures belong to every job of the group, and which must be traced to the job(s) at fault.

    ``outcomes`` holds each group refreshed with its error or None. Returns the outcomes that stand as they are
    (success, or a transient error: every job of the group shares it), the (job, error) pairs already known (a
    group of one that failed for good) and the jobs of larger groups that failed for good: the caller refreshes
    those one by one (each through its own ``refresh``), so one missing job fails alone, not its whole batch.
    """
    kept: list[Outcome] = []
    known: list[tuple[Any, BaseException | None]] = []
    again: list[Any] = []
    for owner, group, error in outcomes:
        if error is None or (isinstance(error, Exception) and is_transient(error)):
            kept.append((owner, group, error))
        elif len(group) == 1:
            known.append((group[0], error))
        else:
            logger.info(
                "refresh of %d %s job(s) failed; refreshing them one by one: %s", len(group), owner.__name__, error
            )
            again.extend(group)
    return kept, known, again


def _is_finished(job: Pollable) -> bool:
    return job._peek_phase().finished


def unique_jobs(jobs: Sequence[T], hook: str, expected: str) -> list[T]:
    """``jobs`` without duplicates (by identity, first one kept); ``InvalidArgument`` naming ``jobs`` and
    ``expected`` for an item without the refresh ``hook``."""
    seen: set[int] = set()
    out: list[T] = []
    for job in jobs:
        if not callable(getattr(job, hook, None)):  # duck-typed: isinstance(Protocol) costs ~40 us
            raise InvalidArgument("jobs", job, expected)
        if id(job) not in seen:
            seen.add(id(job))
            out.append(job)
    return out


class Polling:
    """One wait's state, without I/O: which jobs are pending, how they group, what a tick's outcome means, and
    when the next tick is. The sync ``poll`` and the async ``apoll`` are thin loops around it.

    Args:
        jobs: the jobs to wait on (duplicates are polled once).
        hook: the name of the classmethod that refreshes a group (``_refresh_many`` or ``_refresh_many_async``).
        expected: what ``jobs`` must hold, for the error on anything else.
        timeout, interval, min_interval, clock, progress_bar, max_poll_errors, label, cancel, failures: as
            ``poll``.
    """

    def __init__(
        self,
        jobs: Sequence[Any],
        *,
        hook: str,
        expected: str,
        timeout: float | None,
        interval: float,
        min_interval: float,
        clock: Clock,
        progress_bar: bool,
        max_poll_errors: int,
        label: str,
        cancel: CancelSignal | None = None,
        failures: dict[int, BaseException] | None = None,
        multiplier: float = BACKOFF,
        jitter: float = 0.0,
    ) -> None:
        check_wait_args(timeout, interval, max_poll_errors)
        check_wait_args(timeout, min_interval, max_poll_errors, interval_name="min_interval")
        self.hook = hook
        self.pending: list[Any] = unique_jobs(jobs, hook, expected)
        self.clock = clock
        self.max_poll_errors = max_poll_errors
        self.label = label
        self.schedule = Schedule(clock, timeout, interval, min(min_interval, interval), multiplier, jitter)
        self.single = self.pending[0] if len(self.pending) == 1 else None
        total, unit = (len(self.pending), "jobs") if self.single is None else (100, "%")
        self.bar = ProgressBar(progress_bar, total, label, unit)
        self.errors = 0
        self.finished = 0
        self.cancel = cancel
        self.failures = failures
        self._before: list[object] = []
        self.error: BaseException | None = None
        self._traced = _telemetry.wait_started(len(self.pending), clock)

    def check_cancel(self) -> None:
        """``WaitCancelled`` (listing the pending jobs) once the wait's ``cancel`` signal is set."""
        raise_if_cancelled(self.cancel, self.pending, self.label)

    def split(
        self, outcomes: Sequence[tuple[type[Pollable], Sequence[Any], BaseException | None]]
    ) -> tuple[
        list[tuple[type[Pollable], Sequence[Any], BaseException | None]],
        list[tuple[Any, BaseException | None]],
        list[Any],
    ]:
        """With ``failures`` on (``return_exceptions``): which groups failed for good and must be attributed.

        Returns the outcomes to settle as usual, the (job, error) pairs already attributed (a group of one), and
        the jobs of larger failed groups, to refresh one by one (each through its own ``refresh``) by the shell.
        """
        if self.failures is None:
            return list(outcomes), [], []
        return attribute(outcomes)

    def groups(self) -> list[tuple[type[Pollable], list[Any]]]:
        """The pending jobs grouped by (class implementing the hook, batch key): one refresh call per group."""
        self._before = [job._peek_status() for job in self.pending]
        return group_jobs(self.pending, self.hook)

    @contextlib.contextmanager
    def tick(self) -> Iterator[None]:
        """Around one round of refreshes: the wait's deadline reaches every request made (``deadline_scope``),
        and the round is timed (so the last one can end by the deadline)."""
        with deadline_scope(self.clock, self.schedule.deadline), self.schedule.timing():
            yield

    def settle(
        self,
        outcomes: Sequence[tuple[type[Pollable], Sequence[Any], BaseException | None]],
        singles: Sequence[tuple[Any, BaseException | None]] = (),
    ) -> list[Any]:
        """What a round of refreshes means: raise a lasting error, else return the jobs that finished (once each).

        ``outcomes`` holds each group with the exception its refresh raised, or None; ``singles`` each job of a
        group ``split`` off with its own refresh's exception, or None. A job whose own refresh failed for good
        leaves the wait with its error in ``failures`` (``return_exceptions``).
        """
        failure: BaseException | None = None
        failed: set[int] = set()
        for job, error in singles:
            if error is None:
                continue
            if isinstance(error, Exception) and is_transient(error):
                failure = failure or error
                continue
            if self.failures is None:
                raise error
            self.failures[id(job)] = error
            failed.add(id(job))
        for owner, group, error in outcomes:
            if error is None:
                continue
            if not isinstance(error, Exception) or not is_transient(error):
                raise error
            logger.info("poll of %d %s job(s) failed: %s", len(group), owner.__name__, error)
            failure = failure or error
        self.errors = self.errors + 1 if failure is not None else 0
        if failure is not None and self.errors > self.max_poll_errors:
            raise failure
        finished = [job for job in self.pending if id(job) not in failed and _is_finished(job)]
        for job in finished:
            fire_done(job)
        changed = (
            bool(finished)
            or bool(failed)
            or any(b != job._peek_status() for b, job in zip(self._before, self.pending, strict=True))
        )
        self.pending = [job for job in self.pending if id(job) not in failed and not _is_finished(job)]
        self.finished += len(finished) + len(failed)
        _show(self.bar, self.pending, self.finished, self.single)
        self._changed, self._failure = changed, failure
        return finished

    def next_delay(self) -> float:
        """Seconds until the next round, or ``WaitTimeout`` when no round is left before the deadline."""
        hint = retry_after(self._failure) if self._failure else None
        return self.schedule.next_delay(self._changed, hint, self.pending, self.label)

    def close(self) -> None:
        self.bar.close()
        traced, self._traced = self._traced, None
        _telemetry.wait_ended(traced, len(self.pending), self.finished, self.error)


def _refresh_sync(owner: type[Pollable], group: Sequence[Any]) -> BaseException | None:
    try:
        owner._refresh_many(group)
    except Exception as exc:
        return exc
    return None


def poll(
    jobs: Sequence[J],
    *,
    timeout: float | None,
    interval: float,
    min_interval: float,
    clock: Clock,
    progress_bar: bool,
    max_poll_errors: int,
    label: str,
    cancel: CancelSignal | None = None,
    failures: dict[int, BaseException] | None = None,
    multiplier: float = BACKOFF,
    jitter: float = 0.0,
) -> Iterator[J]:
    """Yield each job once it is finished, polling as described in the module docstring.

    The last poll is timed to end at the deadline (it starts twice the previous poll's duration early), so a
    job that finishes just before the deadline is still seen.

    ``multiplier`` stretches the gap each quiet round (``min_interval`` up to ``interval``) and ``jitter``
    shortens each gap by a random share of up to that fraction (``PollPolicy``). ``cancel`` (anything with
    ``is_set()``) is looked at before each round and wakes the sleep between rounds
    (``_steer.py``). ``failures`` (``return_exceptions``): a dict that receives ``id(job) -> error`` for each job
    whose refresh failed for good; that job leaves the wait (it is not yielded) and the others go on. A group
    refresh that fails for good is followed, in the same round, by one ``refresh()`` per job of the group to
    find the culprit(s): one extra request per job of that group, that round only.

    Raises:
        WaitTimeout: the deadline passed with jobs unfinished (``pending`` lists them).
        WaitCancelled: ``cancel`` was set with jobs unfinished (``pending`` lists them).
        Exception: a non-transient polling error, or the transient one after ``max_poll_errors`` in a row.
    """
    state = Polling(
        jobs,
        hook="_refresh_many",
        expected="taskfacade.Job objects",
        timeout=timeout,
        interval=interval,
        min_interval=min_interval,
        clock=clock,
        progress_bar=progress_bar,
        max_poll_errors=max_poll_errors,
        label=label,
        cancel=cancel,
        failures=failures,
        multiplier=multiplier,
        jitter=jitter,
    )
    try:
        while state.pending:
            state.check_cancel()
            with state.tick():
                outcomes, singles, again = state.split(
                    [(owner, group, _refresh_sync(owner, group)) for owner, group in state.groups()]
                )
                singles += [(job, _refresh_one(job)) for job in again]
            yield from state.settle(outcomes, singles)
            if state.pending:
                sleep_or_cancel(clock, state.next_delay(), cancel)
    except BaseException as exc:
        state.error = exc
        raise
    finally:
        state.close()


def _refresh_one(job: Any) -> BaseException | None:
    try:
        job.refresh()
    except Exception as exc:
        return exc
    return None


async def _refresh_one_async(job: Any) -> BaseException | None:
    try:
        await job.refresh()
    except Exception as exc:
        return _sole(exc)
    return None


async def _refresh_async(owner: type[Any], group: Sequence[Any]) -> BaseException | None:
    try:
        await owner._refresh_many_async(group)
    except Exception as exc:
        return _sole(exc)
    return None


def _sole(exc: Exception) -> Exception:
    """The one error inside a task group's ``ExceptionGroup`` (concurrent refreshes), else ``exc`` itself."""
    while isinstance(exc, ExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc


async def refresh_singles_async(jobs: Sequence[Any]) -> list[tuple[Any, BaseException | None]]:
    """Each job's own ``refresh()`` (``SINGLES_AT_ONCE`` at a time), with the error it raised or None, in order."""
    import anyio

    results: list[tuple[Any, BaseException | None]] = [(job, None) for job in jobs]
    limit = anyio.CapacityLimiter(SINGLES_AT_ONCE)

    async def one(index: int, job: Any) -> None:
        async with limit:
            results[index] = (job, await _refresh_one_async(job))

    async with anyio.create_task_group() as task_group:
        for index, job in enumerate(jobs):
            task_group.start_soon(one, index, job)
    return results


async def refresh_round_async(groups: Sequence[tuple[type[Any], Sequence[Any]]]) -> list[BaseException | None]:
    """Refresh the groups of one round concurrently; each group's exception or None, in order."""
    import anyio  # only async users pay for it

    errors: list[BaseException | None] = [None] * len(groups)

    async def one(index: int, owner: type[Any], group: Sequence[Any]) -> None:
        errors[index] = await _refresh_async(owner, group)

    async with anyio.create_task_group() as task_group:
        for index, (owner, group) in enumerate(groups):
            task_group.start_soon(one, index, owner, group)
    return errors


async def apoll(
    jobs: Sequence[AJ],
    *,
    timeout: float | None,
    interval: float,
    min_interval: float,
    clock: Clock,
    progress_bar: bool,
    max_poll_errors: int,
    label: str,
    cancel: CancelSignal | None = None,
    failures: dict[int, BaseException] | None = None,
    multiplier: float = BACKOFF,
    jitter: float = 0.0,
) -> AsyncIterator[AJ]:
    """The async twin of ``poll``: the same rounds, groups, schedule and errors; the groups of a round are
    refreshed concurrently, and sleeping never blocks the event loop. Cancelling the task stops it at once.
    """
    state = Polling(
        jobs,
        hook="_refresh_many_async",
        expected="taskfacade.aio.AsyncJob objects",
        timeout=timeout,
        interval=interval,
        min_interval=min_interval,
        clock=clock,
        progress_bar=progress_bar,
        max_poll_errors=max_poll_errors,
        label=label,
        cancel=cancel,
        failures=failures,
        multiplier=multiplier,
        jitter=jitter,
    )
    try:
        while state.pending:
            state.check_cancel()
            with state.tick():
                groups = state.groups()
                errors = await refresh_round_async(groups)
                outcomes, singles, again = state.split(
                    [(owner, group, errors[i]) for i, (owner, group) in enumerate(groups)]
                )
                singles += await refresh_singles_async(again)
            for job in state.settle(outcomes, singles):
                yield job
            if state.pending:
                await asleep_or_cancel(clock, state.next_delay(), cancel)
    except BaseException as exc:
        state.error = exc
        raise
    finally:
        state.close()


def _errors(kept: Sequence[Outcome], singles: Sequence[tuple[Any, BaseException | None]]) -> dict[int, BaseException]:
    """``id(job) -> error`` for every job whose refresh failed: a group's transient error goes to each of its jobs,
    a job refreshed alone has its own error."""
    errors: dict[int, BaseException] = {}
    for _owner, group, error in kept:
        if error is not None:
            errors.update((id(job), error) for job in group)
    for job, error in singles:
        if error is not None:
            errors[id(job)] = error
    return errors


def refresh_jobs(jobs: Sequence[Any]) -> dict[int, BaseException]:
    """Refresh ``jobs`` (checked, without duplicates) once, batched; ``id(job) -> error`` of each that failed."""
    outcomes = [(owner, group, _refresh_sync(owner, group)) for owner, group in group_jobs(jobs, "_refresh_many")]
    kept, known, again = attribute(outcomes)
    return _errors(kept, [*known, *((job, _refresh_one(job)) for job in again)])


async def refresh_jobs_async(jobs: Sequence[Any]) -> dict[int, BaseException]:
    """``refresh_jobs`` for async jobs: the groups are refreshed concurrently, then (at most ``SINGLES_AT_ONCE``
    at a time) the jobs of groups that failed for good, one by one."""
    groups = group_jobs(jobs, "_refresh_many_async")
    errors = await refresh_round_async(groups)
    kept, known, again = attribute([(owner, group, errors[i]) for i, (owner, group) in enumerate(groups)])
    return _errors(kept, [*known, *await refresh_singles_async(again)])


class Schedule:
    """When the next poll happens: adaptive interval, retry-after hints and the overall deadline."""

    def __init__(
        self,
        clock: Clock,
        timeout: float | None,
        interval: float,
        min_interval: float,
        multiplier: float = BACKOFF,
        jitter: float = 0.0,
    ) -> None:
        self.clock = clock
        self.multiplier = multiplier
        self.jitter = jitter
        self.random = random.Random() if jitter else None  # seeding costs: only a jittered schedule needs it
        self.timeout = timeout
        self.deadline = None if timeout is None else clock.monotonic() + timeout
        self.interval = interval
        self.min_interval = min_interval
        self.delay = min_interval
        self.last_tick = 0.0
        self.final = False

    @contextlib.contextmanager
    def timing(self) -> Iterator[None]:
        """Measure one poll (to time the last one so it ends by the deadline)."""
        start = self.clock.monotonic()
        try:
            yield
        finally:
            self.last_tick = self.clock.monotonic() - start

    def next_delay(self, changed: bool, retry_after: float | None, pending: Sequence[Pollable], label: str) -> float:
        """Seconds until the next poll, or ``WaitTimeout`` when no poll is left before the deadline."""
        self.delay = self.min_interval if changed else min(self.delay * self.multiplier, self.interval)
        delay = self.delay * (1.0 - self.jitter * self.random.random()) if self.random is not None else self.delay
        delay = max(delay, retry_after or 0.0)
        if self.deadline is not None:
            left = self.deadline - self.clock.monotonic()
            if self.final or left <= 0:
                raise WaitTimeout(
                    f"{label}: {len(pending)} job(s) not finished within {self.timeout:g}s",
                    timeout=self.timeout,
                    pending=pending,
                )
            reserve = min(2 * self.last_tick, left / 2)
            if delay >= left - reserve:
                delay, self.final = max(left - reserve, 0.0), True
        return delay


def _show(bar: ProgressBar, pending: Sequence[Pollable], done: int, single: Pollable | None) -> None:
    if not bar.active:
        return
    if single is None:
        bar.update_to(done, f"{len(pending)} pending")
        return
    succeeded = single._peek_phase() is JobPhase.SUCCEEDED
    bar.update_to(100.0 if succeeded else single._peek_progress() or 0.0, str(single._peek_status()))


def check_wait_args(
    timeout: float | None, interval: float, max_poll_errors: int, *, interval_name: str = "interval"
) -> None:
    """Validate the arguments every wait takes, before any request (finite numbers in range: see ``_check``)."""
    check_optional_seconds("timeout", timeout, exclusive=False)
    check_seconds(interval_name, interval)
    check_int("max_poll_errors", max_poll_errors, 0)
