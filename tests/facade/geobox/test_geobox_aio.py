"""taskfacade.geobox.aio beyond the twin suite: the vendor's geobox.aio as an oracle, cancellation, concurrency.

The behaviour both twins share (get/list/paging, errors, retries under faults, validation, waits, batching, abort)
is the twin-parametrized suite of this folder. Here: what only the async side has (awaitable properties, one
login for concurrent first requests, cancelling a wait, mixing with other services' async jobs, the loop never
blocked), and the vendor's own async SDK against ours on the same emulator.
"""

from __future__ import annotations

import asyncio
import gc
import time
import warnings
from collections.abc import Iterator
from typing import Any, ClassVar

import anyio
import pytest
import taskfacade
import taskfacade.aio
from geobox_support import GET_TASK, LIST_TASKS, LOGIN, TOKEN, EmulatorClock, counts, total
from taskfacade import JobPhase
from taskfacade.geobox import GeoboxClient, NotFoundError, Task, TaskStatus
from taskfacade.geobox.aio import AsyncGeoboxClient, AsyncTask
from taskfacade_emulator import Emulator

MISSING = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def live() -> Iterator[Emulator]:
    """An emulator whose clock runs in real time: the vendor's wait sleeps for real."""
    with Emulator(db=None, seed_count=10, speed=1) as emulator:
        yield emulator


# -- the vendor's geobox.aio as the oracle ------------------------------------------------------------------------


def _vendor(emu: Emulator) -> Any:
    from geobox.aio import AsyncGeoboxClient as VendorClient

    return VendorClient(host=emu.base_url("geobox") + "/", access_token=TOKEN)  # urljoin keeps /geobox with "/"


async def _observe(client: Any, task_type: Any, uuids: list[str], running: str) -> dict[str, Any]:
    """What a user of either async SDK sees, written once in the vendor's idioms."""
    seen: dict[str, Any] = {}
    tasks = [await client.get_task(uuid) for uuid in uuids]
    seen["statuses"] = [(await task.status).value for task in tasks]
    seen["names"] = [task.data["name"] for task in tasks]
    seen["errors"] = [task.errors for task in tasks]
    seen["progress"] = await (await task_type.get_task(client, running)).progress
    page = await client.get_tasks(limit=5, skip=2, order_by="name A")
    seen["page"] = [task.uuid for task in page]
    seen["count"] = await task_type.get_tasks(client, return_count=True)
    assets = [await task.output_asset for task in tasks]  # the vendor's are AsyncRaster...; ours plain Raster...
    seen["assets"] = [(type(a).__name__.removeprefix("Async"), a and a.uuid) for a in assets]
    try:
        await client.get_task(MISSING)
    except Exception as exc:  # the vendor's and ours: compared by name and message below
        seen["missing"] = (type(exc).__name__, "not found" in str(exc).lower())
    return seen


def test_the_vendors_async_sdk_and_ours_show_the_same(emu: Emulator) -> None:
    uuids = [*emu.seeded()["geobox"]["task_ids"][:6], *emu.create_tasks("geobox", outcome="failed", run_s=0)]
    uuids += emu.create_tasks("geobox", run_s=0, asset="raster")
    (running,) = emu.create_tasks("geobox", queued_s=0, run_s=300)
    emu.advance(100)

    async def both() -> tuple[dict[str, Any], dict[str, Any]]:
        from geobox.aio.task import AsyncTask as VendorTask

        async with _vendor(emu) as vendor:
            theirs = await _observe(vendor, VendorTask, uuids, running)
        async with AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN) as client:
            ours = await _observe(client, AsyncTask, uuids, running)
        return theirs, ours

    theirs, ours = asyncio.run(both())
    assert ours == theirs
    assert ours["missing"] == ("NotFoundError", True)
    assert {"SUCCESS", "FAILURE"} <= set(ours["statuses"])
    assert 30 <= ours["progress"] <= 36


def test_the_vendors_wait_and_abort_and_ours_end_alike(live: Emulator) -> None:
    outcomes = ["succeeded", "failed", "canceled"]

    async def waits(client: Any, aborted: str) -> list[str]:
        uuids = [live.create_tasks("geobox", queued_s=0, run_s=0.6, outcome=o)[0] for o in outcomes]
        tasks = [await client.get_task(uuid) for uuid in uuids]
        finals = await asyncio.gather(*(task.wait(timeout=30, interval=0.1, progress_bar=False) for task in tasks))
        victim = await client.get_task(aborted)
        await victim.abort()
        return [status.value for status in finals] + [(await victim.status).value]

    async def both() -> tuple[list[str], list[str]]:
        first, second = (live.create_tasks("geobox", run_s=600)[0] for _ in range(2))
        async with _vendor(live) as vendor:
            theirs = await waits(vendor, first)
        async with AsyncGeoboxClient(host=live.base_url("geobox"), access_token=TOKEN) as client:
            ours = await waits(client, second)
        return theirs, ours

    theirs, ours = asyncio.run(both())
    assert ours == theirs == ["SUCCESS", "FAILURE", "ABORTED", "ABORTED"]


