"""Concurrent waits on jobs one batch request can refresh share their polls: the decisions, without I/O.

Code ported from a vendor's SDK waits on many jobs the vendor's way: one ``wait()`` per job, gathered in an event
loop or run from many worker threads. Each of those would poll on its own (one GET per job per interval). Here
every single-job wait joins a *room*: the waits on jobs that one batch request can refresh together (the same
class implementing the batch refresh, ``_refresh_many`` or ``_refresh_many_async``, and the same ``_batch_key()``).
A poll of the room refreshes every job waiting in it with that batch request, and every wait that wants a poll
while one is under way, or just finished, takes its result instead of sending its own. So 500 gathered
``task.wait()`` calls, or 500 threads each calling it, on one Geobox client cost what one ``wait_all`` costs.

This module holds the bookkeeping and every decision: which poll is fresh, who leads, which result a wait may
take, what a job's error means for its wait, when the next poll is. Two thin shells do the I/O:
``_sharedwait_aio.py`` (anyio: rooms per event loop, waits parked on an ``anyio.Event``) and
``_sharedwait_threads.py`` (threads: rooms per process behind one lock, waits parked on a ``threading.Condition``
with timeouts bounded by their own deadline and interval). Neither runs a background task or thread, so nothing
outlives the waits.

The rules, the same in both shells: the first wait that wants a poll leads it; the others wait for its end. A
poll younger than ``FRESH`` of the wait's interval counts as the current one. A wait takes a poll's result only
when its own job was in that poll: a wait that joins while a poll is under way (or just after one) waits for it,
then leads the next one, which takes every job waiting. A leader that gives up (its caller cancelled it, or its
own deadline came during the poll and cut the poll's requests short) ends its poll without a result for the
others, and the next wait leads a new one. Each wait keeps its own deadline, interval, cancel signal, tolerance
of transient errors and done callbacks; a room disappears with its last wait.

Errors are per job, as ``refresh_all`` gives them (``_poll.refresh_jobs``): a batch request that fails for good is
followed by one refresh per job of the poll, so a deleted job ends its own wait and the others go on; a transient
failure (network, 429, 5xx) is every job's, and each wait tolerates it as it would alone.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Sequence
from typing import Any

from . import _telemetry
from ._callbacks import fire_done
from ._clock import Clock, monotonic_of
from ._errors import WaitTimeout
from ._poll import BACKOFF, Schedule, hook_owner, is_transient, retry_after
from ._steer import CancelSignal, raise_if_cancelled

__all__ = ["FRESH", "Move", "Poll", "Room", "Rooms", "SharedWait"]

#: A poll that ended less than this share of a wait's interval ago is fresh enough to share.
FRESH = 0.5


class Poll:
    """One shared poll of ``jobs``: ended once its leader finished (``errors``: ``id(job) -> error`` of each job
    whose refresh failed) or gave up (``abandoned``). It holds its jobs, so their ids stay theirs while it lives.
    ``signal`` is the shell's (an ``anyio.Event`` the waits await, or None where a condition is shared)."""

    def __init__(self, started: float, jobs: Sequence[Any], deadline: float | None, signal: Any = None) -> None:
        self.started = started
        self.jobs = jobs
        self.polled = frozenset(id(job) for job in jobs)
        self.deadline = deadline  # the leader's: its requests end by it
        self.ended: float | None = None
        self.errors: dict[int, BaseException] = {}
        self.abandoned = False
        self.signal = signal

    def serves(self, job: Any) -> bool:
        """Whether ``job``'s wait may take this poll's result: it ended, was not abandoned, and had ``job`` in it."""
        return self.ended is not None and not self.abandoned and id(job) in self.polled


class Move(enum.Enum):
    """What a wait that wants a poll does next (``Room.next_move``)."""

    TAKE = "take"  # the current poll has ended, with the job in it, recently enough: take its result
    FOLLOW = "follow"  # a poll is under way: wait for its end, then ask again
    LEAD = "lead"  # no poll to take or follow: lead one (``Room.begin``)


