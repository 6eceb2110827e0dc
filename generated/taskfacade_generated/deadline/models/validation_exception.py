from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.validation_exception_reason import ValidationExceptionReason
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exception_context import ExceptionContext
    from ..models.validation_exception_field import ValidationExceptionField


T = TypeVar("T", bound="ValidationException")


@_attrs_define
class ValidationException:
    """
    Attributes:
        message (str):
        reason (ValidationExceptionReason):
        field_list (list[ValidationExceptionField] | Unset):
        context (ExceptionContext | Unset): Free-form key/value context of an error.
    """

    message: str
    reason: ValidationExceptionReason
    field_list: list[ValidationExceptionField] | Unset = UNSET
    context: ExceptionContext | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        reason = self.reason.value

        field_list: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.field_list, Unset):
            field_list = []
            for field_list_item_data in self.field_list:
                field_list_item = field_list_item_data.to_dict()
                field_list.append(field_list_item)

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "reason": reason,
            }
        )
        if field_list is not UNSET:
            field_dict["fieldList"] = field_list
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exception_context import ExceptionContext
        from ..models.validation_exception_field import ValidationExceptionField

        d = dict(src_dict)
        message = d.pop("message")

        reason = ValidationExceptionReason(d.pop("reason"))

        _field_list = d.pop("fieldList", UNSET)
        field_list: list[ValidationExceptionField] | Unset = UNSET
        if _field_list is not UNSET:
            field_list = []
            for field_list_item_data in _field_list:
                field_list_item = ValidationExceptionField.from_dict(field_list_item_data)

                field_list.append(field_list_item)

        _context = d.pop("context", UNSET)
        context: ExceptionContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = ExceptionContext.from_dict(_context)

        validation_exception = cls(
            message=message,
            reason=reason,
            field_list=field_list,
            context=context,
        )

        validation_exception.additional_properties = d
        return validation_exception

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
