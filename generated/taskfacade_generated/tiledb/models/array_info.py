from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.array_actions import ArrayActions
from ..models.array_type import ArrayType
from ..models.file_type import FileType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.array_info_file_properties import ArrayInfoFileProperties
    from ..models.array_info_metadata_item import ArrayInfoMetadataItem
    from ..models.array_info_pricing_item import ArrayInfoPricingItem
    from ..models.array_info_subscriptions_item import ArrayInfoSubscriptionsItem


T = TypeVar("T", bound="ArrayInfo")


@_attrs_define
class ArrayInfo:
    """Metadata of an array (as in the array browser and ArrayTask.array_metadata).

    Attributes:
        id (str | Unset): Unique id of the registered array.
        file_type (FileType | Unset): File type of an asset.
        file_properties (ArrayInfoFileProperties | Unset): Map of file properties.
        uri (str | Unset): Storage URI of the array.
        namespace (str | Unset):
        size (float | None | Unset): Size in bytes.
        last_accessed (datetime.datetime | None | Unset):
        description (None | str | Unset):
        name (str | Unset):
        allowed_actions (list[ArrayActions] | Unset):
        pricing (list[ArrayInfoPricingItem] | Unset):
        subscriptions (list[ArrayInfoSubscriptionsItem] | Unset):
        logo (None | str | Unset): Base64 logo.
        access_credentials_name (None | str | Unset):
        type_ (ArrayType | Unset): TileDB array type.
        share_count (float | Unset):
        public_share (bool | Unset):
        namespace_subscribed (bool | Unset):
        tiledb_uri (str | Unset): `tiledb://namespace/name` URI.
        tags (list[str] | Unset):
        license_id (None | str | Unset):
        license_text (None | str | Unset):
        read_only (bool | None | Unset):
        is_favorite (bool | Unset):
        created_at (datetime.datetime | None | Unset):
        created_by (str | Unset):
        metadata (list[ArrayInfoMetadataItem] | Unset): Array metadata entries (only with with_metadata=true).
    """

    id: str | Unset = UNSET
    file_type: FileType | Unset = UNSET
    file_properties: ArrayInfoFileProperties | Unset = UNSET
    uri: str | Unset = UNSET
    namespace: str | Unset = UNSET
    size: float | None | Unset = UNSET
    last_accessed: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    name: str | Unset = UNSET
    allowed_actions: list[ArrayActions] | Unset = UNSET
    pricing: list[ArrayInfoPricingItem] | Unset = UNSET
    subscriptions: list[ArrayInfoSubscriptionsItem] | Unset = UNSET
    logo: None | str | Unset = UNSET
    access_credentials_name: None | str | Unset = UNSET
    type_: ArrayType | Unset = UNSET
    share_count: float | Unset = UNSET
    public_share: bool | Unset = UNSET
    namespace_subscribed: bool | Unset = UNSET
    tiledb_uri: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    license_id: None | str | Unset = UNSET
    license_text: None | str | Unset = UNSET
    read_only: bool | None | Unset = UNSET
    is_favorite: bool | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    created_by: str | Unset = UNSET
    metadata: list[ArrayInfoMetadataItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        file_type: str | Unset = UNSET
        if not isinstance(self.file_type, Unset):
            file_type = self.file_type.value

        file_properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.file_properties, Unset):
            file_properties = self.file_properties.to_dict()

        uri = self.uri

        namespace = self.namespace

        size: float | None | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        else:
            size = self.size

        last_accessed: None | str | Unset
        if isinstance(self.last_accessed, Unset):
            last_accessed = UNSET
        elif isinstance(self.last_accessed, datetime.datetime):
            last_accessed = self.last_accessed.isoformat()
        else:
            last_accessed = self.last_accessed

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        name = self.name

        allowed_actions: list[str] | Unset = UNSET
        if not isinstance(self.allowed_actions, Unset):
            allowed_actions = []
            for allowed_actions_item_data in self.allowed_actions:
                allowed_actions_item = allowed_actions_item_data.value
                allowed_actions.append(allowed_actions_item)

        pricing: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pricing, Unset):
            pricing = []
            for pricing_item_data in self.pricing:
                pricing_item = pricing_item_data.to_dict()
                pricing.append(pricing_item)

        subscriptions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.subscriptions, Unset):
            subscriptions = []
            for subscriptions_item_data in self.subscriptions:
                subscriptions_item = subscriptions_item_data.to_dict()
                subscriptions.append(subscriptions_item)

        logo: None | str | Unset
        if isinstance(self.logo, Unset):
            logo = UNSET
        else:
            logo = self.logo

        access_credentials_name: None | str | Unset
        if isinstance(self.access_credentials_name, Unset):
            access_credentials_name = UNSET
        else:
            access_credentials_name = self.access_credentials_name

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        share_count = self.share_count

        public_share = self.public_share

        namespace_subscribed = self.namespace_subscribed

        tiledb_uri = self.tiledb_uri

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        license_id: None | str | Unset
        if isinstance(self.license_id, Unset):
            license_id = UNSET
        else:
            license_id = self.license_id

        license_text: None | str | Unset
        if isinstance(self.license_text, Unset):
            license_text = UNSET
        else:
            license_text = self.license_text

        read_only: bool | None | Unset
        if isinstance(self.read_only, Unset):
            read_only = UNSET
        else:
            read_only = self.read_only

        is_favorite = self.is_favorite

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by = self.created_by

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if file_type is not UNSET:
            field_dict["file_type"] = file_type
        if file_properties is not UNSET:
            field_dict["file_properties"] = file_properties
        if uri is not UNSET:
            field_dict["uri"] = uri
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if size is not UNSET:
            field_dict["size"] = size
        if last_accessed is not UNSET:
            field_dict["last_accessed"] = last_accessed
        if description is not UNSET:
            field_dict["description"] = description
        if name is not UNSET:
            field_dict["name"] = name
        if allowed_actions is not UNSET:
            field_dict["allowed_actions"] = allowed_actions
        if pricing is not UNSET:
            field_dict["pricing"] = pricing
        if subscriptions is not UNSET:
            field_dict["subscriptions"] = subscriptions
        if logo is not UNSET:
            field_dict["logo"] = logo
        if access_credentials_name is not UNSET:
            field_dict["access_credentials_name"] = access_credentials_name
        if type_ is not UNSET:
            field_dict["type"] = type_
        if share_count is not UNSET:
            field_dict["share_count"] = share_count
        if public_share is not UNSET:
            field_dict["public_share"] = public_share
        if namespace_subscribed is not UNSET:
            field_dict["namespace_subscribed"] = namespace_subscribed
        if tiledb_uri is not UNSET:
            field_dict["tiledb_uri"] = tiledb_uri
        if tags is not UNSET:
            field_dict["tags"] = tags
        if license_id is not UNSET:
            field_dict["license_id"] = license_id
        if license_text is not UNSET:
            field_dict["license_text"] = license_text
        if read_only is not UNSET:
            field_dict["read_only"] = read_only
        if is_favorite is not UNSET:
            field_dict["is_favorite"] = is_favorite
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.array_info_file_properties import ArrayInfoFileProperties
        from ..models.array_info_metadata_item import ArrayInfoMetadataItem
        from ..models.array_info_pricing_item import ArrayInfoPricingItem
        from ..models.array_info_subscriptions_item import ArrayInfoSubscriptionsItem

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _file_type = d.pop("file_type", UNSET)
        file_type: FileType | Unset
        if isinstance(_file_type, Unset):
            file_type = UNSET
        else:
            file_type = FileType(_file_type)

        _file_properties = d.pop("file_properties", UNSET)
        file_properties: ArrayInfoFileProperties | Unset
        if isinstance(_file_properties, Unset):
            file_properties = UNSET
        else:
            file_properties = ArrayInfoFileProperties.from_dict(_file_properties)

        uri = d.pop("uri", UNSET)

        namespace = d.pop("namespace", UNSET)

        def _parse_size(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        size = _parse_size(d.pop("size", UNSET))

        def _parse_last_accessed(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_accessed_type_0 = datetime.datetime.fromisoformat(data)

                return last_accessed_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_accessed = _parse_last_accessed(d.pop("last_accessed", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        name = d.pop("name", UNSET)

        _allowed_actions = d.pop("allowed_actions", UNSET)
        allowed_actions: list[ArrayActions] | Unset = UNSET
        if _allowed_actions is not UNSET:
            allowed_actions = []
            for allowed_actions_item_data in _allowed_actions:
                allowed_actions_item = ArrayActions(allowed_actions_item_data)

                allowed_actions.append(allowed_actions_item)

        _pricing = d.pop("pricing", UNSET)
        pricing: list[ArrayInfoPricingItem] | Unset = UNSET
        if _pricing is not UNSET:
            pricing = []
            for pricing_item_data in _pricing:
                pricing_item = ArrayInfoPricingItem.from_dict(pricing_item_data)

                pricing.append(pricing_item)

        _subscriptions = d.pop("subscriptions", UNSET)
        subscriptions: list[ArrayInfoSubscriptionsItem] | Unset = UNSET
        if _subscriptions is not UNSET:
            subscriptions = []
            for subscriptions_item_data in _subscriptions:
                subscriptions_item = ArrayInfoSubscriptionsItem.from_dict(subscriptions_item_data)

                subscriptions.append(subscriptions_item)

        def _parse_logo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo = _parse_logo(d.pop("logo", UNSET))

        def _parse_access_credentials_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        access_credentials_name = _parse_access_credentials_name(d.pop("access_credentials_name", UNSET))

        _type_ = d.pop("type", UNSET)
        type_: ArrayType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ArrayType(_type_)

        share_count = d.pop("share_count", UNSET)

        public_share = d.pop("public_share", UNSET)

        namespace_subscribed = d.pop("namespace_subscribed", UNSET)

        tiledb_uri = d.pop("tiledb_uri", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_license_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        license_id = _parse_license_id(d.pop("license_id", UNSET))

        def _parse_license_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        license_text = _parse_license_text(d.pop("license_text", UNSET))

        def _parse_read_only(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        read_only = _parse_read_only(d.pop("read_only", UNSET))

        is_favorite = d.pop("is_favorite", UNSET)

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        created_by = d.pop("created_by", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[ArrayInfoMetadataItem] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = ArrayInfoMetadataItem.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        array_info = cls(
            id=id,
            file_type=file_type,
            file_properties=file_properties,
            uri=uri,
            namespace=namespace,
            size=size,
            last_accessed=last_accessed,
            description=description,
            name=name,
            allowed_actions=allowed_actions,
            pricing=pricing,
            subscriptions=subscriptions,
            logo=logo,
            access_credentials_name=access_credentials_name,
            type_=type_,
            share_count=share_count,
            public_share=public_share,
            namespace_subscribed=namespace_subscribed,
            tiledb_uri=tiledb_uri,
            tags=tags,
            license_id=license_id,
            license_text=license_text,
            read_only=read_only,
            is_favorite=is_favorite,
            created_at=created_at,
            created_by=created_by,
            metadata=metadata,
        )

        array_info.additional_properties = d
        return array_info

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
