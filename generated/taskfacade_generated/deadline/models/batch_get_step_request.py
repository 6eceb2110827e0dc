from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_get_step_identifier import BatchGetStepIdentifier


T = TypeVar("T", bound="BatchGetStepRequest")


@_attrs_define
class BatchGetStepRequest:
    """
    Attributes:
        identifiers (list[BatchGetStepIdentifier]): The list of step identifiers to retrieve. You can specify up to 100
            identifiers per request.
    """

    identifiers: list[BatchGetStepIdentifier]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifiers = []
        for identifiers_item_data in self.identifiers:
            identifiers_item = identifiers_item_data.to_dict()
            identifiers.append(identifiers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identifiers": identifiers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_get_step_identifier import BatchGetStepIdentifier

        d = dict(src_dict)
        identifiers = []
        _identifiers = d.pop("identifiers")
        for identifiers_item_data in _identifiers:
            identifiers_item = BatchGetStepIdentifier.from_dict(identifiers_item_data)

            identifiers.append(identifiers_item)

        batch_get_step_request = cls(
            identifiers=identifiers,
        )

        batch_get_step_request.additional_properties = d
        return batch_get_step_request

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
