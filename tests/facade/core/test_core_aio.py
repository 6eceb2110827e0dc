"""``taskfacade.aio`` in an event loop: cancellation stops everything at once, the loop is never blocked, and the
async twin runs on asyncio and on trio (through anyio), as ``taskfacade.aio``'s docstring claims."""

from __future__ import annotations

import time
from typing import Any

import anyio
import pytest
import taskfacade
import taskfacade.aio
from core_fakejobs import AsyncBatchJob, AsyncFakeJob, FakeService
from taskfacade import InvalidArgument, ManualClock, SystemClock, WaitTimeout
from taskfacade.aio import AsyncTransport

ITEM = {"id": "a", "status": "RUNNING", "count": 1}


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Every test here runs on both event loops (anyio's pytest plugin)."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def real_clock_service() -> FakeService:
    service = FakeService()
    service.clock = SystemClock()  # type: ignore[assignment]  # real sleeps: the loop must keep running
    service.t0 = service.clock.monotonic()
    return service


@pytest.mark.anyio
async def test_wait_all_mixes_job_kinds_and_batches(anyio_backend: str) -> None:
    clock = ManualClock()
    batched, single = FakeService(clock), FakeService(clock)
    for i in range(150):
        batched.add(f"b{i}", 0, 3)
    single.add("s", 0, 2)
    jobs: list[Any] = [AsyncBatchJob(batched, f"b{i}") for i in range(150)] + [AsyncFakeJob(single, "s")]
    statuses = await taskfacade.aio.wait_all(jobs, interval=1, min_interval=1)
    assert statuses == ["DONE"] * 151
    assert sorted({count for _, _, count in batched.calls}) == [50, 100]  # 150 jobs: two batch calls per poll


@pytest.mark.anyio
async def test_cancelling_a_wait_stops_polling_at_once(anyio_backend: str, real_clock_service: FakeService) -> None:
    real_clock_service.add("forever", 0, 10**9)
    job = AsyncFakeJob(real_clock_service, "forever")
    with anyio.move_on_after(0.3) as scope:
        await job.wait(interval=0.05)
    assert scope.cancelled_caught
    polls = len(real_clock_service.calls)
    assert polls >= 2
    await anyio.sleep(0.3)
    assert len(real_clock_service.calls) == polls  # nothing keeps polling after the cancel


@pytest.mark.anyio
async def test_the_loop_is_never_blocked_while_waiting(anyio_backend: str, real_clock_service: FakeService) -> None:
    """A ticker in the same loop keeps running on time while ``wait_all`` sleeps between polls."""
    for i in range(20):
        real_clock_service.add(f"j{i}", 0, 0.4 + i * 0.01)
    jobs = [AsyncBatchJob(real_clock_service, f"j{i}") for i in range(20)]
    worst = 0.0

    async def ticker() -> None:
        nonlocal worst
        while True:
            start = time.monotonic()
            await anyio.sleep(0.01)
            worst = max(worst, time.monotonic() - start - 0.01)

    async with anyio.create_task_group() as group:
        group.start_soon(ticker)
        assert await taskfacade.aio.wait_all(jobs, interval=0.1) == ["DONE"] * 20
        group.cancel_scope.cancel()
    assert worst < 0.2, worst  # generous for a loaded machine; a blocking sleep of an interval would show here


@pytest.mark.anyio
async def test_as_completed_and_one_deadline(anyio_backend: str) -> None:
    service = FakeService()
    service.add("fast", 0, 1)
    service.add("slow", 0, 100)
    seen: list[str] = []

    async def collect() -> None:
        jobs = [AsyncFakeJob(service, "fast"), AsyncFakeJob(service, "slow")]
        async for job in taskfacade.aio.as_completed(jobs, timeout=10, interval=2):
            seen.append(job.job_id)

    with pytest.raises(WaitTimeout) as caught:
        await collect()
    assert seen == ["fast"]
    assert [j.job_id for j in caught.value.pending] == ["slow"]
    assert service.now() == 10


@pytest.mark.anyio
async def test_sync_jobs_are_refused_by_the_async_wait(anyio_backend: str) -> None:
    from core_fakejobs import FakeJob

    with pytest.raises(TypeError, match=r"taskfacade\.aio\.AsyncJob"):
        await taskfacade.aio.wait_all([FakeJob(FakeService(), "j")])
    with pytest.raises(TypeError, match=r"taskfacade\.aio\.AsyncJob"):
        taskfacade.aio.as_completed(["an id"])  # checked at the call


@pytest.mark.anyio
async def test_async_transport_on_both_loops(anyio_backend: str, server: Any, api: Any) -> None:
    server.script.add("GET", "/v1/items/a", server.reply(503), server.reply(200, ITEM))
    async with AsyncTransport(
        service="t", base_url=server.url, headers=server.headers, clock=ManualClock()
    ) as transport:
        result = await transport.exchange(api.get_item.asyncio_detailed, "a")
    assert result.attempts == 2
    assert result.response.parsed.id == "a"
    assert transport.closed


@pytest.mark.anyio
async def test_a_sync_operation_is_refused_before_anything_is_sent(anyio_backend: str, server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/a", server.reply(200, ITEM))
    async with AsyncTransport(service="t", base_url=server.url, headers=server.headers) as transport:
        with pytest.raises(InvalidArgument, match="asyncio_detailed") as caught:
            await transport.call(api.get_item.sync_detailed, "a")  # would block the loop, unretried
        assert caught.value.parameter == "operation"
        with pytest.raises(InvalidArgument) as listed:
            await transport.perform_all(["not a call"])  # type: ignore[list-item]
        assert listed.value.parameter == "calls"
    assert server.script.seen == []


@pytest.mark.anyio
async def test_cancelling_a_call_abandons_the_request(anyio_backend: str, server: Any, api: Any) -> None:
    server.script.always("GET", "/v1/items/slow", server.reply(200, ITEM, delay=5.0))
    server.script.add("GET", "/v1/items/a", server.reply(200, ITEM))
    async with AsyncTransport(service="t", base_url=server.url, headers=server.headers) as transport:
        started = time.monotonic()
        with anyio.move_on_after(0.2):
            await transport.call(api.get_item.asyncio_detailed, "slow")
        assert time.monotonic() - started < 2.0
        assert (await transport.call(api.get_item.asyncio_detailed, "a")).id == "a"  # the client still works


@pytest.mark.anyio
async def test_gathered_waits_share_their_polls(anyio_backend: str, real_clock_service: FakeService) -> None:
    """250 ``wait()`` calls gathered cost what one ``wait_all`` costs: one batch call per 100 jobs per poll.

    On the real clock (a ``ManualClock`` moves time by every sleeper's sleep, which concurrent sleepers break).
    """
    service = real_clock_service
    for i in range(250):
        service.add(f"b{i}", 0, 0.3 + (i % 3) * 0.1)
    jobs = [AsyncBatchJob(service, f"b{i}") for i in range(250)]
    statuses: list[str] = []

    async def one(job: AsyncBatchJob) -> None:
        statuses.append(await job.wait(interval=0.1, timeout=10))

    started = time.monotonic()
    async with anyio.create_task_group() as group:
        for job in jobs:
            group.start_soon(one, job)
    rounds = (time.monotonic() - started) / 0.1 + 2
    assert statuses == ["DONE"] * 250
    assert [c for c in service.calls if c[0] == "get"] == []
    assert len(service.calls) <= 3 * rounds, (len(service.calls), rounds)  # unshared: 250 calls per round


@pytest.mark.anyio
async def test_a_shared_poll_survives_its_leader_being_cancelled(
    anyio_backend: str, real_clock_service: FakeService
) -> None:
    real_clock_service.add("a", 0, 0.6)
    real_clock_service.add("b", 0, 0.6)
    leader, follower = AsyncBatchJob(real_clock_service, "a"), AsyncBatchJob(real_clock_service, "b")
    results: dict[str, Any] = {}

    async def give_up_soon() -> None:
        with anyio.move_on_after(0.15):
            await leader.wait(interval=0.1)
        results["leader"] = "gave up"

    async def keep_waiting() -> None:
        results["follower"] = await follower.wait(interval=0.1, timeout=5)

    async with anyio.create_task_group() as group:
        group.start_soon(give_up_soon)
        group.start_soon(keep_waiting)
    assert results == {"leader": "gave up", "follower": "DONE"}


@pytest.mark.anyio
async def test_each_shared_wait_keeps_its_own_deadline(anyio_backend: str) -> None:
    clock = ManualClock()
    service = FakeService(clock)
    service.add("slow", 0, 100)
    service.add("fast", 0, 2)
    outcomes: dict[str, Any] = {}

    async def wait(job_id: str, timeout: float) -> None:
        try:
            outcomes[job_id] = await AsyncBatchJob(service, job_id).wait(interval=1, timeout=timeout)
        except WaitTimeout as timed_out:
            outcomes[job_id] = timed_out

    async with anyio.create_task_group() as group:
        group.start_soon(wait, "slow", 5)
        group.start_soon(wait, "fast", 50)
    assert outcomes["fast"] == "DONE"
    assert isinstance(outcomes["slow"], WaitTimeout)
