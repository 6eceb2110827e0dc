"""What only the async twin has: its surface against the sync one's, the client as an async context manager,
credentials read and refreshed off the event loop, batched waits on one loop, and cancellation.

The behaviour both twins share (each operation, errors, faults and retries, validation, paginators, waiters,
wait_all) is tested once for both by the suites taking the ``twin``/``tclient`` fixtures."""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import taskfacade
import taskfacade.aio
from deadline_support import KEY, SECRET, EmulatorClock, deadline_requests, task_ids
from deadline_twins import Twin
from taskfacade import deadline
from taskfacade.deadline import aio as deadline_aio
from taskfacade.deadline._config import ClientConfig
from taskfacade.deadline._refreshing import RefreshingCredentials
from taskfacade_emulator import Emulator

BATCH_ROUTE = "POST /2023-10-12/batch-get-task"


def _options(emu: Emulator, **kwargs: Any) -> dict[str, Any]:
    return {
        "endpoint_url": emu.base_url("deadline"),
        "aws_access_key_id": KEY,
        "aws_secret_access_key": SECRET,
        "environ": {},
        **kwargs,
    }


def _public(cls: type[Any]) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


def test_the_async_client_has_the_sync_surface_with_the_same_signatures() -> None:
    sync, twin = deadline.DeadlineClient, deadline_aio.AsyncDeadlineClient
    assert _public(sync) - {"close"} <= _public(twin)
    operations = [name for name in _public(sync) if name.split("_")[0] in ("get", "list", "batch", "search", "update")]
    operations = [name for name in operations if name not in ("get_paginator", "get_waiter")]
    assert len(operations) == 19
    for name in [*operations, "task", "job"]:
        method = getattr(twin, name)
        assert inspect.iscoroutinefunction(method), name
        assert inspect.signature(method).parameters == inspect.signature(getattr(sync, name)).parameters, name
        assert method.__doc__ == getattr(sync, name).__doc__ or name in ("task", "job")
    assert (
        inspect.signature(deadline_aio.client).parameters.keys() == inspect.signature(deadline.client).parameters.keys()
    )


