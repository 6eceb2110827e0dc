"""TileDB jobs from continuation tokens (``taskfacade.job_from_token``): ``ServiceInfo.rebuild`` for TileDB."""

from __future__ import annotations

from typing import Any

from .._token import ids_of
from ._cloud_client import default_client
from ._generated import ArrayTask, ArrayTaskStatus
from ._task import TileDBTask

__all__ = ["rebuild"]


def rebuild(kind: str, client: Any, ids: dict[str, Any], status: str | None, asynchronous: bool) -> Any:
    """A ``TileDBTask`` (or ``AsyncTileDBTask``) from a token's id and status, on ``client`` or the default client
    (``tiledb.default_client()``: ``TILEDB_REST_*``, the profile); no request."""
    body: dict[str, Any] = ids_of(ids, ("id",), "tiledb task")
    if status is not None:
        body["status"] = ArrayTaskStatus(status)  # an open enum: a value this version lacks is kept
    task = ArrayTask(**body)
    if asynchronous:  # the async side (anyio) is imported only when asked for
        from .aio._client import default_client as default_async_client
        from .aio._task import AsyncTileDBTask

        return AsyncTileDBTask(task, default_async_client() if client is None else client)
    return TileDBTask(task, default_client() if client is None else client)
