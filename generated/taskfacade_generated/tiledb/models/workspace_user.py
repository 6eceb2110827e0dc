from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkspaceUser")


@_attrs_define
class WorkspaceUser:
    """A member of a workspace (v4 API).

    Attributes:
        user_id (str | Unset):
        username (str | Unset):
        display_name (str | Unset):
        email (str | Unset):
        image_id (str | Unset):
        role (str | Unset): owner, admin or member.
        added_by (str | Unset):
        created_at (datetime.datetime | Unset):
    """

    user_id: str | Unset = UNSET
    username: str | Unset = UNSET
    display_name: str | Unset = UNSET
    email: str | Unset = UNSET
    image_id: str | Unset = UNSET
    role: str | Unset = UNSET
    added_by: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        username = self.username

        display_name = self.display_name

        email = self.email

        image_id = self.image_id

        role = self.role

        added_by = self.added_by

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if username is not UNSET:
            field_dict["username"] = username
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if email is not UNSET:
            field_dict["email"] = email
        if image_id is not UNSET:
            field_dict["image_id"] = image_id
        if role is not UNSET:
            field_dict["role"] = role
        if added_by is not UNSET:
            field_dict["added_by"] = added_by
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_id = d.pop("user_id", UNSET)

        username = d.pop("username", UNSET)

        display_name = d.pop("display_name", UNSET)

        email = d.pop("email", UNSET)

        image_id = d.pop("image_id", UNSET)

        role = d.pop("role", UNSET)

        added_by = d.pop("added_by", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        workspace_user = cls(
            user_id=user_id,
            username=username,
            display_name=display_name,
            email=email,
            image_id=image_id,
            role=role,
            added_by=added_by,
            created_at=created_at,
        )

        workspace_user.additional_properties = d
        return workspace_user

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
