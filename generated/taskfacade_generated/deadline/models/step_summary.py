from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_summary_lifecycle_status import StepSummaryLifecycleStatus
from ..models.step_summary_target_task_run_status import StepSummaryTargetTaskRunStatus
from ..models.task_run_status import TaskRunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dependency_counts import DependencyCounts
    from ..models.task_run_status_counts import TaskRunStatusCounts


T = TypeVar("T", bound="StepSummary")


@_attrs_define
class StepSummary:
    """
    Attributes:
        step_id (str):
        name (str): The name of the step.
        lifecycle_status (StepSummaryLifecycleStatus): The life cycle status.
        task_run_status (TaskRunStatus):
        task_run_status_counts (TaskRunStatusCounts): TaskRunStatus -> number of tasks in that status.
        created_at (datetime.datetime): The date and time the resource was created.
        created_by (str): The user or system that created this resource.
        lifecycle_status_message (str | Unset): A message that describes the lifecycle of the step.
        task_failure_retry_count (int | Unset): The total number of times tasks from the step failed and were retried.
        target_task_run_status (StepSummaryTargetTaskRunStatus | Unset): The task status to update the job's tasks to.
        updated_at (datetime.datetime | Unset): The date and time the resource was updated.
        updated_by (str | Unset): The user or system that updated this resource.
        started_at (datetime.datetime | Unset): The date and time the resource started running.
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        dependency_counts (DependencyCounts | Unset):
    """

    step_id: str
    name: str
    lifecycle_status: StepSummaryLifecycleStatus
    task_run_status: TaskRunStatus
    task_run_status_counts: TaskRunStatusCounts
    created_at: datetime.datetime
    created_by: str
    lifecycle_status_message: str | Unset = UNSET
    task_failure_retry_count: int | Unset = UNSET
    target_task_run_status: StepSummaryTargetTaskRunStatus | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    dependency_counts: DependencyCounts | Unset = UNSET
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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dependency_counts import DependencyCounts
        from ..models.task_run_status_counts import TaskRunStatusCounts

        d = dict(src_dict)
        step_id = d.pop("stepId")

        name = d.pop("name")

        lifecycle_status = StepSummaryLifecycleStatus(d.pop("lifecycleStatus"))

        task_run_status = TaskRunStatus(d.pop("taskRunStatus"))

        task_run_status_counts = TaskRunStatusCounts.from_dict(d.pop("taskRunStatusCounts"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        lifecycle_status_message = d.pop("lifecycleStatusMessage", UNSET)

        task_failure_retry_count = d.pop("taskFailureRetryCount", UNSET)

        _target_task_run_status = d.pop("targetTaskRunStatus", UNSET)
        target_task_run_status: StepSummaryTargetTaskRunStatus | Unset
        if isinstance(_target_task_run_status, Unset):
            target_task_run_status = UNSET
        else:
            target_task_run_status = StepSummaryTargetTaskRunStatus(_target_task_run_status)

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

        step_summary = cls(
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
        )

        step_summary.additional_properties = d
        return step_summary

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