# -- what only the async twin has ------------------------------------------------------------------------------


def test_awaitable_properties_and_calls(emu: Emulator) -> None:
    (uuid,) = emu.create_tasks("geobox", queued_s=0, run_s=100)
    emu.advance(50)

    async def main() -> None:
        async with AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN) as client:
            task = await client.get_task(uuid)
            emu.clear_request_counts()
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # "coroutine ... was never awaited" would be an error
                _ = task.status, task.progress, task.output_asset  # read, never awaited: nothing is sent
                gc.collect()
            assert total(emu) == 0
            assert await task.status is TaskStatus.PROGRESS  # the vendor's form
            assert await task.status() is TaskStatus.PROGRESS  # called, as a method
            assert await task.progress == await task.progress()
            assert await task.output_asset is None
            await task.refresh_data()
            assert counts(emu) == {GET_TASK: 3, "GET /v1/tasks/{uuid}/status/": 2}
            assert task.phase is JobPhase.RUNNING
            assert not task.done
            assert "AsyncTask(" in repr(task)
            assert "PROGRESS" in repr(task)

    asyncio.run(main())


def test_concurrent_first_requests_log_in_once(emu: Emulator) -> None:
    uuids = emu.seeded()["geobox"]["task_ids"][:8]

    async def main() -> None:
        client = AsyncGeoboxClient(host=emu.base_url("geobox"), username="emulator", password="emulator")
        tasks = await asyncio.gather(*(client.get_task(uuid) for uuid in uuids))  # no `async with` needed
        assert [task.uuid for task in tasks] == uuids
        await client.aclose()
        assert client._transport.httpx_client.is_closed
        with pytest.raises(taskfacade.ClientClosed):
            await tasks[0].refresh()

    asyncio.run(main())
    assert counts(emu) == {LOGIN: 1, GET_TASK: 8}


def test_cancelling_a_wait_stops_polling_at_once(emu: Emulator) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=10_000)

    async def main() -> None:
        async with AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN) as client:
            task = await client.get_task(uuid)
            before = asyncio.all_tasks()
            waiter = asyncio.create_task(task.wait(interval=0.05, progress_bar=False))
            await asyncio.sleep(0.4)
            assert total(emu) >= 3  # it polls
            waiter.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiter
            polled = total(emu)
            await asyncio.sleep(0.3)
            assert total(emu) == polled  # no poll after the cancel
            assert asyncio.all_tasks() == before  # no stray task

            # Cancelled while a request is on the wire: it ends at once, not when the slow answer comes.
            emu.add_faults(service="geobox", method="GET", action="latency", latency_ms=1500)
            others = [await AsyncTask.get_task(client, u) for u in emu.seeded()["geobox"]["task_ids"][:3]]
            hanging = asyncio.create_task(taskfacade.aio.wait_all([task, *others], interval=0.05))
            await asyncio.sleep(0.3)
            start = time.monotonic()
            hanging.cancel()
            with pytest.raises(asyncio.CancelledError):
                await hanging
            assert time.monotonic() - start < 0.5
            assert asyncio.all_tasks() == before
            emu.clear_faults()
        assert client._transport.httpx_client.is_closed

    asyncio.run(main())


class Countdown(taskfacade.aio.AsyncJob[str]):
    """Another service's async job, for mixing: finished after ``left`` refreshes."""

    STATUS_PHASES: ClassVar[dict[Any, JobPhase]] = {"RUNNING": JobPhase.RUNNING, "DONE": JobPhase.SUCCEEDED}

    def __init__(self, left: int, clock: Any) -> None:
        self.left, self.clock, self.refreshes = left, clock, 0

    def _peek_status(self) -> str:
        return "DONE" if self.left <= 0 else "RUNNING"

    async def refresh(self) -> None:
        self.refreshes += 1
        self.left -= 1

    def _wait_clock(self) -> Any:
        return self.clock


