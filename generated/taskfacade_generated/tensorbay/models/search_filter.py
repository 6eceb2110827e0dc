from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.search_filter_extra_info import SearchFilterExtraInfo


T = TypeVar("T", bound="SearchFilter")


@_attrs_define
class SearchFilter:
    """
    Attributes:
        key (str):
        operator (str):
        value (Any): any JSON value
        title (str | Unset):
        extra_info (SearchFilterExtraInfo | Unset):
    """

    key: str
    operator: str
    value: Any
    title: str | Unset = UNSET
    extra_info: SearchFilterExtraInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        operator = self.operator

        value = self.value

        title = self.title

        extra_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_info, Unset):
            extra_info = self.extra_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "operator": operator,
                "value": value,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if extra_info is not UNSET:
            field_dict["extraInfo"] = extra_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.search_filter_extra_info import SearchFilterExtraInfo

        d = dict(src_dict)
        key = d.pop("key")

        operator = d.pop("operator")

        value = d.pop("value")

        title = d.pop("title", UNSET)

        _extra_info = d.pop("extraInfo", UNSET)
        extra_info: SearchFilterExtraInfo | Unset
        if isinstance(_extra_info, Unset):
            extra_info = UNSET
        else:
            extra_info = SearchFilterExtraInfo.from_dict(_extra_info)

        search_filter = cls(
            key=key,
            operator=operator,
            value=value,
            title=title,
            extra_info=extra_info,
        )

        search_filter.additional_properties = d
        return search_filter

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
