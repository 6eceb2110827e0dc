from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_result_detail import TaskResultDetail


T = TypeVar("T", bound="TaskResult")


@_attrs_define
class TaskResult:
    """What the task produced or why it failed. An open object: at most one asset key is expected, and the
    SDK's `output_asset` takes the first present one in the order listed here.

        Attributes:
            layer_uuid (str | Unset): A vector layer, GET /v1/vectorLayers/{uuid}/.
            raster_uuid (str | Unset): A raster, GET /v1/rasters/{uuid}/.
            model_uuid (str | Unset): A 3D model, GET /v1/3dmodels/{uuid}/.
            file_uuid (str | Unset): A file, GET /v1/files/{uuid}/info/.
            field_3dtiles_uuid (str | Unset): A 3D tiles tileset, GET /v1/3dtiles/{uuid}/.
            table_uuid (str | Unset): A table, GET /v1/tables/{uuid}/.
            errors (list[Any] | Unset): Error entries of a failed task (the SDK's `Task.errors` returns the whole result
                then).
            detail (TaskResultDetail | Unset):
    """

    layer_uuid: str | Unset = UNSET
    raster_uuid: str | Unset = UNSET
    model_uuid: str | Unset = UNSET
    file_uuid: str | Unset = UNSET
    field_3dtiles_uuid: str | Unset = UNSET
    table_uuid: str | Unset = UNSET
    errors: list[Any] | Unset = UNSET
    detail: TaskResultDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        layer_uuid = self.layer_uuid

        raster_uuid = self.raster_uuid

        model_uuid = self.model_uuid

        file_uuid = self.file_uuid

        field_3dtiles_uuid = self.field_3dtiles_uuid

        table_uuid = self.table_uuid

        errors: list[Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors

        detail: dict[str, Any] | Unset = UNSET
        if not isinstance(self.detail, Unset):
            detail = self.detail.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if layer_uuid is not UNSET:
            field_dict["layer_uuid"] = layer_uuid
        if raster_uuid is not UNSET:
            field_dict["raster_uuid"] = raster_uuid
        if model_uuid is not UNSET:
            field_dict["model_uuid"] = model_uuid
        if file_uuid is not UNSET:
            field_dict["file_uuid"] = file_uuid
        if field_3dtiles_uuid is not UNSET:
            field_dict["3dtiles_uuid"] = field_3dtiles_uuid
        if table_uuid is not UNSET:
            field_dict["table_uuid"] = table_uuid
        if errors is not UNSET:
            field_dict["errors"] = errors
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_result_detail import TaskResultDetail

        d = dict(src_dict)
        layer_uuid = d.pop("layer_uuid", UNSET)

        raster_uuid = d.pop("raster_uuid", UNSET)

        model_uuid = d.pop("model_uuid", UNSET)

        file_uuid = d.pop("file_uuid", UNSET)

        field_3dtiles_uuid = d.pop("3dtiles_uuid", UNSET)

        table_uuid = d.pop("table_uuid", UNSET)

        errors = cast(list[Any], d.pop("errors", UNSET))

        _detail = d.pop("detail", UNSET)
        detail: TaskResultDetail | Unset
        if isinstance(_detail, Unset):
            detail = UNSET
        else:
            detail = TaskResultDetail.from_dict(_detail)

        task_result = cls(
            layer_uuid=layer_uuid,
            raster_uuid=raster_uuid,
            model_uuid=model_uuid,
            file_uuid=file_uuid,
            field_3dtiles_uuid=field_3dtiles_uuid,
            table_uuid=table_uuid,
            errors=errors,
            detail=detail,
        )

        task_result.additional_properties = d
        return task_result

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