def test_async_with_and_await_build_the_client_off_the_loop(
    emu: Emulator, seeded: dict[str, Any], step: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = deadline_aio.resolve_client

    def spy(**kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(**kwargs)

    monkeypatch.setattr(deadline_aio, "resolve_client", spy)

    async def main() -> tuple[dict[str, Any], Any]:
        async with deadline_aio.client(**_options(emu)) as client:
            answer = await client.get_task(**task_ids(step, seeded["task_ids"][0]))
            assert client.exceptions is not None
        awaited = await deadline_aio.client(**_options(emu))
        await awaited.close()
        return answer, client

    answer, client = asyncio.run(main())
    assert answer["taskId"] == seeded["task_ids"][0]
    assert len(threads) == 2
    assert threading.main_thread() not in threads  # the shared files and botocore's chain are read in a worker
    assert client._transport.closed


def test_profile_files_resolve_as_in_sync(emu: Emulator, tmp_path: Path, step: dict[str, str]) -> None:
    credentials = tmp_path / "credentials"
    credentials.write_text(f"[dev]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n")
    environ = {"AWS_SHARED_CREDENTIALS_FILE": str(credentials), "AWS_CONFIG_FILE": str(tmp_path / "none")}
    options = {"endpoint_url": emu.base_url("deadline"), "profile_name": "dev", "environ": environ}

    async def main() -> dict[str, Any]:
        async with deadline_aio.client(**options) as client:
            return await client.list_tasks(**step, maxResults=1)

    with deadline.client(**options) as sync:
        expected = sync.list_tasks(**step, maxResults=1)
    assert asyncio.run(main())["tasks"] == expected["tasks"]


def test_a_missing_credential_is_refused_when_entered() -> None:
    async def main() -> None:
        async with deadline_aio.client(endpoint_url="http://127.0.0.1:9", environ={}):
            pass

    with pytest.raises(taskfacade.InvalidArgument):
        asyncio.run(main())


class _Frozen:
    def __init__(self, key: str, secret: str) -> None:
        self.access_key, self.secret_key, self.token = key, secret, None


class _BotocoreLike:
    """botocore refreshing credentials: records the thread each (possibly blocking) fetch runs in."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.expired = True

    def refresh_needed(self) -> bool:
        return self.expired

    def get_frozen_credentials(self) -> _Frozen:
        self.threads.append(threading.current_thread())
        if self.expired:
            time.sleep(0.05)  # an STS round trip: it must not stall the loop
            self.expired = False
        return _Frozen(KEY, SECRET)


def test_refreshing_credentials_are_fetched_off_the_loop_only_when_due(
    emu: Emulator, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    botocore_like = _BotocoreLike()
    source = RefreshingCredentials(botocore_like, "botocore: assume-role")
    config = ClientConfig(credentials=source, region="us-east-1", endpoint_url=emu.base_url("deadline"))
    loop_threads: list[threading.Thread] = []

    async def main() -> None:
        loop_threads.append(threading.current_thread())
        async with deadline_aio.AsyncDeadlineClient(config) as client:
            ticks = 0

            async def ticker() -> None:
                nonlocal ticks
                while True:
                    await asyncio.sleep(0.005)
                    ticks += 1

            beat = asyncio.create_task(ticker())
            await client.get_task(**task_ids(step, seeded["task_ids"][0]))  # first: fetched in a worker
            await client.get_task(**task_ids(step, seeded["task_ids"][1]))  # fresh: read inline
            beat.cancel()
            assert ticks >= 3  # the loop kept running during the 50 ms refresh

    asyncio.run(main())
    fetch_threads = botocore_like.threads
    assert fetch_threads[0] is not loop_threads[0]
    assert fetch_threads[-1] is loop_threads[0]


def test_sigv4_signs_the_same_in_both_flows() -> None:
    import datetime as dt

    import httpx

    now = dt.datetime(2024, 5, 1, 12, 30, 5, tzinfo=dt.UTC)
    auth = deadline.SigV4Auth(deadline.Credentials(KEY, SECRET), "eu-west-1", now=lambda: now)

    def request() -> httpx.Request:
        return httpx.Request("POST", "https://example.com/2023-10-12/x?a=b c", content=b'{"k": 1}')

    sync_request = next(auth.sync_auth_flow(request()))

    async def signed() -> httpx.Request:
        return await auth.async_auth_flow(request()).__anext__()

    async_request = asyncio.run(signed())
    assert async_request.headers["Authorization"] == sync_request.headers["Authorization"]
    assert async_request.url == sync_request.url


def test_wait_all_costs_the_same_requests_on_both_twins(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 1000, queued_s=0, run_s=3)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    emu.advance(5)
    emu.clear_request_counts()
    assert twin.wait_all(tasks, interval=1) == ["SUCCEEDED"] * 1000
    assert emu.request_counts()["deadline"] == {BATCH_ROUTE: 10}  # one poll: 10 BatchGetTasks of 100, no GetTask


def test_the_async_job_refreshes_cancels_and_reads_like_the_sync_one(
    emu: Emulator, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    [running] = emu.create_tasks("deadline", 1, queued_s=0, run_s=600)
    emu.advance(2)

    async def main() -> None:
        async with deadline_aio.client(**_options(emu)) as client:
            task = await client.task(**task_ids(step, seeded["task_ids"][0]))
            assert isinstance(task, taskfacade.aio.AsyncJob)
            assert isinstance(task, deadline_aio.AsyncDeadlineTask)
            assert task.status is None
            assert task.data == {}
            await task.refresh()
            with deadline.client(**_options(emu)) as sync:
                same = sync.task(**task_ids(step, seeded["task_ids"][0]))
                assert task.data == same.data
                assert task.parameters == same.parameters
                assert task.created_utc == same.created_utc
            assert repr(task).startswith("<DeadlineTask task-")
            live = await client.task(**task_ids(step, running))
            await live.abort()
            await live.refresh()
            assert live.status in ("INTERRUPTING", "CANCELED")
            job = await client.job(**{k: step[k] for k in ("farmId", "queueId", "jobId")})
            await job.refresh()
            assert job.status is not None
            assert job.progress is not None

    asyncio.run(main())


@pytest.fixture
def live_emu() -> Iterator[Emulator]:
    with Emulator(seed_count=10, speed=1) as emulator:
        yield emulator


def test_cancelling_a_wait_stops_at_once_and_leaves_nothing_running(live_emu: Emulator) -> None:
    seeded = live_emu.seeded()["deadline"]
    step = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
    ids = live_emu.create_tasks("deadline", 150, queued_s=0, run_s=3600)
    live_emu.add_faults(service="deadline", action="latency", latency_ms=300)  # every request in flight for a while

    async def main() -> tuple[float, set[asyncio.Task[Any]], Any]:
        async with deadline_aio.client(**_options(live_emu)) as client:
            tasks = [await client.task(**task_ids(step, t)) for t in ids]
            waiting = asyncio.create_task(taskfacade.aio.wait_all(tasks, interval=0.2))
            await asyncio.sleep(0.5)  # a poll (two BatchGetTasks of 100 and 50) is on the wire
            started = time.monotonic()
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            took = time.monotonic() - started
            others = asyncio.all_tasks() - {asyncio.current_task()}
            transport = client._transport
        return took, others, transport

    took, others, transport = asyncio.run(main())
    assert took < 0.1
    assert not others
    assert transport.closed
    assert transport.httpx_client.is_closed


def test_a_cancelled_waiter_stops_at_once(live_emu: Emulator) -> None:
    seeded = live_emu.seeded()["deadline"]
    ids = {k: seeded[k] for k in ("farmId", "queueId", "jobId")}

    async def main() -> float:
        async with deadline_aio.client(**_options(live_emu)) as client:
            waiter = client.get_waiter("job_complete")
            waiting = asyncio.create_task(waiter.wait(**ids, WaiterConfig={"Delay": 30, "MaxAttempts": 5}))
            await asyncio.sleep(0.3)  # asleep between two GetJobs
            started = time.monotonic()
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            return time.monotonic() - started

    assert asyncio.run(main()) < 0.1
    assert deadline_requests(live_emu) >= 1


def test_a_throttled_poll_is_retried_after_what_the_server_asked_on_both_twins(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 150, queued_s=0, run_s=3)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    emu.advance(5)
    emu.add_faults(service="deadline", path="/batch-get-task$", action="status", status=429, retry_after=2, count=1)
    emu.clear_request_counts()
    assert twin.wait_all(tasks, interval=1) == ["SUCCEEDED"] * 150
    assert emu.request_counts()["deadline"] == {BATCH_ROUTE: 3}  # 100 + 50, the throttled one once more
    assert 2.0 in clock.sleeps  # Retry-After honoured, on the client's clock


def test_all_of_batches_independent_steps_and_keeps_each_outcome() -> None:
    from taskfacade._steps import Call, Gather
    from taskfacade.deadline._together import all_of

    sent: list[list[str]] = []

    def one(name: str, rounds: int) -> Any:
        for _ in range(rounds):
            answer = yield Call(operation=None, kwargs={"name": name})  # type: ignore[arg-type]
            if answer == "boom":
                raise ValueError(name)
        return name

    def gathered(effect: Any) -> Any:
        assert isinstance(effect, Gather)
        names = [call.kwargs["name"] for call in effect.calls]
        sent.append(names)
        return ["boom" if name == "bad" else "ok" for name in names]

    steps = all_of([one("a", 1), one("bad", 2), one("c", 3)])
    effect = next(steps)
    try:
        while True:
            effect = steps.send(gathered(effect))
    except StopIteration as stop:
        outcomes = stop.value
    assert sent == [["a", "bad", "c"], ["c"], ["c"]]  # one Gather per round, only the unfinished ones
    assert outcomes[0] == "a"
    assert outcomes[2] == "c"
    assert isinstance(outcomes[1], ValueError)


def test_gathered_waits_with_a_missing_task_fail_that_wait_alone(live_emu: Emulator) -> None:
    """``asyncio.gather`` of one ``task.wait()`` per task, one task missing: the shared BatchGetTask fails for good,
    is traced task by task, and only the missing task's wait raises."""
    seeded = live_emu.seeded()["deadline"]
    step = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
    ids = live_emu.create_tasks("deadline", 8, queued_s=0, run_s=1)
    missing = ids[0].rsplit("-", 1)[0] + "-99999"

    async def main() -> list[Any]:
        async with deadline_aio.client(**_options(live_emu)) as client:
            tasks = [await client.task(**task_ids(step, t)) for t in [*ids[:4], missing, *ids[4:]]]
            return await asyncio.gather(
                *(task.wait(interval=0.3, timeout=20) for task in tasks), return_exceptions=True
            )

    results = asyncio.run(main())
    assert isinstance(results[4], taskfacade.NotFound)
    assert results[:4] + results[5:] == ["SUCCEEDED"] * 8
    assert live_emu.request_counts()["deadline"][BATCH_ROUTE] >= 2  # the waits kept sharing batches
