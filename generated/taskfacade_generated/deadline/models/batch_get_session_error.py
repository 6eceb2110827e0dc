from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_get_session_error_code import BatchGetSessionErrorCode

T = TypeVar("T", bound="BatchGetSessionError")


@_attrs_define
class BatchGetSessionError:
    """
    Attributes:
        farm_id (str):
        queue_id (str):
        job_id (str):
        session_id (str):
        code (BatchGetSessionErrorCode): The error code.
        message (str): The error message.
    """

    farm_id: str
    queue_id: str
    job_id: str
    session_id: str
    code: BatchGetSessionErrorCode
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        farm_id = self.farm_id

        queue_id = self.queue_id

        job_id = self.job_id

        session_id = self.session_id

        code = self.code.value

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "farmId": farm_id,
                "queueId": queue_id,
                "jobId": job_id,
                "sessionId": session_id,
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        farm_id = d.pop("farmId")

        queue_id = d.pop("queueId")

        job_id = d.pop("jobId")

        session_id = d.pop("sessionId")

        code = BatchGetSessionErrorCode(d.pop("code"))

        message = d.pop("message")

        batch_get_session_error = cls(
            farm_id=farm_id,
            queue_id=queue_id,
            job_id=job_id,
            session_id=session_id,
            code=code,
            message=message,
        )

        batch_get_session_error.additional_properties = d
        return batch_get_session_error

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
