"""The async twin of ``taskfacade.geobox``, with the vendor's ``geobox.aio`` surface.

Port code line by line::

    from taskfacade.geobox.aio import AsyncGeoboxClient            # was: from geobox.aio import AsyncGeoboxClient
    from taskfacade.geobox.aio.task import AsyncTask                # was: from geobox.aio.task import AsyncTask

    async with AsyncGeoboxClient(access_token="...") as client:
        task = await client.get_task(uuid)                          # or await AsyncTask.get_task(client, uuid)
        if await task.wait(timeout=600) == TaskStatus.SUCCESS:
            layer = await task.output_asset

``AsyncTask`` is a ``taskfacade.aio.AsyncJob``: ``taskfacade.aio.wait_all`` and ``as_completed`` wait on it
together with other services' async jobs, polling many Geobox tasks with one list request per ~75 of them.
Sync and async run the same steps (``taskfacade.geobox._ops``, ``_task``). See docs/geobox.md, "Async".
"""

from .._enums import TaskStatus
from .._errors import (
    ApiRequestError,
    ApiRequestTimeout,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    GeoboxError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from ._client import AsyncGeoboxClient
from ._task import AsyncTask

__all__ = [
    "ApiRequestError",
    "ApiRequestTimeout",
    "AsyncGeoboxClient",
    "AsyncTask",
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "GeoboxError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "TaskStatus",
    "ValidationError",
]
