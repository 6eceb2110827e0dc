"""The async twin of ``taskfacade.tensorbay``: ``GAS``, dataset clients, job clients and jobs, awaited.

The vendor SDK has no async side; this one mirrors the sync surface name for name::

    from taskfacade.tensorbay import aio

    async with aio.GAS("ACCESSKEY-...", url=...) as gas:
        dataset = await gas.get_dataset("my-dataset")
        job = await dataset.squash_and_merge.create_job(draft_title="merge", source_branch_name="dev")
        await job.update(until_complete=True, timeout=600)
        draft = await job.result()
        async for old in dataset.squash_and_merge.list_jobs(status="SUCCESS"):
            ...

Anything that may make a request is a coroutine (``get_dataset``, ``get_job``, ``create_job``, ``delete_job``,
``get_draft``, ``update``, ``refresh``, ``abort``, ``retry``, ``wait``, ``create_dataset``, a squash-and-merge job's
``result()``); listings (``list_jobs``, ``list_drafts``) check their arguments at the call and are read with
``async for`` (items) or ``async for page in listing.pages()``; everything else (fields, ``status``, ``phase``,
a basic-search job's ``result``) is a plain attribute, as in sync.

One source: the checks, the requests, how answers are read, the verbs' lost-answer rules and the batched refresh
are the steps in ``_ops.py``, ``_job.py``, ``_kinds.py``, ``_jobclients.py``, ``_dataset.py`` and ``_batch.py``,
driven here with ``await AsyncClient._arun`` and in sync with ``Client._run``. Jobs are ``taskfacade.aio.AsyncJob``
objects: ``taskfacade.aio.wait_all`` / ``as_completed`` refresh them through the job list endpoint exactly as the
sync twin does (the same requests), together with other services' async jobs, in one event loop.
"""

from __future__ import annotations

import datetime
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from types import TracebackType
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar, overload

import httpx

from .._atransport import AsyncTransport
from .._check import check_int
from .._clock import Clock
from .._errors import InvalidArgument
from .._job import AsyncJob
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT
from .._pager import Page
from .._pollpolicy import PollPolicy
from .._retry import RetryLike
from .._steps import Steps, arun
from ._batch import refresh_by_listing_steps
from ._body import parse_job_body
from ._client import ClientBase
from ._dataset import DatasetCore
from ._job import TensorBayJobBase, batch_source
from ._jobclients import BasicSearchBase, JobClientBase, SquashAndMergeBase
from ._kinds import BasicSearchKind, SquashAndMergeKind
from ._ops import PAGE_SIZE, check_branch_filter, find_dataset_steps, search_request, squash_request
from ._structs import Draft, Status
from ._validate import check_bool
from ._wire import JobSource

__all__ = [
    "GAS",
    "AsyncClient",
    "AsyncJobFetcher",
    "AsyncPager",
    "BasicSearch",
    "BasicSearchJob",
    "DatasetClient",
    "DatasetClientBase",
    "FusionDatasetClient",
    "SquashAndMerge",
    "SquashAndMergeJob",
    "TensorBayJob",
]

T = TypeVar("T")
J = TypeVar("J", bound="TensorBayJob")


