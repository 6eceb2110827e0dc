"""What only the async twin has, or what must hold *between* the twins: the same requests for the same wait, a
wait mixing services in one event loop, cancellation, ``async with``, and the async surface's own shape.

(The behaviour both twins share is tested once, parametrized over the ``twin`` fixture: test_tensorbay_faults,
_input, _job, _jobs and _wait.)
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Sequence
from typing import Any

import pytest
import taskfacade
import taskfacade.aio
from taskfacade import JobPhase
from taskfacade.tensorbay import aio
from taskfacade_emulator import Emulator
from tensorbay_support import DATASET, JOB, JOBS, KEY, EmulatorClock, counts, total
from tensorbay_twins import AsyncTwin, SyncTwin

GET_JOB = {"service": "tensorbay", "method": "GET", "path": "/jobs/[^/]+$"}


def _wait_scenario(twin: SyncTwin | AsyncTwin) -> tuple[list[str], dict[str, int], list[float]]:
    """One staggered wait on 15 jobs of both kinds, on a fresh frozen emulator: statuses, requests, sleeps."""
    with Emulator(seed_count=30, speed=0) as emu:
        clock = EmulatorClock(emu)
        with twin.gas(KEY, emu.base_url("tensorbay"), clock=clock) as gas:
            dataset = gas.get_dataset(DATASET)
            jobs = []
            for i in range(15):
                job_type = "squashAndMerge" if i % 3 else "basicSearch"
                outcome = ("succeeded", "failed", "canceled")[i % 3 if i > 9 else 0]
                [job_id] = emu.create_tasks("tensorbay", outcome=outcome, queued_s=1, run_s=2.0 * i + 1,
                                            jobType=job_type)  # fmt: skip
                kind = dataset.squash_and_merge if job_type == "squashAndMerge" else dataset.basic_search
                jobs.append(kind.get_job(job_id))
            emu.clear_request_counts()
            statuses = twin.wait_all(jobs, timeout=300, interval=2)
            return statuses, counts(emu), clock.sleeps


def test_both_twins_make_the_same_requests_for_the_same_wait() -> None:
    sync, asynchronous = SyncTwin(), AsyncTwin()
    try:
        expected = _wait_scenario(sync)
        got = _wait_scenario(asynchronous)
    finally:
        asynchronous.close()
    statuses, used, sleeps = got
    assert got == expected  # statuses, requests by route and the poll schedule: identical
    polls = len(sleeps) + 1
    assert used[JOBS] <= 2 * 2 * polls  # the listings of the batch, not one GET per job per poll
    assert sum(used.values()) < polls * len(statuses) / 2
    assert set(statuses) == {"SUCCESS", "FAILED", "ABORTED"}


class OtherServiceJob(taskfacade.aio.AsyncJob[str]):
    """Another service's async job: finished after a few refreshes (one fake request each)."""

    STATUS_PHASES = {"RUN": JobPhase.RUNNING, "OK": JobPhase.SUCCEEDED}
    refreshes = 0

    def __init__(self, polls: int, clock: EmulatorClock) -> None:
        self.left = polls
        self.clock = clock

    def _peek_status(self) -> str:
        return "OK" if self.left <= 0 else "RUN"

    def _wait_clock(self) -> Any:
        return self.clock

    async def refresh(self) -> None:
        await asyncio.sleep(0)
        OtherServiceJob.refreshes += 1
        self.left -= 1

    @classmethod
    async def _refresh_many_async(cls, jobs: Sequence[taskfacade.aio.AsyncJob[Any]]) -> None:
        for job in jobs:
            await job.refresh()


def test_aio_wait_all_mixes_tensorbay_with_other_services(emu: Emulator, clock: EmulatorClock) -> None:
    async def main() -> tuple[list[Any], int]:
        async with aio.GAS(KEY, emu.base_url("tensorbay"), clock=clock) as gas:
            dataset = await gas.get_dataset(DATASET)
            ids = emu.create_tasks("tensorbay", 5, queued_s=1, run_s=6)
            tb = [await dataset.squash_and_merge.get_job(job_id) for job_id in ids]
            emu.clear_request_counts()
            others = [OtherServiceJob(3, clock), OtherServiceJob(5, clock)]
            jobs: list[taskfacade.aio.AsyncJob[Any]] = [*tb, *others]
            statuses = await taskfacade.aio.wait_all(jobs, timeout=60, interval=1)
            return statuses, total(emu)

    statuses, requests = asyncio.run(main())
    assert statuses == ["SUCCESS"] * 5 + ["OK", "OK"]
    polls = len(clock.sleeps) + 1
    assert requests <= 2 * polls + 5  # two listings a poll, plus one GET per job as it leaves them


