from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_action_summary_status import SessionActionSummaryStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_action_definition_summary import SessionActionDefinitionSummary
    from ..models.task_run_manifest_properties_response import (
        TaskRunManifestPropertiesResponse,
    )


T = TypeVar("T", bound="SessionActionSummary")


@_attrs_define
class SessionActionSummary:
    """
    Attributes:
        session_action_id (str):
        status (SessionActionSummaryStatus): The status of the session action.
        definition (SessionActionDefinitionSummary):
        started_at (datetime.datetime | Unset): The date and time the resource started running.
        ended_at (datetime.datetime | Unset): The date and time the resource ended running.
        worker_updated_at (datetime.datetime | Unset): The Linux timestamp of the last date and time that the session
            action was updated.
        progress_percent (float | Unset): The completion percentage for the session action.
        manifests (list[TaskRunManifestPropertiesResponse] | Unset): The list of manifest properties that describe file
            attachments for the task run.
    """

    session_action_id: str
    status: SessionActionSummaryStatus
    definition: SessionActionDefinitionSummary
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    worker_updated_at: datetime.datetime | Unset = UNSET
    progress_percent: float | Unset = UNSET
    manifests: list[TaskRunManifestPropertiesResponse] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_action_id = self.session_action_id

        status = self.status.value

        definition = self.definition.to_dict()

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        worker_updated_at: str | Unset = UNSET
        if not isinstance(self.worker_updated_at, Unset):
            worker_updated_at = self.worker_updated_at.isoformat()

        progress_percent = self.progress_percent

        manifests: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.manifests, Unset):
            manifests = []
            for manifests_item_data in self.manifests:
                manifests_item = manifests_item_data.to_dict()
                manifests.append(manifests_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sessionActionId": session_action_id,
                "status": status,
                "definition": definition,
            }
        )
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if worker_updated_at is not UNSET:
            field_dict["workerUpdatedAt"] = worker_updated_at
        if progress_percent is not UNSET:
            field_dict["progressPercent"] = progress_percent
        if manifests is not UNSET:
            field_dict["manifests"] = manifests

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.session_action_definition_summary import (
            SessionActionDefinitionSummary,
        )
        from ..models.task_run_manifest_properties_response import (
            TaskRunManifestPropertiesResponse,
        )

        d = dict(src_dict)
        session_action_id = d.pop("sessionActionId")

        status = SessionActionSummaryStatus(d.pop("status"))

        definition = SessionActionDefinitionSummary.from_dict(d.pop("definition"))

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        _ended_at = d.pop("endedAt", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        _worker_updated_at = d.pop("workerUpdatedAt", UNSET)
        worker_updated_at: datetime.datetime | Unset
        if isinstance(_worker_updated_at, Unset):
            worker_updated_at = UNSET
        else:
            worker_updated_at = datetime.datetime.fromisoformat(_worker_updated_at)

        progress_percent = d.pop("progressPercent", UNSET)

        _manifests = d.pop("manifests", UNSET)
        manifests: list[TaskRunManifestPropertiesResponse] | Unset = UNSET
        if _manifests is not UNSET:
            manifests = []
            for manifests_item_data in _manifests:
                manifests_item = TaskRunManifestPropertiesResponse.from_dict(manifests_item_data)

                manifests.append(manifests_item)

        session_action_summary = cls(
            session_action_id=session_action_id,
            status=status,
            definition=definition,
            started_at=started_at,
            ended_at=ended_at,
            worker_updated_at=worker_updated_at,
            progress_percent=progress_percent,
            manifests=manifests,
        )

        session_action_summary.additional_properties = d
        return session_action_summary

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
