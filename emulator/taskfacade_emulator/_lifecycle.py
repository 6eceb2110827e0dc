"""The one task schedule every service's tasks follow: queued, running with progress, then an outcome.

Each service stores a task's schedule (``created_at``, ``queued_s``, ``run_s``, ``outcome`` and, once someone
cancels it, ``canceled_at``) and maps the ``Phase`` computed here to its own status vocabulary. State is derived
from the clock on every read, so there is no background thread and a restart loses nothing.
"""

from __future__ import annotations

import enum

import attrs


class Phase(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"

    @property
    def final(self) -> bool:
        return self in (Phase.SUCCEEDED, Phase.FAILED, Phase.CANCELED)


OUTCOMES = (Phase.SUCCEEDED, Phase.FAILED, Phase.CANCELED)


@attrs.frozen
class Schedule:
    """When a task starts and ends, in emulator epoch seconds."""

    created_at: float
    queued_s: float
    run_s: float
    outcome: Phase = Phase.SUCCEEDED
    canceled_at: float | None = None

    @property
    def started_at(self) -> float:
        return self.created_at + self.queued_s

    @property
    def finished_at(self) -> float:
        natural = self.started_at + self.run_s
        if self.canceled_at is not None and self.canceled_at < natural:
            return self.canceled_at
        return natural

    def phase_at(self, now: float) -> Phase:
        if self.canceled_at is not None and now >= self.canceled_at and self.canceled_at < self.started_at + self.run_s:
            return Phase.CANCELED
        if now < self.started_at:
            return Phase.QUEUED
        if now < self.started_at + self.run_s:
            return Phase.RUNNING
        return self.outcome

    def progress_at(self, now: float) -> float:
        """Percent done, 0..100 (100 only once finished successfully)."""
        phase = self.phase_at(now)
        if phase is Phase.QUEUED:
            return 0.0
        if phase is Phase.RUNNING:
            return min(99.0, 100.0 * (now - self.started_at) / self.run_s) if self.run_s > 0 else 99.0
        if phase is Phase.SUCCEEDED:
            return 100.0
        end = min(self.finished_at, now)
        return min(99.0, 100.0 * max(0.0, end - self.started_at) / self.run_s) if self.run_s > 0 else 0.0
