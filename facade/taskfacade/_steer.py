"""Steering a wait from outside: the ``cancel=`` signal of ``wait``, ``wait_all`` and ``as_completed``.

A signal is anything with ``is_set()`` (``threading.Event``, ``anyio.Event``, ``asyncio.Event``, your own). The
sleep between two polls wakes early when it is set: on the system clock through the signal's own ``wait(timeout)``
(sync) or an awaitable ``wait()`` raced with the sleep (async); otherwise (a test's ``ManualClock``, a signal
without ``wait``, a ``threading.Event`` in async code) by checking ``is_set()`` every ``SLICE`` seconds of the
wait's clock. So a wait stops within one interval of the signal (sooner on the system clock) and raises
``WaitCancelled`` listing the jobs still pending; a request already under way finishes first.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from ._clock import Clock, SystemClock, sleep_async
from ._errors import InvalidArgument, WaitCancelled

__all__ = ["SLICE", "CancelSignal", "asleep_or_cancel", "check_cancel", "raise_if_cancelled", "sleep_or_cancel"]

#: Seconds between two looks at a signal that cannot be waited on (or on a clock other than the system's).
SLICE = 0.05


@runtime_checkable
class CancelSignal(Protocol):
    """Anything with ``is_set()``: ``threading.Event``, ``anyio.Event``, ``asyncio.Event``."""

    def is_set(self) -> bool:
        """Whether the wait should stop."""


def check_cancel(cancel: object) -> CancelSignal | None:
    """None or an object with a callable ``is_set``, else ``InvalidArgument`` (before any request)."""
    if cancel is None:
        return None
    if not callable(getattr(cancel, "is_set", None)):
        raise InvalidArgument("cancel", cancel, "None or an object with is_set(), e.g. a threading.Event")
    signal: CancelSignal = cancel  # type: ignore[assignment]
    return signal


def raise_if_cancelled(cancel: CancelSignal | None, pending: Sequence[Any], label: str) -> None:
    """``WaitCancelled`` (listing ``pending``) when the signal is set."""
    if cancel is not None and cancel.is_set():
        raise WaitCancelled(f"{label}: wait cancelled with {len(pending)} job(s) pending", pending=pending)


def sleep_or_cancel(clock: Clock, seconds: float, cancel: CancelSignal | None) -> None:
    """Sleep ``seconds`` on ``clock``, waking early when ``cancel`` is set (see the module docstring)."""
    if cancel is None:
        clock.sleep(seconds)
        return
    wait = getattr(cancel, "wait", None)
    if type(clock) is SystemClock and callable(wait) and not inspect.iscoroutinefunction(wait):
        wait(seconds)
        return
    end = clock.monotonic() + seconds
    while not cancel.is_set():
        left = end - clock.monotonic()
        if left <= 0:
            return
        clock.sleep(min(left, SLICE))


async def asleep_or_cancel(clock: Clock, seconds: float, cancel: CancelSignal | None) -> None:
    """``sleep_or_cancel`` without blocking the event loop."""
    if cancel is None:
        await sleep_async(clock, seconds)
        return
    wait = getattr(cancel, "wait", None)
    if type(clock) is SystemClock and callable(wait) and inspect.iscoroutinefunction(wait):
        import anyio

        with anyio.move_on_after(seconds):
            await wait()
        return
    end = clock.monotonic() + seconds
    while not cancel.is_set():
        left = end - clock.monotonic()
        if left <= 0:
            return
        await sleep_async(clock, min(left, SLICE))
