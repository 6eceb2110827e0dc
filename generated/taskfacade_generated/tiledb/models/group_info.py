from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.group_actions import GroupActions
from ..models.group_type import GroupType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.group_info_metadata_item import GroupInfoMetadataItem


T = TypeVar("T", bound="GroupInfo")


@_attrs_define
class GroupInfo:
    """Metadata of a group.

    Attributes:
        id (str | Unset):
        namespace (str | Unset):
        name (str | Unset):
        description (None | str | Unset):
        uri (str | Unset):
        tiledb_uri (str | Unset):
        asset_count (float | Unset): Direct array members.
        group_count (float | Unset): Direct group members.
        size (float | Unset): asset_count + group_count.
        last_accessed (datetime.datetime | None | Unset):
        allowed_actions (list[GroupActions] | Unset):
        group_type (GroupType | Unset): Type of a group.
        logo (None | str | Unset):
        access_credentials_name (None | str | Unset):
        share_count (float | Unset):
        public_share (bool | Unset):
        tags (list[str] | Unset):
        license_id (None | str | Unset):
        license_text (None | str | Unset):
        created_at (datetime.datetime | None | Unset):
        created_by (str | Unset):
        metadata (list[GroupInfoMetadataItem] | Unset):
    """

    id: str | Unset = UNSET
    namespace: str | Unset = UNSET
    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    uri: str | Unset = UNSET
    tiledb_uri: str | Unset = UNSET
    asset_count: float | Unset = UNSET
    group_count: float | Unset = UNSET
    size: float | Unset = UNSET
    last_accessed: datetime.datetime | None | Unset = UNSET
    allowed_actions: list[GroupActions] | Unset = UNSET
    group_type: GroupType | Unset = UNSET
    logo: None | str | Unset = UNSET
    access_credentials_name: None | str | Unset = UNSET
    share_count: float | Unset = UNSET
    public_share: bool | Unset = UNSET
    tags: list[str] | Unset = UNSET
    license_id: None | str | Unset = UNSET
    license_text: None | str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    created_by: str | Unset = UNSET
    metadata: list[GroupInfoMetadataItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        namespace = self.namespace

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        uri = self.uri

        tiledb_uri = self.tiledb_uri

        asset_count = self.asset_count

        group_count = self.group_count

        size = self.size

        last_accessed: None | str | Unset
        if isinstance(self.last_accessed, Unset):
            last_accessed = UNSET
        elif isinstance(self.last_accessed, datetime.datetime):
            last_accessed = self.last_accessed.isoformat()
        else:
            last_accessed = self.last_accessed

        allowed_actions: list[str] | Unset = UNSET
        if not isinstance(self.allowed_actions, Unset):
            allowed_actions = []
            for allowed_actions_item_data in self.allowed_actions:
                allowed_actions_item = allowed_actions_item_data.value
                allowed_actions.append(allowed_actions_item)

        group_type: str | Unset = UNSET
        if not isinstance(self.group_type, Unset):
            group_type = self.group_type.value

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

        share_count = self.share_count

        public_share = self.public_share

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
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if uri is not UNSET:
            field_dict["uri"] = uri
        if tiledb_uri is not UNSET:
            field_dict["tiledb_uri"] = tiledb_uri
        if asset_count is not UNSET:
            field_dict["asset_count"] = asset_count
        if group_count is not UNSET:
            field_dict["group_count"] = group_count
        if size is not UNSET:
            field_dict["size"] = size
        if last_accessed is not UNSET:
            field_dict["last_accessed"] = last_accessed
        if allowed_actions is not UNSET:
            field_dict["allowed_actions"] = allowed_actions
        if group_type is not UNSET:
            field_dict["group_type"] = group_type
        if logo is not UNSET:
            field_dict["logo"] = logo
        if access_credentials_name is not UNSET:
            field_dict["access_credentials_name"] = access_credentials_name
        if share_count is not UNSET:
            field_dict["share_count"] = share_count
        if public_share is not UNSET:
            field_dict["public_share"] = public_share
        if tags is not UNSET:
            field_dict["tags"] = tags
        if license_id is not UNSET:
            field_dict["license_id"] = license_id
        if license_text is not UNSET:
            field_dict["license_text"] = license_text
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.group_info_metadata_item import GroupInfoMetadataItem

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        namespace = d.pop("namespace", UNSET)

        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        uri = d.pop("uri", UNSET)

        tiledb_uri = d.pop("tiledb_uri", UNSET)

        asset_count = d.pop("asset_count", UNSET)

        group_count = d.pop("group_count", UNSET)

        size = d.pop("size", UNSET)

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

        _allowed_actions = d.pop("allowed_actions", UNSET)
        allowed_actions: list[GroupActions] | Unset = UNSET
        if _allowed_actions is not UNSET:
            allowed_actions = []
            for allowed_actions_item_data in _allowed_actions:
                allowed_actions_item = GroupActions(allowed_actions_item_data)

                allowed_actions.append(allowed_actions_item)

        _group_type = d.pop("group_type", UNSET)
        group_type: GroupType | Unset
        if isinstance(_group_type, Unset):
            group_type = UNSET
        else:
            group_type = GroupType(_group_type)

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

        share_count = d.pop("share_count", UNSET)

        public_share = d.pop("public_share", UNSET)

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
        metadata: list[GroupInfoMetadataItem] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = GroupInfoMetadataItem.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        group_info = cls(
            id=id,
            namespace=namespace,
            name=name,
            description=description,
            uri=uri,
            tiledb_uri=tiledb_uri,
            asset_count=asset_count,
            group_count=group_count,
            size=size,
            last_accessed=last_accessed,
            allowed_actions=allowed_actions,
            group_type=group_type,
            logo=logo,
            access_credentials_name=access_credentials_name,
            share_count=share_count,
            public_share=public_share,
            tags=tags,
            license_id=license_id,
            license_text=license_text,
            created_at=created_at,
            created_by=created_by,
            metadata=metadata,
        )

        group_info.additional_properties = d
        return group_info

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
