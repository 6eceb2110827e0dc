from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exception_context import ExceptionContext


T = TypeVar("T", bound="ThrottlingException")


@_attrs_define
class ThrottlingException:
    """
    Attributes:
        message (str):
        service_code (str | Unset):
        quota_code (str | Unset):
        context (ExceptionContext | Unset): Free-form key/value context of an error.
    """

    message: str
    service_code: str | Unset = UNSET
    quota_code: str | Unset = UNSET
    context: ExceptionContext | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        service_code = self.service_code

        quota_code = self.quota_code

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if service_code is not UNSET:
            field_dict["serviceCode"] = service_code
        if quota_code is not UNSET:
            field_dict["quotaCode"] = quota_code
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exception_context import ExceptionContext

        d = dict(src_dict)
        message = d.pop("message")

        service_code = d.pop("serviceCode", UNSET)

        quota_code = d.pop("quotaCode", UNSET)

        _context = d.pop("context", UNSET)
        context: ExceptionContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = ExceptionContext.from_dict(_context)

        throttling_exception = cls(
            message=message,
            service_code=service_code,
            quota_code=quota_code,
            context=context,
        )

        throttling_exception.additional_properties = d
        return throttling_exception

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
