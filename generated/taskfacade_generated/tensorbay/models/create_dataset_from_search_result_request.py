from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateDatasetFromSearchResultRequest")


@_attrs_define
class CreateDatasetFromSearchResultRequest:
    """
    Attributes:
        dataset_name (str): unique for a user
        alias (str | Unset):
        is_public (bool | Unset):
    """

    dataset_name: str
    alias: str | Unset = UNSET
    is_public: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dataset_name = self.dataset_name

        alias = self.alias

        is_public = self.is_public

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "datasetName": dataset_name,
            }
        )
        if alias is not UNSET:
            field_dict["alias"] = alias
        if is_public is not UNSET:
            field_dict["isPublic"] = is_public

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dataset_name = d.pop("datasetName")

        alias = d.pop("alias", UNSET)

        is_public = d.pop("isPublic", UNSET)

        create_dataset_from_search_result_request = cls(
            dataset_name=dataset_name,
            alias=alias,
            is_public=is_public,
        )

        create_dataset_from_search_result_request.additional_properties = d
        return create_dataset_from_search_result_request

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
