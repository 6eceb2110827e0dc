from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.search_term_matching_type import SearchTermMatchingType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SearchTermFilterExpression")


@_attrs_define
class SearchTermFilterExpression:
    """
    Attributes:
        search_term (str):
        match_type (SearchTermMatchingType | Unset):
    """

    search_term: str
    match_type: SearchTermMatchingType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        search_term = self.search_term

        match_type: str | Unset = UNSET
        if not isinstance(self.match_type, Unset):
            match_type = self.match_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "searchTerm": search_term,
            }
        )
        if match_type is not UNSET:
            field_dict["matchType"] = match_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        search_term = d.pop("searchTerm")

        _match_type = d.pop("matchType", UNSET)
        match_type: SearchTermMatchingType | Unset
        if isinstance(_match_type, Unset):
            match_type = UNSET
        else:
            match_type = SearchTermMatchingType(_match_type)

        search_term_filter_expression = cls(
            search_term=search_term,
            match_type=match_type,
        )

        search_term_filter_expression.additional_properties = d
        return search_term_filter_expression

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
