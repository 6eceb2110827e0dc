from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DependencyCounts")


@_attrs_define
class DependencyCounts:
    """
    Attributes:
        dependencies_resolved (int): The number of resolved dependencies.
        dependencies_unresolved (int): The number of unresolved dependencies.
        consumers_resolved (int): The number of consumers resolved.
        consumers_unresolved (int): The number of unresolved consumers.
    """

    dependencies_resolved: int
    dependencies_unresolved: int
    consumers_resolved: int
    consumers_unresolved: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dependencies_resolved = self.dependencies_resolved

        dependencies_unresolved = self.dependencies_unresolved

        consumers_resolved = self.consumers_resolved

        consumers_unresolved = self.consumers_unresolved

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dependenciesResolved": dependencies_resolved,
                "dependenciesUnresolved": dependencies_unresolved,
                "consumersResolved": consumers_resolved,
                "consumersUnresolved": consumers_unresolved,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dependencies_resolved = d.pop("dependenciesResolved")

        dependencies_unresolved = d.pop("dependenciesUnresolved")

        consumers_resolved = d.pop("consumersResolved")

        consumers_unresolved = d.pop("consumersUnresolved")

        dependency_counts = cls(
            dependencies_resolved=dependencies_resolved,
            dependencies_unresolved=dependencies_unresolved,
            consumers_resolved=consumers_resolved,
            consumers_unresolved=consumers_unresolved,
        )

        dependency_counts.additional_properties = d
        return dependency_counts

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
