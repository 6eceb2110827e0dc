from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskAsset")


@_attrs_define
class TaskAsset:
    """The asset a task ran on (newer TileDB client only).

    Attributes:
        id (str | Unset): Asset id.
        name (str | Unset): Asset name.
        path (str | Unset): Hierarchical path inside the teamspace.
        teamspace_name (str | Unset):
        workspace_name (str | Unset):
    """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    path: str | Unset = UNSET
    teamspace_name: str | Unset = UNSET
    workspace_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        path = self.path

        teamspace_name = self.teamspace_name

        workspace_name = self.workspace_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if path is not UNSET:
            field_dict["path"] = path
        if teamspace_name is not UNSET:
            field_dict["teamspace_name"] = teamspace_name
        if workspace_name is not UNSET:
            field_dict["workspace_name"] = workspace_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        path = d.pop("path", UNSET)

        teamspace_name = d.pop("teamspace_name", UNSET)

        workspace_name = d.pop("workspace_name", UNSET)

        task_asset = cls(
            id=id,
            name=name,
            path=path,
            teamspace_name=teamspace_name,
            workspace_name=workspace_name,
        )

        task_asset.additional_properties = d
        return task_asset

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
