from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_get_job_error import BatchGetJobError
    from ..models.batch_get_job_item import BatchGetJobItem


T = TypeVar("T", bound="BatchGetJobResponse")


@_attrs_define
class BatchGetJobResponse:
    """
    Attributes:
        jobs (list[BatchGetJobItem]): A list of jobs that were successfully retrieved.
        errors (list[BatchGetJobError]): A list of errors for jobs that could not be retrieved.
    """

    jobs: list[BatchGetJobItem]
    errors: list[BatchGetJobError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobs": jobs,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_get_job_error import BatchGetJobError
        from ..models.batch_get_job_item import BatchGetJobItem

        d = dict(src_dict)
        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = BatchGetJobItem.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = BatchGetJobError.from_dict(errors_item_data)

            errors.append(errors_item)

        batch_get_job_response = cls(
            jobs=jobs,
            errors=errors,
        )

        batch_get_job_response.additional_properties = d
        return batch_get_job_response

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
