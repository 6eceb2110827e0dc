from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conflict_exception_reason import ConflictExceptionReason
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exception_context import ExceptionContext


T = TypeVar("T", bound="ConflictException")


@_attrs_define
class ConflictException:
    """
    Attributes:
        message (str):
        reason (ConflictExceptionReason):
        resource_id (str):
        resource_type (str):
        context (ExceptionContext | Unset): Free-form key/value context of an error.
    """

    message: str
    reason: ConflictExceptionReason
    resource_id: str
    resource_type: str
    context: ExceptionContext | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        reason = self.reason.value

        resource_id = self.resource_id

        resource_type = self.resource_type

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "reason": reason,
                "resourceId": resource_id,
                "resourceType": resource_type,
            }
        )
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exception_context import ExceptionContext

        d = dict(src_dict)
        message = d.pop("message")

        reason = ConflictExceptionReason(d.pop("reason"))

        resource_id = d.pop("resourceId")

        resource_type = d.pop("resourceType")

        _context = d.pop("context", UNSET)
        context: ExceptionContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = ExceptionContext.from_dict(_context)

        conflict_exception = cls(
            message=message,
            reason=reason,
            resource_id=resource_id,
            resource_type=resource_type,
            context=context,
        )

        conflict_exception.additional_properties = d
        return conflict_exception

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
