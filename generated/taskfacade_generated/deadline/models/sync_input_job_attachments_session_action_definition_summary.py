from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncInputJobAttachmentsSessionActionDefinitionSummary")


@_attrs_define
class SyncInputJobAttachmentsSessionActionDefinitionSummary:
    """
    Attributes:
        step_id (str | Unset):
    """

    step_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step_id = self.step_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if step_id is not UNSET:
            field_dict["stepId"] = step_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        step_id = d.pop("stepId", UNSET)

        sync_input_job_attachments_session_action_definition_summary = cls(
            step_id=step_id,
        )

        sync_input_job_attachments_session_action_definition_summary.additional_properties = d
        return sync_input_job_attachments_session_action_definition_summary

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
