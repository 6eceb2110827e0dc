"""TileDB jobs from continuation tokens (``taskfacade.job_from_token``): ``ServiceInfo.rebuild`` for TileDB."""

from __future__ import annotations

import datetime
from typing import Any

from .._errors import InvalidArgument
from .._token import ids_of
from ._cloud_client import default_client
from ._generated import ArrayTask, ArrayTaskStatus
from ._task import TileDBTask

__all__ = ["rebuild"]

#: The latest submission time a token may carry (the end of year 9999, as far as ``datetime`` goes).
MAX_START = 253_402_300_799


def rebuild(kind: str, client: Any, ids: dict[str, Any], status: str | None, asynchronous: bool) -> Any:
    """A ``TileDBTask`` (or ``AsyncTileDBTask``) from a token's id and status, on ``client`` or the default client
    (``tiledb.default_client()``: ``TILEDB_REST_*``, the profile); no request."""
    body: dict[str, Any] = ids_of(ids, ("id",), "tiledb task")
    start = ids.get("start")
    if start is not None:  # tokens made before it was carried have none: such a task is polled with a GET
        if not isinstance(start, int) or isinstance(start, bool) or not 0 <= start <= MAX_START:
            raise InvalidArgument("token", "start", "a tiledb task token whose start is whole seconds since 1970")
        body["start_time"] = datetime.datetime.fromtimestamp(start, datetime.UTC)
    if status is not None:
        body["status"] = ArrayTaskStatus(status)  # an open enum: a value this version lacks is kept
    task = ArrayTask(**body)
    if asynchronous:  # the async side (anyio) is imported only when asked for
        from .aio._client import default_client as default_async_client
        from .aio._task import AsyncTileDBTask

        return AsyncTileDBTask(task, default_async_client() if client is None else client)
    return TileDBTask(task, default_client() if client is None else client)
