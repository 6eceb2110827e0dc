from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IpAddresses")


@_attrs_define
class IpAddresses:
    """
    Attributes:
        ip_v4_addresses (list[str] | Unset): The IpV4 address of the network.
        ip_v6_addresses (list[str] | Unset): The IpV6 address for the network and node component.
    """

    ip_v4_addresses: list[str] | Unset = UNSET
    ip_v6_addresses: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip_v4_addresses: list[str] | Unset = UNSET
        if not isinstance(self.ip_v4_addresses, Unset):
            ip_v4_addresses = self.ip_v4_addresses

        ip_v6_addresses: list[str] | Unset = UNSET
        if not isinstance(self.ip_v6_addresses, Unset):
            ip_v6_addresses = self.ip_v6_addresses

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ip_v4_addresses is not UNSET:
            field_dict["ipV4Addresses"] = ip_v4_addresses
        if ip_v6_addresses is not UNSET:
            field_dict["ipV6Addresses"] = ip_v6_addresses

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ip_v4_addresses = cast(list[str], d.pop("ipV4Addresses", UNSET))

        ip_v6_addresses = cast(list[str], d.pop("ipV6Addresses", UNSET))

        ip_addresses = cls(
            ip_v4_addresses=ip_v4_addresses,
            ip_v6_addresses=ip_v6_addresses,
        )

        ip_addresses.additional_properties = d
        return ip_addresses

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
