"""Job and draft reads over the generated client: each returns plain job bodies or facade values.

``JobFetcher`` is what a job's ``job_updater`` is when the facade built the job: calling it fetches one job's
body (``GET .../jobs/{id}?jobType=``), and ``list_page`` reads one page of the dataset's job list. The polling
engine recognises it and refreshes many jobs through the list endpoint instead of one GET each. What it sends and
how it reads the answers is ``JobSource`` (steps from ``_ops.py``), shared with the async twin's
``AsyncJobFetcher``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from .._steps import Steps
from ._client import Client
from ._ops import PAGE_SIZE, check_job_page, draft_of, draft_page_steps, get_job_steps, job_body, job_page_steps
from ._structs import Draft

__all__ = ["PAGE_SIZE", "JobFetcher", "JobSource", "draft_of", "draft_page", "job_body"]


class JobSource:
    """The jobs of one type in one dataset, as steps: one job's body, one page of the listing."""

    client: Any

    def __init__(self, client: Any, dataset_id: str, job_type: str) -> None:
        self.client = client
        self.dataset_id = dataset_id
        self.job_type = job_type

    def get_steps(self, job_id: str) -> Steps[dict[str, Any]]:
        """One job's body (``GET .../jobs/{job_id}?jobType=...``)."""
        return get_job_steps(self.dataset_id, self.job_type, job_id)

    def page_steps(
        self, status: str | None, offset: int, limit: int = PAGE_SIZE
    ) -> Steps[tuple[list[dict[str, Any]], int]]:
        """One page of job bodies, newest first, and the total count (``GET .../jobs?jobType=&status=``)."""
        check_job_page(status, offset, limit)
        return job_page_steps(self.dataset_id, self.job_type, status, offset, limit)

    def batch_key(self) -> Hashable:
        """Jobs with equal keys are refreshed together, through one list endpoint."""
        return (self.client, self.dataset_id, self.job_type)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(dataset_id={self.dataset_id!r}, job_type={self.job_type!r})"


class JobFetcher(JobSource):
    """Fetches the jobs of one type in one dataset; callable as a vendor-style ``job_updater``."""

    client: Client

    def __init__(self, client: Client, dataset_id: str, job_type: str) -> None:
        super().__init__(client, dataset_id, job_type)

    def __call__(self, job_id: str) -> dict[str, Any]:
        """One job's body (``GET .../jobs/{job_id}?jobType=...``)."""
        return self.client._run(self.get_steps(job_id))

    def list_page(self, status: str | None, offset: int, limit: int = PAGE_SIZE) -> tuple[list[dict[str, Any]], int]:
        """One page of job bodies, newest first, and the total count (``GET .../jobs?jobType=&status=``)."""
        return self.client._run(self.page_steps(status, offset, limit))

    def batch_key(self) -> tuple[Client, str, str]:
        """Jobs with equal keys are refreshed together, through one list endpoint."""
        return (self.client, self.dataset_id, self.job_type)


def draft_page(
    client: Client, dataset_id: str, status: str, branch_name: str | None, offset: int
) -> tuple[list[Draft], int]:
    """One page of a dataset's drafts (``GET .../drafts``) and the total count."""
    return client._run(draft_page_steps(dataset_id, status, branch_name, offset))
