"""The anyio shell of shared waits (``_sharedwait.py``): concurrent ``await job.wait()`` calls in one event loop.

Rooms live per event loop (``_LOOPS``, keyed by the loop's anyio token), and only while a wait is in one; a wait
that follows another's poll awaits the poll's ``anyio.Event``. No background task: the leader is one of the waits,
so it works on asyncio and trio alike, and a leader that is cancelled ends its poll without a result.
"""

from __future__ import annotations

import anyio
import anyio.lowlevel

from ._poll import refresh_jobs_async
from ._sharedwait import Move, Poll, Room, Rooms, SharedWait
from ._steer import asleep_or_cancel
from ._timelimit import deadline_scope

__all__ = ["wait_shared"]

#: The rooms of each running event loop (by its anyio token). Empty once every wait has returned: a loop's entry
#: goes with its last room.
_LOOPS: dict[int, Rooms] = {}


def _loop() -> int:
    token = anyio.lowlevel.current_token()
    return id(getattr(token, "native_token", token))  # anyio >= 4.11 wraps the loop's own token: equal, not same


async def _poll(room: Room, state: SharedWait) -> Poll:
    """A fresh poll with the wait's job in it, ended: taken, followed or led."""
    job = state.job
    while True:
        move, poll = room.next_move(job, state.now(), state.gap)
        if move is Move.TAKE:
            assert poll is not None
            return poll
        if move is Move.FOLLOW:
            assert poll is not None
            await poll.signal.wait()
            if poll.serves(job):
                return poll
            continue
        poll = room.begin(state.now(), state.deadline, anyio.Event())
        try:
            with deadline_scope(state.clock, state.deadline):  # the leader's deadline bounds the requests' retries
                errors = await refresh_jobs_async(poll.jobs)
        except BaseException:
            Room.abandon(poll, state.now())  # cancelled: the waits still waiting elect another leader
            raise
        else:
            Room.finish(poll, state.now(), errors)
        finally:
            poll.signal.set()
        return poll


async def wait_shared(state: SharedWait) -> None:
    """Wait until ``state.job`` is finished, polling with the other waits of its room in this event loop (the
    contract of ``_sharedwait.SharedWait``; its ``cancel`` is looked at before each poll and wakes the sleep)."""
    job, clock, cancel = state.job, state.clock, state.cancel
    loop = _loop()
    rooms = _LOOPS.setdefault(loop, Rooms("_refresh_many_async"))
    room = rooms.enter(job)
    try:
        while True:
            state.check()
            begun = state.now()
            polled = await _poll(room, state)
            if state.settle(polled, state.now() - begun):
                return
            await asleep_or_cancel(clock, state.next_delay(), cancel)
    except BaseException as exc:
        state.error = exc
        raise
    finally:
        state.close()
        if rooms.leave(room, job):
            _LOOPS.pop(loop, None)
