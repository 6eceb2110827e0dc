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

from ._wire import PAGE_SIZE, JobFetcher

__all__ = ["LISTED_STATUSES", "MIN_BATCH", "refresh_by_listing"]

#: The statuses of unfinished jobs, listed in this order (a job moving on between the two shows in the later).
LISTED_STATUSES = ("QUEUING", "PROCESSING")
#: Below this many jobs, one GET each is as cheap as the two listings.
MIN_BATCH = 3


class Refreshable(Protocol):
    """What the batch needs from a job."""

    @property
    def job_id(self) -> str: ...

    def refresh(self) -> None: ...

    def _apply_body(self, body: dict[str, Any]) -> None: ...


def refresh_by_listing(fetcher: JobFetcher, jobs: Sequence[Refreshable]) -> None:
    """Refresh ``jobs`` (all of ``fetcher``'s dataset and type) with listings, then GETs for the ones not listed."""
    wanted: dict[str, list[Refreshable]] = {}
    for job in jobs:
        wanted.setdefault(job.job_id, []).append(job)
    unseen = set(wanted)

    def apply(body: dict[str, Any]) -> None:
        for job in wanted.get(str(body.get("jobId")), ()):
            job._apply_body(body)
        unseen.discard(str(body.get("jobId")))

    for status in LISTED_STATUSES:
        _list_status(fetcher, status, apply, lambda: len(unseen))
    for job_id in sorted(unseen):
        for job in wanted[job_id]:
            job.refresh()


def _list_status(
    fetcher: JobFetcher, status: str, apply: Callable[[dict[str, Any]], None], unseen: Callable[[], int]
) -> None:
    """Page through one status's listing while the pages left cost no more than GETs for the unseen jobs."""
    items, total = fetcher.list_page(status, 0)
    for body in items:
        apply(body)
    pages = math.ceil(total / PAGE_SIZE)
    for index in range(1, pages):
        if unseen() == 0 or pages - index > unseen():
            return
        items, _ = fetcher.list_page(status, index * PAGE_SIZE)
        if not items:
            return
        for body in items:
            apply(body)
