from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_get_step_error import BatchGetStepError
    from ..models.batch_get_step_item import BatchGetStepItem


T = TypeVar("T", bound="BatchGetStepResponse")


@_attrs_define
class BatchGetStepResponse:
    """
    Attributes:
        steps (list[BatchGetStepItem]): A list of steps that were successfully retrieved.
        errors (list[BatchGetStepError]): A list of errors for steps that could not be retrieved.
    """

    steps: list[BatchGetStepItem]
    errors: list[BatchGetStepError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "steps": steps,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_get_step_error import BatchGetStepError
        from ..models.batch_get_step_item import BatchGetStepItem

        d = dict(src_dict)
        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = BatchGetStepItem.from_dict(steps_item_data)

            steps.append(steps_item)

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = BatchGetStepError.from_dict(errors_item_data)

            errors.append(errors_item)

        batch_get_step_response = cls(
            steps=steps,
            errors=errors,
        )

        batch_get_step_response.additional_properties = d
        return batch_get_step_response

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
