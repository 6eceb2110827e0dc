from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.path_format import PathFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="ManifestProperties")


@_attrs_define
class ManifestProperties:
    """
    Attributes:
        root_path (str):
        root_path_format (PathFormat):
        file_system_location_name (str | Unset):
        output_relative_directories (list[str] | Unset):
        input_manifest_path (str | Unset):
        input_manifest_hash (str | Unset):
    """

    root_path: str
    root_path_format: PathFormat
    file_system_location_name: str | Unset = UNSET
    output_relative_directories: list[str] | Unset = UNSET
    input_manifest_path: str | Unset = UNSET
    input_manifest_hash: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        root_path = self.root_path

        root_path_format = self.root_path_format.value

        file_system_location_name = self.file_system_location_name

        output_relative_directories: list[str] | Unset = UNSET
        if not isinstance(self.output_relative_directories, Unset):
            output_relative_directories = self.output_relative_directories

        input_manifest_path = self.input_manifest_path

        input_manifest_hash = self.input_manifest_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rootPath": root_path,
                "rootPathFormat": root_path_format,
            }
        )
        if file_system_location_name is not UNSET:
            field_dict["fileSystemLocationName"] = file_system_location_name
        if output_relative_directories is not UNSET:
            field_dict["outputRelativeDirectories"] = output_relative_directories
        if input_manifest_path is not UNSET:
            field_dict["inputManifestPath"] = input_manifest_path
        if input_manifest_hash is not UNSET:
            field_dict["inputManifestHash"] = input_manifest_hash

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        root_path = d.pop("rootPath")

        root_path_format = PathFormat(d.pop("rootPathFormat"))

        file_system_location_name = d.pop("fileSystemLocationName", UNSET)

        output_relative_directories = cast(list[str], d.pop("outputRelativeDirectories", UNSET))

        input_manifest_path = d.pop("inputManifestPath", UNSET)

        input_manifest_hash = d.pop("inputManifestHash", UNSET)

        manifest_properties = cls(
            root_path=root_path,
            root_path_format=root_path_format,
            file_system_location_name=file_system_location_name,
            output_relative_directories=output_relative_directories,
            input_manifest_path=input_manifest_path,
            input_manifest_hash=input_manifest_hash,
        )

        manifest_properties.additional_properties = d
        return manifest_properties

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
