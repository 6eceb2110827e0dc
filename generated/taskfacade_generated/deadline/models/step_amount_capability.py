from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StepAmountCapability")


@_attrs_define
class StepAmountCapability:
    """
    Attributes:
        name (str): The name of the step.
        min_ (float | Unset): The minimum amount.
        max_ (float | Unset): The maximum amount.
        value (float | Unset): The amount value.
    """

    name: str
    min_: float | Unset = UNSET
    max_: float | Unset = UNSET
    value: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        min_ = self.min_

        max_ = self.max_

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        min_ = d.pop("min", UNSET)

        max_ = d.pop("max", UNSET)

        value = d.pop("value", UNSET)

        step_amount_capability = cls(
            name=name,
            min_=min_,
            max_=max_,
            value=value,
        )

        step_amount_capability.additional_properties = d
        return step_amount_capability

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