class Room:
    """The waits on one batchable kind of job (in one event loop, or one process), and their shared polls.

    Not thread-safe on its own: the threading shell calls it under its lock; the anyio shell from one loop.
    """

    def __init__(self, key: Hashable) -> None:
        self.key = key
        self.waiting: dict[int, Any] = {}
        self._waits: dict[int, int] = {}  # how many waits are on each job (one job object may be waited twice)
        self.current: Poll | None = None

    def join(self, job: Any) -> None:
        """``job``'s wait enters the room: the next poll led includes it."""
        self.waiting[id(job)] = job
        self._waits[id(job)] = self._waits.get(id(job), 0) + 1

    def leave(self, job: Any) -> bool:
        """``job``'s wait leaves (its job stays polled while another wait is on it); whether the room is now empty
        (the shell then forgets it)."""
        left = self._waits.get(id(job), 0) - 1
        if left > 0:
            self._waits[id(job)] = left
        else:
            self._waits.pop(id(job), None)
            self.waiting.pop(id(job), None)
        return not self.waiting

    def next_move(self, job: Any, now: float, interval: float) -> tuple[Move, Poll | None]:
        """What ``job``'s wait does for a fresh poll with its job in it, and the poll concerned (TAKE, FOLLOW).

        A poll without ``job`` (begun before its wait joined) is followed if under way, never taken as its own.
        """
        current = self.current
        if current is None:
            return Move.LEAD, None
        if current.ended is None:
            return Move.FOLLOW, current
        if current.serves(job) and now - current.ended < FRESH * interval:
            return Move.TAKE, current
        return Move.LEAD, None

    def begin(self, now: float, deadline: float | None, signal: Any = None) -> Poll:
        """A new poll of every waiting job, led by the wait whose deadline is ``deadline``."""
        poll = self.current = Poll(now, list(self.waiting.values()), deadline, signal)
        return poll

    @staticmethod
    def finish(poll: Poll, now: float, errors: dict[int, BaseException]) -> None:
        """The leader's refresh returned ``errors``. When the leader's own deadline had passed and every error is
        transient, its requests were cut short by it: the others take nothing from it and lead again."""
        poll.errors = errors
        poll.ended = now
        cut = poll.deadline is not None and now >= poll.deadline
        if cut and errors and all(is_transient(error) for error in errors.values()):
            poll.abandoned = True

    @staticmethod
    def abandon(poll: Poll, now: float) -> None:
        """The leader gave up (cancelled, interrupted): the waits still waiting elect another leader."""
        poll.abandoned = True
        poll.ended = now


class Rooms:
    """The rooms of one event loop (anyio shell) or one process (threading shell), keyed by (the class
    implementing ``hook``, batch key). A room exists only while a wait is in it, so this holds nothing once every
    wait has returned."""

    def __init__(self, hook: str) -> None:
        self.hook = hook
        self.rooms: dict[Hashable, Room] = {}

    def enter(self, job: Any) -> Room:
        """``job``'s room (made on first use), with ``job`` joined."""
        key = (hook_owner(type(job), self.hook), job._batch_key())
        room = self.rooms.get(key)
        if room is None:
            room = self.rooms[key] = Room(key)
        room.join(job)
        return room

    def leave(self, room: Room, job: Any) -> bool:
        """``job`` leaves ``room``; whether no room is left (the shell may then forget this registry)."""
        if room.leave(job):
            self.rooms.pop(room.key, None)
        return not self.rooms


