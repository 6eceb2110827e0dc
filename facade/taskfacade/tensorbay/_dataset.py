"""``DatasetClient`` / ``FusionDatasetClient``: one dataset, its drafts, and its two kinds of job.

``GAS.get_dataset`` builds them checked out at the default branch's head commit, as the vendor SDK does; new
squash-and-merge jobs target that branch and new searches search that commit unless told otherwise.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from .._check import check_int
from .._errors import InvalidArgument
from .._pager import Page, Pager, PageRequest
from ._client import Client
from ._errors import ResourceNotExistError
from ._jobclients import BasicSearch, SquashAndMerge
from ._structs import Draft, Status
from ._validate import check_bool, check_choice, check_id, check_str
from ._wire import PAGE_SIZE, draft_page

__all__ = ["DRAFT_STATUSES", "DatasetClient", "DatasetClientBase", "FusionDatasetClient"]

#: ``list_drafts(status=...)`` accepts these (``ALL``: every status).
DRAFT_STATUSES = ("OPEN", "CLOSED", "COMMITTED", "ALL")


class HasClient(Protocol):
    """Anything holding a ``Client`` (``GAS``)."""

    @property
    def client(self) -> Client: ...


class DatasetClientBase:
    """One TensorBay dataset (what ``GAS.get_dataset`` returns).

    Args:
        name: the dataset's name.
        dataset_id: its id.
        client: the ``Client`` it talks through (or the ``GAS``, as the vendor SDK takes).
        status: the branch and commit new jobs are based on.
        alias: its alias.
        is_public: whether it is public.
    """

    is_fusion: ClassVar[bool] = False

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
        client = client if isinstance(client, Client) else getattr(client, "client", client)
        if not isinstance(client, Client):
            raise InvalidArgument("client", type(client).__name__, "a taskfacade.tensorbay.Client or GAS")
        if not isinstance(status, Status):
            raise InvalidArgument("status", status, "a taskfacade.tensorbay.Status(branch_name, commit_id)")
        self._name = check_str("name", name, empty=False)
        self._dataset_id = check_id("dataset_id", dataset_id)
        self._client = client
        self._status = status
        self._alias = check_str("alias", alias)
        self._is_public = check_bool("is_public", is_public)
        self._squash_and_merge = SquashAndMerge(client, dataset_id, status, self.get_draft)
        self._basic_search = BasicSearch(client, dataset_id, status, self.is_fusion)

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
        wanted = "OPEN" if status is None else check_choice("status", status, DRAFT_STATUSES)
        if branch_name is not None and (not isinstance(branch_name, str) or not branch_name):
            raise InvalidArgument("branch_name", branch_name, "a branch name or None")

        def fetch(request: PageRequest) -> Page[Draft]:
            drafts, total = draft_page(self._client, self._dataset_id, wanted, branch_name, request.index * PAGE_SIZE)
            return Page(drafts, total_items=total)

        return Pager(fetch, page_size=PAGE_SIZE)

    def get_draft(self, draft_number: int) -> Draft:
        """The draft with this number, whatever its status (``ResourceNotExistError`` when there is none)."""
        check_int("draft_number", draft_number, 1)
        for draft in self.list_drafts("ALL"):
            if draft.number == draft_number:
                return draft
        raise ResourceNotExistError(
            f"draft {draft_number} does not exist in dataset {self._name!r}",
            status=404,
            code="ResourceNotExist",
            service="tensorbay",
        )

    def __repr__(self) -> str:
        return f'{type(self).__name__}("{self._name}", dataset_id={self._dataset_id!r})'


class DatasetClient(DatasetClientBase):
    """A normal (non-fusion) dataset."""


class FusionDatasetClient(DatasetClientBase):
    """A fusion dataset (its search results are ``FusionSearchResult``)."""

    is_fusion: ClassVar[bool] = True
