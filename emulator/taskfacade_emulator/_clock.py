"""The emulator clock: real time scaled by a speed factor, plus manual steps.

Task lifecycles are computed from this clock rather than from the wall clock, so a test can step a task from
queued to finished in microseconds (``advance``) or run the whole emulator faster (``speed``).
"""

from __future__ import annotations

import threading
import time


class Clock:
    """Emulator time in epoch seconds.

    Emulator time starts equal to the wall clock and then runs at ``speed`` times real time; ``advance`` jumps it
    forward. Thread-safe.
    """

    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        self._lock = threading.Lock()
        self._anchor_real = time.monotonic()
        self._anchor_emulated = time.time() if start is None else start
        self._speed = speed

    def now(self) -> float:
        """Current emulator time, in epoch seconds."""
        with self._lock:
            return self._anchor_emulated + (time.monotonic() - self._anchor_real) * self._speed

    @property
    def speed(self) -> float:
        with self._lock:
            return self._speed

    def set_speed(self, speed: float) -> None:
        """Run emulator time at ``speed`` times real time from now on (0 freezes it)."""
        if speed < 0:
            raise ValueError(f"speed must be >= 0, got {speed}")
        with self._lock:
            real = time.monotonic()
            self._anchor_emulated += (real - self._anchor_real) * self._speed
            self._anchor_real = real
            self._speed = speed

    def advance(self, seconds: float) -> None:
        """Jump emulator time forward by ``seconds``."""
        if seconds < 0:
            raise ValueError(f"advance_s must be >= 0, got {seconds}")
        with self._lock:
            self._anchor_emulated += seconds
