from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..models.job_type import JobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_arguments import JobArguments
    from ..models.job_result_type_0 import JobResultType0


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """One job, camelCase, times in epoch seconds. `arguments` and `result` depend on `jobType` (open objects;
    parse with the per-type models). `jobType` is always present in list items; the SDK injects it after a
    get, so a get answer may lack it.

        Attributes:
            title (str):
            job_id (str):
            arguments (JobArguments): SquashAndMergeArguments or BasicSearchArguments, by `jobType`.
            created_at (int): epoch seconds
            status (JobStatus): QUEUING and PROCESSING are the only non-terminal statuses.
            job_type (JobType | Unset):
            started_at (int | None | Unset): epoch seconds; null until the job starts
            finished_at (int | None | Unset): epoch seconds; null until the job ends
            error_message (str | Unset): empty unless the job failed (the SDK's default is "")
            result (JobResultType0 | None | Unset): SquashAndMergeResult or BasicSearchResult (by `jobType`) once SUCCESS;
                null before.
            description (str | Unset):
    """

    title: str
    job_id: str
    arguments: JobArguments
    created_at: int
    status: JobStatus
    job_type: JobType | Unset = UNSET
    started_at: int | None | Unset = UNSET
    finished_at: int | None | Unset = UNSET
    error_message: str | Unset = UNSET
    result: JobResultType0 | None | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_result_type_0 import JobResultType0

        title = self.title

        job_id = self.job_id

        arguments = self.arguments.to_dict()

        created_at = self.created_at

        status = self.status.value

        job_type: str | Unset = UNSET
        if not isinstance(self.job_type, Unset):
            job_type = self.job_type.value

        started_at: int | None | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        finished_at: int | None | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = self.finished_at

        error_message = self.error_message

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, JobResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "jobId": job_id,
                "arguments": arguments,
                "createdAt": created_at,
                "status": status,
            }
        )
        if job_type is not UNSET:
            field_dict["jobType"] = job_type
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if error_message is not UNSET:
            field_dict["errorMessage"] = error_message
        if result is not UNSET:
            field_dict["result"] = result
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_arguments import JobArguments
        from ..models.job_result_type_0 import JobResultType0

        d = dict(src_dict)
        title = d.pop("title")

        job_id = d.pop("jobId")

        arguments = JobArguments.from_dict(d.pop("arguments"))

        created_at = d.pop("createdAt")

        status = JobStatus(d.pop("status"))

        _job_type = d.pop("jobType", UNSET)
        job_type: JobType | Unset
        if isinstance(_job_type, Unset):
            job_type = UNSET
        else:
            job_type = JobType(_job_type)

        def _parse_started_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        started_at = _parse_started_at(d.pop("startedAt", UNSET))

        def _parse_finished_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finishedAt", UNSET))

        error_message = d.pop("errorMessage", UNSET)

        def _parse_result(data: object) -> JobResultType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = JobResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobResultType0 | None | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        description = d.pop("description", UNSET)

        job = cls(
            title=title,
            job_id=job_id,
            arguments=arguments,
            created_at=created_at,
            status=status,
            job_type=job_type,
            started_at=started_at,
            finished_at=finished_at,
            error_message=error_message,
            result=result,
            description=description,
        )

        job.additional_properties = d
        return job

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
