from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BasicSearchResult")


@_attrs_define
class BasicSearchResult:
    """A SUCCESS basicSearch job's `result` (the SDK requires both ids).

    Attributes:
        search_result_id (str):
        search_result_commit_id (str):
    """

    search_result_id: str
    search_result_commit_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        search_result_id = self.search_result_id

        search_result_commit_id = self.search_result_commit_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "searchResultId": search_result_id,
                "searchResultCommitId": search_result_commit_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        search_result_id = d.pop("searchResultId")

        search_result_commit_id = d.pop("searchResultCommitId")

        basic_search_result = cls(
            search_result_id=search_result_id,
            search_result_commit_id=search_result_commit_id,
        )

        basic_search_result.additional_properties = d
        return basic_search_result

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
