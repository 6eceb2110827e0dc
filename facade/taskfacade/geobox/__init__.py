"""Geobox tasks with the ``geobox`` SDK's surface (seed 003), on taskfacade's transport, errors and Job.

Port code line by line::

    from taskfacade.geobox import GeoboxClient                     # was: from geobox import GeoboxClient
    from taskfacade.geobox.task import Task                         # was: from geobox.task import Task
    from taskfacade.geobox.enums import TaskStatus                  # was: from geobox.enums import TaskStatus

    client = GeoboxClient(access_token="...")                      # or apikey=, username=/password=, GEOBOX_*
    task = Task.get_task(client, uuid="...")                       # or client.get_task(uuid)
    if task.wait(timeout=600) == TaskStatus.SUCCESS:
        layer = task.output_asset                                  # VectorLayer, Raster, Model, File, Tile3d, Table

``Task`` is also ``GeoboxTask``, a ``taskfacade.Job``: ``phase``, ``done`` and ``taskfacade.wait_all`` work on it,
and ``wait_all`` polls many Geobox tasks with one list request per ~75 tasks. See docs/geobox.md.
"""

from ._assets import Asset, File, Model, Raster, Table, Tile3d, UnknownAsset, VectorLayer
from ._client import DEFAULT_HOST, GeoboxClient
from ._enums import FileType, LayerType, TaskStatus
from ._errors import (
    ApiRequestError,
    ApiRequestTimeout,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    GeoboxError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
    WorkflowGraphError,
    WorkflowNodeError,
    WorkflowRunError,
)
from ._task import GeoboxTask, Task

__all__ = [
    "DEFAULT_HOST",
    "ApiRequestError",
    "ApiRequestTimeout",
    "Asset",
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "File",
    "FileType",
    "GeoboxClient",
    "GeoboxError",
    "GeoboxTask",
    "LayerType",
    "Model",
    "NotFoundError",
    "Raster",
    "RateLimitError",
    "ServerError",
    "Table",
    "Task",
    "TaskStatus",
    "Tile3d",
    "UnexpectedStatusError",
    "UnknownAsset",
    "ValidationError",
    "VectorLayer",
    "WorkflowGraphError",
    "WorkflowNodeError",
    "WorkflowRunError",
]
