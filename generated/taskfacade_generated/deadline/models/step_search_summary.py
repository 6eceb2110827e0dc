from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_search_summary_lifecycle_status import (
    StepSearchSummaryLifecycleStatus,
)
from ..models.step_search_summary_target_task_run_status import (
    StepSearchSummaryTargetTaskRunStatus,
)
from ..models.task_run_status import TaskRunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parameter_space import ParameterSpace
    from ..models.task_run_status_counts import TaskRunStatusCounts


T = TypeVar("T", bound="StepSearchSummary")


@_attrs_define
class StepSearchSummary:
    """
    Attributes:
        step_id (str | Unset):
        job_id (str | Unset):
        queue_id (str | Unset):
        name (str | Unset): The step name.
        lifecycle_status (StepSearchSummaryLifecycleStatus | Unset): The life cycle status.
        lifecycle_status_message (str | Unset): The life cycle status message.
        task_run_status (TaskRunStatus | Unset):
        target_task_run_status (StepSearchSummaryTargetTaskRunStatus | Unset): The task status to update the job's tasks
            to.
        task_run_status_counts (TaskRunStatusCounts | Unset): TaskRunStatus -> number of tasks in that status.
        task_failure_retry_count (int | Unset): The total number of times tasks from the step failed and were retried.
        created_at (datetime.datetime | Unset): The date and time the resource was created.
        created_by (str | Unset): The user or system that created this resource.
        started_at (datetime.datetime | Unset): The date and time the resource started running.
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        updated_at (datetime.datetime | Unset): The date and time the resource was updated.
        updated_by (str | Unset): The user or system that updated this resource.
        parameter_space (ParameterSpace | Unset):
    """

    step_id: str | Unset = UNSET
    job_id: str | Unset = UNSET
    queue_id: str | Unset = UNSET
    name: str | Unset = UNSET
    lifecycle_status: StepSearchSummaryLifecycleStatus | Unset = UNSET
    lifecycle_status_message: str | Unset = UNSET
    task_run_status: TaskRunStatus | Unset = UNSET
    target_task_run_status: StepSearchSummaryTargetTaskRunStatus | Unset = UNSET
    task_run_status_counts: TaskRunStatusCounts | Unset = UNSET
    task_failure_retry_count: int | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    created_by: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    parameter_space: ParameterSpace | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step_id = self.step_id

        job_id = self.job_id

        queue_id = self.queue_id

        name = self.name

        lifecycle_status: str | Unset = UNSET
        if not isinstance(self.lifecycle_status, Unset):
            lifecycle_status = self.lifecycle_status.value

        lifecycle_status_message = self.lifecycle_status_message

        task_run_status: str | Unset = UNSET
        if not isinstance(self.task_run_status, Unset):
            task_run_status = self.task_run_status.value

        target_task_run_status: str | Unset = UNSET
        if not isinstance(self.target_task_run_status, Unset):
            target_task_run_status = self.target_task_run_status.value

        task_run_status_counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.task_run_status_counts, Unset):
            task_run_status_counts = self.task_run_status_counts.to_dict()

        task_failure_retry_count = self.task_failure_retry_count

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        created_by = self.created_by

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        parameter_space: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameter_space, Unset):
            parameter_space = self.parameter_space.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if step_id is not UNSET:
            field_dict["stepId"] = step_id
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if queue_id is not UNSET:
            field_dict["queueId"] = queue_id
        if name is not UNSET:
            field_dict["name"] = name
        if lifecycle_status is not UNSET:
            field_dict["lifecycleStatus"] = lifecycle_status
        if lifecycle_status_message is not UNSET:
            field_dict["lifecycleStatusMessage"] = lifecycle_status_message
        if task_run_status is not UNSET:
            field_dict["taskRunStatus"] = task_run_status
        if target_task_run_status is not UNSET:
            field_dict["targetTaskRunStatus"] = target_task_run_status
        if task_run_status_counts is not UNSET:
            field_dict["taskRunStatusCounts"] = task_run_status_counts
        if task_failure_retry_count is not UNSET:
            field_dict["taskFailureRetryCount"] = task_failure_retry_count
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if updated_by is not UNSET:
            field_dict["updatedBy"] = updated_by
        if parameter_space is not UNSET:
            field_dict["parameterSpace"] = parameter_space

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parameter_space import ParameterSpace
        from ..models.task_run_status_counts import TaskRunStatusCounts

        d = dict(src_dict)
        step_id = d.pop("stepId", UNSET)

        job_id = d.pop("jobId", UNSET)

        queue_id = d.pop("queueId", UNSET)

        name = d.pop("name", UNSET)

        _lifecycle_status = d.pop("lifecycleStatus", UNSET)
        lifecycle_status: StepSearchSummaryLifecycleStatus | Unset
        if isinstance(_lifecycle_status, Unset):
            lifecycle_status = UNSET
        else:
            lifecycle_status = StepSearchSummaryLifecycleStatus(_lifecycle_status)

        lifecycle_status_message = d.pop("lifecycleStatusMessage", UNSET)

        _task_run_status = d.pop("taskRunStatus", UNSET)
        task_run_status: TaskRunStatus | Unset
        if isinstance(_task_run_status, Unset):
            task_run_status = UNSET
        else:
            task_run_status = TaskRunStatus(_task_run_status)

        _target_task_run_status = d.pop("targetTaskRunStatus", UNSET)
        target_task_run_status: StepSearchSummaryTargetTaskRunStatus | Unset
        if isinstance(_target_task_run_status, Unset):
            target_task_run_status = UNSET
        else:
            target_task_run_status = StepSearchSummaryTargetTaskRunStatus(_target_task_run_status)

        _task_run_status_counts = d.pop("taskRunStatusCounts", UNSET)
        task_run_status_counts: TaskRunStatusCounts | Unset
        if isinstance(_task_run_status_counts, Unset):
            task_run_status_counts = UNSET
        else:
            task_run_status_counts = TaskRunStatusCounts.from_dict(_task_run_status_counts)

        task_failure_retry_count = d.pop("taskFailureRetryCount", UNSET)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        created_by = d.pop("createdBy", UNSET)

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

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        updated_by = d.pop("updatedBy", UNSET)

        _parameter_space = d.pop("parameterSpace", UNSET)
        parameter_space: ParameterSpace | Unset
        if isinstance(_parameter_space, Unset):
            parameter_space = UNSET
        else:
            parameter_space = ParameterSpace.from_dict(_parameter_space)

        step_search_summary = cls(
            step_id=step_id,
            job_id=job_id,
            queue_id=queue_id,
            name=name,
            lifecycle_status=lifecycle_status,
            lifecycle_status_message=lifecycle_status_message,
            task_run_status=task_run_status,
            target_task_run_status=target_task_run_status,
            task_run_status_counts=task_run_status_counts,
            task_failure_retry_count=task_failure_retry_count,
            created_at=created_at,
            created_by=created_by,
            started_at=started_at,
            ended_at=ended_at,
            updated_at=updated_at,
            updated_by=updated_by,
            parameter_space=parameter_space,
        )

        step_search_summary.additional_properties = d
        return step_search_summary

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
