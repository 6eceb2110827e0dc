from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.namespace_actions import NamespaceActions
from ..models.organization_roles import OrganizationRoles
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_asset_locations import OrganizationAssetLocations
    from ..models.organization_user import OrganizationUser


T = TypeVar("T", bound="Organization")


@_attrs_define
class Organization:
    """An organization.

    Attributes:
        name (str):
        id (str | Unset):
        role (OrganizationRoles | Unset): Role a user has in an organization.
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        logo (None | str | Unset):
        description (None | str | Unset):
        users (list[OrganizationUser] | Unset):
        allowed_actions (list[NamespaceActions] | Unset):
        num_of_arrays (float | Unset):
        enabled_features (list[str] | Unset):
        unpaid_subscription (bool | Unset):
        default_s3_path (None | str | Unset):
        default_s3_path_credentials_name (None | str | Unset):
        asset_locations (OrganizationAssetLocations | Unset):
        stripe_connect (bool | Unset):
        assume_role_arn (None | str | Unset):
    """

    name: str
    id: str | Unset = UNSET
    role: OrganizationRoles | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    logo: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    users: list[OrganizationUser] | Unset = UNSET
    allowed_actions: list[NamespaceActions] | Unset = UNSET
    num_of_arrays: float | Unset = UNSET
    enabled_features: list[str] | Unset = UNSET
    unpaid_subscription: bool | Unset = UNSET
    default_s3_path: None | str | Unset = UNSET
    default_s3_path_credentials_name: None | str | Unset = UNSET
    asset_locations: OrganizationAssetLocations | Unset = UNSET
    stripe_connect: bool | Unset = UNSET
    assume_role_arn: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        logo: None | str | Unset
        if isinstance(self.logo, Unset):
            logo = UNSET
        else:
            logo = self.logo

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        users: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.users, Unset):
            users = []
            for users_item_data in self.users:
                users_item = users_item_data.to_dict()
                users.append(users_item)

        allowed_actions: list[str] | Unset = UNSET
        if not isinstance(self.allowed_actions, Unset):
            allowed_actions = []
            for allowed_actions_item_data in self.allowed_actions:
                allowed_actions_item = allowed_actions_item_data.value
                allowed_actions.append(allowed_actions_item)

        num_of_arrays = self.num_of_arrays

        enabled_features: list[str] | Unset = UNSET
        if not isinstance(self.enabled_features, Unset):
            enabled_features = self.enabled_features

        unpaid_subscription = self.unpaid_subscription

        default_s3_path: None | str | Unset
        if isinstance(self.default_s3_path, Unset):
            default_s3_path = UNSET
        else:
            default_s3_path = self.default_s3_path

        default_s3_path_credentials_name: None | str | Unset
        if isinstance(self.default_s3_path_credentials_name, Unset):
            default_s3_path_credentials_name = UNSET
        else:
            default_s3_path_credentials_name = self.default_s3_path_credentials_name

        asset_locations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.asset_locations, Unset):
            asset_locations = self.asset_locations.to_dict()

        stripe_connect = self.stripe_connect

        assume_role_arn: None | str | Unset
        if isinstance(self.assume_role_arn, Unset):
            assume_role_arn = UNSET
        else:
            assume_role_arn = self.assume_role_arn

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if role is not UNSET:
            field_dict["role"] = role
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if logo is not UNSET:
            field_dict["logo"] = logo
        if description is not UNSET:
            field_dict["description"] = description
        if users is not UNSET:
            field_dict["users"] = users
        if allowed_actions is not UNSET:
            field_dict["allowed_actions"] = allowed_actions
        if num_of_arrays is not UNSET:
            field_dict["num_of_arrays"] = num_of_arrays
        if enabled_features is not UNSET:
            field_dict["enabled_features"] = enabled_features
        if unpaid_subscription is not UNSET:
            field_dict["unpaid_subscription"] = unpaid_subscription
        if default_s3_path is not UNSET:
            field_dict["default_s3_path"] = default_s3_path
        if default_s3_path_credentials_name is not UNSET:
            field_dict["default_s3_path_credentials_name"] = default_s3_path_credentials_name
        if asset_locations is not UNSET:
            field_dict["asset_locations"] = asset_locations
        if stripe_connect is not UNSET:
            field_dict["stripe_connect"] = stripe_connect
        if assume_role_arn is not UNSET:
            field_dict["assume_role_arn"] = assume_role_arn

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.organization_asset_locations import OrganizationAssetLocations
        from ..models.organization_user import OrganizationUser

        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id", UNSET)

        _role = d.pop("role", UNSET)
        role: OrganizationRoles | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = OrganizationRoles(_role)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_logo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo = _parse_logo(d.pop("logo", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _users = d.pop("users", UNSET)
        users: list[OrganizationUser] | Unset = UNSET
        if _users is not UNSET:
            users = []
            for users_item_data in _users:
                users_item = OrganizationUser.from_dict(users_item_data)

                users.append(users_item)

        _allowed_actions = d.pop("allowed_actions", UNSET)
        allowed_actions: list[NamespaceActions] | Unset = UNSET
        if _allowed_actions is not UNSET:
            allowed_actions = []
            for allowed_actions_item_data in _allowed_actions:
                allowed_actions_item = NamespaceActions(allowed_actions_item_data)

                allowed_actions.append(allowed_actions_item)

        num_of_arrays = d.pop("num_of_arrays", UNSET)

        enabled_features = cast(list[str], d.pop("enabled_features", UNSET))

        unpaid_subscription = d.pop("unpaid_subscription", UNSET)

        def _parse_default_s3_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_s3_path = _parse_default_s3_path(d.pop("default_s3_path", UNSET))

        def _parse_default_s3_path_credentials_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_s3_path_credentials_name = _parse_default_s3_path_credentials_name(
            d.pop("default_s3_path_credentials_name", UNSET)
        )

        _asset_locations = d.pop("asset_locations", UNSET)
        asset_locations: OrganizationAssetLocations | Unset
        if isinstance(_asset_locations, Unset):
            asset_locations = UNSET
        else:
            asset_locations = OrganizationAssetLocations.from_dict(_asset_locations)

        stripe_connect = d.pop("stripe_connect", UNSET)

        def _parse_assume_role_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assume_role_arn = _parse_assume_role_arn(d.pop("assume_role_arn", UNSET))

        organization = cls(
            name=name,
            id=id,
            role=role,
            created_at=created_at,
            updated_at=updated_at,
            logo=logo,
            description=description,
            users=users,
            allowed_actions=allowed_actions,
            num_of_arrays=num_of_arrays,
            enabled_features=enabled_features,
            unpaid_subscription=unpaid_subscription,
            default_s3_path=default_s3_path,
            default_s3_path_credentials_name=default_s3_path_credentials_name,
            asset_locations=asset_locations,
            stripe_connect=stripe_connect,
            assume_role_arn=assume_role_arn,
        )

        organization.additional_properties = d
        return organization

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
