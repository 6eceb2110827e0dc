"""``dataset.squash_and_merge`` and ``dataset.basic_search``: create, get, list and delete one kind of job.

The vendor SDK's ``JobMixin`` surface. Listings are lazy ``taskfacade.Pager`` objects paged 128 at a time (the
SDK's ``PagingList``: ``len()`` costs one request, ``jobs[299]`` fetches only the page holding it). Creating a
job is a POST the service cannot deduplicate, so it is never replayed once it may have reached the server.
"""

from __future__ import annotations

import abc
import time
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from .._errors import InvalidArgument
from .._pager import Page, Pager, PageRequest
from ._body import from_server
from ._client import Client
from ._errors import ResourceNotExistError, StatusError
from ._filters import search_filters
from ._generated import (
    UNSET,
    BasicSearchArguments,
    BasicSearchJobRequest,
    BasicSearchJobRequestJobType,
    CreatedJob,
    JobType,
    SearchConjunction,
    SearchUnit,
    SquashAndMergeArguments,
    SquashAndMergeJobRequest,
    SquashAndMergeJobRequestJobType,
    SquashAndMergeStrategy,
    create_job,
    delete_job,
)
from ._job import JOB_STATUSES, TensorBayJob
from ._kinds import BasicSearchJob, SquashAndMergeJob
from ._structs import Draft, Status
from ._validate import check_bool, check_choice, check_id, check_str
from ._wire import PAGE_SIZE, JobFetcher

__all__ = ["BasicSearch", "JobMixin", "SquashAndMerge"]

J = TypeVar("J", bound=TensorBayJob)
STRATEGIES = ("abort", "override", "skip")
CONJUNCTIONS = ("and", "or")
UNITS = ("file", "frame")


class JobMixin(abc.ABC, Generic[J]):
    """What both job kinds share: get, list and delete (the vendor's ``JobMixin``)."""

    _JOB_TYPE: ClassVar[str]

    def __init__(self, client: Client, dataset_id: str, status: Status) -> None:
        if not isinstance(client, Client):
            raise InvalidArgument("client", type(client).__name__, "a taskfacade.tensorbay.Client (GAS builds one)")
        if not isinstance(status, Status):
            raise InvalidArgument("status", status, "a taskfacade.tensorbay.Status(branch_name, commit_id)")
        self._client = client
        self._dataset_id = check_id("dataset_id", dataset_id)
        self._status = status
        self._fetcher = JobFetcher(client, dataset_id, self._JOB_TYPE)

    @abc.abstractmethod
    def _job(self, body: dict[str, Any]) -> J:
        """A job object from a body the server sent (a mismatch is a ``ResponseDecodeError``)."""

    def get_job(self, job_id: str) -> J:
        """The job with this id (``ResourceNotExistError`` when there is none of this kind in the dataset)."""
        return self._job(self._fetcher(check_id("job_id", job_id)))

    def list_jobs(self, status: str | None = None) -> Pager[J]:
        """This kind's jobs in the dataset, newest first, as a lazy list paged 128 at a time.

        Args:
            status: only jobs in this status: one of QUEUING, PROCESSING, SUCCESS, FAILED, ABORTED (None: all).
        """
        if status is not None:
            check_choice("status", status, JOB_STATUSES)

        def fetch(request: PageRequest) -> Page[J]:
            bodies, total = self._fetcher.list_page(status, request.index * PAGE_SIZE)
            return Page([self._job(body) for body in bodies], total_items=total)

        return Pager(fetch, page_size=PAGE_SIZE)

    def delete_job(self, job_id: str) -> None:
        """Delete the job. A retry that finds the job already gone (its first answer was lost) counts as done."""
        check_id("job_id", job_id)
        try:
            self._client.send(delete_job.sync_detailed, self._dataset_id, job_id, job_type=JobType(self._JOB_TYPE))
        except ResourceNotExistError as error:
            if error.attempts <= 1:
                raise

    def _create(self, request: SquashAndMergeJobRequest | BasicSearchJobRequest) -> J:
        created = self._client.call(create_job.sync_detailed, self._dataset_id, body=request, expect=CreatedJob)
        body = request.to_dict()
        body.update(jobId=created.job_id, createdAt=created.created_at, status="QUEUING")
        return self._job(body)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(dataset_id={self._dataset_id!r})"


