"""Contains all the data models used in inputs/outputs (imported lazily, on first use)"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access_token import AccessToken
    from .asset_base import AssetBase
    from .error_body import ErrorBody
    from .error_detail import ErrorDetail
    from .file_info import FileInfo
    from .file_type import FileType
    from .layer_type import LayerType
    from .login_form import LoginForm
    from .model_3d import Model3D
    from .raster import Raster
    from .response_format import ResponseFormat
    from .table import Table
    from .task import Task
    from .task_count import TaskCount
    from .task_progress import TaskProgress
    from .task_result import TaskResult
    from .task_result_detail import TaskResultDetail
    from .task_status import TaskStatus
    from .tile_3d import Tile3D
    from .validation_error_item import ValidationErrorItem
    from .vector_layer import VectorLayer

_MODULES = {
    "AccessToken": ".access_token",
    "AssetBase": ".asset_base",
    "ErrorBody": ".error_body",
    "ErrorDetail": ".error_detail",
    "FileInfo": ".file_info",
    "FileType": ".file_type",
    "LayerType": ".layer_type",
    "LoginForm": ".login_form",
    "Model3D": ".model_3d",
    "Raster": ".raster",
    "ResponseFormat": ".response_format",
    "Table": ".table",
    "Task": ".task",
    "TaskCount": ".task_count",
    "TaskProgress": ".task_progress",
    "TaskResult": ".task_result",
    "TaskResultDetail": ".task_result_detail",
    "TaskStatus": ".task_status",
    "Tile3D": ".tile_3d",
    "ValidationErrorItem": ".validation_error_item",
    "VectorLayer": ".vector_layer",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)


__all__ = (
    "AccessToken",
    "AssetBase",
    "ErrorBody",
    "ErrorDetail",
    "FileInfo",
    "FileType",
    "LayerType",
    "LoginForm",
    "Model3D",
    "Raster",
    "ResponseFormat",
    "Table",
    "Task",
    "TaskCount",
    "TaskProgress",
    "TaskResult",
    "TaskResultDetail",
    "TaskStatus",
    "Tile3D",
    "ValidationErrorItem",
    "VectorLayer",
)
