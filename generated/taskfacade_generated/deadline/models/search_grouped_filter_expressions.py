from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.logical_operator import LogicalOperator

if TYPE_CHECKING:
    from ..models.search_filter_expression import SearchFilterExpression


T = TypeVar("T", bound="SearchGroupedFilterExpressions")


@_attrs_define
class SearchGroupedFilterExpressions:
    """
    Attributes:
        filters (list[SearchFilterExpression]):
        operator (LogicalOperator):
    """

    filters: list[SearchFilterExpression]
    operator: LogicalOperator
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        operator = self.operator.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "filters": filters,
                "operator": operator,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.search_filter_expression import SearchFilterExpression

        d = dict(src_dict)
        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = SearchFilterExpression.from_dict(filters_item_data)

            filters.append(filters_item)

        operator = LogicalOperator(d.pop("operator"))

        search_grouped_filter_expressions = cls(
            filters=filters,
            operator=operator,
        )

        search_grouped_filter_expressions.additional_properties = d
        return search_grouped_filter_expressions

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
