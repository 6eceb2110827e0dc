from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_result import TaskResult


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """A task. Only `uuid` is required here; the SDK also relies on `name`, `state` and `result`.

    Attributes:
        uuid (str): The task id used in every path.
        id (int | Unset): Numeric id (modelled).
        name (str | Unset): Human-readable name, e.g. `publish:roads`.
        state (TaskStatus | Unset): Task state (Celery-style). Final states are SUCCESS, FAILURE and ABORTED.
        result (None | TaskResult | Unset):
        created_at (str | Unset): Creation time (see Timestamps in the API description).
        started_at (None | str | Unset): When the task started running; null while PENDING (modelled).
        finished_at (None | str | Unset): When the task reached a final state; null before (modelled).
        user_id (int | Unset): Owner's user id (modelled).
    """

    uuid: str
    id: int | Unset = UNSET
    name: str | Unset = UNSET
    state: TaskStatus | Unset = UNSET
    result: None | TaskResult | Unset = UNSET
    created_at: str | Unset = UNSET
    started_at: None | str | Unset = UNSET
    finished_at: None | str | Unset = UNSET
    user_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_result import TaskResult

        uuid = self.uuid

        id = self.id

        name = self.name

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, TaskResult):
            result = self.result.to_dict()
        else:
            result = self.result

        created_at = self.created_at

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = self.finished_at

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if state is not UNSET:
            field_dict["state"] = state
        if result is not UNSET:
            field_dict["result"] = result
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_result import TaskResult

        d = dict(src_dict)
        uuid = d.pop("uuid")

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _state = d.pop("state", UNSET)
        state: TaskStatus | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = TaskStatus(_state)

        def _parse_result(data: object) -> None | TaskResult | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_1 = TaskResult.from_dict(data)

                return result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskResult | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        created_at = d.pop("created_at", UNSET)

        def _parse_started_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_finished_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        user_id = d.pop("user_id", UNSET)

        task = cls(
            uuid=uuid,
            id=id,
            name=name,
            state=state,
            result=result,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            user_id=user_id,
        )

        task.additional_properties = d
        return task

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
