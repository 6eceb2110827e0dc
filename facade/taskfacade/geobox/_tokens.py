"""Geobox tasks from continuation tokens (``taskfacade.job_from_token``): ``ServiceInfo.rebuild`` for Geobox."""

from __future__ import annotations

import os
from typing import Any

from .._token import ids_of
from ._client import DEFAULT_HOST, GeoboxClient
from ._task import Task

__all__ = ["rebuild"]


def rebuild(kind: str, client: Any, ids: dict[str, Any], status: str | None, asynchronous: bool) -> Any:
    """A ``Task`` (or ``AsyncTask``) from a token's uuid and status; no request.

    Without ``client``, a ``GeoboxClient`` (or ``AsyncGeoboxClient``) from the environment: ``$GEOBOX_HOST`` (else
    Geobox's own host) and the ``GEOBOX_*`` credentials the client reads itself.
    """
    uuid = ids_of(ids, ("uuid",), "geobox task")["uuid"]
    data = {} if status is None else {"state": status}
    host = os.environ.get("GEOBOX_HOST") or DEFAULT_HOST
    if asynchronous:  # the async side (anyio) is imported only when asked for
        from .aio._client import AsyncGeoboxClient
        from .aio._task import AsyncTask

        return AsyncTask(AsyncGeoboxClient(host) if client is None else client, uuid, data)
    return Task(GeoboxClient(host) if client is None else client, uuid, data)
