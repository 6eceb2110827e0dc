from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.step_amount_capability import StepAmountCapability
    from ..models.step_attribute_capability import StepAttributeCapability


T = TypeVar("T", bound="StepRequiredCapabilities")


@_attrs_define
class StepRequiredCapabilities:
    """
    Attributes:
        attributes (list[StepAttributeCapability]): The capability attributes that the step requires.
        amounts (list[StepAmountCapability]): The capability amounts that the step requires.
    """

    attributes: list[StepAttributeCapability]
    amounts: list[StepAmountCapability]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes = []
        for attributes_item_data in self.attributes:
            attributes_item = attributes_item_data.to_dict()
            attributes.append(attributes_item)

        amounts = []
        for amounts_item_data in self.amounts:
            amounts_item = amounts_item_data.to_dict()
            amounts.append(amounts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "amounts": amounts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_amount_capability import StepAmountCapability
        from ..models.step_attribute_capability import StepAttributeCapability

        d = dict(src_dict)
        attributes = []
        _attributes = d.pop("attributes")
        for attributes_item_data in _attributes:
            attributes_item = StepAttributeCapability.from_dict(attributes_item_data)

            attributes.append(attributes_item)

        amounts = []
        _amounts = d.pop("amounts")
        for amounts_item_data in _amounts:
            amounts_item = StepAmountCapability.from_dict(amounts_item_data)

            amounts.append(amounts_item)

        step_required_capabilities = cls(
            attributes=attributes,
            amounts=amounts,
        )

        step_required_capabilities.additional_properties = d
        return step_required_capabilities

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
