"""Refreshing many jobs of one dataset and type through the job list endpoint (for ``wait_all``/``as_completed``).

An unfinished job is QUEUING or PROCESSING, so two filtered listings (``?jobType=T&status=QUEUING``, then
``PROCESSING``) show every job still going; a job in neither has finished (or has a status this version does not
know) and is fetched once by id. So a poll costs about two requests plus one per job that just finished, instead
of one GET per job. When the listings would need more pages than there are jobs left to find (a dataset with
thousands of live jobs), the rest are fetched by id instead: never worse than one GET each.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from .._steps import Steps
from ._wire import PAGE_SIZE, JobSource

__all__ = ["LISTED_STATUSES", "MIN_BATCH", "refresh_by_listing_steps"]

#: The statuses of unfinished jobs, listed in this order (a job moving on between the two shows in the later).
LISTED_STATUSES = ("QUEUING", "PROCESSING")
#: Below this many jobs, one GET each is as cheap as the two listings.
MIN_BATCH = 3


class Refreshable(Protocol):
    """What the batch needs from a job (sync or async: the steps are shared)."""

    @property
    def job_id(self) -> str: ...

    def _refresh_steps(self) -> Steps[None]: ...

    def _apply_body(self, body: dict[str, Any]) -> None: ...


def refresh_by_listing_steps(source: JobSource, jobs: Sequence[Refreshable]) -> Steps[None]:
    """Refresh ``jobs`` (all of ``source``'s dataset and type) with listings, then GETs for the ones not listed."""
    wanted: dict[str, list[Refreshable]] = {}
    for job in jobs:
        wanted.setdefault(job.job_id, []).append(job)
    unseen = set(wanted)

    def apply(body: dict[str, Any]) -> None:
        for job in wanted.get(str(body.get("jobId")), ()):
            job._apply_body(body)
        unseen.discard(str(body.get("jobId")))

    for status in LISTED_STATUSES:
        yield from _list_status(source, status, apply, lambda: len(unseen))
    for job_id in sorted(unseen):
        for job in wanted[job_id]:
            yield from job._refresh_steps()


def _list_status(
    source: JobSource, status: str, apply: Callable[[dict[str, Any]], None], unseen: Callable[[], int]
) -> Steps[None]:
    """Page through one status's listing while the pages left cost no more than GETs for the unseen jobs."""
    items, total = yield from source.page_steps(status, 0)
    for body in items:
        apply(body)
    pages = math.ceil(total / PAGE_SIZE)
    for index in range(1, pages):
        if unseen() == 0 or pages - index > unseen():
            return
        items, _ = yield from source.page_steps(status, index * PAGE_SIZE)
        if not items:
            return
        for body in items:
            apply(body)
