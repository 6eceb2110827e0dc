from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.search_conjunction import SearchConjunction
from ..models.search_unit import SearchUnit

if TYPE_CHECKING:
    from ..models.search_filter import SearchFilter


T = TypeVar("T", bound="BasicSearchArguments")


@_attrs_define
class BasicSearchArguments:
    """
    Attributes:
        commit (str): the commit id searched
        conjunction (SearchConjunction):
        filters (list[SearchFilter]):
        unit (SearchUnit):
    """

    commit: str
    conjunction: SearchConjunction
    filters: list[SearchFilter]
    unit: SearchUnit
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commit = self.commit

        conjunction = self.conjunction.value

        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        unit = self.unit.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commit": commit,
                "conjunction": conjunction,
                "filters": filters,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.search_filter import SearchFilter

        d = dict(src_dict)
        commit = d.pop("commit")

        conjunction = SearchConjunction(d.pop("conjunction"))

        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = SearchFilter.from_dict(filters_item_data)

            filters.append(filters_item)

        unit = SearchUnit(d.pop("unit"))

        basic_search_arguments = cls(
            commit=commit,
            conjunction=conjunction,
            filters=filters,
            unit=unit,
        )

        basic_search_arguments.additional_properties = d
        return basic_search_arguments

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
