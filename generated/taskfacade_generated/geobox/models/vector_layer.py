from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.layer_type import LayerType
from ..types import UNSET, Unset

T = TypeVar("T", bound="VectorLayer")


@_attrs_define
class VectorLayer:
    """
    Attributes:
        uuid (str):
        id (int | Unset):
        name (str | Unset):
        display_name (None | str | Unset):
        description (None | str | Unset):
        owner_id (int | Unset):
        created_at (str | Unset):
        layer_type (LayerType | Unset): Geometry type of a vector layer.
        feature_count (int | Unset):
    """

    uuid: str
    id: int | Unset = UNSET
    name: str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    owner_id: int | Unset = UNSET
    created_at: str | Unset = UNSET
    layer_type: LayerType | Unset = UNSET
    feature_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        id = self.id

        name = self.name

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        owner_id = self.owner_id

        created_at = self.created_at

        layer_type: str | Unset = UNSET
        if not isinstance(self.layer_type, Unset):
            layer_type = self.layer_type.value

        feature_count = self.feature_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if description is not UNSET:
            field_dict["description"] = description
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if layer_type is not UNSET:
            field_dict["layer_type"] = layer_type
        if feature_count is not UNSET:
            field_dict["feature_count"] = feature_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        uuid = d.pop("uuid")

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        owner_id = d.pop("owner_id", UNSET)

        created_at = d.pop("created_at", UNSET)

        _layer_type = d.pop("layer_type", UNSET)
        layer_type: LayerType | Unset
        if isinstance(_layer_type, Unset):
            layer_type = UNSET
        else:
            layer_type = LayerType(_layer_type)

        feature_count = d.pop("feature_count", UNSET)

        vector_layer = cls(
            uuid=uuid,
            id=id,
            name=name,
            display_name=display_name,
            description=description,
            owner_id=owner_id,
            created_at=created_at,
            layer_type=layer_type,
            feature_count=feature_count,
        )

        vector_layer.additional_properties = d
        return vector_layer

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
