"""``JobsJob``: one job of the jobs service, as a ``taskfacade.Job`` with a batched refresh.

The job does not know the client. It is handed a ``JobSource`` (fetch one, fetch up to ``MAX_BATCH``, cancel,
the clock), the small protocol declared here, which the client's wire module implements; so this module imports
neither the client nor the generated code, and nothing imports in a circle.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol

import attrs
from taskfacade import Clock, Job, JobPhase

__all__ = ["MAX_BATCH", "STATUS_PHASES", "JobRecord", "JobSource", "JobsJob"]

#: The most ids one batch-get request takes (the spec's ``maxItems``).
MAX_BATCH = 50

#: The service's states and their phases. A state this table lacks maps to UNKNOWN, which never ends a wait.
STATUS_PHASES: Mapping[str, JobPhase] = MappingProxyType(
    {
        "QUEUED": JobPhase.PENDING,
        "RUNNING": JobPhase.RUNNING,
        "SUCCEEDED": JobPhase.SUCCEEDED,
        "FAILED": JobPhase.FAILED,
        "CANCELLED": JobPhase.CANCELED,
    }
)


@attrs.frozen
class JobRecord:
    """A job as the service last described it (timestamps aware, in UTC).

    Attributes:
        id: the job's id.
        name: its display name.
        state: the service's state as sent (``QUEUED``... or a value added later).
        progress: percent done, 0 to 100.
        created: when it was created.
        started: when it started running (None while queued).
        finished: when it finished (None until then).
        error: why it failed (None unless FAILED).
    """

    id: str
    name: str
    state: str
    progress: float
    created: datetime.datetime
    started: datetime.datetime | None = None
    finished: datetime.datetime | None = None
    error: str | None = None


class JobSource(Protocol):
    """What a job needs from its client: reads, the cancel verb and the clock its waits run on."""

    @property
    def clock(self) -> Clock: ...

    def __hash__(self) -> int:
        """Hashable: it is the batch key, so the jobs of one source are refreshed together."""
        ...

    def fetch(self, job_id: str) -> JobRecord:
        """One job (``GET /v1/jobs/{id}``); ``NotFound`` when there is none."""
        ...

    def fetch_many(self, job_ids: Sequence[str]) -> tuple[list[JobRecord], list[str]]:
        """Up to ``MAX_BATCH`` jobs in one request: those found, and the ids not found."""
        ...

    def cancel(self, job_id: str) -> JobRecord:
        """Ask the service to stop the job; returns it as it is after the request."""
        ...


class JobsJob(Job[str]):
    """A job of the jobs service. ``status`` is the service's state string (``QUEUED``, ``RUNNING``...).

    Built by ``JobsClient`` (``get_job``, ``get_jobs``, ``list_jobs``), never by hand.
    """

    STATUS_PHASES = STATUS_PHASES

    def __init__(self, source: JobSource, record: JobRecord) -> None:
        self._source = source
        self._record = record

    @property
    def id(self) -> str:
        """The job's id."""
        return self._record.id

    @property
    def name(self) -> str:
        """The job's display name."""
        return self._record.name

    @property
    def record(self) -> JobRecord:
        """Everything the service said about the job at the last fetch."""
        return self._record

    @property
    def progress(self) -> float | None:
        return self._record.progress

    @property
    def error(self) -> str | None:
        return self._record.error

    @property
    def created_utc(self) -> datetime.datetime | None:
        return self._record.created

    @property
    def started_utc(self) -> datetime.datetime | None:
        return self._record.started

    @property
    def finished_utc(self) -> datetime.datetime | None:
        return self._record.finished

    def refresh(self) -> None:
        """Fetch the job's current state (one request)."""
        self._record = self._source.fetch(self.id)

    def abort(self) -> None:
        """Cancel the job (``POST /v1/jobs/{id}/cancel``); its state is the server's answer."""
        self._record = self._source.cancel(self.id)

    # -- hooks of the core ----------------------------------------------------------------------------------

    def _peek_status(self) -> str:
        return self._record.state

    def _wait_clock(self) -> Clock:
        return self._source.clock

    def _label(self) -> str:
        return f"JobsJob {self.id}"

    def _batch_key(self) -> Hashable:
        return self._source

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        """Refresh jobs of one source with batch gets (``MAX_BATCH`` ids a request); an id the batch did not find
        is fetched alone, so a job that disappeared raises ``NotFound`` as ``refresh()`` would."""
        mine = [job for job in jobs if isinstance(job, JobsJob)]
        if not mine:
            return
        source = mine[0]._source
        by_id: dict[str, list[JobsJob]] = {}
        for job in mine:
            by_id.setdefault(job.id, []).append(job)
        ids = list(by_id)
        for start in range(0, len(ids), MAX_BATCH):
            found, missing = source.fetch_many(ids[start : start + MAX_BATCH])
            for record in found:
                for job in by_id.get(record.id, ()):
                    job._record = record
            for job_id in missing:
                for job in by_id.get(job_id, ()):
                    job.refresh()
