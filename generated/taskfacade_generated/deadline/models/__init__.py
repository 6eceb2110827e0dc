"""Contains all the data models used in inputs/outputs (imported lazily, on first use)"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access_denied_exception import AccessDeniedException
    from .attachments import Attachments
    from .batch_get_task_error import BatchGetTaskError
    from .batch_get_task_error_code import BatchGetTaskErrorCode
    from .batch_get_task_identifier import BatchGetTaskIdentifier
    from .batch_get_task_item import BatchGetTaskItem
    from .batch_get_task_request import BatchGetTaskRequest
    from .batch_get_task_response import BatchGetTaskResponse
    from .comparison_operator import ComparisonOperator
    from .conflict_exception import ConflictException
    from .conflict_exception_reason import ConflictExceptionReason
    from .date_time_filter_expression import DateTimeFilterExpression
    from .exception_context import ExceptionContext
    from .field_sort_expression import FieldSortExpression
    from .get_job_response import GetJobResponse
    from .get_task_response import GetTaskResponse
    from .internal_server_error_exception import InternalServerErrorException
    from .job_attachments_file_system import JobAttachmentsFileSystem
    from .job_lifecycle_status import JobLifecycleStatus
    from .job_parameter import JobParameter
    from .job_parameters import JobParameters
    from .job_summary import JobSummary
    from .job_target_task_run_status import JobTargetTaskRunStatus
    from .list_jobs_response import ListJobsResponse
    from .list_tasks_response import ListTasksResponse
    from .logical_operator import LogicalOperator
    from .manifest_properties import ManifestProperties
    from .parameter_filter_expression import ParameterFilterExpression
    from .parameter_sort_expression import ParameterSortExpression
    from .path_format import PathFormat
    from .resource_not_found_exception import ResourceNotFoundException
    from .search_filter_expression import SearchFilterExpression
    from .search_grouped_filter_expressions import SearchGroupedFilterExpressions
    from .search_sort_expression import SearchSortExpression
    from .search_tasks_request import SearchTasksRequest
    from .search_tasks_response import SearchTasksResponse
    from .search_term_filter_expression import SearchTermFilterExpression
    from .search_term_matching_type import SearchTermMatchingType
    from .sort_order import SortOrder
    from .string_filter_expression import StringFilterExpression
    from .string_list_filter_expression import StringListFilterExpression
    from .task_parameter_value import TaskParameterValue
    from .task_parameters import TaskParameters
    from .task_run_status import TaskRunStatus
    from .task_run_status_counts import TaskRunStatusCounts
    from .task_search_summary import TaskSearchSummary
    from .task_summary import TaskSummary
    from .task_target_run_status import TaskTargetRunStatus
    from .throttling_exception import ThrottlingException
    from .update_task_request import UpdateTaskRequest
    from .update_task_response import UpdateTaskResponse
    from .user_jobs_first import UserJobsFirst
    from .validation_exception import ValidationException
    from .validation_exception_field import ValidationExceptionField
    from .validation_exception_reason import ValidationExceptionReason

_MODULES = {
    "AccessDeniedException": ".access_denied_exception",
    "Attachments": ".attachments",
    "BatchGetTaskError": ".batch_get_task_error",
    "BatchGetTaskErrorCode": ".batch_get_task_error_code",
    "BatchGetTaskIdentifier": ".batch_get_task_identifier",
    "BatchGetTaskItem": ".batch_get_task_item",
    "BatchGetTaskRequest": ".batch_get_task_request",
    "BatchGetTaskResponse": ".batch_get_task_response",
    "ComparisonOperator": ".comparison_operator",
    "ConflictException": ".conflict_exception",
    "ConflictExceptionReason": ".conflict_exception_reason",
    "DateTimeFilterExpression": ".date_time_filter_expression",
    "ExceptionContext": ".exception_context",
    "FieldSortExpression": ".field_sort_expression",
    "GetJobResponse": ".get_job_response",
    "GetTaskResponse": ".get_task_response",
    "InternalServerErrorException": ".internal_server_error_exception",
    "JobAttachmentsFileSystem": ".job_attachments_file_system",
    "JobLifecycleStatus": ".job_lifecycle_status",
    "JobParameter": ".job_parameter",
    "JobParameters": ".job_parameters",
    "JobSummary": ".job_summary",
    "JobTargetTaskRunStatus": ".job_target_task_run_status",
    "ListJobsResponse": ".list_jobs_response",
    "ListTasksResponse": ".list_tasks_response",
    "LogicalOperator": ".logical_operator",
    "ManifestProperties": ".manifest_properties",
    "ParameterFilterExpression": ".parameter_filter_expression",
    "ParameterSortExpression": ".parameter_sort_expression",
    "PathFormat": ".path_format",
    "ResourceNotFoundException": ".resource_not_found_exception",
    "SearchFilterExpression": ".search_filter_expression",
    "SearchGroupedFilterExpressions": ".search_grouped_filter_expressions",
    "SearchSortExpression": ".search_sort_expression",
    "SearchTasksRequest": ".search_tasks_request",
    "SearchTasksResponse": ".search_tasks_response",
    "SearchTermFilterExpression": ".search_term_filter_expression",
    "SearchTermMatchingType": ".search_term_matching_type",
    "SortOrder": ".sort_order",
    "StringFilterExpression": ".string_filter_expression",
    "StringListFilterExpression": ".string_list_filter_expression",
    "TaskParameterValue": ".task_parameter_value",
    "TaskParameters": ".task_parameters",
    "TaskRunStatus": ".task_run_status",
    "TaskRunStatusCounts": ".task_run_status_counts",
    "TaskSearchSummary": ".task_search_summary",
    "TaskSummary": ".task_summary",
    "TaskTargetRunStatus": ".task_target_run_status",
    "ThrottlingException": ".throttling_exception",
    "UpdateTaskRequest": ".update_task_request",
    "UpdateTaskResponse": ".update_task_response",
    "UserJobsFirst": ".user_jobs_first",
    "ValidationException": ".validation_exception",
    "ValidationExceptionField": ".validation_exception_field",
    "ValidationExceptionReason": ".validation_exception_reason",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)


__all__ = (
    "AccessDeniedException",
    "Attachments",
    "BatchGetTaskError",
    "BatchGetTaskErrorCode",
    "BatchGetTaskIdentifier",
    "BatchGetTaskItem",
    "BatchGetTaskRequest",
    "BatchGetTaskResponse",
    "ComparisonOperator",
    "ConflictException",
    "ConflictExceptionReason",
    "DateTimeFilterExpression",
    "ExceptionContext",
    "FieldSortExpression",
    "GetJobResponse",
    "GetTaskResponse",
    "InternalServerErrorException",
    "JobAttachmentsFileSystem",
    "JobLifecycleStatus",
    "JobParameter",
    "JobParameters",
    "JobSummary",
    "JobTargetTaskRunStatus",
    "ListJobsResponse",
    "ListTasksResponse",
    "LogicalOperator",
    "ManifestProperties",
    "ParameterFilterExpression",
    "ParameterSortExpression",
    "PathFormat",
    "ResourceNotFoundException",
    "SearchFilterExpression",
    "SearchGroupedFilterExpressions",
    "SearchSortExpression",
    "SearchTasksRequest",
    "SearchTasksResponse",
    "SearchTermFilterExpression",
    "SearchTermMatchingType",
    "SortOrder",
    "StringFilterExpression",
    "StringListFilterExpression",
    "TaskParameterValue",
    "TaskParameters",
    "TaskRunStatus",
    "TaskRunStatusCounts",
    "TaskSearchSummary",
    "TaskSummary",
    "TaskTargetRunStatus",
    "ThrottlingException",
    "UpdateTaskRequest",
    "UpdateTaskResponse",
    "UserJobsFirst",
    "ValidationException",
    "ValidationExceptionField",
    "ValidationExceptionReason",
)
