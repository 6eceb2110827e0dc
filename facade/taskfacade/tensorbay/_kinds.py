"""The two kinds of TensorBay job: ``SquashAndMergeJob`` (result: a ``Draft``) and ``BasicSearchJob``.

Their ``result`` reads the job's ``result`` object by the job's type. A result of a shape this version does not
know (a newer service) raises ``taskfacade.ResponseDecodeError`` naming what is missing, never ``KeyError``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Self

from .._errors import InvalidArgument, ResponseDecodeError
from .._phase import JobPhase
from .._steps import Steps
from ._body import parse_job_body
from ._client import Client
from ._generated import retry_job
from ._job import TensorBayJob, TensorBayJobBase
from ._ops import create_dataset_steps
from ._structs import Draft, FusionSearchResult, SearchResult
from ._validate import check_bool

__all__ = ["BasicSearchJob", "BasicSearchKind", "SquashAndMergeJob", "SquashAndMergeKind"]

JobUpdater = Callable[[str], dict[str, Any]]


def _result_value(job: TensorBayJobBase, result: dict[str, Any], key: str, kind: type) -> Any:
    value = result.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ResponseDecodeError(
            f"{job._label()}: its result has no {key} ({kind.__name__}); got {result!r}", service="tensorbay"
        )
    return value


class SquashAndMergeKind(TensorBayJobBase):
    """What both twins' squash-and-merge jobs share: the result's draft number, the retry verb."""

    _JOB_TYPE = "squashAndMerge"
    _JOB_KIND = "squashAndMerge"

    def _draft_number(self) -> int | None:
        result = self._fields.result
        if not result:
            return None
        number: int = _result_value(self, result, "draftNumber", int)
        return number

    def _retry_steps(self) -> Steps[None]:
        return self._verb_steps("retry", retry_job, lambda: self._peek_phase() in (JobPhase.PENDING, JobPhase.RUNNING))


class BasicSearchKind(TensorBayJobBase):
    """What both twins' basic-search jobs share: ``is_fusion``, ``result`` (no request), ``create_dataset``'s
    request."""

    _JOB_TYPE = "basicSearch"
    _JOB_KIND = "basicSearch"
    _is_fusion: bool

    @property
    def is_fusion(self) -> bool:
        """Whether the searched dataset is a fusion dataset."""
        return self._is_fusion

    @property
    def result(self) -> SearchResult | FusionSearchResult | None:
        """The search result once the job is SUCCESS (no request), else None."""
        result = self._fields.result
        if self.status != "SUCCESS" or not result:
            return None
        result_id: str = _result_value(self, result, "searchResultId", str)
        commit_id: str = _result_value(self, result, "searchResultCommitId", str)
        kind = FusionSearchResult if self._is_fusion else SearchResult
        return kind(self.job_id, result_id, commit_id)

    def _create_dataset_steps(self, name: str, alias: str, is_public: bool) -> Steps[None]:
        return create_dataset_steps(self.job_id, name, alias, is_public)


class SquashAndMergeJob(SquashAndMergeKind, TensorBayJob):
    """A squash-and-merge job: squashes a branch's commits into a new draft on the target branch.

    Args: as ``TensorBayJob``, plus ``draft_getter``: ``draft_number -> Draft`` (what ``result`` calls).
    """

    def __init__(
        self,
        client: Client,
        *,
        dataset_id: str,
        job_updater: JobUpdater,
        draft_getter: Callable[[int], Draft],
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
            raise InvalidArgument("draft_getter", draft_getter, "a function draft_number -> Draft")
        super().__init__(
            client, dataset_id, job_updater, title, job_id, job_type, arguments, created_at, started_at,
            finished_at, status, error_message, result, description,
        )  # fmt: skip
        self._draft_getter = draft_getter

    @classmethod
    def from_response_body(  # type: ignore[override]  # the seed adds draft_getter
        cls,
        body: dict[str, Any],
        *,
        client: Client,
        dataset_id: str,
        job_updater: JobUpdater,
        draft_getter: Callable[[int], Draft],
    ) -> Self:
        """A squash-and-merge job from an Open API job body."""
        fields = parse_job_body(body, cls._JOB_TYPE)
        return cls._from_fields(
            fields, client=client, dataset_id=dataset_id, job_updater=job_updater, draft_getter=draft_getter
        )

    @property
    def result(self) -> Draft | None:
        """The draft the job created (one request: the draft listing), or None while there is no result."""
        number = self._draft_number()
        return None if number is None else self._draft_getter(number)

    def retry(self) -> None:
        """Retry a FAILED or ABORTED job (otherwise ``ForbiddenError``), then refresh it."""
        self._client._run(self._retry_steps())


class BasicSearchJob(BasicSearchKind, TensorBayJob):
    """A basic-search job: searches a commit with filters; its result can become a new dataset.

    Args: as ``TensorBayJob``, plus ``is_fusion``: whether the searched dataset is a fusion dataset.
    """

    def __init__(
        self,
        client: Client,
        *,
        dataset_id: str,
        job_updater: JobUpdater,
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
    def from_response_body(  # type: ignore[override]  # the seed adds is_fusion
        cls,
        body: dict[str, Any],
        *,
        client: Client,
        dataset_id: str,
        job_updater: JobUpdater,
        is_fusion: bool,
    ) -> Self:
        """A basic-search job from an Open API job body."""
        fields = parse_job_body(body, cls._JOB_TYPE)
        return cls._from_fields(
            fields, client=client, dataset_id=dataset_id, job_updater=job_updater, is_fusion=is_fusion
        )

    def create_dataset(self, name: str, alias: str = "", is_public: bool = False) -> None:
        """Create a dataset from this SUCCESS job's result (``NameConflictError`` if the name is taken).

        Not replayed after an ambiguous failure (a second create would conflict); check with
        ``GAS.get_dataset(name)`` before trying again.
        """
        self._client._run(self._create_dataset_steps(name, alias, is_public))