class SharedWait:
    """One wait's own state and rules, without I/O: its deadline, interval, cancel signal, tolerance of transient
    errors, its telemetry span and done callbacks. The shells loop ``check`` / poll / ``settle`` / ``next_delay``.

    The same contract as the polling engine's, on its schedule (``_poll.Schedule``): at least one poll, one
    overall deadline (``WaitTimeout``; the last poll timed to end by it), a poll every ``interval`` (or later, when
    a 429's ``Retry-After`` says so; under a ``PollPolicy`` the wait's own gap starts at ``min_interval`` and
    stretches by ``multiplier`` each poll that saw no change, up to ``interval``, ``jitter`` shortening it),
    transient errors tolerated ``max_poll_errors`` times in a row, any other error of ``job``'s raised at once
    (another job's lasting error is that job's wait's alone), ``WaitCancelled`` once ``cancel`` is set. Arguments
    are already checked.
    """

    def __init__(
        self,
        job: Any,
        *,
        timeout: float | None,
        interval: float,
        clock: Clock,
        max_poll_errors: int,
        label: str,
        cancel: CancelSignal | None,
        min_interval: float | None = None,
        multiplier: float = BACKOFF,
        jitter: float = 0.0,
    ) -> None:
        self.job = job
        self.clock = clock
        self.max_poll_errors = max_poll_errors
        self.label = label
        self.cancel = cancel
        fast = interval if min_interval is None else min(min_interval, interval)
        self.schedule = Schedule(clock, timeout, interval, fast, multiplier, jitter)  # the polling engine's
        self.deadline = self.schedule.deadline
        self.errors = 0
        self.error: BaseException | None = None
        self._before: object = job._peek_status()
        self._changed = False
        self._failure: BaseException | None = None
        self.now = monotonic_of(clock)  # read once or twice a poll per wait: the system clock's without a hop
        self._polled = self.now()  # when the poll the wait last took ended
        self._traced = _telemetry.wait_started(1, clock, shared=True)

    @property
    def gap(self) -> float:
        """The wait's current gap between polls: ``interval``, or under a policy its adaptive gap."""
        return self.schedule.delay

    def check(self) -> None:
        """``WaitCancelled`` once the cancel signal is set (looked at before each poll, and while following)."""
        raise_if_cancelled(self.cancel, [self.job], self.label)

    def left(self) -> float | None:
        """Seconds to the deadline (None: no deadline)."""
        return None if self.deadline is None else self.deadline - self.now()

    def timed_out(self) -> WaitTimeout:
        """The error of a wait whose deadline passed while it followed another wait's poll."""
        timeout = self.schedule.timeout
        message = f"{self.label}: 1 job(s) not finished within {timeout:g}s"
        return WaitTimeout(message, timeout=timeout, pending=[self.job])

    def follow_bound(self) -> float:
        """How long a thread may block waiting for another wait's poll before looking again at its cancel signal
        and deadline: one gap, or what is left to the deadline if that is less."""
        left = self.left()
        return self.gap if left is None else max(min(self.gap, left), 0.0)

    def settle(self, poll: Poll, took: float) -> bool:
        """What an ended poll with the job in it meant for this wait: True once the job is finished (its done
        callbacks fired); raises a lasting error of its job, or a transient one after ``max_poll_errors`` in a row.
        ``took``: the seconds the wait spent getting it (led or followed), so its last poll can end by the deadline.
        """
        self.schedule.last_tick = took
        failure = poll.errors.get(id(self.job))
        self._polled = self.now() if poll.ended is None else poll.ended
        if failure is not None and not is_transient(failure):
            raise failure
        self.errors = self.errors + 1 if failure is not None else 0
        if failure is not None and self.errors > self.max_poll_errors:
            raise failure
        status = self.job._peek_status()
        self._changed, self._before, self._failure = status != self._before, status, failure
        if not self.job._peek_phase().finished:
            return False
        fire_done(self.job)
        _telemetry.wait_ended(self._traced, 0, 1)
        self._traced = None
        return True

    def next_delay(self) -> float:
        """Seconds until this wait wants its next poll (the polling engine's schedule: the gap, a 429's
        ``Retry-After``, the last poll timed to end by the deadline), or ``WaitTimeout`` when none is left.

        Counted from the end of the poll the wait took, not from when it took it: waits that shared a poll want
        the next one together (one poll for all of them), however late each woke to take its result.
        """
        hint = retry_after(self._failure) if self._failure is not None else None
        delay = self.schedule.next_delay(self._changed, hint, [self.job], self.label)
        return max(delay - (self.now() - self._polled), 0.0)

    def close(self) -> None:
        """End the telemetry span (a wait that raised: with its error)."""
        traced, self._traced = self._traced, None
        _telemetry.wait_ended(traced, 1, 0, self.error)
