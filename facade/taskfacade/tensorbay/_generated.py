"""The one place the TensorBay facade meets generated code (``taskfacade_generated.tensorbay``).

Every other module of ``taskfacade.tensorbay`` imports generated names from here, so a regenerated client that
renames or drops something breaks this module's imports first and nowhere else. An import-linter contract
(``pyproject.toml``) fails on any other import of ``taskfacade_generated``.

What the facade uses, and why:

- **operations**: all 10 in ``openapi/tensorbay.yaml``, each called as ``sync_detailed`` through the shared
  transport. ``list_datasets`` and ``get_dataset`` back ``GAS`` (a dataset by name); ``create_job``,
  ``get_job``, ``list_jobs``, ``abort_job``, ``retry_job`` and ``delete_job`` back the job clients and
  ``TensorBayJob``; ``list_drafts`` finds the draft a squash-and-merge job made;
  ``create_dataset_from_search_result`` turns a basic-search job's result into a dataset.
- **request models**: ``SquashAndMergeJobRequest`` and ``BasicSearchJobRequest`` (with their ``*JobType``
  tags, ``SquashAndMergeArguments``, ``BasicSearchArguments``, ``SquashAndMergeStrategy``, ``SearchConjunction``,
  ``SearchUnit``, ``SearchFilter`` and ``SearchFilterExtraInfo``) and ``CreateDatasetFromSearchResultRequest``.
- **response models**: ``Dataset``, ``DatasetList``, ``CreatedJob``, ``Job``, ``JobList``, ``Draft`` and
  ``DraftList``, the ``expect=`` types of each call; the enums ``JobType``, ``JobStatus`` and
  ``DraftStatusFilter`` are query arguments. ``Error`` is not used: the transport stops every status >= 400
  before the generated parser runs, and ``_errors`` parses the body.
- **types**: ``UNSET``/``Unset`` (an absent optional field or argument).
"""

from __future__ import annotations

from taskfacade_generated.tensorbay.api.datasets import create_dataset_from_search_result, get_dataset, list_datasets
from taskfacade_generated.tensorbay.api.drafts import list_drafts
from taskfacade_generated.tensorbay.api.jobs import abort_job, create_job, delete_job, get_job, list_jobs, retry_job
from taskfacade_generated.tensorbay.models import (
    BasicSearchArguments,
    BasicSearchJobRequest,
    BasicSearchJobRequestJobType,
    CreateDatasetFromSearchResultRequest,
    CreatedJob,
    Dataset,
    DatasetList,
    Draft,
    DraftList,
    DraftStatusFilter,
    Job,
    JobList,
    JobStatus,
    JobType,
    SearchConjunction,
    SearchFilter,
    SearchFilterExtraInfo,
    SearchUnit,
    SquashAndMergeArguments,
    SquashAndMergeJobRequest,
    SquashAndMergeJobRequestJobType,
    SquashAndMergeStrategy,
)
from taskfacade_generated.tensorbay.types import UNSET, Unset

__all__ = [
    "UNSET",
    "BasicSearchArguments",
    "BasicSearchJobRequest",
    "BasicSearchJobRequestJobType",
    "CreateDatasetFromSearchResultRequest",
    "CreatedJob",
    "Dataset",
    "DatasetList",
    "Draft",
    "DraftList",
    "DraftStatusFilter",
    "Job",
    "JobList",
    "JobStatus",
    "JobType",
    "SearchConjunction",
    "SearchFilter",
    "SearchFilterExtraInfo",
    "SearchUnit",
    "SquashAndMergeArguments",
    "SquashAndMergeJobRequest",
    "SquashAndMergeJobRequestJobType",
    "SquashAndMergeStrategy",
    "Unset",
    "abort_job",
    "create_dataset_from_search_result",
    "create_job",
    "delete_job",
    "get_dataset",
    "get_job",
    "list_datasets",
    "list_drafts",
    "list_jobs",
    "retry_job",
]
