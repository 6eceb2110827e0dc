from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_get_session_error import BatchGetSessionError
    from ..models.batch_get_session_item import BatchGetSessionItem


T = TypeVar("T", bound="BatchGetSessionResponse")


@_attrs_define
class BatchGetSessionResponse:
    """
    Attributes:
        sessions (list[BatchGetSessionItem]): A list of sessions that were successfully retrieved.
        errors (list[BatchGetSessionError]): A list of errors for sessions that could not be retrieved.
    """

    sessions: list[BatchGetSessionItem]
    errors: list[BatchGetSessionError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sessions = []
        for sessions_item_data in self.sessions:
            sessions_item = sessions_item_data.to_dict()
            sessions.append(sessions_item)

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sessions": sessions,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_get_session_error import BatchGetSessionError
        from ..models.batch_get_session_item import BatchGetSessionItem

        d = dict(src_dict)
        sessions = []
        _sessions = d.pop("sessions")
        for sessions_item_data in _sessions:
            sessions_item = BatchGetSessionItem.from_dict(sessions_item_data)

            sessions.append(sessions_item)

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = BatchGetSessionError.from_dict(errors_item_data)

            errors.append(errors_item)

        batch_get_session_response = cls(
            sessions=sessions,
            errors=errors,
        )

        batch_get_session_response.additional_properties = d
        return batch_get_session_response

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
