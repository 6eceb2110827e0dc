"""TensorBay in the command line, over ``taskfacade.tensorbay`` (the vendor SDK's ``GAS``, seed 004).

The access key: the profile's ``tensorbay.access_key``, else ``$TENSORBAY_ACCESS_KEY`` (the vendor SDK reads no
environment, so this variable is the command line's own). Jobs belong to a dataset: ``--dataset NAME`` (or the
profile's ``dataset``, or the emulator's seeded dataset). ``--job-type`` picks ``squashAndMerge`` or
``basicSearch`` (default: both).
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator
from typing import Any

import taskfacade
from taskfacade.tensorbay import GAS, STATUS_PHASES, ResourceNotExistError, SquashAndMergeJob, TensorBayJob

from ._exit import UsageError
from ._service import Listing, ListQuery, Row, Service, peek_row, phase_names
from ._svc_tensorbay import ENV_ACCESS_KEY
from ._times import Window

__all__ = ["SERVICE", "TensorBayService"]


def _newest_first(job: TensorBayJob) -> float:
    created = job.created_utc
    return -created.timestamp() if created is not None else 0.0


class TensorBayService(Service):
    """TensorBay dataset jobs: list (both kinds, newest first), show, wait (the job list endpoint), abort, retry
    (squash-and-merge only)."""

    name = "tensorbay"
    status_phases = phase_names(STATUS_PHASES)
    cancel_verb = "POST .../jobs/{jobId}/abort"
    retry_verb = "POST .../jobs/{jobId}/retry (squash-and-merge jobs)"
    parameters = {
        "job_id": ("ID", None),
        "url": ("--endpoint", "endpoint"),
        "dataset_name": ("--dataset", "dataset"),
        "name": ("--dataset", "dataset"),
        "access_key": (None, "access_key"),
    }

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        key = self.settings.get("access_key")
        if not key and os.environ.get(ENV_ACCESS_KEY):
            key = taskfacade.check_secret(os.environ[ENV_ACCESS_KEY], ENV_ACCESS_KEY)
        if not key:
            raise self.no_credentials(ENV_ACCESS_KEY, "access_key")
        self.gas = GAS(
            key,
            url=self.settings.get("endpoint") or "",
            retry_mode=self.context.retry_mode,
            trust_env=self.context.trust_env,
        )
        self._dataset: Any = None

    @property
    def dataset(self) -> Any:
        """The dataset client (fetched once: two requests)."""
        if self._dataset is None:
            name = getattr(self.options, "dataset", None) or self.settings.get("dataset")
            if not name and self.context.emulator:
                name = self.context.emulator_seeded("tensorbay").get("dataset_name")
            self._dataset = self.gas.get_dataset(self.required("--dataset", name, "dataset"))
        return self._dataset

    def _kinds(self) -> list[Any]:
        chosen = getattr(self.options, "job_type", None)  # one of _svc_tensorbay.JOB_TYPES (the parser's choices)
        kinds = {"squashAndMerge": self.dataset.squash_and_merge, "basicSearch": self.dataset.basic_search}
        return [kinds[chosen]] if chosen else list(kinds.values())

    def list_tasks(self, query: ListQuery) -> Listing:
        wanted = query.statuses
        server_status = next(iter(wanted)) if wanted is not None and len(wanted) == 1 else None
        streams = [kind.list_jobs(status=server_status) for kind in self._kinds()]
        merged = heapq.merge(*streams, key=_newest_first)
        keep = (job for job in merged if wanted is None or self.row(job).status in wanted)
        return Listing(_in_window(keep, query.window))

    def get(self, task_id: str) -> TensorBayJob:
        kinds = self._kinds()
        for kind in kinds[:-1]:
            try:
                job: TensorBayJob = kind.get_job(task_id)
            except ResourceNotExistError:
                continue
            return job
        last: TensorBayJob = kinds[-1].get_job(task_id)
        return last

    def row(self, job: TensorBayJob) -> Row:
        return peek_row(
            self.name,
            job,
            job.job_id,
            name=job.title,
            kind=job.job_type,
            created_at=job.created_utc,
            started_at=job.started_utc,
            finished_at=job.finished_utc,
            error=job.error,
        )

    def details(self, job: TensorBayJob) -> dict[str, Any]:
        return {
            "jobId": job.job_id,
            "jobType": job.job_type,
            "datasetId": job.dataset_id,
            "title": job.title,
            "description": job.description,
            "status": job._peek_status(),
            "arguments": job.arguments,
            "createdAt": job.created_utc,
            "startedAt": job.started_utc,
            "finishedAt": job.finished_utc,
            "errorMessage": job.error_message,
        }

    def cancel(self, job: TensorBayJob) -> None:
        job.abort()

    def retry(self, job: TensorBayJob) -> None:
        if not isinstance(job, SquashAndMergeJob):
            raise UsageError(f"tensorbay job {job.job_id} is a {job.job_type} job: only squashAndMerge jobs can retry")
        job.retry()

    def close(self) -> None:
        self.gas.close()


def _in_window(jobs: Iterator[TensorBayJob], window: Window) -> Iterator[TensorBayJob]:
    """Jobs created inside ``window`` from a newest-first stream; stops at the first one older than its start."""
    for job in jobs:
        created = job.created_utc
        if created is not None and window.end is not None and created > window.end:
            continue
        if created is not None and created < window.start:
            return
        yield job


SERVICE = TensorBayService
