"""The adaptive rate limiter end to end: many concurrent pollers (threads in sync, tasks in async), each with its
own client, against the emulator's ``throttle`` rule; with ``rate_limit="adaptive"`` they share one limiter and
the share of 429s after the first seconds drops."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from taskfacade import RateLimited, SystemClock, Timeout, Transport
from taskfacade._options import ClientOptions
from taskfacade._retry import RetryPolicy
from taskfacade.aio import AsyncTransport
from taskfacade_generated.geobox.api.tasks import get_task
from taskfacade_generated.geobox.models import Task

from .test_core_emulator import TOKEN, Bearer

RATE = 20  # requests per second the emulator lets through
POLLERS = 20
SECONDS = 4.0
EARLY = 1.0


@pytest.fixture
def emu(taskfacade_emulator_session: Any) -> Iterator[Any]:
    emu = taskfacade_emulator_session
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/", action="throttle", rate=RATE)
    yield emu
    emu.clear_faults()


def _options() -> ClientOptions:
    # a clock of its own: a limiter is shared per endpoint *and clock*, so no other test's limiter is reused
    return ClientOptions(rate_limit="adaptive", retry_mode="disabled", clock=SystemClock())


def _shares(outcomes: list[tuple[float, bool]], start: float) -> tuple[float, float]:
    """The throttled share of the first ``EARLY`` seconds and of the rest."""
    early = [throttled for at, throttled in outcomes if at - start < EARLY]
    late = [throttled for at, throttled in outcomes if at - start >= EARLY]
    assert early
    assert late
    return sum(early) / len(early), sum(late) / len(late)


def _check(early: float, late: float) -> None:
    assert early > 0.2  # unlimited at first, the pollers outrun the rate
    assert late < 0.25
    assert late < early / 2


def test_sync_pollers_in_threads_slow_down_together(emu: Any) -> None:
    task_id = str(emu.seeded()["geobox"]["task_ids"][0])
    options = _options()
    outcomes: list[tuple[float, bool]] = []
    lock = threading.Lock()
    start = time.monotonic()

    def poll() -> None:
        with Transport(service="geobox", base_url=emu.base_url("geobox"), auth=Bearer(TOKEN), options=options) as t:
            while time.monotonic() - start < SECONDS:
                try:
                    t.call(get_task.sync_detailed, expect=Task, uuid=task_id)
                    throttled = False
                except RateLimited:
                    throttled = True
                with lock:
                    outcomes.append((time.monotonic(), throttled))

    threads = [threading.Thread(target=poll) for _ in range(POLLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _check(*_shares(outcomes, start))


def test_async_pollers_in_tasks_slow_down_together(emu: Any) -> None:
    task_id = str(emu.seeded()["geobox"]["task_ids"][0])
    options = _options()
    outcomes: list[tuple[float, bool]] = []
    start = time.monotonic()

    async def poll() -> None:
        t = AsyncTransport(service="geobox", base_url=emu.base_url("geobox"), auth=Bearer(TOKEN), options=options)
        async with t:
            while time.monotonic() - start < SECONDS:
                try:
                    await t.call(get_task.asyncio_detailed, expect=Task, uuid=task_id)
                    throttled = False
                except RateLimited:
                    throttled = True
                outcomes.append((time.monotonic(), throttled))

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for _ in range(POLLERS):
                group.start_soon(poll)

    anyio.run(main)
    _check(*_shares(outcomes, start))


def _throttle_once(emu: Any, transport: Transport, task_id: str) -> None:
    """Requests back to back until the service throttles one: the limiter is on from then."""
    for _ in range(RATE * 5):
        try:
            transport.call(get_task.sync_detailed, expect=Task, uuid=task_id)
        except RateLimited:
            return
    raise AssertionError("the throttle rule never answered 429")


def test_a_call_that_would_get_no_slot_within_its_budget_is_refused_unsent(emu: Any) -> None:
    task_id = str(emu.seeded()["geobox"]["task_ids"][0])
    with Transport(service="geobox", base_url=emu.base_url("geobox"), auth=Bearer(TOKEN), options=_options()) as t:
        _throttle_once(emu, t, task_id)
        limiter = t.rate_limiter
        assert limiter is not None
        rate = limiter.rate
        assert rate is not None
        now = t.clock.monotonic()
        queued = [limiter.acquire(now) for _ in range(int(rate * 3))]  # others ahead: about 3 s of sends
        emu.clear_request_counts()
        short = RetryPolicy("short", max_attempts=1, budget=0.5, retry_statuses=frozenset())
        with pytest.raises(Timeout, match="no send slot within"):
            t.call(get_task.sync_detailed, expect=Task, uuid=task_id, retry=short)
        assert sum(emu.request_counts().get("geobox", {}).values()) == 0  # nothing was sent
        assert limiter.waiting == sum(slot.ticket is not None for slot in queued)  # its place was given back
        for slot in queued:
            limiter.release(slot.ticket)
        t.call(get_task.sync_detailed, expect=Task, uuid=task_id)  # with the queue gone, it goes through


def test_a_cancelled_async_caller_gives_its_place_back(emu: Any) -> None:
    task_id = str(emu.seeded()["geobox"]["task_ids"][0])
    options = _options()
    with Transport(service="geobox", base_url=emu.base_url("geobox"), auth=Bearer(TOKEN), options=options) as t:
        _throttle_once(emu, t, task_id)
        limiter = t.rate_limiter
        assert limiter is not None
        queued = [limiter.acquire(t.clock.monotonic()) for _ in range(200)]  # seconds of sends ahead

    async def main() -> None:
        async with AsyncTransport(
            service="geobox", base_url=emu.base_url("geobox"), auth=Bearer(TOKEN), options=options
        ) as at:
            assert at.rate_limiter is limiter  # one limiter per endpoint, sync and async alike
            before = limiter.waiting
            with anyio.move_on_after(0.3):
                await at.call(get_task.asyncio_detailed, expect=Task, uuid=task_id)
            assert limiter.waiting == before

    anyio.run(main)
    for slot in queued:
        limiter.release(slot.ticket)


class _StuckClock:
    """A careless test clock: time never moves and ``sleep`` returns at once."""

    def __init__(self) -> None:
        self.sleeps = 0

    def monotonic(self) -> float:
        return 100.0

    def time(self) -> float:
        return 1_700_000_000.0

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        assert self.sleeps < 50, "the transport keeps sleeping on a clock that does not move"


def test_a_clock_that_does_not_move_is_not_spun_on(taskfacade_emulator_session: Any) -> None:
    emu = taskfacade_emulator_session
    task_id = str(emu.seeded()["geobox"]["task_ids"][0])
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/", action="status", status=429, count=1)
    clock = _StuckClock()
    options = ClientOptions(rate_limit="adaptive", clock=clock)
    try:
        with Transport(service="geobox", base_url=emu.base_url("geobox"), auth=Bearer(TOKEN), options=options) as t:
            t.call(get_task.sync_detailed, expect=Task, uuid=task_id)  # a 429, then its retry waits on the limiter
            assert t.rate_limiter is not None
            assert t.rate_limiter.rate is not None  # on since the 429
            t.call(get_task.sync_detailed, expect=Task, uuid=task_id)
    finally:
        emu.clear_faults()
    assert clock.sleeps <= 3  # the retry's backoff and one nap per call: then sent, since time did not move