def test_cancelling_a_wait_stops_at_once_and_leaves_nothing_running(emu: Emulator) -> None:
    async def main() -> None:
        gas = aio.GAS(KEY, emu.base_url("tensorbay"))
        async with gas:
            dataset = await gas.get_dataset(DATASET)
            job = await dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
            emu.add_faults({**GET_JOB, "action": "latency", "latency_ms": 10000})
            waiting = asyncio.create_task(job.update(until_complete=True, timeout=60, interval=0.1))
            await asyncio.sleep(0.3)  # the wait is inside a request the server holds for 10 s
            start = time.monotonic()
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            assert time.monotonic() - start < 3  # not the 10 s the request would take
            assert asyncio.all_tasks() == {asyncio.current_task()}  # no stray request or poll
            emu.clear_faults()
            await job.refresh()  # the client is still usable
            assert job.status == "QUEUING"
        assert gas.client.transport.closed
        with pytest.raises(taskfacade.ClientClosed):
            await job.refresh()

    asyncio.run(main())


def test_the_async_surface(emu: Emulator, clock: EmulatorClock) -> None:
    async def main() -> None:
        async with aio.GAS(KEY, url=emu.base_url("tensorbay"), clock=clock, retry_mode="forceful") as gas:
            assert gas.client.retry_mode.name == "forceful"
            assert "ACCESSKEY" not in repr(gas) + repr(gas.client)
            dataset = await gas.get_dataset(DATASET)
            assert isinstance(dataset, aio.DatasetClient)
            with pytest.raises(taskfacade.tensorbay.DatasetTypeError):
                await gas.get_dataset(DATASET, is_fusion=True)
            listing = dataset.squash_and_merge.list_jobs(status="QUEUING")  # a plain call: checked, nothing sent
            assert isinstance(listing, aio.AsyncPager)
            job = await dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
            assert isinstance(job, aio.SquashAndMergeJob)
            assert isinstance(job, taskfacade.aio.AsyncJob)
            assert not isinstance(job, taskfacade.Job)
            assert isinstance(job.created_at, int)  # the vendor's types, as in sync
            assert job.created_utc is not None
            assert job.job_id in [j.job_id async for j in listing]
            assert await job.result() is None
            await job.update(until_complete=True, timeout=60, interval=1)
            draft = await job.result()
            assert draft is not None
            assert draft == await dataset.get_draft(draft.number)
            assert draft.number in [d.number async for d in dataset.list_drafts(status="OPEN")]
            assert await dataset.squash_and_merge.list_jobs().count() >= 1
            await dataset.squash_and_merge.delete_job(job.job_id)
            with pytest.raises(taskfacade.tensorbay.ResourceNotExistError):
                await dataset.squash_and_merge.get_job(job.job_id)
            search = await dataset.basic_search.create_job(conjunction="and", filters=[("size", ">", 0)])
            assert await search.wait(timeout=60) == "SUCCESS"
            assert search.result is not None  # no request: a property, as in sync

    asyncio.run(main())


def test_async_objects_refuse_sync_parts() -> None:
    sync_client = taskfacade.tensorbay.Client(KEY, "http://127.0.0.1:9")
    async_client = aio.AsyncClient(KEY, "http://127.0.0.1:9")
    status = taskfacade.tensorbay.Status("main", "c1")
    with pytest.raises(taskfacade.InvalidArgument, match="client"):
        aio.DatasetClient("ds", "D1", sync_client, status=status)
    with pytest.raises(taskfacade.InvalidArgument, match="client"):
        taskfacade.tensorbay.DatasetClient("ds", "D1", async_client, status=status)
    body = {"jobId": "J1", "status": "QUEUING", "title": "t", "arguments": {}}
    with pytest.raises(taskfacade.InvalidArgument, match="job_updater"):
        aio.BasicSearchJob.from_response_body(
            body,
            client=async_client,
            dataset_id="D1",
            job_updater=lambda job_id: {},
            is_fusion=False,  # type: ignore[arg-type]
        )
    with pytest.raises(taskfacade.InvalidArgument, match="access_key"):
        aio.GAS("not-a-key")
    with pytest.raises(taskfacade.InvalidArgument, match="retry_mode"):
        aio.GAS(KEY, retry_mode="sometimes")
    sync_client.close()
    asyncio.run(async_client.aclose())


