from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StepAttributeCapability")


@_attrs_define
class StepAttributeCapability:
    """
    Attributes:
        name (str): The name of the step attribute.
        any_of (list[str] | Unset): Requires any of the step attributes in a given list.
        all_of (list[str] | Unset): Requires all of the step attribute values.
    """

    name: str
    any_of: list[str] | Unset = UNSET
    all_of: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        any_of: list[str] | Unset = UNSET
        if not isinstance(self.any_of, Unset):
            any_of = self.any_of

        all_of: list[str] | Unset = UNSET
        if not isinstance(self.all_of, Unset):
            all_of = self.all_of

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if any_of is not UNSET:
            field_dict["anyOf"] = any_of
        if all_of is not UNSET:
            field_dict["allOf"] = all_of

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        any_of = cast(list[str], d.pop("anyOf", UNSET))

        all_of = cast(list[str], d.pop("allOf", UNSET))

        step_attribute_capability = cls(
            name=name,
            any_of=any_of,
            all_of=all_of,
        )

        step_attribute_capability.additional_properties = d
        return step_attribute_capability

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
