from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.log_configuration_options import LogConfigurationOptions
    from ..models.log_configuration_parameters import LogConfigurationParameters


T = TypeVar("T", bound="LogConfiguration")


@_attrs_define
class LogConfiguration:
    """
    Attributes:
        log_driver (str): The log drivers for worker related logs.
        options (LogConfigurationOptions | Unset): The options for a log driver.
        parameters (LogConfigurationParameters | Unset): The parameters for the log configuration.
        error (str | Unset): The log configuration error details.
    """

    log_driver: str
    options: LogConfigurationOptions | Unset = UNSET
    parameters: LogConfigurationParameters | Unset = UNSET
    error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        log_driver = self.log_driver

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "logDriver": log_driver,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.log_configuration_options import LogConfigurationOptions
        from ..models.log_configuration_parameters import LogConfigurationParameters

        d = dict(src_dict)
        log_driver = d.pop("logDriver")

        _options = d.pop("options", UNSET)
        options: LogConfigurationOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = LogConfigurationOptions.from_dict(_options)

        _parameters = d.pop("parameters", UNSET)
        parameters: LogConfigurationParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = LogConfigurationParameters.from_dict(_parameters)

        error = d.pop("error", UNSET)

        log_configuration = cls(
            log_driver=log_driver,
            options=options,
            parameters=parameters,
            error=error,
        )

        log_configuration.additional_properties = d
        return log_configuration

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
