from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.task_parameter_value import TaskParameterValue


T = TypeVar("T", bound="TaskParameters")


@_attrs_define
class TaskParameters:
    """Task parameter name -> value (sensitive)."""

    additional_properties: dict[str, Any | TaskParameterValue] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_parameter_value import TaskParameterValue

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, TaskParameterValue):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_parameter_value import TaskParameterValue

        d = dict(src_dict)
        task_parameters = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> Any | TaskParameterValue:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_type_0 = TaskParameterValue.from_dict(data)

                    return additional_property_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Any | TaskParameterValue, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        task_parameters.additional_properties = additional_properties
        return task_parameters

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any | TaskParameterValue:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any | TaskParameterValue) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
