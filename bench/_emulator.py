"""The emulator as a subprocess, and its admin API driven from asyncio: for the async benchmarks in ``bench/``.

The async benchmarks compare *client* CPU time on a 2-core machine, so the emulator must not share the client's
process: :func:`emulator_process` runs ``python -m taskfacade_emulator`` and yields its URL. :class:`Admin` drives
the admin API (``/_emulator/...``, no credentials, not counted as requests) with one ``httpx.AsyncClient``.

Staggered schedules (:func:`plan_groups` then :meth:`Admin.create_planned`) are created with the emulator clock
frozen, so every task starts at the same emulator instant; :meth:`Admin.start_clock` then runs the clock at a chosen
speed and returns the real (monotonic) moment it started, from which each task's real end time follows exactly:
``started + (queued_s + run_s) / speed`` (the emulator computes every state from its clock on each read).

httpx is imported only when an :class:`Admin` is made, so a script's ``--help`` stays instant.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import httpx

SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")
OUTCOMES = ("succeeded", "succeeded", "failed", "canceled")


@contextlib.contextmanager
def emulator_process(*extra: str) -> Iterator[str]:
    """A ``python -m taskfacade_emulator --port 0 --speed 0`` subprocess (plus ``extra`` flags); yields its URL."""
    command = [sys.executable, "-m", "taskfacade_emulator", "--port", "0", "--speed", "0", *extra]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        match = re.match(r"taskfacade emulator listening on (\S+)", proc.stdout.readline())
        if not match:
            raise SystemExit("the emulator did not start")
        yield match.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@attrs.frozen
class Group:
    """Tasks to create in one admin call: they share a service, an outcome and an end time."""

    service: str
    count: int
    outcome: str
    end_s: float  # real seconds after the clock starts (queued 0 s, then running)


@attrs.frozen
class Planned:
    """One created task and when it ends, in real seconds after :meth:`Admin.start_clock`."""

    service: str
    id: str
    outcome: str
    end_s: float


def plan_groups(
    services: Sequence[str], per_service: int, groups_per_service: int, first_s: float, last_s: float
) -> list[Group]:
    """``per_service`` tasks per service in ``groups_per_service`` groups, ending evenly from ``first_s`` to
    ``last_s`` (real seconds), the services' groups interleaved so that no two groups end together.

    Outcomes cycle succeeded, succeeded, failed, canceled over the groups of each service.
    """
    if per_service < groups_per_service:
        groups_per_service = per_service
    slots = len(services) * groups_per_service
    groups = []
    for g in range(groups_per_service):
        size = per_service // groups_per_service + (1 if g < per_service % groups_per_service else 0)
        for s, service in enumerate(services):
            slot = g * len(services) + s
            end = first_s + (last_s - first_s) * slot / max(1, slots - 1)
            groups.append(Group(service, size, OUTCOMES[g % len(OUTCOMES)], end))
    return groups


class Admin:
    """The emulator's admin API from asyncio (one connection, not counted in the emulator's request counts)."""

    def __init__(self, url: str) -> None:
        import httpx

        self.url = url
        self.http: httpx.AsyncClient = httpx.AsyncClient(base_url=url, timeout=60.0)
        self.speed = 0.0

    async def aclose(self) -> None:
        """Close the connection."""
        await self.http.aclose()

    async def _json(self, method: str, path: str, body: Any = None) -> Any:
        response = await self.http.request(method, path, json=body)
        response.raise_for_status()
        return response.json()

    async def seeded(self) -> dict[str, Any]:
        """``GET /_emulator/seeded``: the seeded ids per service (Deadline's farm, queue, job, step; ...)."""
        seeded: dict[str, Any] = await self._json("GET", "/_emulator/seeded")
        return seeded

    async def freeze(self) -> None:
        """Stop the emulator clock (speed 0): tasks created now all start at the same emulator instant."""
        await self._json("POST", "/_emulator/clock", {"speed": 0})
        self.speed = 0.0

    async def start_clock(self, speed: float) -> float:
        """Run the clock at ``speed``; returns the real ``time.monotonic()`` at which it started.

        The change happens while the request is in flight; the midpoint is within half a loopback round trip
        (well under a millisecond) of it.
        """
        before = time.monotonic()
        await self._json("POST", "/_emulator/clock", {"speed": speed})
        self.speed = speed
        return (before + time.monotonic()) / 2

    async def create_planned(self, groups: Sequence[Group], speed: float, **fields: Any) -> list[Planned]:
        """Create every group (the clock must be frozen); ``run_s`` is each group's end in emulator seconds.

        ``fields`` maps a service to its extra create fields (e.g. ``tensorbay={"jobType": "squashAndMerge"}``).
        """
        planned = []
        for group in groups:
            spec = {"service": group.service, "count": group.count, "outcome": group.outcome, "queued_s": 0}
            spec |= {"run_s": group.end_s * speed, **fields.get(group.service, {})}
            ids = (await self._json("POST", "/_emulator/tasks", spec))["ids"]
            planned += [Planned(group.service, task_id, group.outcome, group.end_s) for task_id in ids]
        return planned

    async def clear_requests(self) -> None:
        """``DELETE /_emulator/requests``: the counts start again from zero."""
        await self._json("DELETE", "/_emulator/requests")

    async def requests(self) -> dict[str, dict[str, int]]:
        """``GET /_emulator/requests``: requests served per service and route since the last clear."""
        counts: dict[str, dict[str, int]] = await self._json("GET", "/_emulator/requests")
        return counts


def total(counts: dict[str, dict[str, int]], services: Sequence[str] = SERVICES) -> int:
    """All requests the emulator counted for ``services``."""
    return sum(sum(counts.get(service, {}).values()) for service in services)
