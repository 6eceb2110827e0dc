"""The emulator clock: real time scaled by a speed factor, plus manual steps.

Task lifecycles are computed from this clock rather than from the wall clock, so a test can step a task from
queued to finished in microseconds (``advance``) or run the whole emulator faster (``speed``).

The clock stops at ``MAX_TIME`` (9000-01-01T00:00:00Z): every service writes dates with four-digit years, and a
clock past year 9999 would make every later answer that writes one fail, and stay so after a restart because
the position is saved (time never runs backwards). ``advance`` and ``set_speed`` refuse what would pass it;
a start time past it (a database saved by an older emulator) starts at it.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time

from ._checks import is_number

#: The latest emulator time, in epoch seconds: 9000-01-01T00:00:00Z (a thousand years short of year 9999, so a
#: service may still add durations to it and write the date).
MAX_TIME = dt.datetime(9000, 1, 1, tzinfo=dt.UTC).timestamp()
_END = "9000-01-01T00:00:00Z"
#: The fastest clock speed (a million times real time: a year passes in about 32 s).
MAX_SPEED = 1_000_000.0


class Clock:
    """Emulator time in epoch seconds.

    Emulator time starts equal to the wall clock (or ``start``, at most ``MAX_TIME``) and then runs at ``speed``
    times real time; ``advance`` jumps it forward. It never passes ``MAX_TIME``. Thread-safe.
    """

    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        speed = check_speed(speed)
        self._lock = threading.Lock()
        self._anchor_real = time.monotonic()
        start = time.time() if start is None else start
        self._anchor_emulated = start if math.isfinite(start) and start < MAX_TIME else MAX_TIME
        self._speed = speed

    def now(self) -> float:
        """Current emulator time, in epoch seconds (at most ``MAX_TIME``)."""
        with self._lock:
            return self._now()

    def _now(self) -> float:
        return min(self._anchor_emulated + (time.monotonic() - self._anchor_real) * self._speed, MAX_TIME)

    @property
    def speed(self) -> float:
        with self._lock:
            return self._speed

    def set_speed(self, speed: float) -> None:
        """Run emulator time at ``speed`` (0 to ``MAX_SPEED``) times real time from now on (0 freezes it)."""
        speed = check_speed(speed)
        with self._lock:
            self._anchor_emulated, self._anchor_real = self._now(), time.monotonic()
            self._speed = speed

    def advance(self, seconds: float) -> None:
        """Jump emulator time forward by ``seconds``; refuses a jump past ``MAX_TIME`` (ValueError, nothing moves)."""
        with self._lock:
            now = self._now()
            room = MAX_TIME - now
            if not (is_number(seconds) and 0 <= seconds <= room):
                raise ValueError(
                    f"'advance_s' must be a number of seconds from 0 to {room:.0f} (the emulator clock stops at "
                    f"{_END}), got {seconds!r}"
                )
            self._anchor_emulated, self._anchor_real = now + float(seconds), time.monotonic()


def utc_moment(epoch: float) -> dt.datetime:
    """Emulator time as an aware UTC datetime for a service to write, never past ``MAX_TIME``.

    Every service formats its dates through this, so a moment stored past the end of the clock (by an emulator
    older than the limit, or as a start plus a huge duration) is written as the end instead of failing the answer.
    """
    return dt.datetime.fromtimestamp(min(epoch, MAX_TIME), tz=dt.UTC)


def check_speed(speed: object, name: str = "'speed'") -> float:
    """``speed`` as a float, or ValueError naming ``name`` and the accepted range (0 to ``MAX_SPEED``)."""
    if not (is_number(speed) and 0 <= speed <= MAX_SPEED):
        raise ValueError(f"{name} must be a number from 0 to {MAX_SPEED:.0f}, got {speed!r}")
    return float(speed)
