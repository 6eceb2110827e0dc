"""Geobox tasks with the ``geobox`` SDK's surface (seed 003), on taskfacade's transport, errors and Job.

Port code line by line::

    from taskfacade.geobox import GeoboxClient, Task, TaskStatus   # was: from geobox import GeoboxClient ...

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
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    GeoboxError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
)
from ._task import GeoboxTask, Task

__all__ = [
    "DEFAULT_HOST",
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
]
