"""taskfacade's async twin: the same jobs, waiting, retries and errors, awaited in one event loop.

Every service has an ``aio`` module beside its sync one (``taskfacade.geobox.aio``, ``taskfacade.deadline.aio``,
``taskfacade.tiledb.aio``, ``taskfacade.tensorbay.aio``) whose clients return ``AsyncJob`` objects; this module
waits on any mix of them::

    async with geobox.aio.AsyncGeoboxClient(...) as gb, deadline.aio.client(...) as dl:
        jobs = [await gb.get_task(uuid), await dl.task(**ids)]
        statuses = await taskfacade.aio.wait_all(jobs, timeout=600)
        async for job in taskfacade.aio.as_completed(jobs):
            ...

Both poll exactly as their sync twins do (one batch or list request per group of jobs, an adaptive interval, one
overall deadline), refresh the groups of one round concurrently and never block the loop. Cancelling the task
that awaits them stops the polling at once. They run on asyncio and on trio (through anyio, as httpx does).

Sync and async share one source: the decisions (retry planning, failure mapping, polling schedule) are sans-I/O
and each twin adds only its I/O loop (see docs/architecture.md, "Sync and async").
"""

from __future__ import annotations

from ._atransport import AsyncTransport
from ._job import AsyncJob
from ._refresh import refresh_all_async as refresh_all
from ._token import job_from_token_async as job_from_token
from ._wait import as_completed_async as as_completed
from ._wait import wait_all_async as wait_all

__all__ = ["AsyncJob", "AsyncTransport", "as_completed", "job_from_token", "refresh_all", "wait_all"]
