from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ip_addresses import IpAddresses


T = TypeVar("T", bound="HostPropertiesResponse")


@_attrs_define
class HostPropertiesResponse:
    """
    Attributes:
        ip_addresses (IpAddresses | Unset):
        host_name (str | Unset): The host name.
        ec_2_instance_arn (str | Unset): The ARN of the host EC2 instance.
        ec_2_instance_type (str | Unset): The instance type of the host EC2 instance.
    """

    ip_addresses: IpAddresses | Unset = UNSET
    host_name: str | Unset = UNSET
    ec_2_instance_arn: str | Unset = UNSET
    ec_2_instance_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip_addresses: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ip_addresses, Unset):
            ip_addresses = self.ip_addresses.to_dict()

        host_name = self.host_name

        ec_2_instance_arn = self.ec_2_instance_arn

        ec_2_instance_type = self.ec_2_instance_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ip_addresses is not UNSET:
            field_dict["ipAddresses"] = ip_addresses
        if host_name is not UNSET:
            field_dict["hostName"] = host_name
        if ec_2_instance_arn is not UNSET:
            field_dict["ec2InstanceArn"] = ec_2_instance_arn
        if ec_2_instance_type is not UNSET:
            field_dict["ec2InstanceType"] = ec_2_instance_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ip_addresses import IpAddresses

        d = dict(src_dict)
        _ip_addresses = d.pop("ipAddresses", UNSET)
        ip_addresses: IpAddresses | Unset
        if isinstance(_ip_addresses, Unset):
            ip_addresses = UNSET
        else:
            ip_addresses = IpAddresses.from_dict(_ip_addresses)

        host_name = d.pop("hostName", UNSET)

        ec_2_instance_arn = d.pop("ec2InstanceArn", UNSET)

        ec_2_instance_type = d.pop("ec2InstanceType", UNSET)

        host_properties_response = cls(
            ip_addresses=ip_addresses,
            host_name=host_name,
            ec_2_instance_arn=ec_2_instance_arn,
            ec_2_instance_type=ec_2_instance_type,
        )

        host_properties_response.additional_properties = d
        return host_properties_response

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
