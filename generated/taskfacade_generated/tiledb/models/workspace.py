from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workspace_user import WorkspaceUser


T = TypeVar("T", bound="Workspace")


@_attrs_define
class Workspace:
    """A workspace (v4 API); only `workspace_id` and `name` are used here.

    Attributes:
        workspace_id (str): The workspace id (`ws_...`).
        name (str): The workspace name.
        description (str | Unset):
        image_id (str | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        created_by (WorkspaceUser | Unset): A member of a workspace (v4 API).
        self_ (WorkspaceUser | Unset): A member of a workspace (v4 API).
    """

    workspace_id: str
    name: str
    description: str | Unset = UNSET
    image_id: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    created_by: WorkspaceUser | Unset = UNSET
    self_: WorkspaceUser | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workspace_id = self.workspace_id

        name = self.name

        description = self.description

        image_id = self.image_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        created_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.created_by, Unset):
            created_by = self.created_by.to_dict()

        self_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.self_, Unset):
            self_ = self.self_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workspace_id": workspace_id,
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if image_id is not UNSET:
            field_dict["image_id"] = image_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if self_ is not UNSET:
            field_dict["self"] = self_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workspace_user import WorkspaceUser

        d = dict(src_dict)
        workspace_id = d.pop("workspace_id")

        name = d.pop("name")

        description = d.pop("description", UNSET)

        image_id = d.pop("image_id", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        _created_by = d.pop("created_by", UNSET)
        created_by: WorkspaceUser | Unset
        if isinstance(_created_by, Unset):
            created_by = UNSET
        else:
            created_by = WorkspaceUser.from_dict(_created_by)

        _self_ = d.pop("self", UNSET)
        self_: WorkspaceUser | Unset
        if isinstance(_self_, Unset):
            self_ = UNSET
        else:
            self_ = WorkspaceUser.from_dict(_self_)

        workspace = cls(
            workspace_id=workspace_id,
            name=name,
            description=description,
            image_id=image_id,
            created_at=created_at,
            updated_at=updated_at,
            created_by=created_by,
            self_=self_,
        )

        workspace.additional_properties = d
        return workspace

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
