from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activity_event_type import ActivityEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ArrayActivityLog")


@_attrs_define
class ArrayActivityLog:
    """One logged activity on an array.

    Attributes:
        event_at (datetime.datetime | Unset): Time the event took place (RFC 3339).
        action (ActivityEventType | Unset): Type of activity logged.
        username (str | Unset): User who performed the action.
        bytes_sent (int | Unset): Bytes sent to the client.
        bytes_received (int | Unset): Bytes received from the client.
        array_task_id (str | Unset): UUID of the associated array task.
        id (str | Unset): ID of the activity.
        query_ranges (str | Unset): Ranges of the query.
        query_stats (str | Unset): Stats of the query.
    """

    event_at: datetime.datetime | Unset = UNSET
    action: ActivityEventType | Unset = UNSET
    username: str | Unset = UNSET
    bytes_sent: int | Unset = UNSET
    bytes_received: int | Unset = UNSET
    array_task_id: str | Unset = UNSET
    id: str | Unset = UNSET
    query_ranges: str | Unset = UNSET
    query_stats: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_at: str | Unset = UNSET
        if not isinstance(self.event_at, Unset):
            event_at = self.event_at.isoformat()

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        username = self.username

        bytes_sent = self.bytes_sent

        bytes_received = self.bytes_received

        array_task_id = self.array_task_id

        id = self.id

        query_ranges = self.query_ranges

        query_stats = self.query_stats

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if event_at is not UNSET:
            field_dict["event_at"] = event_at
        if action is not UNSET:
            field_dict["action"] = action
        if username is not UNSET:
            field_dict["username"] = username
        if bytes_sent is not UNSET:
            field_dict["bytes_sent"] = bytes_sent
        if bytes_received is not UNSET:
            field_dict["bytes_received"] = bytes_received
        if array_task_id is not UNSET:
            field_dict["array_task_id"] = array_task_id
        if id is not UNSET:
            field_dict["id"] = id
        if query_ranges is not UNSET:
            field_dict["query_ranges"] = query_ranges
        if query_stats is not UNSET:
            field_dict["query_stats"] = query_stats

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _event_at = d.pop("event_at", UNSET)
        event_at: datetime.datetime | Unset
        if isinstance(_event_at, Unset):
            event_at = UNSET
        else:
            event_at = datetime.datetime.fromisoformat(_event_at)

        _action = d.pop("action", UNSET)
        action: ActivityEventType | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = ActivityEventType(_action)

        username = d.pop("username", UNSET)

        bytes_sent = d.pop("bytes_sent", UNSET)

        bytes_received = d.pop("bytes_received", UNSET)

        array_task_id = d.pop("array_task_id", UNSET)

        id = d.pop("id", UNSET)

        query_ranges = d.pop("query_ranges", UNSET)

        query_stats = d.pop("query_stats", UNSET)

        array_activity_log = cls(
            event_at=event_at,
            action=action,
            username=username,
            bytes_sent=bytes_sent,
            bytes_received=bytes_received,
            array_task_id=array_task_id,
            id=id,
            query_ranges=query_ranges,
            query_stats=query_stats,
        )

        array_activity_log.additional_properties = d
        return array_activity_log

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
