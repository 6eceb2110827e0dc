"""Helpers for the TensorBay facade tests (named so it cannot clash with other test folders' helpers).

``EmulatorClock`` is a ``taskfacade.Clock`` on the emulator's time: when the facade sleeps (a poll interval, a
retry back-off, a ``Retry-After``) the frozen emulator clock jumps forward instead, so a 10-second job is waited
for over real loopback HTTP in milliseconds, and every sleep is recorded.
"""

from __future__ import annotations

from taskfacade_emulator import Emulator

KEY = "ACCESSKEY-emulator"
DATASET = "emulator-dataset"
PREFIX = "/gatewayv2/tensorbay-open-api/v1"
JOB = f"GET {PREFIX}/datasets/{{dataset_id}}/jobs/{{job_id}}"
JOBS = f"GET {PREFIX}/datasets/{{dataset_id}}/jobs"
CREATE = f"POST {PREFIX}/datasets/{{dataset_id}}/jobs"
ABORT = f"POST {PREFIX}/datasets/{{dataset_id}}/jobs/{{job_id}}/abort"
RETRY = f"POST {PREFIX}/datasets/{{dataset_id}}/jobs/{{job_id}}/retry"
DELETE = f"DELETE {PREFIX}/datasets/{{dataset_id}}/jobs/{{job_id}}"


class EmulatorClock:
    """Emulator time as a taskfacade Clock; ``sleep`` advances the emulator instead of blocking."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.emu.now()

    def time(self) -> float:
        return self.emu.now()

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if seconds > 0:
            self.emu.advance(seconds)


def counts(emu: Emulator) -> dict[str, int]:
    """Requests the emulator served for TensorBay, by route."""
    return dict(emu.request_counts()["tensorbay"])


def total(emu: Emulator) -> int:
    """All TensorBay requests the emulator served."""
    return sum(counts(emu).values())
