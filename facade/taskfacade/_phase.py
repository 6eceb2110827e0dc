"""``JobPhase``: the normalized lifecycle phase every service's job status maps to.

Its own module so that both the ``Job`` base class and the polling engine can use it without importing each
other (``_job`` imports ``_poll`` to wait; ``_poll`` knows jobs only through its ``Pollable`` protocol).
"""

from __future__ import annotations

import enum

__all__ = ["JobPhase"]


class JobPhase(enum.StrEnum):
    """The normalized lifecycle phase, the same on every service (Kubernetes' pod phase is the precedent)."""

    #: Accepted but not started (queued, scheduled, assigned...).
    PENDING = "PENDING"
    #: Running.
    RUNNING = "RUNNING"
    #: Finished successfully.
    SUCCEEDED = "SUCCEEDED"
    #: Finished with an error.
    FAILED = "FAILED"
    #: Stopped on request (aborted, canceled).
    CANCELED = "CANCELED"
    #: Paused; may resume. Not finished.
    SUSPENDED = "SUSPENDED"
    #: A status this version of taskfacade does not know. Never finished.
    UNKNOWN = "UNKNOWN"

    @property
    def finished(self) -> bool:
        """True for SUCCEEDED, FAILED and CANCELED: the job will not change any more."""
        return self in (JobPhase.SUCCEEDED, JobPhase.FAILED, JobPhase.CANCELED)
