"""Helpers shared by the Geobox facade tests (importable because conftest.py puts this folder on sys.path)."""

from __future__ import annotations

from taskfacade import ManualClock
from taskfacade_emulator import Emulator

TOKEN = "emulator-token"
GET_TASK = "GET /v1/tasks/{uuid}/"
LIST_TASKS = "GET /v1/tasks/"
GET_STATUS = "GET /v1/tasks/{uuid}/status/"
ABORT = "POST /v1/tasks/{uuid}/abort/"
LOGIN = "POST /v1/auth/token/"


class EmulatorClock(ManualClock):
    """Sleeping moves this clock and the (frozen) emulator's clock by the same amount, instantly.

    The facade's waits and retry back-offs then take no real time, and the tasks on the emulator move exactly as
    far as the facade slept.
    """

    def __init__(self, emu: Emulator) -> None:
        super().__init__()
        self.emu = emu

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if seconds > 0:
            self.emu.advance(seconds)


def counts(emu: Emulator) -> dict[str, int]:
    """Requests the emulator served for Geobox, by route."""
    return {route: n for route, n in emu.request_counts()["geobox"].items() if n}


def total(emu: Emulator) -> int:
    """All Geobox requests the emulator served."""
    return sum(counts(emu).values())
