from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_get_session_action_item_status import (
    BatchGetSessionActionItemStatus,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.acquired_limit import AcquiredLimit
    from ..models.session_action_definition import SessionActionDefinition
    from ..models.task_run_manifest_properties_response import (
        TaskRunManifestPropertiesResponse,
    )


T = TypeVar("T", bound="BatchGetSessionActionItem")


@_attrs_define
class BatchGetSessionActionItem:
    """
    Attributes:
        farm_id (str):
        queue_id (str):
        job_id (str):
        session_action_id (str):
        status (BatchGetSessionActionItemStatus): The status of the session action.
        session_id (str):
        definition (SessionActionDefinition):
        started_at (datetime.datetime | Unset): The date and time the resource started running.
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        worker_updated_at (datetime.datetime | Unset): The date and time the resource was updated by a worker.
        progress_percent (float | Unset): The completion percentage for the session action.
        manifests (list[TaskRunManifestPropertiesResponse] | Unset): The manifests for the session action.
        process_exit_code (int | Unset): The exit code to apply to the session action.
        progress_message (str | Unset): The message that communicates the progress of the session action.
        acquired_limits (list[AcquiredLimit] | Unset): The limits that were acquired for the session action.
    """

    farm_id: str
    queue_id: str
    job_id: str
    session_action_id: str
    status: BatchGetSessionActionItemStatus
    session_id: str
    definition: SessionActionDefinition
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    worker_updated_at: datetime.datetime | Unset = UNSET
    progress_percent: float | Unset = UNSET
    manifests: list[TaskRunManifestPropertiesResponse] | Unset = UNSET
    process_exit_code: int | Unset = UNSET
    progress_message: str | Unset = UNSET
    acquired_limits: list[AcquiredLimit] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        farm_id = self.farm_id

        queue_id = self.queue_id

        job_id = self.job_id

        session_action_id = self.session_action_id

        status = self.status.value

        session_id = self.session_id

        definition = self.definition.to_dict()

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        worker_updated_at: str | Unset = UNSET
        if not isinstance(self.worker_updated_at, Unset):
            worker_updated_at = self.worker_updated_at.isoformat()

        progress_percent = self.progress_percent

        manifests: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.manifests, Unset):
            manifests = []
            for manifests_item_data in self.manifests:
                manifests_item = manifests_item_data.to_dict()
                manifests.append(manifests_item)

        process_exit_code = self.process_exit_code

        progress_message = self.progress_message

        acquired_limits: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.acquired_limits, Unset):
            acquired_limits = []
            for acquired_limits_item_data in self.acquired_limits:
                acquired_limits_item = acquired_limits_item_data.to_dict()
                acquired_limits.append(acquired_limits_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "farmId": farm_id,
                "queueId": queue_id,
                "jobId": job_id,
                "sessionActionId": session_action_id,
                "status": status,
                "sessionId": session_id,
                "definition": definition,
            }
        )
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if worker_updated_at is not UNSET:
            field_dict["workerUpdatedAt"] = worker_updated_at
        if progress_percent is not UNSET:
            field_dict["progressPercent"] = progress_percent
        if manifests is not UNSET:
            field_dict["manifests"] = manifests
        if process_exit_code is not UNSET:
            field_dict["processExitCode"] = process_exit_code
        if progress_message is not UNSET:
            field_dict["progressMessage"] = progress_message
        if acquired_limits is not UNSET:
            field_dict["acquiredLimits"] = acquired_limits

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.acquired_limit import AcquiredLimit
        from ..models.session_action_definition import SessionActionDefinition
        from ..models.task_run_manifest_properties_response import (
            TaskRunManifestPropertiesResponse,
        )

        d = dict(src_dict)
        farm_id = d.pop("farmId")

        queue_id = d.pop("queueId")

        job_id = d.pop("jobId")

        session_action_id = d.pop("sessionActionId")

        status = BatchGetSessionActionItemStatus(d.pop("status"))

        session_id = d.pop("sessionId")

        definition = SessionActionDefinition.from_dict(d.pop("definition"))

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

        _worker_updated_at = d.pop("workerUpdatedAt", UNSET)
        worker_updated_at: datetime.datetime | Unset
        if isinstance(_worker_updated_at, Unset):
            worker_updated_at = UNSET
        else:
            worker_updated_at = datetime.datetime.fromisoformat(_worker_updated_at)

        progress_percent = d.pop("progressPercent", UNSET)

        _manifests = d.pop("manifests", UNSET)
        manifests: list[TaskRunManifestPropertiesResponse] | Unset = UNSET
        if _manifests is not UNSET:
            manifests = []
            for manifests_item_data in _manifests:
                manifests_item = TaskRunManifestPropertiesResponse.from_dict(manifests_item_data)

                manifests.append(manifests_item)

        process_exit_code = d.pop("processExitCode", UNSET)

        progress_message = d.pop("progressMessage", UNSET)

        _acquired_limits = d.pop("acquiredLimits", UNSET)
        acquired_limits: list[AcquiredLimit] | Unset = UNSET
        if _acquired_limits is not UNSET:
            acquired_limits = []
            for acquired_limits_item_data in _acquired_limits:
                acquired_limits_item = AcquiredLimit.from_dict(acquired_limits_item_data)

                acquired_limits.append(acquired_limits_item)

        batch_get_session_action_item = cls(
            farm_id=farm_id,
            queue_id=queue_id,
            job_id=job_id,
            session_action_id=session_action_id,
            status=status,
            session_id=session_id,
            definition=definition,
            started_at=started_at,
            ended_at=ended_at,
            worker_updated_at=worker_updated_at,
            progress_percent=progress_percent,
            manifests=manifests,
            process_exit_code=process_exit_code,
            progress_message=progress_message,
            acquired_limits=acquired_limits,
        )

        batch_get_session_action_item.additional_properties = d
        return batch_get_session_action_item

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
