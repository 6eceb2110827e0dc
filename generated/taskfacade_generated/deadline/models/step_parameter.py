from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_parameter_type import StepParameterType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_parameter_chunks import StepParameterChunks


T = TypeVar("T", bound="StepParameter")


@_attrs_define
class StepParameter:
    """
    Attributes:
        name (str): The name of the parameter.
        type_ (StepParameterType): The data type of the parameter.
        chunks (StepParameterChunks | Unset):
    """

    name: str
    type_: StepParameterType
    chunks: StepParameterChunks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        chunks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.chunks, Unset):
            chunks = self.chunks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
            }
        )
        if chunks is not UNSET:
            field_dict["chunks"] = chunks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_parameter_chunks import StepParameterChunks

        d = dict(src_dict)
        name = d.pop("name")

        type_ = StepParameterType(d.pop("type"))

        _chunks = d.pop("chunks", UNSET)
        chunks: StepParameterChunks | Unset
        if isinstance(_chunks, Unset):
            chunks = UNSET
        else:
            chunks = StepParameterChunks.from_dict(_chunks)

        step_parameter = cls(
            name=name,
            type_=type_,
            chunks=chunks,
        )

        step_parameter.additional_properties = d
        return step_parameter

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
