"""The one place the Deadline facade meets generated code (``taskfacade_generated.deadline``).

Every other module of ``taskfacade.deadline`` imports generated names from here, so a regenerated client that
renames or drops something breaks this module's imports first and nowhere else. An import-linter contract
(``pyproject.toml``) fails on any other import of ``taskfacade_generated``.

What the facade uses, and why:

- **operations**: all 19 in ``openapi/deadline.yaml``, each called as ``sync_detailed`` through the shared
  transport (retries, SigV4 signing, error mapping). The task operations (``get_task``, ``list_tasks``,
  ``batch_get_task``, ``search_tasks``, ``update_task``) and ``get_job``/``list_jobs`` back ``DeadlineClient``
  and ``DeadlineTask``; the job, step and session operations back the boto3-shaped methods of ``_runs``.
- **request models** (``BatchGet*Request``, ``Search*Request``, ``UpdateTaskRequest``) serialise request bodies;
  **response models** (``Get*Response``, ``List*Response``, ``BatchGet*Response``, ``Search*Response``) are the
  ``expect=`` types the transport checks a success against. Nested models are reached through them.
- **enums** ``TaskTargetRunStatus`` (``update_task``) and ``ComparisonOperator``, ``LogicalOperator``,
  ``SearchTermMatchingType``, ``SortOrder`` (search expressions) check boto3-style string arguments.
- **error models**: the six exception schemas are never parsed here (the transport stops every status >= 400
  before the generated parser runs; ``_errors.parse_error`` reads the body), but their members are the
  ``response`` keys botocore merges into a ``ClientError``: ``_errors`` derives them with ``wire_members``.
- **types**: ``Response`` (what ``sync_detailed`` returns), ``UNSET``/``Unset`` (absent optional fields) and
  ``status_of`` (a status code as ``HTTPStatus`` or, for 499/520-style codes, a plain int).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from taskfacade_generated.deadline.api.jobs import batch_get_job, get_job, list_jobs, search_jobs
from taskfacade_generated.deadline.api.sessions import (
    batch_get_session,
    batch_get_session_action,
    get_session,
    get_session_action,
    list_session_actions,
    list_sessions,
)
from taskfacade_generated.deadline.api.steps import batch_get_step, get_step, list_steps, search_steps
from taskfacade_generated.deadline.api.tasks import batch_get_task, get_task, list_tasks, search_tasks, update_task
from taskfacade_generated.deadline.models import (
    AccessDeniedException,
    BatchGetJobRequest,
    BatchGetJobResponse,
    BatchGetSessionActionRequest,
    BatchGetSessionActionResponse,
    BatchGetSessionRequest,
    BatchGetSessionResponse,
    BatchGetStepRequest,
    BatchGetStepResponse,
    BatchGetTaskRequest,
    BatchGetTaskResponse,
    ComparisonOperator,
    ConflictException,
    GetJobResponse,
    GetSessionActionResponse,
    GetSessionResponse,
    GetStepResponse,
    GetTaskResponse,
    InternalServerErrorException,
    ListJobsResponse,
    ListSessionActionsResponse,
    ListSessionsResponse,
    ListStepsResponse,
    ListTasksResponse,
    LogicalOperator,
    ResourceNotFoundException,
    SearchJobsRequest,
    SearchJobsResponse,
    SearchStepsRequest,
    SearchStepsResponse,
    SearchTasksRequest,
    SearchTasksResponse,
    SearchTermMatchingType,
    SortOrder,
    TaskTargetRunStatus,
    ThrottlingException,
    UpdateTaskRequest,
    UpdateTaskResponse,
    ValidationException,
)
from taskfacade_generated.deadline.types import UNSET, Response, Unset, status_of

__all__ = [
    "ERROR_MODELS",
    "UNSET",
    "BatchGetJobRequest",
    "BatchGetJobResponse",
    "BatchGetSessionActionRequest",
    "BatchGetSessionActionResponse",
    "BatchGetSessionRequest",
    "BatchGetSessionResponse",
    "BatchGetStepRequest",
    "BatchGetStepResponse",
    "BatchGetTaskRequest",
    "BatchGetTaskResponse",
    "ComparisonOperator",
    "GetJobResponse",
    "GetSessionActionResponse",
    "GetSessionResponse",
    "GetStepResponse",
    "GetTaskResponse",
    "ListJobsResponse",
    "ListSessionActionsResponse",
    "ListSessionsResponse",
    "ListStepsResponse",
    "ListTasksResponse",
    "LogicalOperator",
    "Response",
    "SearchJobsRequest",
    "SearchJobsResponse",
    "SearchStepsRequest",
    "SearchStepsResponse",
    "SearchTasksRequest",
    "SearchTasksResponse",
    "SearchTermMatchingType",
    "SortOrder",
    "TaskTargetRunStatus",
    "Unset",
    "UpdateTaskRequest",
    "UpdateTaskResponse",
    "batch_get_job",
    "batch_get_session",
    "batch_get_session_action",
    "batch_get_step",
    "batch_get_task",
    "get_job",
    "get_session",
    "get_session_action",
    "get_step",
    "get_task",
    "list_jobs",
    "list_session_actions",
    "list_sessions",
    "list_steps",
    "list_tasks",
    "search_jobs",
    "search_steps",
    "search_tasks",
    "status_of",
    "update_task",
    "wire_members",
]

#: The generated model of each error code the spec documents (the code is the schema's name, as on the wire).
ERROR_MODELS: dict[str, type[Any]] = {
    model.__name__: model
    for model in (
        AccessDeniedException,
        ConflictException,
        InternalServerErrorException,
        ResourceNotFoundException,
        ThrottlingException,
        ValidationException,
    )
}


class _Probe:
    """Stands in for every field value, so a generated ``to_dict()`` names each member without real values.

    ``to_dict`` reads ``.value`` of an enum, calls ``to_dict()`` of a nested model, iterates a list and calls
    ``isoformat()`` of a datetime; the probe answers each with something empty.
    """

    value = None

    def to_dict(self) -> dict[str, Any]:
        return {}

    def isoformat(self) -> str:
        return ""

    def __iter__(self) -> Iterator[Any]:
        return iter(())


def wire_members(model: type[Any]) -> tuple[str, ...]:
    """The wire names of a generated model's members (``resourceId``, not ``resource_id``), in its field order.

    Derived from the model itself (its attrs fields, set to a probe, then its ``to_dict()`` keys), so a member
    added to the spec reaches the facade by ``make generate`` alone.
    """
    probe = _Probe()
    values = {field.name: probe for field in attrs.fields(model) if field.init}
    return tuple(model(**values).to_dict())
