from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.environment_enter_session_action_definition_summary import (
        EnvironmentEnterSessionActionDefinitionSummary,
    )
    from ..models.environment_exit_session_action_definition_summary import (
        EnvironmentExitSessionActionDefinitionSummary,
    )
    from ..models.sync_input_job_attachments_session_action_definition_summary import (
        SyncInputJobAttachmentsSessionActionDefinitionSummary,
    )
    from ..models.task_run_session_action_definition_summary import (
        TaskRunSessionActionDefinitionSummary,
    )


T = TypeVar("T", bound="SessionActionDefinitionSummary")


@_attrs_define
class SessionActionDefinitionSummary:
    """
    Attributes:
        env_enter (EnvironmentEnterSessionActionDefinitionSummary | Unset):
        env_exit (EnvironmentExitSessionActionDefinitionSummary | Unset):
        task_run (TaskRunSessionActionDefinitionSummary | Unset):
        sync_input_job_attachments (SyncInputJobAttachmentsSessionActionDefinitionSummary | Unset):
    """

    env_enter: EnvironmentEnterSessionActionDefinitionSummary | Unset = UNSET
    env_exit: EnvironmentExitSessionActionDefinitionSummary | Unset = UNSET
    task_run: TaskRunSessionActionDefinitionSummary | Unset = UNSET
    sync_input_job_attachments: SyncInputJobAttachmentsSessionActionDefinitionSummary | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        env_enter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env_enter, Unset):
            env_enter = self.env_enter.to_dict()

        env_exit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env_exit, Unset):
            env_exit = self.env_exit.to_dict()

        task_run: dict[str, Any] | Unset = UNSET
        if not isinstance(self.task_run, Unset):
            task_run = self.task_run.to_dict()

        sync_input_job_attachments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sync_input_job_attachments, Unset):
            sync_input_job_attachments = self.sync_input_job_attachments.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if env_enter is not UNSET:
            field_dict["envEnter"] = env_enter
        if env_exit is not UNSET:
            field_dict["envExit"] = env_exit
        if task_run is not UNSET:
            field_dict["taskRun"] = task_run
        if sync_input_job_attachments is not UNSET:
            field_dict["syncInputJobAttachments"] = sync_input_job_attachments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.environment_enter_session_action_definition_summary import (
            EnvironmentEnterSessionActionDefinitionSummary,
        )
        from ..models.environment_exit_session_action_definition_summary import (
            EnvironmentExitSessionActionDefinitionSummary,
        )
        from ..models.sync_input_job_attachments_session_action_definition_summary import (
            SyncInputJobAttachmentsSessionActionDefinitionSummary,
        )
        from ..models.task_run_session_action_definition_summary import (
            TaskRunSessionActionDefinitionSummary,
        )

        d = dict(src_dict)
        _env_enter = d.pop("envEnter", UNSET)
        env_enter: EnvironmentEnterSessionActionDefinitionSummary | Unset
        if isinstance(_env_enter, Unset):
            env_enter = UNSET
        else:
            env_enter = EnvironmentEnterSessionActionDefinitionSummary.from_dict(_env_enter)

        _env_exit = d.pop("envExit", UNSET)
        env_exit: EnvironmentExitSessionActionDefinitionSummary | Unset
        if isinstance(_env_exit, Unset):
            env_exit = UNSET
        else:
            env_exit = EnvironmentExitSessionActionDefinitionSummary.from_dict(_env_exit)

        _task_run = d.pop("taskRun", UNSET)
        task_run: TaskRunSessionActionDefinitionSummary | Unset
        if isinstance(_task_run, Unset):
            task_run = UNSET
        else:
            task_run = TaskRunSessionActionDefinitionSummary.from_dict(_task_run)

        _sync_input_job_attachments = d.pop("syncInputJobAttachments", UNSET)
        sync_input_job_attachments: SyncInputJobAttachmentsSessionActionDefinitionSummary | Unset
        if isinstance(_sync_input_job_attachments, Unset):
            sync_input_job_attachments = UNSET
        else:
            sync_input_job_attachments = SyncInputJobAttachmentsSessionActionDefinitionSummary.from_dict(
                _sync_input_job_attachments
            )

        session_action_definition_summary = cls(
            env_enter=env_enter,
            env_exit=env_exit,
            task_run=task_run,
            sync_input_job_attachments=sync_input_job_attachments,
        )

        session_action_definition_summary.additional_properties = d
        return session_action_definition_summary

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
