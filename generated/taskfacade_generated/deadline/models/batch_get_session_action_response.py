from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_get_session_action_error import BatchGetSessionActionError
    from ..models.batch_get_session_action_item import BatchGetSessionActionItem


T = TypeVar("T", bound="BatchGetSessionActionResponse")


@_attrs_define
class BatchGetSessionActionResponse:
    """
    Attributes:
        session_actions (list[BatchGetSessionActionItem]): A list of session actions that were successfully retrieved.
        errors (list[BatchGetSessionActionError]): A list of errors for session actions that could not be retrieved.
    """

    session_actions: list[BatchGetSessionActionItem]
    errors: list[BatchGetSessionActionError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_actions = []
        for session_actions_item_data in self.session_actions:
            session_actions_item = session_actions_item_data.to_dict()
            session_actions.append(session_actions_item)

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sessionActions": session_actions,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_get_session_action_error import BatchGetSessionActionError
        from ..models.batch_get_session_action_item import BatchGetSessionActionItem

        d = dict(src_dict)
        session_actions = []
        _session_actions = d.pop("sessionActions")
        for session_actions_item_data in _session_actions:
            session_actions_item = BatchGetSessionActionItem.from_dict(session_actions_item_data)

            session_actions.append(session_actions_item)

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = BatchGetSessionActionError.from_dict(errors_item_data)

            errors.append(errors_item)

        batch_get_session_action_response = cls(
            session_actions=session_actions,
            errors=errors,
        )

        batch_get_session_action_response.additional_properties = d
        return batch_get_session_action_response

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
