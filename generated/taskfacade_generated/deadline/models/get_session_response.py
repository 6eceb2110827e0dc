from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.get_session_response_lifecycle_status import (
    GetSessionResponseLifecycleStatus,
)
from ..models.get_session_response_target_lifecycle_status import (
    GetSessionResponseTargetLifecycleStatus,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.host_properties_response import HostPropertiesResponse
    from ..models.log_configuration import LogConfiguration


T = TypeVar("T", bound="GetSessionResponse")


@_attrs_define
class GetSessionResponse:
    """
    Attributes:
        session_id (str):
        fleet_id (str): The fleet ID for the session.
        worker_id (str): The worker ID for the session.
        started_at (datetime.datetime): The date and time the resource started running.
        lifecycle_status (GetSessionResponseLifecycleStatus): The life cycle status of the session.
        log (LogConfiguration):
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        target_lifecycle_status (GetSessionResponseTargetLifecycleStatus | Unset): The life cycle status with which the
            session started.
        updated_at (datetime.datetime | Unset): The date and time the resource was updated.
        updated_by (str | Unset): The user or system that updated this resource.
        host_properties (HostPropertiesResponse | Unset):
        worker_log (LogConfiguration | Unset):
    """

    session_id: str
    fleet_id: str
    worker_id: str
    started_at: datetime.datetime
    lifecycle_status: GetSessionResponseLifecycleStatus
    log: LogConfiguration
    ended_at: datetime.datetime | Unset = UNSET
    target_lifecycle_status: GetSessionResponseTargetLifecycleStatus | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    host_properties: HostPropertiesResponse | Unset = UNSET
    worker_log: LogConfiguration | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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
        session_id = d.pop("sessionId")

        fleet_id = d.pop("fleetId")

        worker_id = d.pop("workerId")

        started_at = datetime.datetime.fromisoformat(d.pop("startedAt"))

        lifecycle_status = GetSessionResponseLifecycleStatus(d.pop("lifecycleStatus"))

        log = LogConfiguration.from_dict(d.pop("log"))

        _ended_at = d.pop("endedAt", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        _target_lifecycle_status = d.pop("targetLifecycleStatus", UNSET)
        target_lifecycle_status: GetSessionResponseTargetLifecycleStatus | Unset
        if isinstance(_target_lifecycle_status, Unset):
            target_lifecycle_status = UNSET
        else:
            target_lifecycle_status = GetSessionResponseTargetLifecycleStatus(_target_lifecycle_status)

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

        get_session_response = cls(
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

        get_session_response.additional_properties = d
        return get_session_response

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
