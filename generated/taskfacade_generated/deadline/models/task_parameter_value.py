from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskParameterValue")


@_attrs_define
class TaskParameterValue:
    """Tagged union, exactly one member set; every value is a JSON string. Open: an unknown member is kept in
    `additional_properties`.

        Attributes:
            int_ (str | Unset):
            float_ (str | Unset):
            string (str | Unset):
            path (str | Unset):
            chunk_int (str | Unset): A range (1-10) or selection (1,3,7,8,10) of integers.
    """

    int_: str | Unset = UNSET
    float_: str | Unset = UNSET
    string: str | Unset = UNSET
    path: str | Unset = UNSET
    chunk_int: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        int_ = self.int_

        float_ = self.float_

        string = self.string

        path = self.path

        chunk_int = self.chunk_int

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if int_ is not UNSET:
            field_dict["int"] = int_
        if float_ is not UNSET:
            field_dict["float"] = float_
        if string is not UNSET:
            field_dict["string"] = string
        if path is not UNSET:
            field_dict["path"] = path
        if chunk_int is not UNSET:
            field_dict["chunkInt"] = chunk_int

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        int_ = d.pop("int", UNSET)

        float_ = d.pop("float", UNSET)

        string = d.pop("string", UNSET)

        path = d.pop("path", UNSET)

        chunk_int = d.pop("chunkInt", UNSET)

        task_parameter_value = cls(
            int_=int_,
            float_=float_,
            string=string,
            path=path,
            chunk_int=chunk_int,
        )

        task_parameter_value.additional_properties = d
        return task_parameter_value

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
