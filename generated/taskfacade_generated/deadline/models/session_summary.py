from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_summary_lifecycle_status import SessionSummaryLifecycleStatus
from ..models.session_summary_target_lifecycle_status import (
    SessionSummaryTargetLifecycleStatus,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionSummary")


@_attrs_define
class SessionSummary:
    """
    Attributes:
        session_id (str):
        fleet_id (str): The fleet ID.
        worker_id (str): The worker ID.
        started_at (datetime.datetime): The date and time the resource started running.
        lifecycle_status (SessionSummaryLifecycleStatus): The life cycle status for the session.
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        target_lifecycle_status (SessionSummaryTargetLifecycleStatus | Unset): The target life cycle status for the
            session.
        updated_at (datetime.datetime | Unset): The date and time the resource was updated.
        updated_by (str | Unset): The user or system that updated this resource.
    """

    session_id: str
    fleet_id: str
    worker_id: str
    started_at: datetime.datetime
    lifecycle_status: SessionSummaryLifecycleStatus
    ended_at: datetime.datetime | Unset = UNSET
    target_lifecycle_status: SessionSummaryTargetLifecycleStatus | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    updated_by: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        fleet_id = self.fleet_id

        worker_id = self.worker_id

        started_at = self.started_at.isoformat()

        lifecycle_status = self.lifecycle_status.value

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sessionId": session_id,
                "fleetId": fleet_id,
                "workerId": worker_id,
                "startedAt": started_at,
                "lifecycleStatus": lifecycle_status,
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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        session_id = d.pop("sessionId")

        fleet_id = d.pop("fleetId")

        worker_id = d.pop("workerId")

        started_at = datetime.datetime.fromisoformat(d.pop("startedAt"))

        lifecycle_status = SessionSummaryLifecycleStatus(d.pop("lifecycleStatus"))

        _ended_at = d.pop("endedAt", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        _target_lifecycle_status = d.pop("targetLifecycleStatus", UNSET)
        target_lifecycle_status: SessionSummaryTargetLifecycleStatus | Unset
        if isinstance(_target_lifecycle_status, Unset):
            target_lifecycle_status = UNSET
        else:
            target_lifecycle_status = SessionSummaryTargetLifecycleStatus(_target_lifecycle_status)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        updated_by = d.pop("updatedBy", UNSET)

        session_summary = cls(
            session_id=session_id,
            fleet_id=fleet_id,
            worker_id=worker_id,
            started_at=started_at,
            lifecycle_status=lifecycle_status,
            ended_at=ended_at,
            target_lifecycle_status=target_lifecycle_status,
            updated_at=updated_at,
            updated_by=updated_by,
        )

        session_summary.additional_properties = d
        return session_summary

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