class AsyncClient(ClientBase):
    """``taskfacade.tensorbay.Client``'s async twin: the same arguments and checks, an ``AsyncTransport``.

    Use it from one event loop; close it with ``await client.aclose()`` (or the ``GAS``'s ``async with``).
    """

    _TRANSPORT = AsyncTransport
    transport: AsyncTransport

    def __init__(
        self,
        access_key: str,
        url: str = "",
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        clock: Clock | None = None,
        pool_size: int | None = None,
        httpx_transport: httpx.AsyncBaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        super().__init__(
            access_key,
            url,
            retry_mode=retry_mode,
            timeout=timeout,
            verify=verify,
            clock=clock,
            pool_size=pool_size,
            httpx_transport=httpx_transport,
            trust_env=trust_env,
            max_response_size=max_response_size,
            user_agent=user_agent,
            rate_limit=rate_limit,
            poll_policy=poll_policy,
        )

    async def _arun(self, steps: Steps[T]) -> T:
        """Drive a facade operation's steps through this client's transport (the twin of ``Client._run``)."""
        return await arun(steps, self.transport)

    async def aclose(self) -> None:
        """Close the connections (idempotent)."""
        await self.transport.aclose()


class AsyncJobFetcher(JobSource):
    """``JobFetcher``'s async twin: ``await fetcher(job_id)`` is one job's body, ``await list_page(...)`` a page."""

    client: AsyncClient

    def __init__(self, client: AsyncClient, dataset_id: str, job_type: str) -> None:
        super().__init__(client, dataset_id, job_type)

    async def __call__(self, job_id: str) -> dict[str, Any]:
        """One job's body (``GET .../jobs/{job_id}?jobType=...``)."""
        return await self.client._arun(self.get_steps(job_id))

    async def list_page(
        self, status: str | None, offset: int, limit: int = PAGE_SIZE
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of job bodies, newest first, and the total count."""
        return await self.client._arun(self.page_steps(status, offset, limit))


class AsyncPager(Generic[T]):
    """A lazy listing read with ``async for``: items (``async for job in pager``) or pages (``pager.pages()``).

    Pages of ``page_size`` are fetched one after another as they are needed, and dropped once read; the listing
    ends at an empty or short page, or once the server's total is reached (``taskfacade.Pager``'s rules).
    """

    def __init__(self, fetch: Callable[[int], Awaitable[Page[T]]], *, page_size: int = PAGE_SIZE) -> None:
        if not callable(fetch):
            raise InvalidArgument("fetch", fetch, "a coroutine function of the page index returning a Page")
        self._fetch = fetch
        self._page_size = check_int("page_size", page_size, 1)
        self._total: int | None = None

    @property
    def total(self) -> int | None:
        """The server's total, once a page has been read (else None)."""
        return self._total

    async def count(self) -> int:
        """How many items the listing holds (one request: the first page; ``len(pager)`` in sync)."""
        page = await self._fetch(0)
        if page.total_items is not None:
            self._total = page.total_items
            return page.total_items
        count = 0
        async for page in self.pages():
            count += len(page.items)
        return count

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page, in order."""
        index, seen = 0, 0
        while True:
            page = await self._fetch(index)
            if page.total_items is not None:
                self._total = page.total_items
            seen += len(page.items)
            yield page
            if not page.items or len(page.items) < self._page_size:
                return
            if page.total_items is not None and seen >= page.total_items:
                return
            index += 1

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    def __repr__(self) -> str:
        total = "?" if self._total is None else str(self._total)
        return f"<AsyncPager items={total}>"


# -- jobs ---------------------------------------------------------------------------------------------------------


class TensorBayJob(TensorBayJobBase, AsyncJob[str]):
    """A TensorBay job, awaited: ``taskfacade.tensorbay.TensorBayJob``'s twin and a ``taskfacade.aio.AsyncJob``.

    The same fields (``created_at`` an int, ``created_utc`` a datetime...), setters, phases and errors; ``update``,
    ``refresh``, ``abort`` and ``wait`` are coroutines. ``job_updater`` is the ``AsyncJobFetcher`` of the job's
    client (the job clients pass it).
    """

    _CLIENT = AsyncClient
    _CLIENT_NAME = "a taskfacade.tensorbay.aio.AsyncClient (aio.GAS builds one)"
    _client: AsyncClient
    _job_updater: AsyncJobFetcher

    def _check_updater(self, client: Any, job_updater: object) -> None:
        if not isinstance(job_updater, AsyncJobFetcher) or job_updater.client is not client:
            raise InvalidArgument("job_updater", job_updater, "the AsyncJobFetcher of the job's own AsyncClient")

    async def update(
        self, until_complete: bool = False, *, timeout: float | None = None, interval: float | None = None
    ) -> None:
        """Refresh the job; with ``until_complete``, poll until it is finished (``TensorBayJob.update``)."""
        self._check_update(until_complete, timeout, interval)
        if until_complete:
            await self.wait(timeout=timeout, interval=interval)
        else:
            await self.refresh()

    async def refresh(self) -> None:
        """Fetch the job once and update every field."""
        await self._client._arun(self._refresh_steps())

    def _refresh_steps(self) -> Steps[None]:
        body = yield from self._job_updater.get_steps(self.job_id)
        self._apply_body(body)

    async def abort(self) -> None:
        """Abort the job (QUEUING or PROCESSING only; otherwise ``ForbiddenError``), then refresh it."""
        await self._client._arun(self._abort_steps())

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        source = batch_source(jobs, TensorBayJob, AsyncJobFetcher)
        if source is None:
            for job in jobs:
                await job.refresh()
            return
        await source.client._arun(refresh_by_listing_steps(source, jobs))  # type: ignore[arg-type]


class SquashAndMergeJob(SquashAndMergeKind, TensorBayJob):
    """A squash-and-merge job, awaited (``taskfacade.tensorbay.SquashAndMergeJob``'s twin).

    ``draft_getter`` is an async ``draft_number -> Draft`` (the dataset client's ``get_draft``).
    """

    def __init__(
        self,
        client: AsyncClient,
        *,
        dataset_id: str,
        job_updater: AsyncJobFetcher,
        draft_getter: Callable[[int], Awaitable[Draft]],
        title: str,
        job_id: str,
        job_type: str,
        arguments: dict[str, Any],
        created_at: int | datetime.datetime | None,
        started_at: int | datetime.datetime | None,
        finished_at: int | datetime.datetime | None,
        status: str,
        error_message: str,
        result: dict[str, Any] | None,
        description: str | None = "",
    ) -> None:
        if not callable(draft_getter):
            raise InvalidArgument("draft_getter", draft_getter, "an async function draft_number -> Draft")
        super().__init__(
            client, dataset_id, job_updater, title, job_id, job_type, arguments, created_at, started_at,
            finished_at, status, error_message, result, description,
        )  # fmt: skip
        self._draft_getter = draft_getter

    @classmethod
    def from_response_body(  # type: ignore[override]  # as in sync: plus draft_getter
        cls,
        body: dict[str, Any],
        *,
        client: AsyncClient,
        dataset_id: str,
        job_updater: AsyncJobFetcher,
        draft_getter: Callable[[int], Awaitable[Draft]],
    ) -> Self:
        """A squash-and-merge job from an Open API job body."""
        fields = parse_job_body(body, cls._JOB_TYPE)
        return cls._from_fields(
            fields, client=client, dataset_id=dataset_id, job_updater=job_updater, draft_getter=draft_getter
        )

    async def result(self) -> Draft | None:
        """The draft the job created (one request: the draft listing), or None while there is no result.

        A coroutine here (the sync twin's ``result`` is a property): it may make a request.
        """
        number = self._draft_number()
        return None if number is None else await self._draft_getter(number)

    async def retry(self) -> None:
        """Retry a FAILED or ABORTED job (otherwise ``ForbiddenError``), then refresh it."""
        await self._client._arun(self._retry_steps())


class BasicSearchJob(BasicSearchKind, TensorBayJob):
    """A basic-search job, awaited (``taskfacade.tensorbay.BasicSearchJob``'s twin); ``result`` needs no
    request, so it stays a property."""

    def __init__(
        self,
        client: AsyncClient,
        *,
        dataset_id: str,
        job_updater: AsyncJobFetcher,
        is_fusion: bool,
        title: str,
        job_id: str,
        job_type: str,
        arguments: dict[str, Any],
        created_at: int | datetime.datetime | None,
        started_at: int | datetime.datetime | None,
        finished_at: int | datetime.datetime | None,
        status: str,
        error_message: str,
        result: dict[str, Any] | None,
        description: str | None = "",
    ) -> None:
        self._is_fusion = check_bool("is_fusion", is_fusion)
        super().__init__(
            client, dataset_id, job_updater, title, job_id, job_type, arguments, created_at, started_at,
            finished_at, status, error_message, result, description,
        )  # fmt: skip

    @classmethod
    def from_response_body(  # type: ignore[override]  # as in sync: plus is_fusion
        cls,
        body: dict[str, Any],
        *,
        client: AsyncClient,
        dataset_id: str,
        job_updater: AsyncJobFetcher,
        is_fusion: bool,
    ) -> Self:
        """A basic-search job from an Open API job body."""
        fields = parse_job_body(body, cls._JOB_TYPE)
        return cls._from_fields(
            fields, client=client, dataset_id=dataset_id, job_updater=job_updater, is_fusion=is_fusion
        )

    async def create_dataset(self, name: str, alias: str = "", is_public: bool = False) -> None:
        """Create a dataset from this SUCCESS job's result (``NameConflictError`` if the name is taken)."""
        await self._client._arun(self._create_dataset_steps(name, alias, is_public))


# -- job clients --------------------------------------------------------------------------------------------------


class _AsyncJobClient(JobClientBase[J]):
    """get, list and delete, awaited (the vendor's ``JobMixin``, async)."""

    _CLIENT = AsyncClient
    _CLIENT_NAME = "a taskfacade.tensorbay.aio.AsyncClient (aio.GAS builds one)"
    _FETCHER = AsyncJobFetcher
    _client: AsyncClient
    _fetcher: AsyncJobFetcher

    async def get_job(self, job_id: str) -> J:
        """The job with this id (``ResourceNotExistError`` when there is none of this kind in the dataset)."""
        return await self._client._arun(self._get_steps(job_id))

    def list_jobs(self, status: str | None = None) -> AsyncPager[J]:
        """This kind's jobs in the dataset, newest first, read with ``async for`` (pages of 128).

        Args:
            status: only jobs in this status: one of QUEUING, PROCESSING, SUCCESS, FAILED, ABORTED (None: all).
                Checked here, before any request.
        """
        self._check_status(status)

        async def fetch(index: int) -> Page[J]:
            return await self._client._arun(self._page_steps(status, index))

        return AsyncPager(fetch)

    async def delete_job(self, job_id: str) -> None:
        """Delete the job. A retry that finds the job already gone (its first answer was lost) counts as done."""
        await self._client._arun(self._delete_steps(job_id))


class SquashAndMerge(SquashAndMergeBase[SquashAndMergeJob], _AsyncJobClient[SquashAndMergeJob]):
    """Squash-and-merge jobs of one dataset, awaited (``dataset.squash_and_merge``)."""

    _JOB_CLASS = SquashAndMergeJob

    def __init__(
        self, client: AsyncClient, dataset_id: str, status: Status, draft_getter: Callable[[int], Awaitable[Draft]]
    ) -> None:
        super().__init__(client, dataset_id, status, draft_getter)

    async def create_job(
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
        """Start squashing ``source_branch_name`` into a new draft (``taskfacade.tensorbay.SquashAndMerge``)."""
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
        return await self._client._arun(self._create_steps(request))


class BasicSearch(BasicSearchBase[BasicSearchJob], _AsyncJobClient[BasicSearchJob]):
    """Basic-search jobs of one dataset, awaited (``dataset.basic_search``)."""

    _JOB_CLASS = BasicSearchJob

    def __init__(self, client: AsyncClient, dataset_id: str, status: Status, is_fusion: bool) -> None:
        super().__init__(client, dataset_id, status, is_fusion)

    async def create_job(
        self,
        title: str = "",
        description: str = "",
        *,
        conjunction: str,
        filters: Sequence[Any],
        unit: str = "file",
    ) -> BasicSearchJob:
        """Start searching the dataset client's commit (``taskfacade.tensorbay.BasicSearch``)."""
        request = search_request(
            self._status, title=title, description=description, conjunction=conjunction, filters=filters, unit=unit
        )
        return await self._client._arun(self._create_steps(request))


# -- datasets and GAS ---------------------------------------------------------------------------------------------


class DatasetClientBase(DatasetCore):
    """One TensorBay dataset, awaited (what ``await aio.GAS.get_dataset`` returns)."""

    _CLIENT = AsyncClient
    _CLIENT_NAME = "a taskfacade.tensorbay.aio.AsyncClient or aio.GAS"
    _client: AsyncClient

    def _job_clients(self) -> None:
        self._squash_and_merge = SquashAndMerge(self._client, self._dataset_id, self._status, self.get_draft)
        self._basic_search = BasicSearch(self._client, self._dataset_id, self._status, self.is_fusion)

    @property
    def squash_and_merge(self) -> SquashAndMerge:
        """This dataset's squash-and-merge jobs."""
        return self._squash_and_merge

    @property
    def basic_search(self) -> BasicSearch:
        """This dataset's basic-search jobs."""
        return self._basic_search

    def list_drafts(self, status: str | None = "OPEN", branch_name: str | None = None) -> AsyncPager[Draft]:
        """The dataset's drafts, read with ``async for`` (pages of 128); arguments checked here."""
        wanted = check_branch_filter(status, branch_name)

        async def fetch(index: int) -> Page[Draft]:
            return await self._client._arun(self._draft_page_steps(wanted, branch_name, index))

        return AsyncPager(fetch)

    async def get_draft(self, draft_number: int) -> Draft:
        """The draft with this number, whatever its status (``ResourceNotExistError`` when there is none)."""
        return await self._client._arun(self._get_draft_steps(draft_number))


class DatasetClient(DatasetClientBase):
    """A normal (non-fusion) dataset, awaited."""


class FusionDatasetClient(DatasetClientBase):
    """A fusion dataset, awaited (its search results are ``FusionSearchResult``)."""

    is_fusion: ClassVar[bool] = True


class GAS:
    """TensorBay, reached with an access key, awaited: ``taskfacade.tensorbay.GAS``'s twin.

    The same arguments, checks and defaults (``ClientOptions``): ``access_key``, ``url``, ``retry_mode``,
    ``timeout``, ``verify``, ``clock``, ``trust_env``, ``max_response_size``, ``pool_size`` (connections the pool
    keeps; it bounds how many requests are on the wire at once), ``httpx_transport`` (an
    ``httpx.AsyncBaseTransport``), ``user_agent``. Use ``async with aio.GAS(...) as gas:`` or
    ``await gas.aclose()``.
    """

    def __init__(
        self,
        access_key: str,
        url: str = "",
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        clock: Clock | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        pool_size: int | None = None,
        httpx_transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        self._client = AsyncClient(
            access_key,
            url,
            retry_mode=retry_mode,
            timeout=timeout,
            verify=verify,
            clock=clock,
            trust_env=trust_env,
            max_response_size=max_response_size,
            pool_size=pool_size,
            httpx_transport=httpx_transport,
            user_agent=user_agent,
            rate_limit=rate_limit,
            poll_policy=poll_policy,
        )

    @property
    def client(self) -> AsyncClient:
        """The async Open API client every dataset and job of this ``GAS`` shares."""
        return self._client

    @overload
    async def get_dataset(self, name: str, is_fusion: Literal[False] = False) -> DatasetClient: ...

    @overload
    async def get_dataset(self, name: str, is_fusion: Literal[True]) -> FusionDatasetClient: ...

    @overload
    async def get_dataset(self, name: str, is_fusion: bool = False) -> DatasetClientBase: ...

    async def get_dataset(self, name: str, is_fusion: bool = False) -> DatasetClientBase:
        """The dataset with this name, checked out at its default branch (two requests).

        Raises:
            ResourceNotExistError: no dataset has this name.
            DatasetTypeError: the dataset is a fusion dataset and ``is_fusion`` is False, or the reverse.
        """
        found = await self._client._arun(find_dataset_steps(name, is_fusion))
        cls = FusionDatasetClient if is_fusion else DatasetClient
        return cls(found.name, found.dataset_id, self._client, status=found.status, alias=found.alias,
                   is_public=found.is_public)  # fmt: skip

    async def aclose(self) -> None:
        """Close the connections (datasets and jobs of this ``GAS`` cannot make requests afterwards)."""
        await self._client.aclose()

    async def __aenter__(self) -> GAS:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"aio.GAS(url={self._client.url!r})"
