from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Dataset")


@_attrs_define
class Dataset:
    """One dataset's details; the SDK requires `type`, `commitId`, `defaultBranch`, `alias`, `isPublic`.

    Attributes:
        type_ (int): 0 = normal dataset, 1 = fusion dataset (the SDK reads it as `is_fusion`)
        commit_id (None | str): the default branch's head commit (null for a dataset without commits)
        default_branch (str):
        alias (str):
        is_public (bool):
        id (str | Unset):
        name (str | Unset):
    """

    type_: int
    commit_id: None | str
    default_branch: str
    alias: str
    is_public: bool
    id: str | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        commit_id: None | str
        commit_id = self.commit_id

        default_branch = self.default_branch

        alias = self.alias

        is_public = self.is_public

        id = self.id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "commitId": commit_id,
                "defaultBranch": default_branch,
                "alias": alias,
                "isPublic": is_public,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        def _parse_commit_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        commit_id = _parse_commit_id(d.pop("commitId"))

        default_branch = d.pop("defaultBranch")

        alias = d.pop("alias")

        is_public = d.pop("isPublic")

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        dataset = cls(
            type_=type_,
            commit_id=commit_id,
            default_branch=default_branch,
            alias=alias,
            is_public=is_public,
            id=id,
            name=name,
        )

        dataset.additional_properties = d
        return dataset

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
