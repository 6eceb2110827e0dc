from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.get_step_response_lifecycle_status import GetStepResponseLifecycleStatus
from ..models.get_step_response_target_task_run_status import (
    GetStepResponseTargetTaskRunStatus,
)
from ..models.task_run_status import TaskRunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dependency_counts import DependencyCounts
    from ..models.parameter_space import ParameterSpace
    from ..models.step_required_capabilities import StepRequiredCapabilities
    from ..models.task_run_status_counts import TaskRunStatusCounts


T = TypeVar("T", bound="GetStepResponse")


@_attrs_define
class GetStepResponse:
    """
    Attributes:
        step_id (str):
        name (str): The name of the step.
        lifecycle_status (GetStepResponseLifecycleStatus): The life cycle status of the step.
        task_run_status (TaskRunStatus):
        task_run_status_counts (TaskRunStatusCounts): TaskRunStatus -> number of tasks in that status.
        created_at (datetime.datetime): The date and time the resource was created.
        created_by (str): The user or system that created this resource.
        lifecycle_status_message (str | Unset): A message that describes the lifecycle status of the step.
        task_failure_retry_count (int | Unset): The total number of times tasks from the step failed and were retried.
        target_task_run_status (GetStepResponseTargetTaskRunStatus | Unset): The task status with which the job started.
        updated_at (datetime.datetime | Unset): The date and time the resource was updated.
        updated_by (str | Unset): The user or system that updated this resource.
        started_at (datetime.datetime | Unset): The date and time the resource started running.
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        dependency_counts (DependencyCounts | Unset):
        required_capabilities (StepRequiredCapabilities | Unset):
        parameter_space (ParameterSpace | Unset):
        description (str | Unset): The description of the step.
    """

    step_id: str
    name: str
    lifecycle_status: GetStepResponseLifecycleStatus
    task_run_status: TaskRunStatus
    task_run_status_counts: TaskRunStatusCounts
    created_at: datetime.datetime
    created_by: str
    lifecycle_status_message: str | Unset = UNSET
    task_failure_retry_count: int | Unset = UNSET
    target_task_run_status: GetStepResponseTargetTaskRunStatus | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    dependency_counts: DependencyCounts | Unset = UNSET
    required_capabilities: StepRequiredCapabilities | Unset = UNSET
    parameter_space: ParameterSpace | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step_id = self.step_id

        name = self.name

        lifecycle_status = self.lifecycle_status.value

        task_run_status = self.task_run_status.value

        task_run_status_counts = self.task_run_status_counts.to_dict()

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        lifecycle_status_message = self.lifecycle_status_message

        task_failure_retry_count = self.task_failure_retry_count

        target_task_run_status: str | Unset = UNSET
        if not isinstance(self.target_task_run_status, Unset):
            target_task_run_status = self.target_task_run_status.value

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        dependency_counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dependency_counts, Unset):
            dependency_counts = self.dependency_counts.to_dict()

        required_capabilities: dict[str, Any] | Unset = UNSET
        if not isinstance(self.required_capabilities, Unset):
            required_capabilities = self.required_capabilities.to_dict()

        parameter_space: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameter_space, Unset):
            parameter_space = self.parameter_space.to_dict()

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stepId": step_id,
                "name": name,
                "lifecycleStatus": lifecycle_status,
                "taskRunStatus": task_run_status,
                "taskRunStatusCounts": task_run_status_counts,
                "createdAt": created_at,
                "createdBy": created_by,
            }
        )
        if lifecycle_status_message is not UNSET:
            field_dict["lifecycleStatusMessage"] = lifecycle_status_message
        if task_failure_retry_count is not UNSET:
            field_dict["taskFailureRetryCount"] = task_failure_retry_count
        if target_task_run_status is not UNSET:
            field_dict["targetTaskRunStatus"] = target_task_run_status
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if updated_by is not UNSET:
            field_dict["updatedBy"] = updated_by
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if dependency_counts is not UNSET:
            field_dict["dependencyCounts"] = dependency_counts
        if required_capabilities is not UNSET:
            field_dict["requiredCapabilities"] = required_capabilities
        if parameter_space is not UNSET:
            field_dict["parameterSpace"] = parameter_space
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dependency_counts import DependencyCounts
        from ..models.parameter_space import ParameterSpace
        from ..models.step_required_capabilities import StepRequiredCapabilities
        from ..models.task_run_status_counts import TaskRunStatusCounts

        d = dict(src_dict)
        step_id = d.pop("stepId")

        name = d.pop("name")

        lifecycle_status = GetStepResponseLifecycleStatus(d.pop("lifecycleStatus"))

        task_run_status = TaskRunStatus(d.pop("taskRunStatus"))

        task_run_status_counts = TaskRunStatusCounts.from_dict(d.pop("taskRunStatusCounts"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        lifecycle_status_message = d.pop("lifecycleStatusMessage", UNSET)

        task_failure_retry_count = d.pop("taskFailureRetryCount", UNSET)

        _target_task_run_status = d.pop("targetTaskRunStatus", UNSET)
        target_task_run_status: GetStepResponseTargetTaskRunStatus | Unset
        if isinstance(_target_task_run_status, Unset):
            target_task_run_status = UNSET
        else:
            target_task_run_status = GetStepResponseTargetTaskRunStatus(_target_task_run_status)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        updated_by = d.pop("updatedBy", UNSET)

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        _ended_at = d.pop("endedAt", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        _dependency_counts = d.pop("dependencyCounts", UNSET)
        dependency_counts: DependencyCounts | Unset
        if isinstance(_dependency_counts, Unset):
            dependency_counts = UNSET
        else:
            dependency_counts = DependencyCounts.from_dict(_dependency_counts)

        _required_capabilities = d.pop("requiredCapabilities", UNSET)
        required_capabilities: StepRequiredCapabilities | Unset
        if isinstance(_required_capabilities, Unset):
            required_capabilities = UNSET
        else:
            required_capabilities = StepRequiredCapabilities.from_dict(_required_capabilities)

        _parameter_space = d.pop("parameterSpace", UNSET)
        parameter_space: ParameterSpace | Unset
        if isinstance(_parameter_space, Unset):
            parameter_space = UNSET
        else:
            parameter_space = ParameterSpace.from_dict(_parameter_space)

        description = d.pop("description", UNSET)

        get_step_response = cls(
            step_id=step_id,
            name=name,
            lifecycle_status=lifecycle_status,
            task_run_status=task_run_status,
            task_run_status_counts=task_run_status_counts,
            created_at=created_at,
            created_by=created_by,
            lifecycle_status_message=lifecycle_status_message,
            task_failure_retry_count=task_failure_retry_count,
            target_task_run_status=target_task_run_status,
            updated_at=updated_at,
            updated_by=updated_by,
            started_at=started_at,
            ended_at=ended_at,
            dependency_counts=dependency_counts,
            required_capabilities=required_capabilities,
            parameter_space=parameter_space,
            description=description,
        )

        get_step_response.additional_properties = d
        return get_step_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
