from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DatasetSummary")


@_attrs_define
class DatasetSummary:
    """A dataset list item; the SDK only reads `id`.

    Attributes:
        id (str):
        name (str | Unset):
        type_ (int | Unset): 0 = normal dataset, 1 = fusion dataset
        alias (str | Unset):
        is_public (bool | Unset):
    """

    id: str
    name: str | Unset = UNSET
    type_: int | Unset = UNSET
    alias: str | Unset = UNSET
    is_public: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        alias = self.alias

        is_public = self.is_public

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if type_ is not UNSET:
            field_dict["type"] = type_
        if alias is not UNSET:
            field_dict["alias"] = alias
        if is_public is not UNSET:
            field_dict["isPublic"] = is_public

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        type_ = d.pop("type", UNSET)

        alias = d.pop("alias", UNSET)

        is_public = d.pop("isPublic", UNSET)

        dataset_summary = cls(
            id=id,
            name=name,
            type_=type_,
            alias=alias,
            is_public=is_public,
        )

        dataset_summary.additional_properties = d
        return dataset_summary

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
