from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_attachments_file_system import JobAttachmentsFileSystem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.manifest_properties import ManifestProperties


T = TypeVar("T", bound="Attachments")


@_attrs_define
class Attachments:
    """
    Attributes:
        manifests (list[ManifestProperties]):
        file_system (JobAttachmentsFileSystem | Unset):
    """

    manifests: list[ManifestProperties]
    file_system: JobAttachmentsFileSystem | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        manifests = []
        for manifests_item_data in self.manifests:
            manifests_item = manifests_item_data.to_dict()
            manifests.append(manifests_item)

        file_system: str | Unset = UNSET
        if not isinstance(self.file_system, Unset):
            file_system = self.file_system.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "manifests": manifests,
            }
        )
        if file_system is not UNSET:
            field_dict["fileSystem"] = file_system

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.manifest_properties import ManifestProperties

        d = dict(src_dict)
        manifests = []
        _manifests = d.pop("manifests")
        for manifests_item_data in _manifests:
            manifests_item = ManifestProperties.from_dict(manifests_item_data)

            manifests.append(manifests_item)

        _file_system = d.pop("fileSystem", UNSET)
        file_system: JobAttachmentsFileSystem | Unset
        if isinstance(_file_system, Unset):
            file_system = UNSET
        else:
            file_system = JobAttachmentsFileSystem(_file_system)

        attachments = cls(
            manifests=manifests,
            file_system=file_system,
        )

        attachments.additional_properties = d
        return attachments

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
