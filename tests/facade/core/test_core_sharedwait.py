"""Gathered ``AsyncJob.wait()`` calls share polls (``_sharedwait.py``) without sharing what is not theirs: a lasting
error of one job ends that job's wait alone, and a wait only takes the result of a poll its own job was in.

On asyncio and trio, on the real clock (a ``ManualClock`` moves time by every sleeper's sleep, which concurrent
sleepers break), with intervals long enough that a wait which wrongly sleeps one shows as a timeout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import anyio
import pytest
from core_fakejobs import AsyncBatchJob, FakeService
from taskfacade import NotFound, ServerError, SystemClock, WaitTimeout
from taskfacade.aio import AsyncJob


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def service() -> FakeService:
    made = FakeService()
    made.clock = SystemClock()  # type: ignore[assignment]
    made.t0 = made.clock.monotonic()
    return made


class GatedJob(AsyncBatchJob):
    """A batched job whose group refresh records the jobs it was given and can be held at a gate."""

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[AsyncJob[Any]]) -> None:
        gated = [job for job in jobs if isinstance(job, GatedJob)]
        box = gated[0].box
        box["polls"].append(sorted(job.job_id for job in gated))
        gate: anyio.Event | None = box.get("gate")
        if gate is not None:
            box["entered"].set()
            await gate.wait()
        await super()._refresh_many_async(jobs)

    def __init__(self, service: FakeService, job_id: str, box: dict[str, Any]) -> None:
        super().__init__(service, job_id)
        self.box = box


async def _outcome(job: AsyncJob[Any], results: dict[str, Any], interval: float, timeout: float) -> None:
    try:
        results[job.job_id] = await job.wait(interval=interval, timeout=timeout)  # type: ignore[attr-defined]
    except Exception as exc:
        results[job.job_id] = exc  # type: ignore[attr-defined]


@pytest.mark.anyio
async def test_a_missing_job_ends_its_own_wait_not_the_others(anyio_backend: str, service: FakeService) -> None:
    for i in range(6):
        service.add(f"b{i}", 0, 0.2)
    gone = NotFound("b3 was deleted", status=404)
    service.gone["b3"] = gone
    jobs = [AsyncBatchJob(service, f"b{i}") for i in range(6)]
    results: dict[str, Any] = {}
    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            for job in jobs:
                if job is jobs[3]:  # b3 joins the others: trio runs new tasks in random order, and b3 polled
                    await anyio.sleep(0.01)  # alone first would fail alone, with nothing to trace
                group.start_soon(_outcome, job, results, 0.1, 5)
    assert results.pop("b3") is gone
    assert results == {f"b{i}": "DONE" for i in range(6) if i != 3}
    # the failed batch was traced job by job once; later polls batch the five others only
    assert any(kind == "get" for kind, _, _ in service.calls)
    assert service.calls[-1][0] == "batch"
    assert service.calls[-1][2] == 5


@pytest.mark.anyio
async def test_a_transient_error_is_shared_and_tolerated(anyio_backend: str, service: FakeService) -> None:
    for i in range(3):
        service.add(f"t{i}", 0, 0.2)
    service.failures = [ServerError("503", status=503)]
    results: dict[str, Any] = {}
    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            for i in range(3):
                group.start_soon(_outcome, AsyncBatchJob(service, f"t{i}"), results, 0.1, 5)
    assert results == {"t0": "DONE", "t1": "DONE", "t2": "DONE"}
    assert [kind for kind, _, _ in service.calls] == ["batch"] * len(service.calls)  # never traced one by one


@pytest.mark.anyio
async def test_a_wait_joining_during_a_poll_does_not_take_its_result(anyio_backend: str, service: FakeService) -> None:
    service.add("a", 0, 0)
    service.add("b", 0, 0)
    box: dict[str, Any] = {"polls": [], "gate": anyio.Event(), "entered": anyio.Event()}
    first, second = GatedJob(service, "a", box), GatedJob(service, "b", box)
    results: dict[str, Any] = {}
    with anyio.fail_after(3):  # b's interval is 30 s: a wait that took a's poll as its own would sleep it
        async with anyio.create_task_group() as group:
            group.start_soon(_outcome, first, results, 30, 60)
            await box["entered"].wait()  # a's poll is under way, held at the gate
            group.start_soon(_outcome, second, results, 30, 60)
            await anyio.sleep(0.05)  # b's wait has joined and found the poll under way
            box["gate"].set()
            box["gate"] = None
    assert results == {"a": "DONE", "b": "DONE"}
    assert box["polls"] == [["a"], ["a", "b"]] or box["polls"] == [["a"], ["b"]]


@pytest.mark.anyio
async def test_a_fresh_poll_without_the_job_is_not_taken(anyio_backend: str, service: FakeService) -> None:
    service.add("slow", 0, 100)
    service.add("new", 0, 0)
    box: dict[str, Any] = {"polls": []}
    results: dict[str, Any] = {}
    with anyio.fail_after(3):
        async with anyio.create_task_group() as group:
            group.start_soon(_outcome, GatedJob(service, "slow", box), results, 30, 1.5)
            await anyio.sleep(0.1)  # slow's poll has just ended: fresh for 15 s of a 30 s interval
            assert box["polls"] == [["slow"]]
            group.start_soon(_outcome, GatedJob(service, "new", box), results, 30, 60)
    assert results["new"] == "DONE"
    assert isinstance(results["slow"], WaitTimeout)
    assert box["polls"][1] == ["new", "slow"]  # new's own poll (with the waiting slow job: one batch)