class SquashAndMerge(JobMixin[SquashAndMergeJob]):
    """Squash-and-merge jobs of one dataset (``dataset.squash_and_merge``)."""

    _JOB_TYPE = "squashAndMerge"

    def __init__(self, client: Client, dataset_id: str, status: Status, draft_getter: Callable[[int], Draft]) -> None:
        if not callable(draft_getter):
            raise InvalidArgument("draft_getter", draft_getter, "a function draft_number -> Draft")
        super().__init__(client, dataset_id, status)
        self._draft_getter = draft_getter

    def _job(self, body: dict[str, Any]) -> SquashAndMergeJob:
        job: SquashAndMergeJob = from_server(
            lambda: SquashAndMergeJob.from_response_body(
                body,
                client=self._client,
                dataset_id=self._dataset_id,
                job_updater=self._fetcher,
                draft_getter=self._draft_getter,
            ),
            "the job",
        )
        return job

    def create_job(
        self,
        title: str = "",
        description: str = "",
        *,
        draft_title: str,
        source_branch_name: str,
        target_branch_name: str | None = None,
        draft_description: str = "",
        strategy: str = "abort",
    ) -> SquashAndMergeJob:
        """Start squashing ``source_branch_name`` into a new draft on ``target_branch_name``.

        Args:
            title: the job's title (default ``"{source}->{target}({strategy})"``).
            description: the job's description.
            draft_title: the new draft's title.
            source_branch_name: the branch whose commits are squashed.
            target_branch_name: the branch the draft is based on (default: the dataset client's branch).
            draft_description: the new draft's description.
            strategy: on conflicts, ``"abort"``, ``"override"`` or ``"skip"``.

        Raises:
            StatusError: no target branch given and the dataset client has none.
        """
        check_str("title", title)
        check_str("description", description)
        check_str("draft_title", draft_title)
        check_id("source_branch_name", source_branch_name)
        if target_branch_name is not None:
            check_id("target_branch_name", target_branch_name)
        check_str("draft_description", draft_description)
        check_choice("strategy", strategy, STRATEGIES)
        target = target_branch_name or self._status.branch_name
        if not target:
            raise StatusError("Squash and merge without basing on a branch is not allowed: pass target_branch_name")
        arguments = SquashAndMergeArguments(
            title=draft_title,
            source_branch_name=source_branch_name,
            target_branch_name=target,
            strategy=SquashAndMergeStrategy(strategy),
            description=draft_description or UNSET,
        )
        request = SquashAndMergeJobRequest(
            title=title or f"{source_branch_name}->{target}({strategy})",
            job_type=SquashAndMergeJobRequestJobType.SQUASHANDMERGE,
            arguments=arguments,
            description=description or UNSET,
        )
        return self._create(request)


class BasicSearch(JobMixin[BasicSearchJob]):
    """Basic-search jobs of one dataset (``dataset.basic_search``)."""

    _JOB_TYPE = "basicSearch"

    def __init__(self, client: Client, dataset_id: str, status: Status, is_fusion: bool) -> None:
        super().__init__(client, dataset_id, status)
        self._is_fusion = check_bool("is_fusion", is_fusion)

    def _job(self, body: dict[str, Any]) -> BasicSearchJob:
        job: BasicSearchJob = from_server(
            lambda: BasicSearchJob.from_response_body(
                body,
                client=self._client,
                dataset_id=self._dataset_id,
                job_updater=self._fetcher,
                is_fusion=self._is_fusion,
            ),
            "the job",
        )
        return job

    def create_job(
        self,
        title: str = "",
        description: str = "",
        *,
        conjunction: str,
        filters: Sequence[Any],
        unit: str = "file",
    ) -> BasicSearchJob:
        """Start searching the dataset client's commit.

        Args:
            title: the job's title (default ``"search(<commit>): <key> <operator> ..."``).
            description: the job's description.
            conjunction: ``"and"`` or ``"or"`` between the filters.
            filters: ``(key, operator, value[, label_type])`` tuples as in the SDK, e.g.
                ``("category", "in", ["car"], "BOX2D")``, or wire-form dicts.
            unit: ``"file"`` or ``"frame"`` (frame works on fusion datasets).

        Raises:
            StatusError: the dataset client has no commit to search.
        """
        check_str("title", title)
        check_str("description", description)
        check_choice("conjunction", conjunction, CONJUNCTIONS)
        checked = search_filters(filters)
        check_choice("unit", unit, UNITS)
        commit = self._status.commit_id
        if not commit:
            raise StatusError("Basic search needs a commit: the dataset client has none checked out")
        if not title:
            now = time.strftime("%Y%m%d%H%M%S", time.gmtime())
            head = f"{checked[0].key} {checked[0].operator} ..." if checked else now
            title = f"search({commit[:7]}): {head}"
        arguments = BasicSearchArguments(
            commit=commit,
            conjunction=SearchConjunction(conjunction),
            filters=checked,
            unit=SearchUnit(unit),
        )
        request = BasicSearchJobRequest(
            title=title,
            job_type=BasicSearchJobRequestJobType.BASICSEARCH,
            arguments=arguments,
            description=description or UNSET,
        )
        return self._create(request)
