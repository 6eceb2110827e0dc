"""TensorBay's operations written once, as steps (``taskfacade._steps``), for the sync facade and its async twin.

Each function here checks its arguments, shapes the generated request, yields the ``Call`` and turns the answer
into what the facade returns; it does no I/O. ``GAS``, the dataset clients, the job clients and the jobs drive
them with ``Client._run`` (sync) or ``await AsyncClient._arun`` (``taskfacade.tensorbay.aio``), so a rule (a check, a
default title, a lost-answer rule for deletes, what a verb's ambiguous failure means) exists once.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from .._check import check_int
from .._errors import InvalidArgument, ResponseDecodeError
from .._steps import Call, Steps
from ._body import from_server, to_datetime
from ._errors import DatasetTypeError, ResourceNotExistError, StatusError
from ._filters import search_filters
from ._generated import (
    UNSET,
    BasicSearchArguments,
    BasicSearchJobRequest,
    BasicSearchJobRequestJobType,
    CreateDatasetFromSearchResultRequest,
    CreatedJob,
    Dataset,
    DatasetList,
    DraftList,
    DraftStatusFilter,
    JobList,
    JobStatus,
    JobType,
    SearchConjunction,
    SearchUnit,
    SquashAndMergeArguments,
    SquashAndMergeJobRequest,
    SquashAndMergeJobRequestJobType,
    SquashAndMergeStrategy,
    Unset,
    create_dataset_from_search_result,
    create_job,
    delete_job,
    get_dataset,
    get_job,
    list_datasets,
    list_drafts,
    list_jobs,
)
from ._generated import Draft as WireDraft
from ._generated import Job as WireJob
from ._structs import Draft, Status, User
from ._validate import check_bool, check_choice, check_id, check_str

__all__ = [
    "CONJUNCTIONS",
    "DRAFT_STATUSES",
    "PAGE_SIZE",
    "STRATEGIES",
    "UNITS",
    "DatasetFound",
    "check_branch_filter",
    "create_dataset_steps",
    "create_job_steps",
    "delete_job_steps",
    "draft_of",
    "draft_page_steps",
    "find_dataset_steps",
    "get_draft_steps",
    "get_job_steps",
    "job_body",
    "job_page_steps",
    "search_request",
    "squash_request",
]

#: TensorBay's page size (the SDK's, and the server's maximum).
PAGE_SIZE = 128
#: ``list_drafts(status=...)`` accepts these (``ALL``: every status).
DRAFT_STATUSES = ("OPEN", "CLOSED", "COMMITTED", "ALL")
STRATEGIES = ("abort", "override", "skip")
CONJUNCTIONS = ("and", "or")
UNITS = ("file", "frame")


# -- datasets ---------------------------------------------------------------------------------------------------


def _checked_id(dataset_id: object) -> str:
    if not isinstance(dataset_id, str) or not dataset_id:
        message = f"a dataset listing item has id {dataset_id!r}; expected a string"
        raise ResponseDecodeError(message, service="tensorbay")
    return dataset_id


def _check_dataset(name: str, info: Dataset) -> None:
    """The fields the facade relies on must have their documented types (else ``ResponseDecodeError``)."""
    checks = {
        "type": isinstance(info.type_, int) and not isinstance(info.type_, bool),
        "defaultBranch": isinstance(info.default_branch, str),
        "commitId": info.commit_id is None or isinstance(info.commit_id, str),
        "alias": isinstance(info.alias, str),
        "isPublic": isinstance(info.is_public, bool),
    }
    bad = [key for key, ok in checks.items() if not ok]
    if bad:
        raise ResponseDecodeError(f"dataset {name!r}: unexpected {', '.join(bad)} in the answer", service="tensorbay")


class DatasetFound:
    """What ``find_dataset_steps`` found: the arguments of a dataset client."""

    def __init__(self, name: str, dataset_id: str, status: Status, alias: str, is_public: bool) -> None:
        self.name = name
        self.dataset_id = dataset_id
        self.status = status
        self.alias = alias
        self.is_public = is_public


def find_dataset_steps(name: str, is_fusion: bool) -> Steps[DatasetFound]:
    """``GAS.get_dataset``: the dataset by name (listing), then its details (two requests)."""
    check_str("name", name, empty=False)
    check_bool("is_fusion", is_fusion)
    found: DatasetList = yield Call(list_datasets, kwargs={"name": name, "offset": 0, "limit": 128}, expect=DatasetList)
    match = next((d for d in found.datasets if isinstance(d.name, Unset) or d.name == name), None)
    if match is None:
        raise ResourceNotExistError(
            f"dataset {name!r} does not exist", status=404, code="ResourceNotExist", service="tensorbay"
        )
    info: Dataset = yield Call(get_dataset, args=(_checked_id(match.id),), expect=Dataset)
    _check_dataset(name, info)
    # 0 = dataset, 1 = fusion dataset; a type newer than this client is trusted to be what the caller says.
    if info.type_ in (0, 1) and bool(info.type_) != is_fusion:
        kind = "a fusion" if info.type_ else "not a fusion"
        hint = f"get_dataset({name!r}, is_fusion={not is_fusion})"
        raise DatasetTypeError(f"dataset {name!r} is {kind} dataset; call {hint}")
    status = Status(branch_name=info.default_branch or None, commit_id=info.commit_id or None)
    return DatasetFound(name, match.id, status, info.alias, info.is_public)


# -- drafts -----------------------------------------------------------------------------------------------------


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


def check_branch_filter(status: str | None, branch_name: str | None) -> str:
    """``list_drafts``' arguments checked; the status to list (OPEN when None)."""
    wanted = "OPEN" if status is None else check_choice("status", status, DRAFT_STATUSES)
    if branch_name is not None and (not isinstance(branch_name, str) or not branch_name):
        raise InvalidArgument("branch_name", branch_name, "a branch name or None")
    return wanted


