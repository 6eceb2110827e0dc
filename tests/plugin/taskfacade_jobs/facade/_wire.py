"""The one module of the facade that imports the generated client: each operation called through the transport,
each answer turned into ``JobRecord`` values. ``JobsApi`` is the ``JobSource`` jobs are handed."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from taskfacade import Clock, ResponseDecodeError, Transport

from ..generated.api.jobs import batch_get_jobs, cancel_job, get_job, list_jobs
from ..generated.models import BatchGetRequest, BatchGetResponse, JobList, JobState
from ..generated.models import Job as WireJob
from ..generated.types import UNSET, Unset
from ._job import MAX_BATCH, JobRecord

__all__ = ["JobsApi"]


def _utc(value: datetime.datetime | Unset | None) -> datetime.datetime | None:
    if value is None or isinstance(value, Unset):
        return None
    if value.tzinfo is None:  # the spec says UTC; a server that drops the offset still means it
        return value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC)


def record_of(job: WireJob) -> JobRecord:
    """A generated ``Job`` model as the facade's ``JobRecord``."""
    created = _utc(job.create_time)
    if created is None:
        raise ResponseDecodeError(f"job {job.id!r} has no create_time")
    return JobRecord(
        id=job.id,
        name=job.name,
        state=str(job.state.value),  # an open enum: a state added later keeps its raw value
        progress=float(job.progress),
        created=created,
        started=_utc(job.start_time),
        finished=_utc(job.end_time),
        error=None if isinstance(job.error, Unset) else job.error,
    )


class JobsApi:
    """The jobs service's operations over one transport (implements ``JobSource``)."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    @property
    def clock(self) -> Clock:
        return self.transport.clock

    def fetch(self, job_id: str) -> JobRecord:
        return record_of(self.transport.call(get_job.sync_detailed, job_id, expect=WireJob))

    def fetch_many(self, job_ids: Sequence[str]) -> tuple[list[JobRecord], list[str]]:
        if not 1 <= len(job_ids) <= MAX_BATCH:
            raise ValueError(f"a batch get takes 1 to {MAX_BATCH} ids, got {len(job_ids)}")
        answer = self.transport.call(
            batch_get_jobs.sync_detailed,
            body=BatchGetRequest(ids=list(job_ids)),
            expect=BatchGetResponse,
            idempotent=True,  # a read: safe to replay
        )
        return [record_of(job) for job in answer.jobs], list(answer.not_found)

    def cancel(self, job_id: str) -> JobRecord:
        return record_of(self.transport.call(cancel_job.sync_detailed, job_id, expect=WireJob, idempotent=True))

    def page(self, state: str | None, page_size: int, token: str | None) -> tuple[list[JobRecord], str | None]:
        """One page of jobs, newest first, and the next page's token (None on the last page)."""
        answer = self.transport.call(
            list_jobs.sync_detailed,
            state=UNSET if state is None else JobState(state),
            page_size=page_size,
            page_token=UNSET if token is None else token,
            expect=JobList,
        )
        next_token = None if isinstance(answer.next_page_token, Unset) else answer.next_page_token
        return [record_of(job) for job in answer.jobs], next_token or None

    def __repr__(self) -> str:
        return f"JobsApi({self.transport.base_url!r})"
