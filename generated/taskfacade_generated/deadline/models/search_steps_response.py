from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_search_summary import StepSearchSummary


T = TypeVar("T", bound="SearchStepsResponse")


@_attrs_define
class SearchStepsResponse:
    """
    Attributes:
        steps (list[StepSearchSummary]): The steps in the search.
        total_results (int): The total number of results in the search.
        next_item_offset (int | Unset): The next item offset for the search results.
    """

    steps: list[StepSearchSummary]
    total_results: int
    next_item_offset: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        total_results = self.total_results

        next_item_offset = self.next_item_offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "steps": steps,
                "totalResults": total_results,
            }
        )
        if next_item_offset is not UNSET:
            field_dict["nextItemOffset"] = next_item_offset

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_search_summary import StepSearchSummary

        d = dict(src_dict)
        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = StepSearchSummary.from_dict(steps_item_data)

            steps.append(steps_item)

        total_results = d.pop("totalResults")

        next_item_offset = d.pop("nextItemOffset", UNSET)

        search_steps_response = cls(
            steps=steps,
            total_results=total_results,
            next_item_offset=next_item_offset,
        )

        search_steps_response.additional_properties = d
        return search_steps_response

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
