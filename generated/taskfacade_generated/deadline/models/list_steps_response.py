from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_summary import StepSummary


T = TypeVar("T", bound="ListStepsResponse")


@_attrs_define
class ListStepsResponse:
    """
    Attributes:
        steps (list[StepSummary]): The steps on the list.
        next_token (str | Unset): If Deadline Cloud returns nextToken, then there are more results available. The value
            of nextToken is a unique pagination token for each page. To retrieve the next page, call the operation again
            using the returned token. Keep all other arguments unchanged. If no results remain, then nextToken is set to
            null. Each pagination token expires after 24 hours. If you provide a token that isn't valid, then you receive an
            HTTP 400 ValidationException error.
    """

    steps: list[StepSummary]
    next_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        next_token = self.next_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "steps": steps,
            }
        )
        if next_token is not UNSET:
            field_dict["nextToken"] = next_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_summary import StepSummary

        d = dict(src_dict)
        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = StepSummary.from_dict(steps_item_data)

            steps.append(steps_item)

        next_token = d.pop("nextToken", UNSET)

        list_steps_response = cls(
            steps=steps,
            next_token=next_token,
        )

        list_steps_response.additional_properties = d
        return list_steps_response

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
