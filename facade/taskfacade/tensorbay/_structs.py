"""Value classes a TensorBay job hands back: ``Draft`` (a squash-and-merge result), search results, ``Status``.

Frozen attrs classes with the vendor SDK's attribute names; times are aware UTC datetimes (the SDK's ints).
"""

from __future__ import annotations

import datetime

import attrs

from .._check import check_int

__all__ = ["Draft", "FusionSearchResult", "SearchResult", "Status", "User"]


@attrs.frozen
class User:
    """Who did something, and when (a draft's ``author``)."""

    name: str
    date: datetime.datetime | None = None


@attrs.frozen
class Draft:
    """A dataset draft, e.g. the one a SUCCESS squash-and-merge job created.

    Attributes:
        number: the draft number (what the job's result refers to).
        title, branch_name, status (``OPEN``, ``CLOSED``, ``COMMITTED`` or a newer value), description.
        parent_commit_id: the commit the draft is based on (None when the service sends none).
        author: who last changed it, and when.
        updated_at: when it last changed (aware UTC).
    """

    number: int = attrs.field(validator=lambda _i, a, v: check_int(a.name, v, 1))
    title: str
    branch_name: str
    status: str
    parent_commit_id: str | None = None
    author: User | None = None
    updated_at: datetime.datetime | None = None
    description: str = ""


@attrs.frozen
class SearchResult:
    """The result of a SUCCESS basic-search job on a normal dataset.

    Attributes:
        job_id: the search job's id.
        search_result_id: the search result's id.
        search_result_commit_id: the commit the result lives in.
    """

    job_id: str
    search_result_id: str
    search_result_commit_id: str


@attrs.frozen
class FusionSearchResult(SearchResult):
    """The result of a SUCCESS basic-search job on a fusion dataset (same fields as ``SearchResult``)."""


def _optional_draft_number(_instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None:
        check_int(attribute.name, value, 1)


@attrs.frozen
class Status:
    """Where a dataset client stands: the branch and commit that new jobs are based on.

    ``get_dataset`` checks out the dataset's default branch at its head commit, as the vendor SDK does.
    """

    branch_name: str | None
    commit_id: str | None
    draft_number: int | None = attrs.field(default=None, validator=_optional_draft_number)

    @property
    def is_draft(self) -> bool:
        """Whether a draft (not a commit) is checked out."""
        return self.draft_number is not None
