from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.array_info import ArrayInfo
    from ..models.pagination_metadata import PaginationMetadata


T = TypeVar("T", bound="ArrayBrowserData")


@_attrs_define
class ArrayBrowserData:
    """One page of the array browser.

    Attributes:
        arrays (list[ArrayInfo] | Unset):
        pagination_metadata (PaginationMetadata | Unset): Paging state; for the task listing `page` is the 0-based wire
            page, elsewhere 1-based.
    """

    arrays: list[ArrayInfo] | Unset = UNSET
    pagination_metadata: PaginationMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arrays: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.arrays, Unset):
            arrays = []
            for arrays_item_data in self.arrays:
                arrays_item = arrays_item_data.to_dict()
                arrays.append(arrays_item)

        pagination_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination_metadata, Unset):
            pagination_metadata = self.pagination_metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if arrays is not UNSET:
            field_dict["arrays"] = arrays
        if pagination_metadata is not UNSET:
            field_dict["pagination_metadata"] = pagination_metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.array_info import ArrayInfo
        from ..models.pagination_metadata import PaginationMetadata

        d = dict(src_dict)
        _arrays = d.pop("arrays", UNSET)
        arrays: list[ArrayInfo] | Unset = UNSET
        if _arrays is not UNSET:
            arrays = []
            for arrays_item_data in _arrays:
                arrays_item = ArrayInfo.from_dict(arrays_item_data)

                arrays.append(arrays_item)

        _pagination_metadata = d.pop("pagination_metadata", UNSET)
        pagination_metadata: PaginationMetadata | Unset
        if isinstance(_pagination_metadata, Unset):
            pagination_metadata = UNSET
        else:
            pagination_metadata = PaginationMetadata.from_dict(_pagination_metadata)

        array_browser_data = cls(
            arrays=arrays,
            pagination_metadata=pagination_metadata,
        )

        array_browser_data.additional_properties = d
        return array_browser_data

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
