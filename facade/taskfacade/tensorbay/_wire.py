"""Job and draft reads over the generated client: each returns plain job bodies or facade values.

``JobFetcher`` is what a job's ``job_updater`` is when the facade built the job: calling it fetches one job's
body (``GET .../jobs/{id}?jobType=``), and ``list_page`` reads one page of the dataset's job list. The polling
engine recognises it and refreshes many jobs through the list endpoint instead of one GET each.
"""

from __future__ import annotations

from typing import Any

from ._body import from_server, to_datetime
from ._client import Client
from ._generated import (
    UNSET,
    DraftList,
    DraftStatusFilter,
    JobList,
    JobStatus,
    JobType,
    Unset,
    get_job,
    list_drafts,
    list_jobs,
)
from ._generated import Draft as WireDraft
from ._generated import Job as WireJob
from ._structs import Draft, User

__all__ = ["PAGE_SIZE", "JobFetcher", "draft_page"]

#: TensorBay's page size (the SDK's, and the server's maximum).
PAGE_SIZE = 128


def job_body(model: WireJob, job_type: str) -> dict[str, Any]:
    """The generated model back as the wire body, with ``jobType`` set to the type it was fetched as."""
    body = model.to_dict()
    body["jobType"] = job_type
    return body


class JobFetcher:
    """Fetches the jobs of one type in one dataset; callable as a vendor-style ``job_updater``."""

    def __init__(self, client: Client, dataset_id: str, job_type: str) -> None:
        self.client = client
        self.dataset_id = dataset_id
        self.job_type = job_type

    def __call__(self, job_id: str) -> dict[str, Any]:
        """One job's body (``GET .../jobs/{job_id}?jobType=...``)."""
        model = self.client.call(
            get_job.sync_detailed, self.dataset_id, job_id, job_type=JobType(self.job_type), expect=WireJob
        )
        return job_body(model, self.job_type)

    def list_page(self, status: str | None, offset: int, limit: int = PAGE_SIZE) -> tuple[list[dict[str, Any]], int]:
        """One page of job bodies, newest first, and the total count (``GET .../jobs?jobType=&status=``)."""
        page = self.client.call(
            list_jobs.sync_detailed,
            self.dataset_id,
            job_type=JobType(self.job_type),
            status=UNSET if status is None else JobStatus(status),
            offset=offset,
            limit=limit,
            expect=JobList,
        )
        return [job_body(item, self.job_type) for item in page.jobs], page.total_count

    def batch_key(self) -> tuple[Client, str, str]:
        """Jobs with equal keys are refreshed together, through one list endpoint."""
        return (self.client, self.dataset_id, self.job_type)

    def __repr__(self) -> str:
        return f"JobFetcher(dataset_id={self.dataset_id!r}, job_type={self.job_type!r})"


def _opt(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


def draft_of(model: WireDraft) -> Draft:
    """A generated draft model as the facade's ``Draft``."""
    author = _opt(model.author)

    def build() -> Draft:
        return Draft(
            number=int(model.number),
            title=str(model.title),
            branch_name=str(model.branch_name),
            status=str(model.status),
            parent_commit_id=_opt(model.parent_commit_id),
            author=None if author is None else User(str(author.name), to_datetime("author.date", author.date)),
            updated_at=to_datetime("updatedAt", _opt(model.updated_at)),
            description=_opt(model.description) or "",
        )

    result: Draft = from_server(build, "a draft")
    return result


def draft_page(
    client: Client, dataset_id: str, status: str, branch_name: str | None, offset: int
) -> tuple[list[Draft], int]:
    """One page of a dataset's drafts (``GET .../drafts``) and the total count."""
    page = client.call(
        list_drafts.sync_detailed,
        dataset_id,
        status=DraftStatusFilter(status),
        branch_name=UNSET if branch_name is None else branch_name,
        offset=offset,
        limit=PAGE_SIZE,
        expect=DraftList,
    )
    return [draft_of(item) for item in page.drafts], page.total_count
