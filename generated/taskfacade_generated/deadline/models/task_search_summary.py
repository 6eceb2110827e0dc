from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_run_status import TaskRunStatus
from ..models.task_target_run_status import TaskTargetRunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_parameters import TaskParameters


T = TypeVar("T", bound="TaskSearchSummary")


@_attrs_define
class TaskSearchSummary:
    """A search hit; no member is required.

    Attributes:
        task_id (str | Unset):
        step_id (str | Unset):
        job_id (str | Unset):
        queue_id (str | Unset):
        run_status (TaskRunStatus | Unset):
        target_run_status (TaskTargetRunStatus | Unset):
        parameters (TaskParameters | Unset): Task parameter name -> value (sensitive).
        failure_retry_count (int | Unset):
        started_at (datetime.datetime | Unset):
        ended_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        updated_by (str | Unset):
        latest_session_action_id (str | Unset):
    """

    task_id: str | Unset = UNSET
    step_id: str | Unset = UNSET
    job_id: str | Unset = UNSET
    queue_id: str | Unset = UNSET
    run_status: TaskRunStatus | Unset = UNSET
    target_run_status: TaskTargetRunStatus | Unset = UNSET
    parameters: TaskParameters | Unset = UNSET
    failure_retry_count: int | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    latest_session_action_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        step_id = self.step_id

        job_id = self.job_id

        queue_id = self.queue_id

        run_status: str | Unset = UNSET
        if not isinstance(self.run_status, Unset):
            run_status = self.run_status.value

        target_run_status: str | Unset = UNSET
        if not isinstance(self.target_run_status, Unset):
            target_run_status = self.target_run_status.value

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        failure_retry_count = self.failure_retry_count

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

        latest_session_action_id = self.latest_session_action_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if task_id is not UNSET:
            field_dict["taskId"] = task_id
        if step_id is not UNSET:
            field_dict["stepId"] = step_id
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if queue_id is not UNSET:
            field_dict["queueId"] = queue_id
        if run_status is not UNSET:
            field_dict["runStatus"] = run_status
        if target_run_status is not UNSET:
            field_dict["targetRunStatus"] = target_run_status
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if failure_retry_count is not UNSET:
            field_dict["failureRetryCount"] = failure_retry_count
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if updated_by is not UNSET:
            field_dict["updatedBy"] = updated_by
        if latest_session_action_id is not UNSET:
            field_dict["latestSessionActionId"] = latest_session_action_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_parameters import TaskParameters

        d = dict(src_dict)
        task_id = d.pop("taskId", UNSET)

        step_id = d.pop("stepId", UNSET)

        job_id = d.pop("jobId", UNSET)

        queue_id = d.pop("queueId", UNSET)

        _run_status = d.pop("runStatus", UNSET)
        run_status: TaskRunStatus | Unset
        if isinstance(_run_status, Unset):
            run_status = UNSET
        else:
            run_status = TaskRunStatus(_run_status)

        _target_run_status = d.pop("targetRunStatus", UNSET)
        target_run_status: TaskTargetRunStatus | Unset
        if isinstance(_target_run_status, Unset):
            target_run_status = UNSET
        else:
            target_run_status = TaskTargetRunStatus(_target_run_status)

        _parameters = d.pop("parameters", UNSET)
        parameters: TaskParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = TaskParameters.from_dict(_parameters)

        failure_retry_count = d.pop("failureRetryCount", UNSET)

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

        latest_session_action_id = d.pop("latestSessionActionId", UNSET)

        task_search_summary = cls(
            task_id=task_id,
            step_id=step_id,
            job_id=job_id,
            queue_id=queue_id,
            run_status=run_status,
            target_run_status=target_run_status,
            parameters=parameters,
            failure_retry_count=failure_retry_count,
            started_at=started_at,
            ended_at=ended_at,
            updated_at=updated_at,
            updated_by=updated_by,
            latest_session_action_id=latest_session_action_id,
        )

        task_search_summary.additional_properties = d
        return task_search_summary

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
