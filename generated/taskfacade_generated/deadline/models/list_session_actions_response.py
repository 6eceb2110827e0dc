from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_action_summary import SessionActionSummary


T = TypeVar("T", bound="ListSessionActionsResponse")


@_attrs_define
class ListSessionActionsResponse:
    """
    Attributes:
        session_actions (list[SessionActionSummary]): The session actions.
        next_token (str | Unset): If Deadline Cloud returns nextToken, then there are more results available. The value
            of nextToken is a unique pagination token for each page. To retrieve the next page, call the operation again
            using the returned token. Keep all other arguments unchanged. If no results remain, then nextToken is set to
            null. Each pagination token expires after 24 hours. If you provide a token that isn't valid, then you receive an
            HTTP 400 ValidationException error.
    """

    session_actions: list[SessionActionSummary]
    next_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_actions = []
        for session_actions_item_data in self.session_actions:
            session_actions_item = session_actions_item_data.to_dict()
            session_actions.append(session_actions_item)

        next_token = self.next_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sessionActions": session_actions,
            }
        )
        if next_token is not UNSET:
            field_dict["nextToken"] = next_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.session_action_summary import SessionActionSummary

        d = dict(src_dict)
        session_actions = []
        _session_actions = d.pop("sessionActions")
        for session_actions_item_data in _session_actions:
            session_actions_item = SessionActionSummary.from_dict(session_actions_item_data)

            session_actions.append(session_actions_item)

        next_token = d.pop("nextToken", UNSET)

        list_session_actions_response = cls(
            session_actions=session_actions,
            next_token=next_token,
        )

        list_session_actions_response.additional_properties = d
        return list_session_actions_response

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
