"""The jobs service's commands: ``taskfacade tasks list|show|wait|cancel jobs``, over ``JobsClient``.

Imported (and with it the facade) only when a command uses the jobs service; what the command line needs before
that is ``SERVICE`` in ``__init__``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any

import taskfacade
from taskfacade_cli import Listing, ListQuery, Row, Service, peek_row, phase_names

from ..facade import STATUS_PHASES, JobsClient, JobsJob
from . import ENV_ENDPOINT, ENV_TOKEN

__all__ = ["JobsService"]


class JobsService(Service):
    """The jobs service: list (newest first), show, wait (batch gets), cancel."""

    name = "jobs"
    status_phases = phase_names(STATUS_PHASES)
    cancel_verb = "POST /v1/jobs/{id}/cancel"
    parameters = {"job_id": ("ID", None), "job_ids": ("ID", None), "url": ("--endpoint", "endpoint")}

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        token = self.settings.get("token") or os.environ.get(ENV_TOKEN)
        if not token:
            raise self.no_credentials(ENV_TOKEN, "token")
        url = self.settings.get("endpoint") or os.environ.get(ENV_ENDPOINT)
        self.client = JobsClient(
            self.required("--endpoint", url, "endpoint"),
            taskfacade.check_secret(token, "token"),
            retry_mode=self.context.retry_mode,
            trust_env=self.context.trust_env,
        )

    def list_tasks(self, query: ListQuery) -> Listing:
        wanted = query.statuses
        state = next(iter(wanted)) if wanted is not None and len(wanted) == 1 else None
        jobs = (job for job in self.client.list_jobs(state, page_size=100) if wanted is None or job.status in wanted)
        return Listing(_in_window(jobs, query.window.start, query.window.end))

    def get(self, task_id: str) -> JobsJob:
        return self.client.get_job(task_id)

    def row(self, job: JobsJob) -> Row:
        return peek_row(
            self.name,
            job,
            job.id,
            name=job.name,
            created_at=job.created_utc,
            started_at=job.started_utc,
            finished_at=job.finished_utc,
            error=job.error,
        )

    def details(self, job: JobsJob) -> dict[str, Any]:
        record = job.record
        return {
            "id": record.id,
            "name": record.name,
            "state": record.state,
            "progress": record.progress,
            "create_time": record.created,
            "start_time": record.started,
            "end_time": record.finished,
            "error": record.error,
        }

    def cancel(self, job: JobsJob) -> None:
        job.abort()

    def close(self) -> None:
        self.client.close()


def _in_window(jobs: Iterator[JobsJob], start: datetime.datetime, end: datetime.datetime | None) -> Iterator[JobsJob]:
    """Jobs created from ``start`` to ``end`` (None: now) from a newest-first stream; stops at the first older one."""
    for job in jobs:
        created = job.created_utc
        if created is not None and end is not None and created > end:
            continue
        if created is not None and created < start:
            return
        yield job
