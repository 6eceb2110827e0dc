"""Many single-task waits on one Geobox client share their polls, in both twins, against the emulator in real time:
sync ``task.wait()`` from one thread per task (``_sharedwait_threads.py``), async ``task.wait()`` gathered in one
event loop (``_sharedwait_aio.py``). They cost about one list request per poll for all of them, where each wait
alone would send one GET per task per poll; a missing task ends its own wait only; each wait keeps its deadline
and its cancel signal.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from geobox_support import GET_TASK, LIST_TASKS, TOKEN, counts
from taskfacade import WaitCancelled, WaitTimeout
from taskfacade.geobox import GeoboxClient, NotFoundError, Task, TaskStatus
from taskfacade.geobox.aio import AsyncGeoboxClient, AsyncTask
from taskfacade_emulator import Emulator

MISSING = "00000000-0000-4000-8000-000000000000"
INTERVAL = 0.25


@pytest.fixture
def live() -> Iterator[Emulator]:
    """An emulator whose clock runs in real time (concurrent waits sleep for real)."""
    with Emulator(db=None, seed_count=0, speed=1) as emulator:
        yield emulator


def _sync_waits(emu: Emulator, uuids: list[str], options: list[dict[str, Any]]) -> tuple[list[Any], list[float]]:
    """One thread per task, each calling ``task.wait(**options[i])``: each outcome and when it came (s)."""
    results: list[Any] = [None] * len(uuids)
    ended: list[float] = [0.0] * len(uuids)
    with GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN) as client:
        tasks = [Task(client, uuid) for uuid in uuids]  # nothing known yet: the first poll fetches them
        emu.clear_request_counts()
        start = time.monotonic()

        def one(i: int) -> None:
            try:
                results[i] = tasks[i].wait(progress_bar=False, **options[i])
            except Exception as exc:
                results[i] = exc
            ended[i] = time.monotonic() - start

        threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(len(tasks))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
            assert not thread.is_alive()
    return results, ended


def _async_waits(emu: Emulator, uuids: list[str], options: list[dict[str, Any]]) -> tuple[list[Any], list[float]]:
    """``asyncio.gather`` of each ``task.wait(**options[i])`` on one async client: each outcome and when it came."""
    ended: list[float] = [0.0] * len(uuids)

    async def main() -> list[Any]:
        async with AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN) as client:
            tasks = [AsyncTask(client, uuid) for uuid in uuids]
            emu.clear_request_counts()
            start = time.monotonic()

            async def one(i: int) -> Any:
                try:
                    return await tasks[i].wait(progress_bar=False, **options[i])
                finally:
                    ended[i] = time.monotonic() - start

            return await asyncio.gather(*(one(i) for i in range(len(tasks))), return_exceptions=True)

    return asyncio.run(main()), ended


WAYS = {"sync": _sync_waits, "async": _async_waits}


@pytest.mark.parametrize("twin", list(WAYS))
def test_sixty_waits_cost_about_one_list_request_per_poll(live: Emulator, twin: str) -> None:
    uuids = live.create_tasks("geobox", count=60, queued_s=0, run_s=1.5)
    options = [{"timeout": 20, "interval": INTERVAL}] * len(uuids)
    snapshot: list[int] = []
    timer = threading.Timer(0.5, lambda: snapshot.append(sum(counts(live).values())))
    timer.start()
    start = time.monotonic()
    results, ended = WAYS[twin](live, uuids, options)
    elapsed = time.monotonic() - start
    timer.join()
    assert results == [TaskStatus.SUCCESS] * 60
    assert max(ended) <= 1.5 + INTERVAL + 0.5  # each noticed within about one interval
    seen = counts(live)
    # Alone, each wait would send one GET a poll: 60 x ~7 = ~420. Shared: a list request a poll (60 uuids fit
    # one); a poll of one task is a GET (the first leader's, the last wait's).
    assert seen.get(GET_TASK, 0) <= 3
    # While the waits start (threads one after another), a newcomer that finds the last poll ended without its
    # task leads its own: at most one poll per newcomer. After that, about one list request a poll.
    polls = (elapsed - 0.5) / INTERVAL + 1
    assert sum(seen.values()) - snapshot[0] <= 1.5 * polls + 1, (seen, snapshot, polls)
    assert sum(seen.values()) <= len(uuids) + 1.5 * polls + 3, (seen, polls)


@pytest.mark.parametrize("twin", list(WAYS))
def test_a_missing_task_ends_its_own_wait_only(live: Emulator, twin: str) -> None:
    uuids = [*live.create_tasks("geobox", count=4, queued_s=0, run_s=1.0), MISSING]
    options = [{"timeout": 20, "interval": INTERVAL}] * len(uuids)
    results, _ended = WAYS[twin](live, uuids, options)
    assert results[:4] == [TaskStatus.SUCCESS] * 4
    assert isinstance(results[4], NotFoundError)
    # A poll with the missing uuid fails for good and is traced task by task (5 GETs); the missing task's wait
    # then ends, so later polls leave it out. Traced once, twice at most while the threads start, plus the
    # single-task polls (a GET): never a GET per task per poll (~5 x 5 over the second).
    seen = counts(live)
    assert seen.get(GET_TASK, 0) <= 2 * 5 + 3, seen


@pytest.mark.parametrize("twin", list(WAYS))
def test_each_wait_keeps_its_deadline_and_its_cancel_signal(live: Emulator, twin: str) -> None:
    uuids = live.create_tasks("geobox", count=4, queued_s=0, run_s=2.0)
    cancel: Any = threading.Event() if twin == "sync" else None
    options: list[dict[str, Any]] = [
        {"timeout": 0.6, "interval": INTERVAL},
        {"timeout": 1.0, "interval": INTERVAL},
        {"timeout": 20, "interval": INTERVAL},
        {"timeout": 20, "interval": INTERVAL, "cancel": cancel},
    ]
    if twin == "async":
        cancel = _LaterEvent(0.8)
        options[3]["cancel"] = cancel
    else:
        threading.Timer(0.8, cancel.set).start()
    results, ended = WAYS[twin](live, uuids, options)
    # the last poll is timed to end by the deadline (it starts twice a poll's time early), then WaitTimeout
    assert isinstance(results[0], WaitTimeout)
    assert 0.6 - 0.05 <= ended[0] <= 0.6 + 0.3
    assert isinstance(results[1], WaitTimeout)
    assert 1.0 - 0.05 <= ended[1] <= 1.0 + 0.3
    assert results[2] == TaskStatus.SUCCESS
    assert isinstance(results[3], WaitCancelled)
    assert 0.75 <= ended[3] <= 0.8 + INTERVAL + 0.2  # within one interval of the signal (set at ~0.8 s)
    assert set(counts(live)) <= {LIST_TASKS, GET_TASK}


class _LaterEvent:
    """A cancel signal that sets itself ``after`` seconds from its first look (readable from any loop)."""

    def __init__(self, after: float) -> None:
        self.after = after
        self.first: float | None = None

    def is_set(self) -> bool:
        now = time.monotonic()
        if self.first is None:
            self.first = now
        return now - self.first >= self.after
