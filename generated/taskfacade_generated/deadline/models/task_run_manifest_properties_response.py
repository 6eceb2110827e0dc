from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskRunManifestPropertiesResponse")


@_attrs_define
class TaskRunManifestPropertiesResponse:
    """
    Attributes:
        output_manifest_path (str | Unset): The manifest file path.
        output_manifest_hash (str | Unset): The hash value of the file.
    """

    output_manifest_path: str | Unset = UNSET
    output_manifest_hash: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        output_manifest_path = self.output_manifest_path

        output_manifest_hash = self.output_manifest_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if output_manifest_path is not UNSET:
            field_dict["outputManifestPath"] = output_manifest_path
        if output_manifest_hash is not UNSET:
            field_dict["outputManifestHash"] = output_manifest_hash

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        output_manifest_path = d.pop("outputManifestPath", UNSET)

        output_manifest_hash = d.pop("outputManifestHash", UNSET)

        task_run_manifest_properties_response = cls(
            output_manifest_path=output_manifest_path,
            output_manifest_hash=output_manifest_hash,
        )

        task_run_manifest_properties_response.additional_properties = d
        return task_run_manifest_properties_response

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
