"""Contains all the data models used in inputs/outputs (imported lazily, on first use)"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access_denied_exception import AccessDeniedException
    from .acquired_limit import AcquiredLimit
    from .attachments import Attachments
    from .batch_get_job_error import BatchGetJobError
    from .batch_get_job_error_code import BatchGetJobErrorCode
    from .batch_get_job_identifier import BatchGetJobIdentifier
    from .batch_get_job_item import BatchGetJobItem
    from .batch_get_job_request import BatchGetJobRequest
    from .batch_get_job_response import BatchGetJobResponse
    from .batch_get_session_action_error import BatchGetSessionActionError
    from .batch_get_session_action_error_code import BatchGetSessionActionErrorCode
    from .batch_get_session_action_identifier import BatchGetSessionActionIdentifier
    from .batch_get_session_action_item import BatchGetSessionActionItem
    from .batch_get_session_action_item_status import BatchGetSessionActionItemStatus
    from .batch_get_session_action_request import BatchGetSessionActionRequest
    from .batch_get_session_action_response import BatchGetSessionActionResponse
    from .batch_get_session_error import BatchGetSessionError
    from .batch_get_session_error_code import BatchGetSessionErrorCode
    from .batch_get_session_identifier import BatchGetSessionIdentifier
    from .batch_get_session_item import BatchGetSessionItem
    from .batch_get_session_item_lifecycle_status import (
        BatchGetSessionItemLifecycleStatus,
    )
    from .batch_get_session_item_target_lifecycle_status import (
        BatchGetSessionItemTargetLifecycleStatus,
    )
    from .batch_get_session_request import BatchGetSessionRequest
    from .batch_get_session_response import BatchGetSessionResponse
    from .batch_get_step_error import BatchGetStepError
    from .batch_get_step_error_code import BatchGetStepErrorCode
    from .batch_get_step_identifier import BatchGetStepIdentifier
    from .batch_get_step_item import BatchGetStepItem
    from .batch_get_step_item_lifecycle_status import BatchGetStepItemLifecycleStatus
    from .batch_get_step_item_target_task_run_status import (
        BatchGetStepItemTargetTaskRunStatus,
    )
    from .batch_get_step_request import BatchGetStepRequest
    from .batch_get_step_response import BatchGetStepResponse
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
    from .dependency_counts import DependencyCounts
    from .environment_enter_session_action_definition import (
        EnvironmentEnterSessionActionDefinition,
    )
    from .environment_enter_session_action_definition_summary import (
        EnvironmentEnterSessionActionDefinitionSummary,
    )
    from .environment_exit_session_action_definition import (
        EnvironmentExitSessionActionDefinition,
    )
    from .environment_exit_session_action_definition_summary import (
        EnvironmentExitSessionActionDefinitionSummary,
    )
    from .exception_context import ExceptionContext
    from .field_sort_expression import FieldSortExpression
    from .get_job_response import GetJobResponse
    from .get_session_action_response import GetSessionActionResponse
    from .get_session_action_response_status import GetSessionActionResponseStatus
    from .get_session_response import GetSessionResponse
    from .get_session_response_lifecycle_status import GetSessionResponseLifecycleStatus
    from .get_session_response_target_lifecycle_status import (
        GetSessionResponseTargetLifecycleStatus,
    )
    from .get_step_response import GetStepResponse
    from .get_step_response_lifecycle_status import GetStepResponseLifecycleStatus
    from .get_step_response_target_task_run_status import (
        GetStepResponseTargetTaskRunStatus,
    )
    from .get_task_response import GetTaskResponse
    from .host_properties_response import HostPropertiesResponse
    from .internal_server_error_exception import InternalServerErrorException
    from .ip_addresses import IpAddresses
    from .job_attachments_file_system import JobAttachmentsFileSystem
    from .job_lifecycle_status import JobLifecycleStatus
    from .job_parameter import JobParameter
    from .job_parameters import JobParameters
    from .job_search_summary import JobSearchSummary
    from .job_summary import JobSummary
    from .job_target_task_run_status import JobTargetTaskRunStatus
    from .list_jobs_response import ListJobsResponse
    from .list_session_actions_response import ListSessionActionsResponse
    from .list_sessions_response import ListSessionsResponse
    from .list_steps_response import ListStepsResponse
    from .list_tasks_response import ListTasksResponse
    from .log_configuration import LogConfiguration
    from .log_configuration_options import LogConfigurationOptions
    from .log_configuration_parameters import LogConfigurationParameters
    from .logical_operator import LogicalOperator
    from .manifest_properties import ManifestProperties
    from .parameter_filter_expression import ParameterFilterExpression
    from .parameter_sort_expression import ParameterSortExpression
    from .parameter_space import ParameterSpace
    from .path_format import PathFormat
    from .resource_not_found_exception import ResourceNotFoundException
    from .search_filter_expression import SearchFilterExpression
    from .search_grouped_filter_expressions import SearchGroupedFilterExpressions
    from .search_jobs_request import SearchJobsRequest
    from .search_jobs_response import SearchJobsResponse
    from .search_sort_expression import SearchSortExpression
    from .search_steps_request import SearchStepsRequest
    from .search_steps_response import SearchStepsResponse
    from .search_tasks_request import SearchTasksRequest
    from .search_tasks_response import SearchTasksResponse
    from .search_term_filter_expression import SearchTermFilterExpression
    from .search_term_matching_type import SearchTermMatchingType
    from .session_action_definition import SessionActionDefinition
    from .session_action_definition_summary import SessionActionDefinitionSummary
    from .session_action_summary import SessionActionSummary
    from .session_action_summary_status import SessionActionSummaryStatus
    from .session_summary import SessionSummary
    from .session_summary_lifecycle_status import SessionSummaryLifecycleStatus
    from .session_summary_target_lifecycle_status import (
        SessionSummaryTargetLifecycleStatus,
    )
    from .sort_order import SortOrder
    from .step_amount_capability import StepAmountCapability
    from .step_attribute_capability import StepAttributeCapability
    from .step_parameter import StepParameter
    from .step_parameter_chunks import StepParameterChunks
    from .step_parameter_chunks_range_constraint import (
        StepParameterChunksRangeConstraint,
    )
    from .step_parameter_type import StepParameterType
    from .step_required_capabilities import StepRequiredCapabilities
    from .step_search_summary import StepSearchSummary
    from .step_search_summary_lifecycle_status import StepSearchSummaryLifecycleStatus
    from .step_search_summary_target_task_run_status import (
        StepSearchSummaryTargetTaskRunStatus,
    )
    from .step_summary import StepSummary
    from .step_summary_lifecycle_status import StepSummaryLifecycleStatus
    from .step_summary_target_task_run_status import StepSummaryTargetTaskRunStatus
    from .string_filter_expression import StringFilterExpression
    from .string_list_filter_expression import StringListFilterExpression
    from .sync_input_job_attachments_session_action_definition import (
        SyncInputJobAttachmentsSessionActionDefinition,
    )
    from .sync_input_job_attachments_session_action_definition_summary import (
        SyncInputJobAttachmentsSessionActionDefinitionSummary,
    )
    from .task_parameter_value import TaskParameterValue
    from .task_parameters import TaskParameters
    from .task_run_manifest_properties_response import TaskRunManifestPropertiesResponse
    from .task_run_session_action_definition import TaskRunSessionActionDefinition
    from .task_run_session_action_definition_summary import (
        TaskRunSessionActionDefinitionSummary,
    )
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
    "AcquiredLimit": ".acquired_limit",
    "Attachments": ".attachments",
    "BatchGetJobError": ".batch_get_job_error",
    "BatchGetJobErrorCode": ".batch_get_job_error_code",
    "BatchGetJobIdentifier": ".batch_get_job_identifier",
    "BatchGetJobItem": ".batch_get_job_item",
    "BatchGetJobRequest": ".batch_get_job_request",
    "BatchGetJobResponse": ".batch_get_job_response",
    "BatchGetSessionActionError": ".batch_get_session_action_error",
    "BatchGetSessionActionErrorCode": ".batch_get_session_action_error_code",
    "BatchGetSessionActionIdentifier": ".batch_get_session_action_identifier",
    "BatchGetSessionActionItem": ".batch_get_session_action_item",
    "BatchGetSessionActionItemStatus": ".batch_get_session_action_item_status",
    "BatchGetSessionActionRequest": ".batch_get_session_action_request",
    "BatchGetSessionActionResponse": ".batch_get_session_action_response",
    "BatchGetSessionError": ".batch_get_session_error",
    "BatchGetSessionErrorCode": ".batch_get_session_error_code",
    "BatchGetSessionIdentifier": ".batch_get_session_identifier",
    "BatchGetSessionItem": ".batch_get_session_item",
    "BatchGetSessionItemLifecycleStatus": ".batch_get_session_item_lifecycle_status",
    "BatchGetSessionItemTargetLifecycleStatus": ".batch_get_session_item_target_lifecycle_status",
    "BatchGetSessionRequest": ".batch_get_session_request",
    "BatchGetSessionResponse": ".batch_get_session_response",
    "BatchGetStepError": ".batch_get_step_error",
    "BatchGetStepErrorCode": ".batch_get_step_error_code",
    "BatchGetStepIdentifier": ".batch_get_step_identifier",
    "BatchGetStepItem": ".batch_get_step_item",
    "BatchGetStepItemLifecycleStatus": ".batch_get_step_item_lifecycle_status",
    "BatchGetStepItemTargetTaskRunStatus": ".batch_get_step_item_target_task_run_status",
    "BatchGetStepRequest": ".batch_get_step_request",
    "BatchGetStepResponse": ".batch_get_step_response",
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
    "DependencyCounts": ".dependency_counts",
    "EnvironmentEnterSessionActionDefinition": ".environment_enter_session_action_definition",
    "EnvironmentEnterSessionActionDefinitionSummary": ".environment_enter_session_action_definition_summary",
    "EnvironmentExitSessionActionDefinition": ".environment_exit_session_action_definition",
    "EnvironmentExitSessionActionDefinitionSummary": ".environment_exit_session_action_definition_summary",
    "ExceptionContext": ".exception_context",
    "FieldSortExpression": ".field_sort_expression",
    "GetJobResponse": ".get_job_response",
    "GetSessionActionResponse": ".get_session_action_response",
    "GetSessionActionResponseStatus": ".get_session_action_response_status",
    "GetSessionResponse": ".get_session_response",
    "GetSessionResponseLifecycleStatus": ".get_session_response_lifecycle_status",
    "GetSessionResponseTargetLifecycleStatus": ".get_session_response_target_lifecycle_status",
    "GetStepResponse": ".get_step_response",
    "GetStepResponseLifecycleStatus": ".get_step_response_lifecycle_status",
    "GetStepResponseTargetTaskRunStatus": ".get_step_response_target_task_run_status",
    "GetTaskResponse": ".get_task_response",
    "HostPropertiesResponse": ".host_properties_response",
    "InternalServerErrorException": ".internal_server_error_exception",
    "IpAddresses": ".ip_addresses",
    "JobAttachmentsFileSystem": ".job_attachments_file_system",
    "JobLifecycleStatus": ".job_lifecycle_status",
    "JobParameter": ".job_parameter",
    "JobParameters": ".job_parameters",
    "JobSearchSummary": ".job_search_summary",
    "JobSummary": ".job_summary",
    "JobTargetTaskRunStatus": ".job_target_task_run_status",
    "ListJobsResponse": ".list_jobs_response",
    "ListSessionActionsResponse": ".list_session_actions_response",
    "ListSessionsResponse": ".list_sessions_response",
    "ListStepsResponse": ".list_steps_response",
    "ListTasksResponse": ".list_tasks_response",
    "LogConfiguration": ".log_configuration",
    "LogConfigurationOptions": ".log_configuration_options",
    "LogConfigurationParameters": ".log_configuration_parameters",
    "LogicalOperator": ".logical_operator",
    "ManifestProperties": ".manifest_properties",
    "ParameterFilterExpression": ".parameter_filter_expression",
    "ParameterSortExpression": ".parameter_sort_expression",
    "ParameterSpace": ".parameter_space",
    "PathFormat": ".path_format",
    "ResourceNotFoundException": ".resource_not_found_exception",
    "SearchFilterExpression": ".search_filter_expression",
    "SearchGroupedFilterExpressions": ".search_grouped_filter_expressions",
    "SearchJobsRequest": ".search_jobs_request",
    "SearchJobsResponse": ".search_jobs_response",
    "SearchSortExpression": ".search_sort_expression",
    "SearchStepsRequest": ".search_steps_request",
    "SearchStepsResponse": ".search_steps_response",
    "SearchTasksRequest": ".search_tasks_request",
    "SearchTasksResponse": ".search_tasks_response",
    "SearchTermFilterExpression": ".search_term_filter_expression",
    "SearchTermMatchingType": ".search_term_matching_type",
    "SessionActionDefinition": ".session_action_definition",
    "SessionActionDefinitionSummary": ".session_action_definition_summary",
    "SessionActionSummary": ".session_action_summary",
    "SessionActionSummaryStatus": ".session_action_summary_status",
    "SessionSummary": ".session_summary",
    "SessionSummaryLifecycleStatus": ".session_summary_lifecycle_status",
    "SessionSummaryTargetLifecycleStatus": ".session_summary_target_lifecycle_status",
    "SortOrder": ".sort_order",
    "StepAmountCapability": ".step_amount_capability",
    "StepAttributeCapability": ".step_attribute_capability",
    "StepParameter": ".step_parameter",
    "StepParameterChunks": ".step_parameter_chunks",
    "StepParameterChunksRangeConstraint": ".step_parameter_chunks_range_constraint",
    "StepParameterType": ".step_parameter_type",
    "StepRequiredCapabilities": ".step_required_capabilities",
    "StepSearchSummary": ".step_search_summary",
    "StepSearchSummaryLifecycleStatus": ".step_search_summary_lifecycle_status",
    "StepSearchSummaryTargetTaskRunStatus": ".step_search_summary_target_task_run_status",
    "StepSummary": ".step_summary",
    "StepSummaryLifecycleStatus": ".step_summary_lifecycle_status",
    "StepSummaryTargetTaskRunStatus": ".step_summary_target_task_run_status",
    "StringFilterExpression": ".string_filter_expression",
    "StringListFilterExpression": ".string_list_filter_expression",
    "SyncInputJobAttachmentsSessionActionDefinition": ".sync_input_job_attachments_session_action_definition",
    "SyncInputJobAttachmentsSessionActionDefinitionSummary": ".sync_input_job_attachments_session_action_definition_summary",
    "TaskParameterValue": ".task_parameter_value",
    "TaskParameters": ".task_parameters",
    "TaskRunManifestPropertiesResponse": ".task_run_manifest_properties_response",
    "TaskRunSessionActionDefinition": ".task_run_session_action_definition",
    "TaskRunSessionActionDefinitionSummary": ".task_run_session_action_definition_summary",
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
    "AcquiredLimit",
    "Attachments",
    "BatchGetJobError",
    "BatchGetJobErrorCode",
    "BatchGetJobIdentifier",
    "BatchGetJobItem",
    "BatchGetJobRequest",
    "BatchGetJobResponse",
    "BatchGetSessionActionError",
    "BatchGetSessionActionErrorCode",
    "BatchGetSessionActionIdentifier",
    "BatchGetSessionActionItem",
    "BatchGetSessionActionItemStatus",
    "BatchGetSessionActionRequest",
    "BatchGetSessionActionResponse",
    "BatchGetSessionError",
    "BatchGetSessionErrorCode",
    "BatchGetSessionIdentifier",
    "BatchGetSessionItem",
    "BatchGetSessionItemLifecycleStatus",
    "BatchGetSessionItemTargetLifecycleStatus",
    "BatchGetSessionRequest",
    "BatchGetSessionResponse",
    "BatchGetStepError",
    "BatchGetStepErrorCode",
    "BatchGetStepIdentifier",
    "BatchGetStepItem",
    "BatchGetStepItemLifecycleStatus",
    "BatchGetStepItemTargetTaskRunStatus",
    "BatchGetStepRequest",
    "BatchGetStepResponse",
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
    "DependencyCounts",
    "EnvironmentEnterSessionActionDefinition",
    "EnvironmentEnterSessionActionDefinitionSummary",
    "EnvironmentExitSessionActionDefinition",
    "EnvironmentExitSessionActionDefinitionSummary",
    "ExceptionContext",
    "FieldSortExpression",
    "GetJobResponse",
    "GetSessionActionResponse",
    "GetSessionActionResponseStatus",
    "GetSessionResponse",
    "GetSessionResponseLifecycleStatus",
    "GetSessionResponseTargetLifecycleStatus",
    "GetStepResponse",
    "GetStepResponseLifecycleStatus",
    "GetStepResponseTargetTaskRunStatus",
    "GetTaskResponse",
    "HostPropertiesResponse",
    "InternalServerErrorException",
    "IpAddresses",
    "JobAttachmentsFileSystem",
    "JobLifecycleStatus",
    "JobParameter",
    "JobParameters",
    "JobSearchSummary",
    "JobSummary",
    "JobTargetTaskRunStatus",
    "ListJobsResponse",
    "ListSessionActionsResponse",
    "ListSessionsResponse",
    "ListStepsResponse",
    "ListTasksResponse",
    "LogConfiguration",
    "LogConfigurationOptions",
    "LogConfigurationParameters",
    "LogicalOperator",
    "ManifestProperties",
    "ParameterFilterExpression",
    "ParameterSortExpression",
    "ParameterSpace",
    "PathFormat",
    "ResourceNotFoundException",
    "SearchFilterExpression",
    "SearchGroupedFilterExpressions",
    "SearchJobsRequest",
    "SearchJobsResponse",
    "SearchSortExpression",
    "SearchStepsRequest",
    "SearchStepsResponse",
    "SearchTasksRequest",
    "SearchTasksResponse",
    "SearchTermFilterExpression",
    "SearchTermMatchingType",
    "SessionActionDefinition",
    "SessionActionDefinitionSummary",
    "SessionActionSummary",
    "SessionActionSummaryStatus",
    "SessionSummary",
    "SessionSummaryLifecycleStatus",
    "SessionSummaryTargetLifecycleStatus",
    "SortOrder",
    "StepAmountCapability",
    "StepAttributeCapability",
    "StepParameter",
    "StepParameterChunks",
    "StepParameterChunksRangeConstraint",
    "StepParameterType",
    "StepRequiredCapabilities",
    "StepSearchSummary",
    "StepSearchSummaryLifecycleStatus",
    "StepSearchSummaryTargetTaskRunStatus",
    "StepSummary",
    "StepSummaryLifecycleStatus",
    "StepSummaryTargetTaskRunStatus",
    "StringFilterExpression",
    "StringListFilterExpression",
    "SyncInputJobAttachmentsSessionActionDefinition",
    "SyncInputJobAttachmentsSessionActionDefinitionSummary",
    "TaskParameterValue",
    "TaskParameters",
    "TaskRunManifestPropertiesResponse",
    "TaskRunSessionActionDefinition",
    "TaskRunSessionActionDefinitionSummary",
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
