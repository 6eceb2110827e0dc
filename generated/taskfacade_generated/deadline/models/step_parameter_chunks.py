from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_parameter_chunks_range_constraint import (
    StepParameterChunksRangeConstraint,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="StepParameterChunks")


@_attrs_define
class StepParameterChunks:
    """
    Attributes:
        default_task_count (int): The number of tasks to combine into a single chunk by default.
        range_constraint (StepParameterChunksRangeConstraint): Specifies whether the chunked ranges must be contiguous
            or can have gaps between them.
        target_runtime_seconds (int | Unset): The number of seconds to aim for when forming chunks.
    """

    default_task_count: int
    range_constraint: StepParameterChunksRangeConstraint
    target_runtime_seconds: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_task_count = self.default_task_count

        range_constraint = self.range_constraint.value

        target_runtime_seconds = self.target_runtime_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "defaultTaskCount": default_task_count,
                "rangeConstraint": range_constraint,
            }
        )
        if target_runtime_seconds is not UNSET:
            field_dict["targetRuntimeSeconds"] = target_runtime_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        default_task_count = d.pop("defaultTaskCount")

        range_constraint = StepParameterChunksRangeConstraint(d.pop("rangeConstraint"))

        target_runtime_seconds = d.pop("targetRuntimeSeconds", UNSET)

        step_parameter_chunks = cls(
            default_task_count=default_task_count,
            range_constraint=range_constraint,
            target_runtime_seconds=target_runtime_seconds,
        )

        step_parameter_chunks.additional_properties = d
        return step_parameter_chunks

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
