from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_get_session_item_lifecycle_status import (
    BatchGetSessionItemLifecycleStatus,
)
from ..models.batch_get_session_item_target_lifecycle_status import (
    BatchGetSessionItemTargetLifecycleStatus,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.host_properties_response import HostPropertiesResponse
    from ..models.log_configuration import LogConfiguration


T = TypeVar("T", bound="BatchGetSessionItem")


@_attrs_define
class BatchGetSessionItem:
    """
    Attributes:
        farm_id (str):
        queue_id (str):
        job_id (str):
        session_id (str):
        fleet_id (str): The fleet ID of the session.
        worker_id (str): The worker ID of the session.
        started_at (datetime.datetime): The date and time the resource started running.
        lifecycle_status (BatchGetSessionItemLifecycleStatus): The life cycle status of the session.
        log (LogConfiguration):
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        target_lifecycle_status (BatchGetSessionItemTargetLifecycleStatus | Unset): The target life cycle status for the
            session.
        updated_at (datetime.datetime | Unset): The date and time the resource was updated.
        updated_by (str | Unset): The user or system that updated this resource.
        host_properties (HostPropertiesResponse | Unset):
        worker_log (LogConfiguration | Unset):
    """

    farm_id: str
    queue_id: str
    job_id: str
    session_id: str
    fleet_id: str
    worker_id: str
    started_at: datetime.datetime
    lifecycle_status: BatchGetSessionItemLifecycleStatus
    log: LogConfiguration
    ended_at: datetime.datetime | Unset = UNSET
    target_lifecycle_status: BatchGetSessionItemTargetLifecycleStatus | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    host_properties: HostPropertiesResponse | Unset = UNSET
    worker_log: LogConfiguration | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        farm_id = self.farm_id

        queue_id = self.queue_id

        job_id = self.job_id

        session_id = self.session_id

        fleet_id = self.fleet_id

        worker_id = self.worker_id

        started_at = self.started_at.isoformat()

        lifecycle_status = self.lifecycle_status.value

        log = self.log.to_dict()

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        target_lifecycle_status: str | Unset = UNSET
        if not isinstance(self.target_lifecycle_status, Unset):
            target_lifecycle_status = self.target_lifecycle_status.value

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        host_properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.host_properties, Unset):
            host_properties = self.host_properties.to_dict()

        worker_log: dict[str, Any] | Unset = UNSET
        if not isinstance(self.worker_log, Unset):
            worker_log = self.worker_log.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "farmId": farm_id,
                "queueId": queue_id,
                "jobId": job_id,
                "sessionId": session_id,
                "fleetId": fleet_id,
                "workerId": worker_id,
                "startedAt": started_at,
                "lifecycleStatus": lifecycle_status,
                "log": log,
            }
        )
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if target_lifecycle_status is not UNSET:
            field_dict["targetLifecycleStatus"] = target_lifecycle_status
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if updated_by is not UNSET:
            field_dict["updatedBy"] = updated_by
        if host_properties is not UNSET:
            field_dict["hostProperties"] = host_properties
        if worker_log is not UNSET:
            field_dict["workerLog"] = worker_log

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.host_properties_response import HostPropertiesResponse
        from ..models.log_configuration import LogConfiguration

        d = dict(src_dict)
        farm_id = d.pop("farmId")

        queue_id = d.pop("queueId")

        job_id = d.pop("jobId")

        session_id = d.pop("sessionId")

        fleet_id = d.pop("fleetId")

        worker_id = d.pop("workerId")

        started_at = datetime.datetime.fromisoformat(d.pop("startedAt"))

        lifecycle_status = BatchGetSessionItemLifecycleStatus(d.pop("lifecycleStatus"))

        log = LogConfiguration.from_dict(d.pop("log"))

        _ended_at = d.pop("endedAt", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        _target_lifecycle_status = d.pop("targetLifecycleStatus", UNSET)
        target_lifecycle_status: BatchGetSessionItemTargetLifecycleStatus | Unset
        if isinstance(_target_lifecycle_status, Unset):
            target_lifecycle_status = UNSET
        else:
            target_lifecycle_status = BatchGetSessionItemTargetLifecycleStatus(_target_lifecycle_status)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        updated_by = d.pop("updatedBy", UNSET)

        _host_properties = d.pop("hostProperties", UNSET)
        host_properties: HostPropertiesResponse | Unset
        if isinstance(_host_properties, Unset):
            host_properties = UNSET
        else:
            host_properties = HostPropertiesResponse.from_dict(_host_properties)

        _worker_log = d.pop("workerLog", UNSET)
        worker_log: LogConfiguration | Unset
        if isinstance(_worker_log, Unset):
            worker_log = UNSET
        else:
            worker_log = LogConfiguration.from_dict(_worker_log)

        batch_get_session_item = cls(
            farm_id=farm_id,
            queue_id=queue_id,
            job_id=job_id,
            session_id=session_id,
            fleet_id=fleet_id,
            worker_id=worker_id,
            started_at=started_at,
            lifecycle_status=lifecycle_status,
            log=log,
            ended_at=ended_at,
            target_lifecycle_status=target_lifecycle_status,
            updated_at=updated_at,
            updated_by=updated_by,
            host_properties=host_properties,
            worker_log=worker_log,
        )

        batch_get_session_item.additional_properties = d
        return batch_get_session_item

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
