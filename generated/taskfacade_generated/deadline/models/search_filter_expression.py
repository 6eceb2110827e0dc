from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.date_time_filter_expression import DateTimeFilterExpression
    from ..models.parameter_filter_expression import ParameterFilterExpression
    from ..models.search_grouped_filter_expressions import SearchGroupedFilterExpressions
    from ..models.search_term_filter_expression import SearchTermFilterExpression
    from ..models.string_filter_expression import StringFilterExpression
    from ..models.string_list_filter_expression import StringListFilterExpression


T = TypeVar("T", bound="SearchFilterExpression")


@_attrs_define
class SearchFilterExpression:
    """Tagged union, exactly one member set (closed on the request side).

    Attributes:
        date_time_filter (DateTimeFilterExpression | Unset):
        parameter_filter (ParameterFilterExpression | Unset):
        search_term_filter (SearchTermFilterExpression | Unset):
        string_filter (StringFilterExpression | Unset):
        string_list_filter (StringListFilterExpression | Unset):
        group_filter (SearchGroupedFilterExpressions | Unset):
    """

    date_time_filter: DateTimeFilterExpression | Unset = UNSET
    parameter_filter: ParameterFilterExpression | Unset = UNSET
    search_term_filter: SearchTermFilterExpression | Unset = UNSET
    string_filter: StringFilterExpression | Unset = UNSET
    string_list_filter: StringListFilterExpression | Unset = UNSET
    group_filter: SearchGroupedFilterExpressions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date_time_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.date_time_filter, Unset):
            date_time_filter = self.date_time_filter.to_dict()

        parameter_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameter_filter, Unset):
            parameter_filter = self.parameter_filter.to_dict()

        search_term_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.search_term_filter, Unset):
            search_term_filter = self.search_term_filter.to_dict()

        string_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.string_filter, Unset):
            string_filter = self.string_filter.to_dict()

        string_list_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.string_list_filter, Unset):
            string_list_filter = self.string_list_filter.to_dict()

        group_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group_filter, Unset):
            group_filter = self.group_filter.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if date_time_filter is not UNSET:
            field_dict["dateTimeFilter"] = date_time_filter
        if parameter_filter is not UNSET:
            field_dict["parameterFilter"] = parameter_filter
        if search_term_filter is not UNSET:
            field_dict["searchTermFilter"] = search_term_filter
        if string_filter is not UNSET:
            field_dict["stringFilter"] = string_filter
        if string_list_filter is not UNSET:
            field_dict["stringListFilter"] = string_list_filter
        if group_filter is not UNSET:
            field_dict["groupFilter"] = group_filter

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.date_time_filter_expression import DateTimeFilterExpression
        from ..models.parameter_filter_expression import ParameterFilterExpression
        from ..models.search_grouped_filter_expressions import (
            SearchGroupedFilterExpressions,
        )
        from ..models.search_term_filter_expression import SearchTermFilterExpression
        from ..models.string_filter_expression import StringFilterExpression
        from ..models.string_list_filter_expression import StringListFilterExpression

        d = dict(src_dict)
        _date_time_filter = d.pop("dateTimeFilter", UNSET)
        date_time_filter: DateTimeFilterExpression | Unset
        if isinstance(_date_time_filter, Unset):
            date_time_filter = UNSET
        else:
            date_time_filter = DateTimeFilterExpression.from_dict(_date_time_filter)

        _parameter_filter = d.pop("parameterFilter", UNSET)
        parameter_filter: ParameterFilterExpression | Unset
        if isinstance(_parameter_filter, Unset):
            parameter_filter = UNSET
        else:
            parameter_filter = ParameterFilterExpression.from_dict(_parameter_filter)

        _search_term_filter = d.pop("searchTermFilter", UNSET)
        search_term_filter: SearchTermFilterExpression | Unset
        if isinstance(_search_term_filter, Unset):
            search_term_filter = UNSET
        else:
            search_term_filter = SearchTermFilterExpression.from_dict(_search_term_filter)

        _string_filter = d.pop("stringFilter", UNSET)
        string_filter: StringFilterExpression | Unset
        if isinstance(_string_filter, Unset):
            string_filter = UNSET
        else:
            string_filter = StringFilterExpression.from_dict(_string_filter)

        _string_list_filter = d.pop("stringListFilter", UNSET)
        string_list_filter: StringListFilterExpression | Unset
        if isinstance(_string_list_filter, Unset):
            string_list_filter = UNSET
        else:
            string_list_filter = StringListFilterExpression.from_dict(_string_list_filter)

        _group_filter = d.pop("groupFilter", UNSET)
        group_filter: SearchGroupedFilterExpressions | Unset
        if isinstance(_group_filter, Unset):
            group_filter = UNSET
        else:
            group_filter = SearchGroupedFilterExpressions.from_dict(_group_filter)

        search_filter_expression = cls(
            date_time_filter=date_time_filter,
            parameter_filter=parameter_filter,
            search_term_filter=search_term_filter,
            string_filter=string_filter,
            string_list_filter=string_list_filter,
            group_filter=group_filter,
        )

        return search_filter_expression
