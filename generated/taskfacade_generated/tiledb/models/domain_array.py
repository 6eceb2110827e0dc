from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DomainArray")


@_attrs_define
class DomainArray:
    """A domain or subarray, one list per datatype.

    Attributes:
        int8 (list[int] | Unset):
        uint8 (list[int] | Unset):
        int16 (list[int] | Unset):
        uint16 (list[int] | Unset):
        int32 (list[int] | Unset):
        uint32 (list[int] | Unset):
        int64 (list[int] | Unset):
        uint64 (list[int] | Unset):
        float32 (list[float] | Unset):
        float64 (list[float] | Unset):
    """

    int8: list[int] | Unset = UNSET
    uint8: list[int] | Unset = UNSET
    int16: list[int] | Unset = UNSET
    uint16: list[int] | Unset = UNSET
    int32: list[int] | Unset = UNSET
    uint32: list[int] | Unset = UNSET
    int64: list[int] | Unset = UNSET
    uint64: list[int] | Unset = UNSET
    float32: list[float] | Unset = UNSET
    float64: list[float] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        int8: list[int] | Unset = UNSET
        if not isinstance(self.int8, Unset):
            int8 = self.int8

        uint8: list[int] | Unset = UNSET
        if not isinstance(self.uint8, Unset):
            uint8 = self.uint8

        int16: list[int] | Unset = UNSET
        if not isinstance(self.int16, Unset):
            int16 = self.int16

        uint16: list[int] | Unset = UNSET
        if not isinstance(self.uint16, Unset):
            uint16 = self.uint16

        int32: list[int] | Unset = UNSET
        if not isinstance(self.int32, Unset):
            int32 = self.int32

        uint32: list[int] | Unset = UNSET
        if not isinstance(self.uint32, Unset):
            uint32 = self.uint32

        int64: list[int] | Unset = UNSET
        if not isinstance(self.int64, Unset):
            int64 = self.int64

        uint64: list[int] | Unset = UNSET
        if not isinstance(self.uint64, Unset):
            uint64 = self.uint64

        float32: list[float] | Unset = UNSET
        if not isinstance(self.float32, Unset):
            float32 = self.float32

        float64: list[float] | Unset = UNSET
        if not isinstance(self.float64, Unset):
            float64 = self.float64

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if int8 is not UNSET:
            field_dict["int8"] = int8
        if uint8 is not UNSET:
            field_dict["uint8"] = uint8
        if int16 is not UNSET:
            field_dict["int16"] = int16
        if uint16 is not UNSET:
            field_dict["uint16"] = uint16
        if int32 is not UNSET:
            field_dict["int32"] = int32
        if uint32 is not UNSET:
            field_dict["uint32"] = uint32
        if int64 is not UNSET:
            field_dict["int64"] = int64
        if uint64 is not UNSET:
            field_dict["uint64"] = uint64
        if float32 is not UNSET:
            field_dict["float32"] = float32
        if float64 is not UNSET:
            field_dict["float64"] = float64

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        int8 = cast(list[int], d.pop("int8", UNSET))

        uint8 = cast(list[int], d.pop("uint8", UNSET))

        int16 = cast(list[int], d.pop("int16", UNSET))

        uint16 = cast(list[int], d.pop("uint16", UNSET))

        int32 = cast(list[int], d.pop("int32", UNSET))

        uint32 = cast(list[int], d.pop("uint32", UNSET))

        int64 = cast(list[int], d.pop("int64", UNSET))

        uint64 = cast(list[int], d.pop("uint64", UNSET))

        float32 = cast(list[float], d.pop("float32", UNSET))

        float64 = cast(list[float], d.pop("float64", UNSET))

        domain_array = cls(
            int8=int8,
            uint8=uint8,
            int16=int16,
            uint16=uint16,
            int32=int32,
            uint32=uint32,
            int64=int64,
            uint64=uint64,
            float32=float32,
            float64=float64,
        )

        domain_array.additional_properties = d
        return domain_array

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
