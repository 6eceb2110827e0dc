from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.squash_and_merge_job_request_job_type import (
    SquashAndMergeJobRequestJobType,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.squash_and_merge_arguments import SquashAndMergeArguments


T = TypeVar("T", bound="SquashAndMergeJobRequest")


@_attrs_define
class SquashAndMergeJobRequest:
    """The SDK's default title is "{source}->{target}({strategy})"; `description` only when non-empty.

    Attributes:
        title (str):
        job_type (SquashAndMergeJobRequestJobType):
        arguments (SquashAndMergeArguments):
        description (str | Unset):
    """

    title: str
    job_type: SquashAndMergeJobRequestJobType
    arguments: SquashAndMergeArguments
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        job_type = self.job_type.value

        arguments = self.arguments.to_dict()

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "jobType": job_type,
                "arguments": arguments,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.squash_and_merge_arguments import SquashAndMergeArguments

        d = dict(src_dict)
        title = d.pop("title")

        job_type = SquashAndMergeJobRequestJobType(d.pop("jobType"))

        arguments = SquashAndMergeArguments.from_dict(d.pop("arguments"))

        description = d.pop("description", UNSET)

        squash_and_merge_job_request = cls(
            title=title,
            job_type=job_type,
            arguments=arguments,
            description=description,
        )

        squash_and_merge_job_request.additional_properties = d
        return squash_and_merge_job_request

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
