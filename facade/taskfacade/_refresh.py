"""One batched refresh of many jobs: ``taskfacade.refresh_all`` and ``taskfacade.aio.refresh_all``.

A wait polls until jobs finish; sometimes a caller wants one round only (a scheduler checking its jobs on its own
clock, an Airflow poller sharing one round among many triggers). ``refresh_all`` is that round, with the polling
engine's grouping (``_poll.group_jobs``: one batch or list request per group, e.g. Deadline ``BatchGetTask`` for
100 tasks) and its way of tracing a lasting group failure to the job(s) at fault (``_poll.attribute``: the jobs of
that group are refreshed again one by one), so one deleted task fails alone, not the 99 sharing its batch.

The round itself (``_poll.refresh_jobs`` and ``refresh_jobs_async``, ``id(job) -> error``) lives beside the polling
engine: concurrent ``AsyncJob.wait()`` calls share it too (``_sharedwait.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, overload

from ._check import check_bool
from ._job import AsyncJob, Job, check_async_jobs, check_jobs
from ._poll import refresh_jobs, refresh_jobs_async, unique_jobs

__all__ = ["refresh_all", "refresh_all_async"]


def _answer(
    jobs: Sequence[Any], errors: dict[int, BaseException], return_exceptions: bool
) -> list[BaseException | None] | None:
    if return_exceptions:
        return [errors.get(id(job)) for job in jobs]
    for job in jobs:
        if id(job) in errors:
            raise errors[id(job)]
    return None


@overload
def refresh_all(jobs: Iterable[Job[Any]], *, return_exceptions: Literal[False] = False) -> None: ...
@overload
def refresh_all(jobs: Iterable[Job[Any]], *, return_exceptions: Literal[True]) -> list[BaseException | None]: ...
@overload
def refresh_all(jobs: Iterable[Job[Any]], *, return_exceptions: bool) -> list[BaseException | None] | None: ...
def refresh_all(jobs: Iterable[Job[Any]], *, return_exceptions: bool = False) -> list[BaseException | None] | None:
    """Refresh every job once, with one batch or list request per group of jobs, as ``wait_all`` polls them.

    Jobs of one service and client are refreshed together where the service has a batch or list endpoint
    (Deadline ``BatchGetTask``, 100 tasks a request; Geobox, TileDB and TensorBay listings); finished jobs are
    refreshed too. When a group's request fails for good (not ``taskfacade.is_transient``: a deleted task, a 403)
    and the group holds several jobs, each of them is refreshed again alone, once, to find the job(s) at fault:
    one extra request per job of that group. A transient failure (network, 429, 5xx, after the client's own
    retries) is every job of its group's error. Nothing is retried beyond each client's retry mode.

    Args:
        jobs: ``taskfacade.Job`` objects of any services (duplicates are refreshed once).
        return_exceptions: False: raise the error of the first job (in the order given) whose refresh failed,
            after every job was tried. True: return a list in the order of ``jobs`` holding each job's error, or
            None for each job refreshed.

    Returns:
        None, or with ``return_exceptions`` the list of per-job errors (None where the refresh succeeded).

    Raises:
        InvalidArgument: ``jobs`` is not an iterable of ``taskfacade.Job`` (ids, strings, async jobs...), or
            ``return_exceptions`` is not a bool; before any request.
        Exception: without ``return_exceptions``, the first failed job's error.
    """
    materialized = check_jobs(jobs)
    check_bool("return_exceptions", return_exceptions)
    errors = refresh_jobs(unique_jobs(materialized, "_refresh_many", "taskfacade.Job objects"))
    return _answer(materialized, errors, return_exceptions)


@overload
async def refresh_all_async(jobs: Iterable[AsyncJob[Any]], *, return_exceptions: Literal[False] = False) -> None: ...
@overload
async def refresh_all_async(
    jobs: Iterable[AsyncJob[Any]], *, return_exceptions: Literal[True]
) -> list[BaseException | None]: ...
@overload
async def refresh_all_async(
    jobs: Iterable[AsyncJob[Any]], *, return_exceptions: bool
) -> list[BaseException | None] | None: ...
async def refresh_all_async(
    jobs: Iterable[AsyncJob[Any]], *, return_exceptions: bool = False
) -> list[BaseException | None] | None:
    """``refresh_all`` for async jobs (``taskfacade.aio.refresh_all``): the same groups, tracing and result; the
    groups are refreshed concurrently, and so are (8 at a time) the jobs of a failed group refreshed alone."""
    materialized = check_async_jobs(jobs)
    check_bool("return_exceptions", return_exceptions)
    unique = unique_jobs(materialized, "_refresh_many_async", "taskfacade.aio.AsyncJob objects")
    errors = await refresh_jobs_async(unique)
    return _answer(materialized, errors, return_exceptions)
