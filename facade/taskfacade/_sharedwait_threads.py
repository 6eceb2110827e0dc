"""The threading shell of shared waits (``_sharedwait.py``): concurrent ``job.wait()`` calls from many threads.

Platform code waits from worker threads: 1,000 threads each calling ``task.wait()`` on one client. Their rooms
live per process (``_ROOMS``), guarded by one lock, and only while a wait is in one. The leader is one of the
waiting threads: it sends the poll's requests outside the lock, then wakes the others through the lock's
condition. A follower blocks on that condition at most one interval, or what is left to its deadline if that is
less, then looks at its cancel signal and its deadline again, so each wait stops on time whatever the leader
does. No background thread: nothing outlives the waits.
"""

from __future__ import annotations

import os
import threading

from ._poll import refresh_jobs
from ._sharedwait import Move, Poll, Room, Rooms, SharedWait
from ._steer import sleep_or_cancel
from ._timelimit import deadline_scope

__all__ = ["wait_shared_sync"]

#: The rooms of this process, and the condition (with its lock) that guards them and wakes followers. Process-wide
#: on purpose: sharing polls across threads is the point; every room is gone once its last wait has returned.
_ROOMS = Rooms("_refresh_many")
_CHANGED = threading.Condition(threading.Lock())


def _forget_after_fork() -> None:
    """In a forked child (``multiprocessing``'s default start method on Linux up to Python 3.13) only the forking
    thread lives on: a lock held, or a poll led, by one of the parent's other threads would never be released or
    end there, and the child's waits would block on it. The child starts with no rooms and a free lock instead."""
    global _ROOMS, _CHANGED
    _ROOMS = Rooms("_refresh_many")
    _CHANGED = threading.Condition(threading.Lock())


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_forget_after_fork)


def _poll(room: Room, state: SharedWait) -> Poll:
    """A fresh poll with the wait's job in it, ended: taken, followed or led."""
    job = state.job
    with _CHANGED:
        while True:
            move, poll = room.next_move(job, state.now(), state.gap)
            if move is Move.TAKE:
                assert poll is not None
                return poll
            if move is Move.LEAD:
                poll = room.begin(state.now(), state.deadline)
                break
            assert poll is not None
            while poll.ended is None:
                state.check()
                left = state.left()
                if left is not None and left <= 0:
                    raise state.timed_out()
                _CHANGED.wait(state.follow_bound())
            if poll.serves(job):
                return poll
    try:
        with deadline_scope(state.clock, state.deadline):  # the leader's deadline bounds the requests' retries
            errors = refresh_jobs(poll.jobs)
    except BaseException:
        with _CHANGED:
            Room.abandon(poll, state.now())  # interrupted: the waits still waiting elect another leader
            _CHANGED.notify_all()
        raise
    with _CHANGED:
        Room.finish(poll, state.now(), errors)
        _CHANGED.notify_all()
    return poll


def wait_shared_sync(state: SharedWait) -> None:
    """Wait until ``state.job`` is finished, polling with the other waits of its room in this process (the contract
    of ``_sharedwait.SharedWait``; its ``cancel`` is looked at before each poll, while following, and wakes the
    sleep)."""
    job, clock, cancel = state.job, state.clock, state.cancel
    with _CHANGED:
        room = _ROOMS.enter(job)
    try:
        while True:
            state.check()
            begun = state.now()
            polled = _poll(room, state)
            if state.settle(polled, state.now() - begun):
                return
            sleep_or_cancel(clock, state.next_delay(), cancel)
    except BaseException as exc:
        state.error = exc
        raise
    finally:
        state.close()
        with _CHANGED:
            _ROOMS.leave(room, job)
