"""``dataset.squash_and_merge`` and ``dataset.basic_search``: create, get, list and delete one kind of job.

The vendor SDK's ``JobMixin`` surface. Listings are lazy ``taskfacade.Pager`` objects paged 128 at a time (the
SDK's ``PagingList``: ``len()`` costs one request, ``jobs[299]`` fetches only the page holding it). Creating a
job is a POST the service cannot deduplicate, so it is never replayed once it may have reached the server.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from .._errors import InvalidArgument
from .._pager import Page, Pager, PageRequest
from .._steps import Steps
from ._body import from_server
from ._client import Client
from ._generated import BasicSearchJobRequest, SquashAndMergeJobRequest
from ._job import JOB_STATUSES, TensorBayJob, TensorBayJobBase
from ._kinds import BasicSearchJob, SquashAndMergeJob
from ._ops import create_job_steps, delete_job_steps, search_request, squash_request
from ._structs import Draft, Status
from ._validate import check_bool, check_choice, check_id
from ._wire import PAGE_SIZE, JobFetcher, JobSource

__all__ = ["BasicSearch", "BasicSearchBase", "JobClientBase", "JobMixin", "SquashAndMerge", "SquashAndMergeBase"]

J = TypeVar("J", bound=TensorBayJobBase)
JS = TypeVar("JS", bound=TensorBayJob)


class JobClientBase(abc.ABC, Generic[J]):
    """What both twins' job clients share: the checks, the steps of get, list, delete and create, and how a job
    is built from a body the server sent. Subclasses pick the client, fetcher and job classes."""

    _JOB_TYPE: ClassVar[str]
    _CLIENT: ClassVar[type[Any]] = Client
    _CLIENT_NAME: ClassVar[str] = "a taskfacade.tensorbay.Client (GAS builds one)"
    _FETCHER: ClassVar[type[JobSource]] = JobFetcher
    _client: Any
    _fetcher: Any

    def __init__(self, client: Any, dataset_id: str, status: Status) -> None:
        if not isinstance(client, self._CLIENT):
            raise InvalidArgument("client", type(client).__name__, self._CLIENT_NAME)
        if not isinstance(status, Status):
            raise InvalidArgument("status", status, "a taskfacade.tensorbay.Status(branch_name, commit_id)")
        self._client = client
        self._dataset_id = check_id("dataset_id", dataset_id)
        self._status = status
        self._fetcher = self._FETCHER(client, dataset_id, self._JOB_TYPE)

    @abc.abstractmethod
    def _job(self, body: dict[str, Any]) -> J:
        """A job object from a body the server sent (a mismatch is a ``ResponseDecodeError``)."""

    def _get_steps(self, job_id: str) -> Steps[J]:
        body = yield from self._fetcher.get_steps(check_id("job_id", job_id))
        return self._job(body)

    @staticmethod
    def _check_status(status: str | None) -> None:
        if status is not None:
            check_choice("status", status, JOB_STATUSES)

    def _page_steps(self, status: str | None, index: int) -> Steps[Page[J]]:
        bodies, total = yield from self._fetcher.page_steps(status, index * PAGE_SIZE)
        return Page([self._job(body) for body in bodies], total_items=total)

    def _delete_steps(self, job_id: str) -> Steps[None]:
        return delete_job_steps(self._dataset_id, self._JOB_TYPE, job_id)

    def _create_steps(self, request: SquashAndMergeJobRequest | BasicSearchJobRequest) -> Steps[J]:
        body = yield from create_job_steps(self._dataset_id, request)
        return self._job(body)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(dataset_id={self._dataset_id!r})"


class SquashAndMergeBase(JobClientBase[J]):
    """Squash-and-merge jobs of one dataset, for either twin (``draft_getter`` is its dataset's ``get_draft``)."""

    _JOB_TYPE = "squashAndMerge"
    _JOB_CLASS: ClassVar[type[Any]]

    def __init__(self, client: Any, dataset_id: str, status: Status, draft_getter: Callable[[int], Any]) -> None:
        if not callable(draft_getter):
            raise InvalidArgument("draft_getter", draft_getter, "a function draft_number -> Draft")
        super().__init__(client, dataset_id, status)
        self._draft_getter = draft_getter

    def _job(self, body: dict[str, Any]) -> J:
        job: J = from_server(
            lambda: self._JOB_CLASS.from_response_body(
                body,
                client=self._client,
                dataset_id=self._dataset_id,
                job_updater=self._fetcher,
                draft_getter=self._draft_getter,
            ),
            "the job",
        )
        return job


class BasicSearchBase(JobClientBase[J]):
    """Basic-search jobs of one dataset, for either twin."""

    _JOB_TYPE = "basicSearch"
    _JOB_CLASS: ClassVar[type[Any]]

    def __init__(self, client: Any, dataset_id: str, status: Status, is_fusion: bool) -> None:
        super().__init__(client, dataset_id, status)
        self._is_fusion = check_bool("is_fusion", is_fusion)

    def _job(self, body: dict[str, Any]) -> J:
        job: J = from_server(
            lambda: self._JOB_CLASS.from_response_body(
                body,
                client=self._client,
                dataset_id=self._dataset_id,
                job_updater=self._fetcher,
                is_fusion=self._is_fusion,
            ),
            "the job",
        )
        return job


class JobMixin(JobClientBase[JS]):
    """What both job kinds share: get, list and delete (the vendor's ``JobMixin``)."""

    _client: Client
    _fetcher: JobFetcher

    def get_job(self, job_id: str) -> JS:
        """The job with this id (``ResourceNotExistError`` when there is none of this kind in the dataset)."""
        return self._client._run(self._get_steps(job_id))

    def list_jobs(self, status: str | None = None) -> Pager[JS]:
        """This kind's jobs in the dataset, newest first, as a lazy list paged 128 at a time.

        Args:
            status: only jobs in this status: one of QUEUING, PROCESSING, SUCCESS, FAILED, ABORTED (None: all).
        """
        self._check_status(status)

        def fetch(request: PageRequest) -> Page[JS]:
            return self._client._run(self._page_steps(status, request.index))

        return Pager(fetch, page_size=PAGE_SIZE)

    def delete_job(self, job_id: str) -> None:
        """Delete the job. A retry that finds the job already gone (its first answer was lost) counts as done."""
        self._client._run(self._delete_steps(job_id))


class SquashAndMerge(SquashAndMergeBase[SquashAndMergeJob], JobMixin[SquashAndMergeJob]):
    """Squash-and-merge jobs of one dataset (``dataset.squash_and_merge``)."""

    _JOB_CLASS = SquashAndMergeJob

    def __init__(self, client: Client, dataset_id: str, status: Status, draft_getter: Callable[[int], Draft]) -> None:
        super().__init__(client, dataset_id, status, draft_getter)

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
        request = squash_request(
            self._status,
            title=title,
            description=description,
            draft_title=draft_title,
            source_branch_name=source_branch_name,
            target_branch_name=target_branch_name,
            draft_description=draft_description,
            strategy=strategy,
        )
        return self._client._run(self._create_steps(request))


class BasicSearch(BasicSearchBase[BasicSearchJob], JobMixin[BasicSearchJob]):
    """Basic-search jobs of one dataset (``dataset.basic_search``)."""

    _JOB_CLASS = BasicSearchJob

    def __init__(self, client: Client, dataset_id: str, status: Status, is_fusion: bool) -> None:
        super().__init__(client, dataset_id, status, is_fusion)

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
        request = search_request(
            self._status, title=title, description=description, conjunction=conjunction, filters=filters, unit=unit
        )
        return self._client._run(self._create_steps(request))
