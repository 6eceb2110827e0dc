from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_parameter import StepParameter


T = TypeVar("T", bound="ParameterSpace")


@_attrs_define
class ParameterSpace:
    """
    Attributes:
        parameters (list[StepParameter]): The parameters to search for.
        combination (str | Unset): The combination expression to use in the search.
    """

    parameters: list[StepParameter]
    combination: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        parameters = []
        for parameters_item_data in self.parameters:
            parameters_item = parameters_item_data.to_dict()
            parameters.append(parameters_item)

        combination = self.combination

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "parameters": parameters,
            }
        )
        if combination is not UNSET:
            field_dict["combination"] = combination

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_parameter import StepParameter

        d = dict(src_dict)
        parameters = []
        _parameters = d.pop("parameters")
        for parameters_item_data in _parameters:
            parameters_item = StepParameter.from_dict(parameters_item_data)

            parameters.append(parameters_item)

        combination = d.pop("combination", UNSET)

        parameter_space = cls(
            parameters=parameters,
            combination=combination,
        )

        parameter_space.additional_properties = d
        return parameter_space

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
