from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_parameters import TaskParameters


T = TypeVar("T", bound="TaskRunSessionActionDefinitionSummary")


@_attrs_define
class TaskRunSessionActionDefinitionSummary:
    """
    Attributes:
        step_id (str):
        task_id (str | Unset):
        parameters (TaskParameters | Unset): Task parameter name -> value (sensitive).
    """

    step_id: str
    task_id: str | Unset = UNSET
    parameters: TaskParameters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step_id = self.step_id

        task_id = self.task_id

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stepId": step_id,
            }
        )
        if task_id is not UNSET:
            field_dict["taskId"] = task_id
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_parameters import TaskParameters

        d = dict(src_dict)
        step_id = d.pop("stepId")

        task_id = d.pop("taskId", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: TaskParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = TaskParameters.from_dict(_parameters)

        task_run_session_action_definition_summary = cls(
            step_id=step_id,
            task_id=task_id,
            parameters=parameters,
        )

        task_run_session_action_definition_summary.additional_properties = d
        return task_run_session_action_definition_summary

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
