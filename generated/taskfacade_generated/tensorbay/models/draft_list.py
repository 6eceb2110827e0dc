from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.draft import Draft


T = TypeVar("T", bound="DraftList")


@_attrs_define
class DraftList:
    """
    Attributes:
        drafts (list[Draft]):
        total_count (int):
        offset (int | Unset):
        record_size (int | Unset):
    """

    drafts: list[Draft]
    total_count: int
    offset: int | Unset = UNSET
    record_size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        drafts = []
        for drafts_item_data in self.drafts:
            drafts_item = drafts_item_data.to_dict()
            drafts.append(drafts_item)

        total_count = self.total_count

        offset = self.offset

        record_size = self.record_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "drafts": drafts,
                "totalCount": total_count,
            }
        )
        if offset is not UNSET:
            field_dict["offset"] = offset
        if record_size is not UNSET:
            field_dict["recordSize"] = record_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.draft import Draft

        d = dict(src_dict)
        drafts = []
        _drafts = d.pop("drafts")
        for drafts_item_data in _drafts:
            drafts_item = Draft.from_dict(drafts_item_data)

            drafts.append(drafts_item)

        total_count = d.pop("totalCount")

        offset = d.pop("offset", UNSET)

        record_size = d.pop("recordSize", UNSET)

        draft_list = cls(
            drafts=drafts,
            total_count=total_count,
            offset=offset,
            record_size=record_size,
        )

        draft_list.additional_properties = d
        return draft_list

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
