"""Concurrent ``await job.wait()`` calls in one event loop share their polls.

Code ported from a vendor's async SDK waits on many jobs the vendor's way: one ``wait()`` per job, gathered. Each
of those would poll on its own (one GET per job per interval). Here every ``AsyncJob.wait`` joins a *room*: the
waits, in this event loop, on jobs that one batch request can refresh together (the same class implementing
``_refresh_many_async`` and the same ``_batch_key()``). A poll of the room refreshes every job waiting in it with
that batch request, and every wait that wants a poll while one is under way, or just finished, takes its result
instead of sending its own. So 500 gathered ``task.wait()`` calls on one Geobox client cost what one ``wait_all``
costs.

How, without a background task (so nothing outlives the waits, and it works on asyncio and trio alike): the first
wait that wants a poll leads it; the others await its end. A poll younger than ``FRESH`` of the wait's interval
counts as the current one. A wait takes a poll's result only when its own job was in that poll: a wait that joins
while a poll is under way (or just after one) awaits it, then leads the next one, which takes every job waiting.
A leader that is cancelled (its caller gave up, or its own deadline came) ends its poll without a result, and the
next wait leads a new one. Each wait keeps its own deadline, interval and tolerance of transient errors; a room
disappears with its last wait.

Errors are per job, as ``taskfacade.aio.refresh_all`` gives them (``_poll.refresh_jobs_async``): a batch request
that fails for good is followed by one refresh per job of the poll, so a deleted job ends its own wait and the
others go on; a transient failure (network, 429, 5xx) is every job's, and each wait tolerates it as it would alone.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import anyio
import anyio.lowlevel

from . import _telemetry
from ._callbacks import fire_done
from ._clock import Clock
from ._errors import WaitTimeout
from ._poll import is_transient, refresh_jobs_async, retry_after
from ._steer import CancelSignal, asleep_or_cancel, raise_if_cancelled
from ._timelimit import deadline_scope

__all__ = ["Room", "room_for", "wait_shared"]

#: A poll that ended less than this share of a wait's interval ago is fresh enough to share.
FRESH = 0.5


class _Poll:
    """One shared poll of ``jobs``: done when its leader finished (``errors``: ``id(job) -> error`` of each job
    whose refresh failed) or gave up (``abandoned``). It holds its jobs, so their ids stay theirs while it lives."""

    def __init__(self, started: float, jobs: Sequence[Any]) -> None:
        self.started = started
        self.jobs = jobs
        self.polled = frozenset(id(job) for job in jobs)
        self.ended: float | None = None
        self.done = anyio.Event()
        self.errors: dict[int, BaseException] = {}
        self.abandoned = False


class Room:
    """The waits on one batchable kind of job in one event loop, and their shared polls."""

    def __init__(self, rooms: dict[Hashable, Room], key: Hashable, loop: int) -> None:
        self._loop = loop
        self._rooms = rooms
        self._key = key
        self.waiting: dict[int, Any] = {}
        self._poll: _Poll | None = None

    def join(self, job: Any) -> None:
        self.waiting[id(job)] = job

    def leave(self, job: Any) -> None:
        self.waiting.pop(id(job), None)
        if not self.waiting:
            self._rooms.pop(self._key, None)
            if not self._rooms:
                _LOOPS.pop(self._loop, None)

    async def poll(self, job: Any, clock: Clock, interval: float, deadline: float | None) -> BaseException | None:
        """Make sure a fresh poll with ``job`` in it has happened; ``job``'s error in it (transient or not), or None.

        A poll without ``job`` (begun before its wait joined) is awaited if under way, never taken as its own.
        """
        while True:
            current = self._poll
            if current is not None and current.ended is None:  # one is under way: await it
                await current.done.wait()
                if current.abandoned or id(job) not in current.polled:
                    continue
                return current.errors.get(id(job))
            if (
                current is not None
                and current.ended is not None
                and id(job) in current.polled
                and clock.monotonic() - current.ended < FRESH * interval
            ):
                return current.errors.get(id(job))
            return await self._lead(job, clock, deadline)

    async def _lead(self, job: Any, clock: Clock, deadline: float | None) -> BaseException | None:
        poll = self._poll = _Poll(clock.monotonic(), list(self.waiting.values()))
        try:
            with deadline_scope(clock, deadline):  # the leader's deadline bounds the requests' retries
                poll.errors = await refresh_jobs_async(poll.jobs)
        except BaseException:
            poll.abandoned = True  # cancelled: the waits still waiting elect another leader
            raise
        finally:
            poll.ended = clock.monotonic()
            poll.done.set()
        return poll.errors.get(id(job))


def _owner_of(cls: type[Any]) -> type[Any]:
    for klass in cls.__mro__:
        if "_refresh_many_async" in vars(klass):
            return klass
    return cls


#: The rooms of each running event loop (by its anyio token), each keyed by (hook owner, batch key). Rooms exist
#: only while a wait is in them, so this holds nothing once every wait has returned.
_LOOPS: dict[int, dict[Hashable, Room]] = {}


def room_for(job: Any) -> Room:
    """The room of ``job`` in the running event loop (made on first use); the caller joins and leaves it."""
    token = anyio.lowlevel.current_token()
    loop = id(getattr(token, "native_token", token))  # anyio >= 4.11 wraps the loop's own token: equal, not same
    rooms = _LOOPS.setdefault(loop, {})
    owner = _owner_of(type(job))
    key = (owner, job._batch_key())
    room = rooms.get(key)
    if room is None:
        room = rooms[key] = Room(rooms, key, loop)
    return room


async def wait_shared(
    job: Any,
    *,
    timeout: float | None,
    interval: float,
    clock: Clock,
    max_poll_errors: int,
    label: str,
    cancel: CancelSignal | None = None,
) -> None:
    """Wait until ``job`` is finished, polling with the other waits of its room (see the module docstring).

    The same contract as the polling engine's: at least one poll, one overall deadline (``WaitTimeout``), a poll
    every ``interval`` (or later, when a 429's ``Retry-After`` says so), transient errors tolerated
    ``max_poll_errors`` times in a row, any other error of ``job``'s raised at once (another job's lasting error
    is that job's wait's alone), ``WaitCancelled`` once ``cancel`` is set
    (looked at before each poll; it wakes the sleep). Arguments are already checked.
    """
    room = room_for(job)
    room.join(job)
    deadline = None if timeout is None else clock.monotonic() + timeout
    errors = 0
    traced = _telemetry.wait_started(1, clock, shared=True)
    ended: BaseException | None = None
    try:
        while True:
            raise_if_cancelled(cancel, [job], label)
            failure = await room.poll(job, clock, interval, deadline)
            if failure is not None and not is_transient(failure):
                raise failure
            errors = errors + 1 if failure is not None else 0
            if failure is not None and errors > max_poll_errors:
                raise failure
            if job._peek_phase().finished:
                fire_done(job)
                _telemetry.wait_ended(traced, 0, 1)
                traced = None
                return
            delay = max(interval, (retry_after(failure) if failure is not None else None) or 0.0)
            if deadline is not None:
                left = deadline - clock.monotonic()
                if left <= 0:
                    raise WaitTimeout(f"{label}: not finished within {timeout:g}s", timeout=timeout, pending=[job])
                delay = min(delay, left)
            await asleep_or_cancel(clock, delay, cancel)
    except BaseException as exc:
        ended = exc
        raise
    finally:
        _telemetry.wait_ended(traced, 1, 0, ended)
        room.leave(job)