def test_a_job_fetched_with_a_lost_answer_counts_once(emu: Emulator, clock: EmulatorClock) -> None:
    """A GET retried after a reset is one more request, exactly as in sync (``test_tensorbay_faults``)."""

    async def main() -> None:
        async with aio.GAS(KEY, emu.base_url("tensorbay"), clock=clock) as gas:
            dataset = await gas.get_dataset(DATASET)
            job = await dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
            emu.clear_request_counts()
            emu.add_faults({**GET_JOB, "action": "reset", "count": 1})
            await job.refresh()

    asyncio.run(main())
    assert counts(emu) == {JOB: 2}


def test_runs_under_trio(emu: Emulator, clock: EmulatorClock) -> None:
    """The async twin runs on trio too (its I/O is anyio's, as httpx's): calls, waits, wait_all, cancellation."""
    trio = pytest.importorskip("trio")

    async def main() -> None:
        async with aio.GAS(KEY, emu.base_url("tensorbay"), clock=clock) as gas:
            dataset = await gas.get_dataset(DATASET)
            jobs = [
                await dataset.squash_and_merge.create_job(draft_title=f"d{i}", source_branch_name="dev")
                for i in range(4)
            ]
            await jobs[0].update(until_complete=True, timeout=60, interval=1)
            assert jobs[0].status == "SUCCESS"
            assert await taskfacade.aio.wait_all(jobs, timeout=60, interval=1) == ["SUCCESS"] * 4
            search = await dataset.basic_search.create_job(conjunction="and", filters=[("size", ">", 0)])
            emu.add_faults({**GET_JOB, "action": "latency", "latency_ms": 10000})
            start = time.monotonic()
            with trio.move_on_after(0.3):
                await search.refresh()
            assert time.monotonic() - start < 3  # cancelled inside the request, not after it
            emu.clear_faults()
            await search.refresh()
            assert search.status == "QUEUING"

    trio.run(main)


PAIRS = [
    (taskfacade.tensorbay.GAS, aio.GAS),
    (taskfacade.tensorbay.Client, aio.AsyncClient),
    (taskfacade.tensorbay.DatasetClient, aio.DatasetClient),
    (taskfacade.tensorbay.FusionDatasetClient, aio.FusionDatasetClient),
    (taskfacade.tensorbay.SquashAndMerge, aio.SquashAndMerge),
    (taskfacade.tensorbay.BasicSearch, aio.BasicSearch),
    (taskfacade.tensorbay.TensorBayJob, aio.TensorBayJob),
    (taskfacade.tensorbay.SquashAndMergeJob, aio.SquashAndMergeJob),
    (taskfacade.tensorbay.BasicSearchJob, aio.BasicSearchJob),
]
#: Sync names the async twin spells differently, on purpose (closing; the sync client's raw-call helpers).
SYNC_ONLY = {"close", "call", "send"}
ASYNC_ONLY = {"aclose"}


@pytest.mark.parametrize(("sync", "twin"), PAIRS, ids=[pair[0].__name__ for pair in PAIRS])
def test_the_async_twin_mirrors_the_sync_surface(sync: type, twin: type) -> None:
    """Same public names, same parameters (names, kinds, defaults); a method is a coroutine in the twin exactly
    when it may make a request."""

    def public(cls: type) -> set[str]:
        return {name for name in dir(cls) if not name.startswith("_")}

    assert public(sync) - SYNC_ONLY == public(twin) - ASYNC_ONLY
    for name in [*sorted(public(sync) - SYNC_ONLY), "__init__"]:
        ours, theirs = inspect.getattr_static(sync, name), inspect.getattr_static(twin, name)
        if isinstance(ours, property) and isinstance(theirs, property):
            assert (ours.fset is None) == (theirs.fset is None), name
            continue
        if not callable(ours):
            continue
        ours = getattr(sync, name)
        theirs = getattr(twin, name)
        params = [(p.name, p.kind, p.default) for p in inspect.signature(ours).parameters.values()]
        twin_params = [(p.name, p.kind, p.default) for p in inspect.signature(theirs).parameters.values()]
        assert params == twin_params, name