def draft_page_steps(
    dataset_id: str, status: str, branch_name: str | None, offset: int
) -> Steps[tuple[list[Draft], int]]:
    """One page of a dataset's drafts (``GET .../drafts``) and the total count."""
    page: DraftList = yield Call(
        list_drafts,
        args=(dataset_id,),
        kwargs={
            "status": DraftStatusFilter(status),
            "branch_name": UNSET if branch_name is None else branch_name,
            "offset": offset,
            "limit": PAGE_SIZE,
        },
        expect=DraftList,
    )
    return [draft_of(item) for item in page.drafts], page.total_count


def get_draft_steps(dataset_id: str, dataset_name: str, draft_number: int) -> Steps[Draft]:
    """The draft with this number, whatever its status: the ALL listing page by page until it shows."""
    check_int("draft_number", draft_number, 1)
    seen, index = 0, 0
    while True:
        drafts, total = yield from draft_page_steps(dataset_id, "ALL", None, index * PAGE_SIZE)
        for draft in drafts:
            if draft.number == draft_number:
                return draft
        seen += len(drafts)
        if not drafts or seen >= total:
            break
        index += 1
    raise ResourceNotExistError(
        f"draft {draft_number} does not exist in dataset {dataset_name!r}",
        status=404,
        code="ResourceNotExist",
        service="tensorbay",
    )


# -- jobs -------------------------------------------------------------------------------------------------------


def job_body(model: WireJob, job_type: str) -> dict[str, Any]:
    """The generated model back as the wire body, with ``jobType`` set to the type it was fetched as."""
    body = model.to_dict()
    body["jobType"] = job_type
    return body


def get_job_steps(dataset_id: str, job_type: str, job_id: str) -> Steps[dict[str, Any]]:
    """One job's body (``GET .../jobs/{job_id}?jobType=...``)."""
    model: WireJob = yield Call(
        get_job, args=(dataset_id, job_id), kwargs={"job_type": JobType(job_type)}, expect=WireJob
    )
    return job_body(model, job_type)


def check_job_page(status: str | None, offset: int, limit: int) -> None:
    """The checks of one job listing page's arguments (before any steps run)."""
    if status is not None:
        check_choice("status", status, [member.value for member in JobStatus])
    check_int("offset", offset, 0)
    check_int("limit", limit, 1, PAGE_SIZE)


