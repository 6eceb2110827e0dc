"""Deadline jobs from continuation tokens (``taskfacade.job_from_token``): ``ServiceInfo.rebuild`` for Deadline."""

from __future__ import annotations

from typing import Any

from .._token import ids_of
from . import client as sync_client
from ._job import _LIFECYCLE_PHASES, JOB_IDS, AsyncDeadlineJob, DeadlineJob
from ._task import IDS, AsyncDeadlineTask, DeadlineTask

__all__ = ["rebuild"]


def _default_client(asynchronous: bool) -> Any:
    """``deadline.client()`` (or its async twin) as boto3's default session builds it: ``AWS_*``, ``~/.aws``."""
    if asynchronous:  # the async side (anyio) is imported only when asked for
        from .aio import client as async_client

        return async_client()._build()  # no I/O but the shared files, read here as the sync client reads them
    return sync_client()


def rebuild(kind: str, client: Any, ids: dict[str, Any], status: str | None, asynchronous: bool) -> Any:
    """A ``DeadlineTask``/``DeadlineJob`` (or async twin) from a token's ids and status, on ``client`` or a
    default client from the environment; no request."""
    chosen = _default_client(asynchronous) if client is None else client
    if kind == "task":
        data = None if status is None else {"runStatus": status}
        task_class = AsyncDeadlineTask if asynchronous else DeadlineTask
        return task_class(chosen, ids_of(ids, IDS, "deadline task"), data)
    job_class = AsyncDeadlineJob if asynchronous else DeadlineJob
    job = job_class(chosen, ids_of(ids, JOB_IDS, "deadline job"))
    if status is not None:
        job._data = {"lifecycleStatus" if status in _LIFECYCLE_PHASES else "taskRunStatus": status}
    return job
