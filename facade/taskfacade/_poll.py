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
from collections.abc import Hashable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from ._check import check_int, check_optional_seconds, check_seconds
from ._clock import Clock
from ._errors import InvalidArgument, RateLimited, ServerError, TransportError, WaitTimeout
from ._log import logger
from ._phase import JobPhase
from ._progress import ProgressBar
from ._timelimit import deadline_scope

__all__ = ["Pollable", "check_wait_args", "is_transient", "poll"]


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


_BACKOFF = 1.5
J = TypeVar("J", bound=Pollable)
_TRANSIENT = (TransportError, RateLimited, ServerError)


def is_transient(exc: BaseException) -> bool:
    """Whether a polling failure is worth another poll: a network error, a 429 or a 5xx, possibly wrapped.

    Wrapped means anywhere on the ``__cause__`` chain, so a service error raised ``from`` one of those counts.
    """
    if not isinstance(exc, BaseException):
        raise InvalidArgument("exc", exc, "an exception")
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 10:
        if isinstance(current, _TRANSIENT):
            return True
        current, seen = current.__cause__, seen + 1
    return False


def _retry_after(exc: BaseException) -> float | None:
    current: BaseException | None = exc
    while current is not None:
        if isinstance(current, RateLimited):
            return current.retry_after
        current = current.__cause__
    return None


def _hook_owner(cls: type[Pollable]) -> type[Pollable]:
    """The class in ``cls``'s MRO that implements ``_refresh_many`` (so a service's subclasses batch together)."""
    for klass in cls.__mro__:
        if "_refresh_many" in vars(klass):
            owner: type[Pollable] = klass
            return owner
    return cls


def _is_finished(job: Pollable) -> bool:
    return job._peek_phase().finished


def _refresh(pending: Sequence[Pollable]) -> BaseException | None:
    """Refresh every pending job, group by group. Returns the first transient error (others raise at once)."""
    groups: dict[tuple[type[Pollable], Hashable], list[Pollable]] = {}
    for job in pending:
        groups.setdefault((_hook_owner(type(job)), job._batch_key()), []).append(job)
    failure: BaseException | None = None
    for (owner, _key), group in groups.items():
        try:
            owner._refresh_many(group)
        except Exception as exc:
            if not is_transient(exc):
                raise
            logger.info("poll of %d %s job(s) failed: %s", len(group), owner.__name__, exc)
            failure = failure or exc
    return failure


def _unique(jobs: Sequence[J]) -> list[J]:
    seen: set[int] = set()
    out: list[J] = []
    for job in jobs:
        if not callable(getattr(job, "_refresh_many", None)):  # duck-typed: isinstance(Protocol) costs ~40 us
            raise InvalidArgument("jobs", job, "taskfacade.Job objects")
        if id(job) not in seen:
            seen.add(id(job))
            out.append(job)
    return out


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
) -> Iterator[J]:
    """Yield each job once it is finished, polling as described in the module docstring.

    The last poll is timed to end at the deadline (it starts twice the previous poll's duration early), so a
    job that finishes just before the deadline is still seen.

    Raises:
        WaitTimeout: the deadline passed with jobs unfinished (``pending`` lists them).
        Exception: a non-transient polling error, or the transient one after ``max_poll_errors`` in a row.
    """
    check_wait_args(timeout, interval, max_poll_errors)
    check_wait_args(timeout, min_interval, max_poll_errors, interval_name="min_interval")
    pending = _unique(jobs)
    schedule = _Schedule(clock, timeout, interval, min(min_interval, interval))
    single = pending[0] if len(pending) == 1 else None
    bar = ProgressBar(progress_bar, len(pending) if single is None else 100, label, "jobs" if single is None else "%")
    errors, done = 0, 0
    try:
        while pending:
            before = [job._peek_status() for job in pending]
            with deadline_scope(clock, schedule.deadline), schedule.timing():
                failure = _refresh(pending)
            errors = errors + 1 if failure is not None else 0
            if failure is not None and errors > max_poll_errors:
                raise failure
            finished = [job for job in pending if _is_finished(job)]
            for job in finished:
                done += 1
                yield job
            changed = bool(finished) or any(b != job._peek_status() for b, job in zip(before, pending, strict=True))
            pending = [job for job in pending if not _is_finished(job)]
            _show(bar, pending, done, single)
            if pending:
                schedule.sleep(changed, _retry_after(failure) if failure else None, pending, label)
    finally:
        bar.close()


class _Schedule:
    """When the next poll happens: adaptive interval, retry-after hints and the overall deadline."""

    def __init__(self, clock: Clock, timeout: float | None, interval: float, min_interval: float) -> None:
        self.clock = clock
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

    def sleep(self, changed: bool, retry_after: float | None, pending: Sequence[Pollable], label: str) -> None:
        """Sleep until the next poll, or raise ``WaitTimeout`` when no poll is left before the deadline."""
        self.delay = self.min_interval if changed else min(self.delay * _BACKOFF, self.interval)
        delay = max(self.delay, retry_after or 0.0)
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
        self.clock.sleep(delay)


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
