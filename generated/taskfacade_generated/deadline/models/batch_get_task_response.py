from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_get_task_error import BatchGetTaskError
    from ..models.batch_get_task_item import BatchGetTaskItem


T = TypeVar("T", bound="BatchGetTaskResponse")


@_attrs_define
class BatchGetTaskResponse:
    """
    Attributes:
        tasks (list[BatchGetTaskItem]):
        errors (list[BatchGetTaskError]):
    """

    tasks: list[BatchGetTaskItem]
    errors: list[BatchGetTaskError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tasks": tasks,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_get_task_error import BatchGetTaskError
        from ..models.batch_get_task_item import BatchGetTaskItem

        d = dict(src_dict)
        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = BatchGetTaskItem.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = BatchGetTaskError.from_dict(errors_item_data)

            errors.append(errors_item)

        batch_get_task_response = cls(
            tasks=tasks,
            errors=errors,
        )

        batch_get_task_response.additional_properties = d
        return batch_get_task_response

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