def job_page_steps(
    dataset_id: str, job_type: str, status: str | None, offset: int, limit: int = PAGE_SIZE
) -> Steps[tuple[list[dict[str, Any]], int]]:
    """One page of job bodies, newest first, and the total count (``GET .../jobs?jobType=&status=``)."""
    page: JobList = yield Call(
        list_jobs,
        args=(dataset_id,),
        kwargs={
            "job_type": JobType(job_type),
            "status": UNSET if status is None else JobStatus(status),
            "offset": offset,
            "limit": limit,
        },
        expect=JobList,
    )
    return [job_body(item, job_type) for item in page.jobs], page.total_count


def delete_job_steps(dataset_id: str, job_type: str, job_id: str) -> Steps[None]:
    """Delete a job. A retry that finds the job already gone (its first answer was lost) counts as done."""
    check_id("job_id", job_id)
    try:
        yield Call(delete_job, args=(dataset_id, job_id), kwargs={"job_type": JobType(job_type)}, exchange=True)
    except ResourceNotExistError as error:
        if error.attempts <= 1:
            raise


def create_job_steps(
    dataset_id: str, request: SquashAndMergeJobRequest | BasicSearchJobRequest
) -> Steps[dict[str, Any]]:
    """POST a new job (never replayed once it may have reached the server); the new job's body."""
    created: CreatedJob = yield Call(create_job, args=(dataset_id,), kwargs={"body": request}, expect=CreatedJob)
    body = request.to_dict()
    body.update(jobId=created.job_id, createdAt=created.created_at, status="QUEUING")
    return body


def squash_request(
    status: Status,
    *,
    title: str,
    description: str,
    draft_title: str,
    source_branch_name: str,
    target_branch_name: str | None,
    draft_description: str,
    strategy: str,
) -> SquashAndMergeJobRequest:
    """``SquashAndMerge.create_job``'s arguments checked and shaped into the request (see its docstring)."""
    check_str("title", title)
    check_str("description", description)
    check_str("draft_title", draft_title)
    check_id("source_branch_name", source_branch_name)
    if target_branch_name is not None:
        check_id("target_branch_name", target_branch_name)
    check_str("draft_description", draft_description)
    check_choice("strategy", strategy, STRATEGIES)
    target = target_branch_name or status.branch_name
    if not target:
        raise StatusError("Squash and merge without basing on a branch is not allowed: pass target_branch_name")
    arguments = SquashAndMergeArguments(
        title=draft_title,
        source_branch_name=source_branch_name,
        target_branch_name=target,
        strategy=SquashAndMergeStrategy(strategy),
        description=draft_description or UNSET,
    )
    return SquashAndMergeJobRequest(
        title=title or f"{source_branch_name}->{target}({strategy})",
        job_type=SquashAndMergeJobRequestJobType.SQUASHANDMERGE,
        arguments=arguments,
        description=description or UNSET,
    )


def search_request(
    status: Status, *, title: str, description: str, conjunction: str, filters: Sequence[Any], unit: str
) -> BasicSearchJobRequest:
    """``BasicSearch.create_job``'s arguments checked and shaped into the request (see its docstring)."""
    check_str("title", title)
    check_str("description", description)
    check_choice("conjunction", conjunction, CONJUNCTIONS)
    checked = search_filters(filters)
    check_choice("unit", unit, UNITS)
    commit = status.commit_id
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
    return BasicSearchJobRequest(
        title=title,
        job_type=BasicSearchJobRequestJobType.BASICSEARCH,
        arguments=arguments,
        description=description or UNSET,
    )


def create_dataset_steps(job_id: str, name: str, alias: str, is_public: bool) -> Steps[None]:
    """A dataset from a basic-search job's result (not replayed: a second create would conflict)."""
    body = CreateDatasetFromSearchResultRequest(
        dataset_name=check_str("name", name, empty=False),
        alias=check_str("alias", alias),
        is_public=check_bool("is_public", is_public),
    )
    yield Call(create_dataset_from_search_result, args=(job_id,), kwargs={"body": body}, exchange=True)
