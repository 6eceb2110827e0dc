"""Done callbacks: ``job.add_done_callback(fn)`` calls ``fn(job)`` once, when the job is first seen finished.

"Seen" means: by a wait (the polling engine's ``Polling.settle`` and the shared async waits call ``fire_done``
for every job they see finished, batch refreshes included) or by a job's own ``refresh()`` (``JobBase`` wraps
each service's ``refresh`` so it calls ``fire_done`` after the fetch; no service code is involved), or at once
when a callback is added to a job that is already finished. A callback that raises is logged (one line on the
``taskfacade`` logger) and never reaches the poller or the caller of ``refresh``.

State lives in the job's ``__dict__`` under private names, guarded by one module lock (no lock per job, so jobs
stay picklable); callbacks themselves run outside the lock, in the thread (or task) that saw the job finish.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from ._errors import InvalidArgument
from ._log import logger

__all__ = ["add_done_callback", "fire_done", "remove_done_callback"]

_LOCK = threading.Lock()
_CALLBACKS = "_tf_done_callbacks"
_FIRED = "_tf_done_fired"


def _finished(job: Any) -> bool:
    return bool(job._peek_phase().finished)


def add_done_callback(job: Any, fn: Callable[[Any], object]) -> None:
    """Register ``fn``; call it at once (in this thread) when ``job`` is already finished."""
    if not callable(fn):
        raise InvalidArgument("fn", fn, "a callable taking the job")
    with _LOCK:
        now = job.__dict__.get(_FIRED, False) or _finished(job)
        if now:
            job.__dict__[_FIRED] = True
        else:
            job.__dict__.setdefault(_CALLBACKS, []).append(fn)
    if now:
        _call(job, fn)


def remove_done_callback(job: Any, fn: Callable[[Any], object]) -> int:
    """Unregister every registration of ``fn`` that has not run yet; how many were removed."""
    with _LOCK:
        callbacks: list[Callable[[Any], object]] = job.__dict__.get(_CALLBACKS, [])
        kept = [c for c in callbacks if c != fn]
        job.__dict__[_CALLBACKS] = kept
        return len(callbacks) - len(kept)


def fire_done(job: Any) -> None:
    """Call ``job``'s callbacks if it is finished and they have not run yet (each runs once; safe from threads)."""
    state = getattr(job, "__dict__", None)
    if state is None or not state.get(_CALLBACKS) or not _finished(job):
        return
    with _LOCK:
        if state.get(_FIRED, False) and not state.get(_CALLBACKS):
            return
        state[_FIRED] = True
        callbacks = state.pop(_CALLBACKS, [])
    for fn in callbacks:
        _call(job, fn)


def _call(job: Any, fn: Callable[[Any], object]) -> None:
    try:
        fn(job)
    except Exception as exc:  # a user's callback never breaks a poll or a refresh
        logger.warning("done callback %r of %s raised %s: %s", fn, job._label(), type(exc).__name__, exc)
