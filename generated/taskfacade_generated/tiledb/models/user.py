from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.namespace_actions import NamespaceActions
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_user import OrganizationUser
    from ..models.user_asset_locations import UserAssetLocations


T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """A user's profile.

    Attributes:
        username (str):
        id (str | Unset):
        password (str | Unset): Only ever sent by a client creating a user.
        name (str | Unset):
        email (str | Unset):
        is_valid_email (bool | Unset):
        stripe_connect (bool | Unset):
        company (None | str | Unset):
        logo (None | str | Unset):
        timezone (None | str | Unset):
        organizations (list[OrganizationUser] | Unset):
        allowed_actions (list[NamespaceActions] | Unset):
        enabled_features (list[str] | Unset):
        unpaid_subscription (bool | Unset):
        default_s3_path (None | str | Unset):
        default_s3_path_credentials_name (None | str | Unset):
        asset_locations (UserAssetLocations | Unset): Storage locations per asset kind.
        default_namespace_charged (None | str | Unset):
        default_region (None | str | Unset):
    """

    username: str
    id: str | Unset = UNSET
    password: str | Unset = UNSET
    name: str | Unset = UNSET
    email: str | Unset = UNSET
    is_valid_email: bool | Unset = UNSET
    stripe_connect: bool | Unset = UNSET
    company: None | str | Unset = UNSET
    logo: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    organizations: list[OrganizationUser] | Unset = UNSET
    allowed_actions: list[NamespaceActions] | Unset = UNSET
    enabled_features: list[str] | Unset = UNSET
    unpaid_subscription: bool | Unset = UNSET
    default_s3_path: None | str | Unset = UNSET
    default_s3_path_credentials_name: None | str | Unset = UNSET
    asset_locations: UserAssetLocations | Unset = UNSET
    default_namespace_charged: None | str | Unset = UNSET
    default_region: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        id = self.id

        password = self.password

        name = self.name

        email = self.email

        is_valid_email = self.is_valid_email

        stripe_connect = self.stripe_connect

        company: None | str | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        else:
            company = self.company

        logo: None | str | Unset
        if isinstance(self.logo, Unset):
            logo = UNSET
        else:
            logo = self.logo

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        organizations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.organizations, Unset):
            organizations = []
            for organizations_item_data in self.organizations:
                organizations_item = organizations_item_data.to_dict()
                organizations.append(organizations_item)

        allowed_actions: list[str] | Unset = UNSET
        if not isinstance(self.allowed_actions, Unset):
            allowed_actions = []
            for allowed_actions_item_data in self.allowed_actions:
                allowed_actions_item = allowed_actions_item_data.value
                allowed_actions.append(allowed_actions_item)

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

        default_namespace_charged: None | str | Unset
        if isinstance(self.default_namespace_charged, Unset):
            default_namespace_charged = UNSET
        else:
            default_namespace_charged = self.default_namespace_charged

        default_region: None | str | Unset
        if isinstance(self.default_region, Unset):
            default_region = UNSET
        else:
            default_region = self.default_region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if password is not UNSET:
            field_dict["password"] = password
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if is_valid_email is not UNSET:
            field_dict["is_valid_email"] = is_valid_email
        if stripe_connect is not UNSET:
            field_dict["stripe_connect"] = stripe_connect
        if company is not UNSET:
            field_dict["company"] = company
        if logo is not UNSET:
            field_dict["logo"] = logo
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if organizations is not UNSET:
            field_dict["organizations"] = organizations
        if allowed_actions is not UNSET:
            field_dict["allowed_actions"] = allowed_actions
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
        if default_namespace_charged is not UNSET:
            field_dict["default_namespace_charged"] = default_namespace_charged
        if default_region is not UNSET:
            field_dict["default_region"] = default_region

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.organization_user import OrganizationUser
        from ..models.user_asset_locations import UserAssetLocations

        d = dict(src_dict)
        username = d.pop("username")

        id = d.pop("id", UNSET)

        password = d.pop("password", UNSET)

        name = d.pop("name", UNSET)

        email = d.pop("email", UNSET)

        is_valid_email = d.pop("is_valid_email", UNSET)

        stripe_connect = d.pop("stripe_connect", UNSET)

        def _parse_company(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company = _parse_company(d.pop("company", UNSET))

        def _parse_logo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo = _parse_logo(d.pop("logo", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        _organizations = d.pop("organizations", UNSET)
        organizations: list[OrganizationUser] | Unset = UNSET
        if _organizations is not UNSET:
            organizations = []
            for organizations_item_data in _organizations:
                organizations_item = OrganizationUser.from_dict(organizations_item_data)

                organizations.append(organizations_item)

        _allowed_actions = d.pop("allowed_actions", UNSET)
        allowed_actions: list[NamespaceActions] | Unset = UNSET
        if _allowed_actions is not UNSET:
            allowed_actions = []
            for allowed_actions_item_data in _allowed_actions:
                allowed_actions_item = NamespaceActions(allowed_actions_item_data)

                allowed_actions.append(allowed_actions_item)

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
        asset_locations: UserAssetLocations | Unset
        if isinstance(_asset_locations, Unset):
            asset_locations = UNSET
        else:
            asset_locations = UserAssetLocations.from_dict(_asset_locations)

        def _parse_default_namespace_charged(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_namespace_charged = _parse_default_namespace_charged(d.pop("default_namespace_charged", UNSET))

        def _parse_default_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_region = _parse_default_region(d.pop("default_region", UNSET))

        user = cls(
            username=username,
            id=id,
            password=password,
            name=name,
            email=email,
            is_valid_email=is_valid_email,
            stripe_connect=stripe_connect,
            company=company,
            logo=logo,
            timezone=timezone,
            organizations=organizations,
            allowed_actions=allowed_actions,
            enabled_features=enabled_features,
            unpaid_subscription=unpaid_subscription,
            default_s3_path=default_s3_path,
            default_s3_path_credentials_name=default_s3_path_credentials_name,
            asset_locations=asset_locations,
            default_namespace_charged=default_namespace_charged,
            default_region=default_region,
        )

        user.additional_properties = d
        return user

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
