from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_lifecycle_status import JobLifecycleStatus
from ..models.job_target_task_run_status import JobTargetTaskRunStatus
from ..models.task_run_status import TaskRunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachments import Attachments
    from ..models.job_parameters import JobParameters
    from ..models.task_run_status_counts import TaskRunStatusCounts


T = TypeVar("T", bound="BatchGetJobItem")


@_attrs_define
class BatchGetJobItem:
    """
    Attributes:
        farm_id (str):
        queue_id (str):
        job_id (str):
        name (str): The name of the job.
        lifecycle_status (JobLifecycleStatus):
        lifecycle_status_message (str): A message that communicates the status of the life cycle.
        priority (int): The job priority.
        created_at (datetime.datetime): The date and time the resource was created.
        created_by (str): The user or system that created this resource.
        updated_at (datetime.datetime | Unset): The date and time the resource was updated. Task status changes don't
            update this value.
        updated_by (str | Unset): The user or system that updated this resource.
        started_at (datetime.datetime | Unset): The date and time the resource started running. Requeuing the job
            doesn't change this value.
        ended_at (datetime.datetime | Unset): The date and time the resource ended running. Returned only when the job
            has finished.
        task_run_status (TaskRunStatus | Unset):
        target_task_run_status (JobTargetTaskRunStatus | Unset):
        task_run_status_counts (TaskRunStatusCounts | Unset): TaskRunStatus -> number of tasks in that status.
        task_failure_retry_count (int | Unset): The number of times that tasks failed and were retried.
        storage_profile_id (str | Unset):
        max_failed_tasks_count (int | Unset): The number of task failures before the job stops running and is marked as
            FAILED.
        max_retries_per_task (int | Unset): The maximum number of retries per failed tasks.
        parameters (JobParameters | Unset): Job parameter name (1..1024 characters) -> value (sensitive; at most 200
            entries).
        attachments (Attachments | Unset):
        description (str | Unset): The description of the job.
        max_worker_count (int | Unset): The maximum number of worker hosts that can concurrently process a job.
        source_job_id (str | Unset):
    """

    farm_id: str
    queue_id: str
    job_id: str
    name: str
    lifecycle_status: JobLifecycleStatus
    lifecycle_status_message: str
    priority: int
    created_at: datetime.datetime
    created_by: str
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    task_run_status: TaskRunStatus | Unset = UNSET
    target_task_run_status: JobTargetTaskRunStatus | Unset = UNSET
    task_run_status_counts: TaskRunStatusCounts | Unset = UNSET
    task_failure_retry_count: int | Unset = UNSET
    storage_profile_id: str | Unset = UNSET
    max_failed_tasks_count: int | Unset = UNSET
    max_retries_per_task: int | Unset = UNSET
    parameters: JobParameters | Unset = UNSET
    attachments: Attachments | Unset = UNSET
    description: str | Unset = UNSET
    max_worker_count: int | Unset = UNSET
    source_job_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        farm_id = self.farm_id

        queue_id = self.queue_id

        job_id = self.job_id

        name = self.name

        lifecycle_status = self.lifecycle_status.value

        lifecycle_status_message = self.lifecycle_status_message

        priority = self.priority

        created_at = self.created_at.isoformat()

        created_by = self.created_by

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

        storage_profile_id = self.storage_profile_id

        max_failed_tasks_count = self.max_failed_tasks_count

        max_retries_per_task = self.max_retries_per_task

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        attachments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = self.attachments.to_dict()

        description = self.description

        max_worker_count = self.max_worker_count

        source_job_id = self.source_job_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "farmId": farm_id,
                "queueId": queue_id,
                "jobId": job_id,
                "name": name,
                "lifecycleStatus": lifecycle_status,
                "lifecycleStatusMessage": lifecycle_status_message,
                "priority": priority,
                "createdAt": created_at,
                "createdBy": created_by,
            }
        )
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if updated_by is not UNSET:
            field_dict["updatedBy"] = updated_by
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if task_run_status is not UNSET:
            field_dict["taskRunStatus"] = task_run_status
        if target_task_run_status is not UNSET:
            field_dict["targetTaskRunStatus"] = target_task_run_status
        if task_run_status_counts is not UNSET:
            field_dict["taskRunStatusCounts"] = task_run_status_counts
        if task_failure_retry_count is not UNSET:
            field_dict["taskFailureRetryCount"] = task_failure_retry_count
        if storage_profile_id is not UNSET:
            field_dict["storageProfileId"] = storage_profile_id
        if max_failed_tasks_count is not UNSET:
            field_dict["maxFailedTasksCount"] = max_failed_tasks_count
        if max_retries_per_task is not UNSET:
            field_dict["maxRetriesPerTask"] = max_retries_per_task
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if description is not UNSET:
            field_dict["description"] = description
        if max_worker_count is not UNSET:
            field_dict["maxWorkerCount"] = max_worker_count
        if source_job_id is not UNSET:
            field_dict["sourceJobId"] = source_job_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attachments import Attachments
        from ..models.job_parameters import JobParameters
        from ..models.task_run_status_counts import TaskRunStatusCounts

        d = dict(src_dict)
        farm_id = d.pop("farmId")

        queue_id = d.pop("queueId")

        job_id = d.pop("jobId")

        name = d.pop("name")

        lifecycle_status = JobLifecycleStatus(d.pop("lifecycleStatus"))

        lifecycle_status_message = d.pop("lifecycleStatusMessage")

        priority = d.pop("priority")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

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

        _task_run_status = d.pop("taskRunStatus", UNSET)
        task_run_status: TaskRunStatus | Unset
        if isinstance(_task_run_status, Unset):
            task_run_status = UNSET
        else:
            task_run_status = TaskRunStatus(_task_run_status)

        _target_task_run_status = d.pop("targetTaskRunStatus", UNSET)
        target_task_run_status: JobTargetTaskRunStatus | Unset
        if isinstance(_target_task_run_status, Unset):
            target_task_run_status = UNSET
        else:
            target_task_run_status = JobTargetTaskRunStatus(_target_task_run_status)

        _task_run_status_counts = d.pop("taskRunStatusCounts", UNSET)
        task_run_status_counts: TaskRunStatusCounts | Unset
        if isinstance(_task_run_status_counts, Unset):
            task_run_status_counts = UNSET
        else:
            task_run_status_counts = TaskRunStatusCounts.from_dict(_task_run_status_counts)

        task_failure_retry_count = d.pop("taskFailureRetryCount", UNSET)

        storage_profile_id = d.pop("storageProfileId", UNSET)

        max_failed_tasks_count = d.pop("maxFailedTasksCount", UNSET)

        max_retries_per_task = d.pop("maxRetriesPerTask", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: JobParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = JobParameters.from_dict(_parameters)

        _attachments = d.pop("attachments", UNSET)
        attachments: Attachments | Unset
        if isinstance(_attachments, Unset):
            attachments = UNSET
        else:
            attachments = Attachments.from_dict(_attachments)

        description = d.pop("description", UNSET)

        max_worker_count = d.pop("maxWorkerCount", UNSET)

        source_job_id = d.pop("sourceJobId", UNSET)

        batch_get_job_item = cls(
            farm_id=farm_id,
            queue_id=queue_id,
            job_id=job_id,
            name=name,
            lifecycle_status=lifecycle_status,
            lifecycle_status_message=lifecycle_status_message,
            priority=priority,
            created_at=created_at,
            created_by=created_by,
            updated_at=updated_at,
            updated_by=updated_by,
            started_at=started_at,
            ended_at=ended_at,
            task_run_status=task_run_status,
            target_task_run_status=target_task_run_status,
            task_run_status_counts=task_run_status_counts,
            task_failure_retry_count=task_failure_retry_count,
            storage_profile_id=storage_profile_id,
            max_failed_tasks_count=max_failed_tasks_count,
            max_retries_per_task=max_retries_per_task,
            parameters=parameters,
            attachments=attachments,
            description=description,
            max_worker_count=max_worker_count,
            source_job_id=source_job_id,
        )

        batch_get_job_item.additional_properties = d
        return batch_get_job_item

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
