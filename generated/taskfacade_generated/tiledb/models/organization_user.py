from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.namespace_actions import NamespaceActions
from ..models.organization_roles import OrganizationRoles
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganizationUser")


@_attrs_define
class OrganizationUser:
    """A user's membership in an organization.

    Attributes:
        user_id (str | Unset):
        organization_id (str | Unset):
        username (str | Unset):
        user_full_name (str | Unset):
        user_email (str | Unset):
        organization_name (str | Unset):
        role (OrganizationRoles | Unset): Role a user has in an organization.
        allowed_actions (list[NamespaceActions] | Unset):
    """

    user_id: str | Unset = UNSET
    organization_id: str | Unset = UNSET
    username: str | Unset = UNSET
    user_full_name: str | Unset = UNSET
    user_email: str | Unset = UNSET
    organization_name: str | Unset = UNSET
    role: OrganizationRoles | Unset = UNSET
    allowed_actions: list[NamespaceActions] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        organization_id = self.organization_id

        username = self.username

        user_full_name = self.user_full_name

        user_email = self.user_email

        organization_name = self.organization_name

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        allowed_actions: list[str] | Unset = UNSET
        if not isinstance(self.allowed_actions, Unset):
            allowed_actions = []
            for allowed_actions_item_data in self.allowed_actions:
                allowed_actions_item = allowed_actions_item_data.value
                allowed_actions.append(allowed_actions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if username is not UNSET:
            field_dict["username"] = username
        if user_full_name is not UNSET:
            field_dict["user_full_name"] = user_full_name
        if user_email is not UNSET:
            field_dict["user_email"] = user_email
        if organization_name is not UNSET:
            field_dict["organization_name"] = organization_name
        if role is not UNSET:
            field_dict["role"] = role
        if allowed_actions is not UNSET:
            field_dict["allowed_actions"] = allowed_actions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_id = d.pop("user_id", UNSET)

        organization_id = d.pop("organization_id", UNSET)

        username = d.pop("username", UNSET)

        user_full_name = d.pop("user_full_name", UNSET)

        user_email = d.pop("user_email", UNSET)

        organization_name = d.pop("organization_name", UNSET)

        _role = d.pop("role", UNSET)
        role: OrganizationRoles | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = OrganizationRoles(_role)

        _allowed_actions = d.pop("allowed_actions", UNSET)
        allowed_actions: list[NamespaceActions] | Unset = UNSET
        if _allowed_actions is not UNSET:
            allowed_actions = []
            for allowed_actions_item_data in _allowed_actions:
                allowed_actions_item = NamespaceActions(allowed_actions_item_data)

                allowed_actions.append(allowed_actions_item)

        organization_user = cls(
            user_id=user_id,
            organization_id=organization_id,
            username=username,
            user_full_name=user_full_name,
            user_email=user_email,
            organization_name=organization_name,
            role=role,
            allowed_actions=allowed_actions,
        )

        organization_user.additional_properties = d
        return organization_user

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
