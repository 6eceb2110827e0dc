"""``DatasetClient`` / ``FusionDatasetClient``: one dataset, its drafts, and its two kinds of job.

``GAS.get_dataset`` builds them checked out at the default branch's head commit, as the vendor SDK does; new
squash-and-merge jobs target that branch and new searches search that commit unless told otherwise.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from .._errors import InvalidArgument
from .._pager import Page, Pager, PageRequest
from .._steps import Steps
from ._client import Client
from ._jobclients import BasicSearch, SquashAndMerge
from ._ops import DRAFT_STATUSES, PAGE_SIZE, check_branch_filter, draft_page_steps, get_draft_steps
from ._structs import Draft, Status
from ._validate import check_bool, check_id, check_str

__all__ = ["DRAFT_STATUSES", "DatasetClient", "DatasetClientBase", "DatasetCore", "FusionDatasetClient"]


class HasClient(Protocol):
    """Anything holding a ``Client`` (``GAS``)."""

    @property
    def client(self) -> Client: ...


class DatasetCore:
    """What both twins' dataset clients share: the checked identity, where they stand, the draft steps.
    Subclasses pick the client class and build the two job clients (``_job_clients``)."""

    is_fusion: ClassVar[bool] = False
    _CLIENT: ClassVar[type[Any]] = Client
    _CLIENT_NAME: ClassVar[str] = "a taskfacade.tensorbay.Client or GAS"

    def __init__(
        self,
        name: str,
        dataset_id: str,
        client: Any,
        *,
        status: Status,
        alias: str = "",
        is_public: bool = False,
    ) -> None:
        client = client if isinstance(client, self._CLIENT) else getattr(client, "client", client)
        if not isinstance(client, self._CLIENT):
            raise InvalidArgument("client", type(client).__name__, self._CLIENT_NAME)
        if not isinstance(status, Status):
            raise InvalidArgument("status", status, "a taskfacade.tensorbay.Status(branch_name, commit_id)")
        self._name = check_str("name", name, empty=False)
        self._dataset_id = check_id("dataset_id", dataset_id)
        self._client = client
        self._status = status
        self._alias = check_str("alias", alias)
        self._is_public = check_bool("is_public", is_public)
        self._job_clients()

    def _job_clients(self) -> None:
        raise NotImplementedError

    @property
    def name(self) -> str:
        """The dataset's name."""
        return self._name

    @property
    def dataset_id(self) -> str:
        """The dataset's id."""
        return self._dataset_id

    @property
    def alias(self) -> str:
        """The dataset's alias."""
        return self._alias

    @property
    def is_public(self) -> bool:
        """Whether the dataset is public."""
        return self._is_public

    @property
    def status(self) -> Status:
        """The branch and commit this client is checked out at."""
        return self._status

    def _draft_page_steps(self, status: str, branch_name: str | None, index: int) -> Steps[Page[Draft]]:
        drafts, total = yield from draft_page_steps(self._dataset_id, status, branch_name, index * PAGE_SIZE)
        return Page(drafts, total_items=total)

    def _get_draft_steps(self, draft_number: int) -> Steps[Draft]:
        return get_draft_steps(self._dataset_id, self._name, draft_number)

    def __repr__(self) -> str:
        return f'{type(self).__name__}("{self._name}", dataset_id={self._dataset_id!r})'


class DatasetClientBase(DatasetCore):
    """One TensorBay dataset (what ``GAS.get_dataset`` returns).

    Args:
        name: the dataset's name.
        dataset_id: its id.
        client: the ``Client`` it talks through (or the ``GAS``, as the vendor SDK takes).
        status: the branch and commit new jobs are based on.
        alias: its alias.
        is_public: whether it is public.
    """

    _client: Client

    def __init__(
        self,
        name: str,
        dataset_id: str,
        client: Client | HasClient,
        *,
        status: Status,
        alias: str = "",
        is_public: bool = False,
    ) -> None:
        super().__init__(name, dataset_id, client, status=status, alias=alias, is_public=is_public)

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

    def list_drafts(self, status: str | None = "OPEN", branch_name: str | None = None) -> Pager[Draft]:
        """The dataset's drafts as a lazy list paged 128 at a time.

        Args:
            status: OPEN (also when None), CLOSED, COMMITTED or ALL.
            branch_name: only drafts based on this branch (None: every branch).
        """
        wanted = check_branch_filter(status, branch_name)

        def fetch(request: PageRequest) -> Page[Draft]:
            return self._client._run(self._draft_page_steps(wanted, branch_name, request.index))

        return Pager(fetch, page_size=PAGE_SIZE)

    def get_draft(self, draft_number: int) -> Draft:
        """The draft with this number, whatever its status (``ResourceNotExistError`` when there is none)."""
        return self._client._run(self._get_draft_steps(draft_number))


class DatasetClient(DatasetClientBase):
    """A normal (non-fusion) dataset."""


class FusionDatasetClient(DatasetClientBase):
    """A fusion dataset (its search results are ``FusionSearchResult``)."""

    is_fusion: ClassVar[bool] = True
