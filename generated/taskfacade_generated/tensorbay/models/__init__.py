"""Contains all the data models used in inputs/outputs (imported lazily, on first use)"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .basic_search_arguments import BasicSearchArguments
    from .basic_search_job_request import BasicSearchJobRequest
    from .basic_search_job_request_job_type import BasicSearchJobRequestJobType
    from .basic_search_result import BasicSearchResult
    from .create_dataset_from_search_result_request import (
        CreateDatasetFromSearchResultRequest,
    )
    from .created_job import CreatedJob
    from .dataset import Dataset
    from .dataset_list import DatasetList
    from .dataset_summary import DatasetSummary
    from .draft import Draft
    from .draft_author import DraftAuthor
    from .draft_list import DraftList
    from .draft_status import DraftStatus
    from .draft_status_filter import DraftStatusFilter
    from .error import Error
    from .error_code import ErrorCode
    from .job import Job
    from .job_arguments import JobArguments
    from .job_list import JobList
    from .job_result_type_0 import JobResultType0
    from .job_status import JobStatus
    from .job_type import JobType
    from .search_conjunction import SearchConjunction
    from .search_filter import SearchFilter
    from .search_filter_extra_info import SearchFilterExtraInfo
    from .search_unit import SearchUnit
    from .squash_and_merge_arguments import SquashAndMergeArguments
    from .squash_and_merge_job_request import SquashAndMergeJobRequest
    from .squash_and_merge_job_request_job_type import SquashAndMergeJobRequestJobType
    from .squash_and_merge_result import SquashAndMergeResult
    from .squash_and_merge_strategy import SquashAndMergeStrategy

_MODULES = {
    "BasicSearchArguments": ".basic_search_arguments",
    "BasicSearchJobRequest": ".basic_search_job_request",
    "BasicSearchJobRequestJobType": ".basic_search_job_request_job_type",
    "BasicSearchResult": ".basic_search_result",
    "CreateDatasetFromSearchResultRequest": ".create_dataset_from_search_result_request",
    "CreatedJob": ".created_job",
    "Dataset": ".dataset",
    "DatasetList": ".dataset_list",
    "DatasetSummary": ".dataset_summary",
    "Draft": ".draft",
    "DraftAuthor": ".draft_author",
    "DraftList": ".draft_list",
    "DraftStatus": ".draft_status",
    "DraftStatusFilter": ".draft_status_filter",
    "Error": ".error",
    "ErrorCode": ".error_code",
    "Job": ".job",
    "JobArguments": ".job_arguments",
    "JobList": ".job_list",
    "JobResultType0": ".job_result_type_0",
    "JobStatus": ".job_status",
    "JobType": ".job_type",
    "SearchConjunction": ".search_conjunction",
    "SearchFilter": ".search_filter",
    "SearchFilterExtraInfo": ".search_filter_extra_info",
    "SearchUnit": ".search_unit",
    "SquashAndMergeArguments": ".squash_and_merge_arguments",
    "SquashAndMergeJobRequest": ".squash_and_merge_job_request",
    "SquashAndMergeJobRequestJobType": ".squash_and_merge_job_request_job_type",
    "SquashAndMergeResult": ".squash_and_merge_result",
    "SquashAndMergeStrategy": ".squash_and_merge_strategy",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)


__all__ = (
    "BasicSearchArguments",
    "BasicSearchJobRequest",
    "BasicSearchJobRequestJobType",
    "BasicSearchResult",
    "CreateDatasetFromSearchResultRequest",
    "CreatedJob",
    "Dataset",
    "DatasetList",
    "DatasetSummary",
    "Draft",
    "DraftAuthor",
    "DraftList",
    "DraftStatus",
    "DraftStatusFilter",
    "Error",
    "ErrorCode",
    "Job",
    "JobArguments",
    "JobList",
    "JobResultType0",
    "JobStatus",
    "JobType",
    "SearchConjunction",
    "SearchFilter",
    "SearchFilterExtraInfo",
    "SearchUnit",
    "SquashAndMergeArguments",
    "SquashAndMergeJobRequest",
    "SquashAndMergeJobRequestJobType",
    "SquashAndMergeResult",
    "SquashAndMergeStrategy",
)