def test_wait_all_mixes_services_and_batches_geobox(emu: Emulator, clock: EmulatorClock) -> None:
    uuids = emu.create_tasks("geobox", queued_s=2, run_s=30, count=150)

    async def main() -> list[Any]:
        async with AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock) as client:
            tasks = [AsyncTask(client, uuid) for uuid in uuids]  # nothing known yet: the first poll fetches them
            other = Countdown(3, clock)
            emu.clear_request_counts()
            clock.sleeps.clear()
            statuses = await taskfacade.aio.wait_all([*tasks, other], timeout=600, interval=4)
            assert other.refreshes == 3
            return statuses

    statuses = asyncio.run(main())
    assert statuses == [TaskStatus.SUCCESS] * 150 + ["DONE"]
    polls = len(clock.sleeps) + 1
    assert counts(emu) == {LIST_TASKS: 2 * polls}  # 150 uuids: 2 list requests a poll, never one GET per task


def test_batched_waiting_costs_the_sync_requests() -> None:
    """The same wait on both twins, on two identical emulators: the same requests, poll by poll."""

    def scenario(make: Any) -> tuple[list[Any], dict[str, int], list[float]]:
        with Emulator(db=None, seed_count=0, speed=0) as emu:
            uuids = [emu.create_tasks("geobox", queued_s=i % 3, run_s=5 + i)[0] for i in range(90)]
            clock = EmulatorClock(emu)
            (statuses,) = make(emu, clock, uuids)
            return statuses, counts(emu), clock.sleeps

    def sync(emu: Emulator, clock: EmulatorClock, uuids: list[str]) -> tuple[list[Any]]:
        with GeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock) as client:
            return (taskfacade.wait_all([Task(client, uuid) for uuid in uuids], interval=8),)

    def aio(emu: Emulator, clock: EmulatorClock, uuids: list[str]) -> tuple[list[Any]]:
        async def main() -> list[Any]:
            async with AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock) as client:
                return await taskfacade.aio.wait_all([AsyncTask(client, uuid) for uuid in uuids], interval=8)

        return (asyncio.run(main()),)

    assert scenario(sync) == scenario(aio)


def test_validation_before_any_request_and_loop_never_blocked(emu: Emulator) -> None:
    async def main() -> float:
        async with AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=TOKEN) as client:
            with pytest.raises(taskfacade.InvalidArgument, match="limit"):
                await client.get_tasks(limit=0)
            with pytest.raises(taskfacade.InvalidArgument, match="page_size"):
                client.iter_tasks(page_size=0)  # at the call, before `async for`
            with pytest.raises(taskfacade.InvalidArgument, match="retry"):
                await AsyncTask(client, MISSING).wait(retry=-1)
            with pytest.raises(taskfacade.InvalidArgument, match="api"):
                AsyncTask(GeoboxClient(access_token=TOKEN), MISSING)  # type: ignore[arg-type]
            assert total(emu) == 0
            with pytest.raises(NotFoundError):
                await client.get_task(MISSING)

            lag = 0.0

            async def heartbeat() -> None:
                nonlocal lag
                while True:
                    start = time.monotonic()
                    await asyncio.sleep(0.005)
                    lag = max(lag, time.monotonic() - start - 0.005)

            beat = asyncio.create_task(heartbeat())
            uuids = emu.create_tasks("geobox", run_s=0, count=300)
            tasks = [AsyncTask(client, uuid) for uuid in uuids]
            await taskfacade.aio.wait_all(tasks, interval=0.05)
            walked = [task.uuid async for task in client.iter_tasks(page_size=50)]
            assert set(uuids) <= set(walked)
            beat.cancel()
            return lag

    assert asyncio.run(main()) < 0.25  # parsing a page of tasks is the longest the loop is held


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_it_runs_on_asyncio_and_on_trio(live: Emulator, backend: str) -> None:
    """The async client, a wait and ``taskfacade.aio.wait_all`` on both event loops (through anyio, as httpx)."""
    uuids = live.create_tasks("geobox", 3, queued_s=0.2, run_s=1)

    async def main() -> list[str]:
        async with AsyncGeoboxClient(host=live.base_url("geobox"), access_token="emulator-token") as client:
            tasks = [await client.get_task(uuid) for uuid in uuids]
            first = await tasks[0].wait(interval=0.05, timeout=30, progress_bar=False)
            rest = await taskfacade.aio.wait_all(tasks[1:], timeout=30, interval=0.05)
            return [first.value, *(status.value for status in rest)]

    assert anyio.run(main, backend=backend) == ["SUCCESS"] * 3
