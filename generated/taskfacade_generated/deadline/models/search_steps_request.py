from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.search_grouped_filter_expressions import SearchGroupedFilterExpressions
    from ..models.search_sort_expression import SearchSortExpression


T = TypeVar("T", bound="SearchStepsRequest")


@_attrs_define
class SearchStepsRequest:
    """
    Attributes:
        item_offset (int): The offset for the search results.
        queue_ids (list[str]): The queue IDs in the step search.
        filter_expressions (SearchGroupedFilterExpressions | Unset):
        sort_expressions (list[SearchSortExpression] | Unset): The search terms for a resource.
        page_size (int | Unset): Specifies the number of results to return.
        job_id (str | Unset):
    """

    item_offset: int
    queue_ids: list[str]
    filter_expressions: SearchGroupedFilterExpressions | Unset = UNSET
    sort_expressions: list[SearchSortExpression] | Unset = UNSET
    page_size: int | Unset = UNSET
    job_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        item_offset = self.item_offset

        queue_ids = self.queue_ids

        filter_expressions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_expressions, Unset):
            filter_expressions = self.filter_expressions.to_dict()

        sort_expressions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sort_expressions, Unset):
            sort_expressions = []
            for sort_expressions_item_data in self.sort_expressions:
                sort_expressions_item = sort_expressions_item_data.to_dict()
                sort_expressions.append(sort_expressions_item)

        page_size = self.page_size

        job_id = self.job_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "itemOffset": item_offset,
                "queueIds": queue_ids,
            }
        )
        if filter_expressions is not UNSET:
            field_dict["filterExpressions"] = filter_expressions
        if sort_expressions is not UNSET:
            field_dict["sortExpressions"] = sort_expressions
        if page_size is not UNSET:
            field_dict["pageSize"] = page_size
        if job_id is not UNSET:
            field_dict["jobId"] = job_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.search_grouped_filter_expressions import (
            SearchGroupedFilterExpressions,
        )
        from ..models.search_sort_expression import SearchSortExpression

        d = dict(src_dict)
        item_offset = d.pop("itemOffset")

        queue_ids = cast(list[str], d.pop("queueIds"))

        _filter_expressions = d.pop("filterExpressions", UNSET)
        filter_expressions: SearchGroupedFilterExpressions | Unset
        if isinstance(_filter_expressions, Unset):
            filter_expressions = UNSET
        else:
            filter_expressions = SearchGroupedFilterExpressions.from_dict(_filter_expressions)

        _sort_expressions = d.pop("sortExpressions", UNSET)
        sort_expressions: list[SearchSortExpression] | Unset = UNSET
        if _sort_expressions is not UNSET:
            sort_expressions = []
            for sort_expressions_item_data in _sort_expressions:
                sort_expressions_item = SearchSortExpression.from_dict(sort_expressions_item_data)

                sort_expressions.append(sort_expressions_item)

        page_size = d.pop("pageSize", UNSET)

        job_id = d.pop("jobId", UNSET)

        search_steps_request = cls(
            item_offset=item_offset,
            queue_ids=queue_ids,
            filter_expressions=filter_expressions,
            sort_expressions=sort_expressions,
            page_size=page_size,
            job_id=job_id,
        )

        search_steps_request.additional_properties = d
        return search_steps_request

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
