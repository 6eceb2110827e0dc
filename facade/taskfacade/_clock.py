"""Time as the facade sees it: a monotonic clock, the wall clock and sleep, injectable for tests.

Retries, budgets and waits read time only through a ``Clock``, never through ``time`` directly, so a test can
drive them with ``ManualClock`` (time moves only when something sleeps or the test advances it) and a
thirty-second wait runs in microseconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from ._check import check_finite
from ._errors import InvalidArgument


@runtime_checkable
class Clock(Protocol):
    """The three time primitives the facade uses."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (for deadlines and budgets)."""
        ...

    def time(self) -> float:
        """Wall-clock seconds since the epoch (for HTTP-date ``Retry-After`` values)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Block for ``seconds`` (or, for a test clock, just move time forward)."""
        ...


class SystemClock:
    """The real clock: ``time.monotonic``, ``time.time`` and ``time.sleep``. Stateless."""

    def monotonic(self) -> float:
        """Return ``time.monotonic()``."""
        return time.monotonic()

    def time(self) -> float:
        """Return ``time.time()``."""
        return time.time()

    def sleep(self, seconds: float) -> None:
        """Call ``time.sleep`` (negative values count as zero; NaN and inf are refused)."""
        if check_finite("seconds", seconds) > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        """Sleep without blocking the event loop (asyncio or trio, through anyio)."""
        import anyio  # only async users pay for it

        await anyio.sleep(max(check_finite("seconds", seconds), 0.0))

    def __repr__(self) -> str:
        return "SystemClock()"


#: The one real clock every transport and job uses unless given another. Stateless, so sharing it is safe.
SYSTEM_CLOCK = SystemClock()


async def sleep_async(clock: Clock, seconds: float) -> None:
    """Sleep on ``clock`` without blocking the event loop.

    ``SystemClock`` and ``ManualClock`` have ``asleep``; a clock of the user's own without it sleeps in a worker
    thread (its ``sleep`` may block).
    """
    asleep = getattr(clock, "asleep", None)
    if asleep is not None:
        await asleep(seconds)
        return
    import anyio

    await anyio.to_thread.run_sync(clock.sleep, seconds)


def monotonic_of(clock: Clock) -> Callable[[], float]:
    """``clock.monotonic``, or ``time.monotonic`` itself for the system clock (read several times per request,
    so the hot path skips a Python-level call)."""
    return time.monotonic if type(clock) is SystemClock else clock.monotonic


def check_clock(clock: object, parameter: str = "clock") -> Clock:
    """None (the system clock) or a ``Clock``, else ``InvalidArgument``: the one clock check of every client and
    wait, with one message."""
    if clock is None:
        return SYSTEM_CLOCK
    if isinstance(clock, Clock):
        return clock
    raise InvalidArgument(parameter, clock, "None or a taskfacade.Clock (monotonic, time, sleep)")


#: How far a ManualClock may run from zero: float seconds stay exact integers, and sums of times never overflow.
MANUAL_LIMIT = float(2**53)


def _moved(now: float, step: float, given: float) -> float:
    """``now + step``, refused (naming ``seconds``) when it would leave the clock's range."""
    moved = now + step
    if not -MANUAL_LIMIT <= moved <= MANUAL_LIMIT:
        raise InvalidArgument("seconds", given, f"a duration keeping the clock within +-{MANUAL_LIMIT:.0f} s")
    return moved


class ManualClock:
    """A clock for tests: time stands still until ``sleep`` or ``advance`` moves it. Thread-safe.

    Args:
        start: the initial monotonic reading.
        wall_start: the wall-clock reading that goes with ``start``.
    """

    def __init__(self, start: float = 1000.0, wall_start: float = 1_700_000_000.0) -> None:
        self._lock = threading.Lock()
        self._now = check_finite("start", start)
        self._wall_offset = check_finite("wall_start", wall_start) - self._now
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        """Current fake monotonic time."""
        with self._lock:
            return self._now

    def time(self) -> float:
        """Current fake wall-clock time (moves together with ``monotonic``)."""
        with self._lock:
            return self._now + self._wall_offset

    def sleep(self, seconds: float) -> None:
        """Record the sleep and move time forward by it instead of blocking."""
        check_finite("seconds", seconds)
        with self._lock:
            self._now = _moved(self._now, max(seconds, 0.0), seconds)
            self.sleeps.append(seconds)

    async def asleep(self, seconds: float) -> None:
        """``sleep``, then let the event loop run the other tasks once (as a real sleep would)."""
        import anyio

        self.sleep(seconds)
        await anyio.sleep(0)

    def advance(self, seconds: float) -> None:
        """Move time forward without recording a sleep."""
        check_finite("seconds", seconds)
        with self._lock:
            self._now = _moved(self._now, seconds, seconds)

    def __repr__(self) -> str:
        return f"ManualClock(now={self._now})"
