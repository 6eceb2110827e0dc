from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_parameter import JobParameter


T = TypeVar("T", bound="JobParameters")


@_attrs_define
class JobParameters:
    """Job parameter name (1..1024 characters) -> value (sensitive; at most 200 entries)."""

    additional_properties: dict[str, Any | JobParameter] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_parameter import JobParameter

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, JobParameter):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_parameter import JobParameter

        d = dict(src_dict)
        job_parameters = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> Any | JobParameter:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_type_0 = JobParameter.from_dict(data)

                    return additional_property_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Any | JobParameter, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        job_parameters.additional_properties = additional_properties
        return job_parameters

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any | JobParameter:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any | JobParameter) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
