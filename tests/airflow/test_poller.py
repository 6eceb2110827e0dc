"""The shared poller (``taskfacade_airflow._poller``) against the emulator over loopback: members of one key share
one client and one batched poll per interval, each gets a poll at least as often as it asks, a cancelled member
leaves at once, the last one closes the client, errors reach only the members whose jobs they concern, and the
registry is per event loop."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import taskfacade
from airflow_support import make_tokens
from taskfacade.aio import job_from_token
from taskfacade_airflow import _poller
from taskfacade_airflow.hooks import TaskfacadeHook
from taskfacade_emulator import Emulator

BATCH_GET = "POST /2023-10-12/batch-get-task"


class Opener:
    """A client factory (the connection's hook, as the trigger's) that records the clients it opened."""

    def __init__(self, conn_id: str) -> None:
        self.conn_id = conn_id
        self.opened: list[Any] = []

    async def __call__(self) -> Any:
        hook = await TaskfacadeHook.afor_conn_id(self.conn_id)
        client = await hook.aget_client()
        self.opened.append(client)
        return client


def deadline_requests(emu: Emulator) -> int:
    return sum(emu.request_counts().get("deadline", {}).values())


async def member_loop(
    key: str, opener: Callable[[], Awaitable[Any]], token_list: list[str], interval: float, record: list[Any]
) -> None:
    """A trigger's skeleton: join, rebuild, watch, record each poll until all jobs are done."""
    async with _poller.joined(key, opener) as member:
        jobs = [await job_from_token(token, client=member.client) for token in token_list]
        member.watch(jobs, interval)
        while not all(job.done for job in jobs):
            record.append(await member.next_poll())


def test_members_of_one_key_share_one_client_and_batched_polls(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "deadline", 250, run_s=1.5)
    opener = Opener(airflow_conns["deadline"])

    async def main() -> list[list[Any]]:
        records: list[list[Any]] = [[] for _ in tokens]
        emulator.clear_request_counts()
        await asyncio.gather(*(member_loop("k", opener, [t], 0.3, r) for t, r in zip(tokens, records, strict=True)))
        assert _poller.pollers() == {}
        return records

    records = asyncio.run(main())
    assert len(opener.opened) == 1
    polls = {outcome.started for record in records for outcome in record}
    counts = emulator.request_counts()["deadline"]
    assert set(counts) == {BATCH_GET}
    # 250 tasks: three BatchGetTask requests (100 each) per shared poll, never one per member.
    assert counts[BATCH_GET] <= 3 * len(polls)
    assert len(polls) <= 1.5 / 0.3 + 4


def test_a_cancelled_member_leaves_at_once_and_the_last_closes_the_client(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "deadline", 2, run_s=600.0)
    opener = Opener(airflow_conns["deadline"])

    async def main() -> None:
        records: list[list[Any]] = [[], []]
        tasks = [
            asyncio.create_task(member_loop("k", opener, [t], 0.1, r)) for t, r in zip(tokens, records, strict=True)
        ]
        while not all(records):
            await asyncio.sleep(0.02)
        (poller,) = _poller.pollers().values()
        tasks[0].cancel()
        await asyncio.sleep(0)  # the cancelled task runs its finally: it leaves
        assert len(poller.members) == 1
        before = len(records[1])
        await asyncio.sleep(0.35)
        assert len(records[1]) >= before + 2  # the other member goes on being polled
        tasks[1].cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        assert _poller.pollers() == {}
        await asyncio.sleep(0.01)
        assert poller.task.done()
        sent = deadline_requests(emulator)
        await asyncio.sleep(0.4)
        assert deadline_requests(emulator) == sent  # nothing goes out once the last member left
        job = await job_from_token(tokens[0], client=opener.opened[0])
        with pytest.raises(taskfacade.ClientClosed):
            await job.refresh()

    asyncio.run(main())


def test_each_member_is_polled_at_least_as_often_as_it_asks(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    fast_tokens = make_tokens(emulator, "deadline", 1, run_s=600.0)
    slow_tokens = make_tokens(emulator, "deadline", 1, run_s=600.0)
    opener = Opener(airflow_conns["deadline"])
    fast_s, slow_s = 0.3, 1.2
    #: a poll starts when due, so gaps exceed the interval only by the loop's own delay (a busy 2-core machine)
    jitter = 0.15

    async def main() -> tuple[list[Any], list[Any], int]:
        fast: list[Any] = []
        slow: list[Any] = []
        tasks = [
            asyncio.create_task(member_loop("k", opener, fast_tokens, fast_s, fast)),
            asyncio.create_task(member_loop("k", opener, slow_tokens, slow_s, slow)),
        ]
        await asyncio.sleep(3.5)
        (poller,) = _poller.pollers().values()
        polls = poller.polls
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return fast, slow, polls

    fast, slow, polls = asyncio.run(main())
    for record, interval in ((fast, fast_s), (slow, slow_s)):
        starts = [outcome.started for outcome in record]
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert len(gaps) >= 2
        assert max(gaps) <= interval + jitter, (interval, gaps)
    # the slow member rides along with the fast one's polls: it never costs a poll of its own, and is polled at most
    # one fast interval early
    assert polls == len(fast)
    slow_gaps = [b.started - a.started for a, b in itertools.pairwise(slow)]
    assert min(slow_gaps) >= slow_s - fast_s - jitter, slow_gaps


def test_a_lasting_error_reaches_only_the_member_whose_job_it_is(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    good = make_tokens(emulator, "deadline", 3, run_s=600.0)
    seeded = emulator.seeded()["deadline"]
    ids = {key: seeded[key] for key in ("farmId", "queueId", "jobId", "stepId")}
    opener = Opener(airflow_conns["deadline"])

    async def main() -> tuple[Any, Any]:
        async with _poller.joined("k", opener) as a, _poller.joined("k", opener) as b:
            missing = await a.client.task(**ids, taskId="task-" + "0" * 32 + "-0")
            a.watch([await job_from_token(good[0], client=a.client), missing], 0.2)
            b.watch([await job_from_token(t, client=b.client) for t in good[1:]], 0.2)
            return await a.next_poll(), await b.next_poll()

    outcome_a, outcome_b = asyncio.run(main())
    assert len(outcome_a.errors) == 1
    (error,) = outcome_a.errors.values()
    assert isinstance(error, taskfacade.NotFound)
    assert not taskfacade.is_transient(error)
    assert outcome_b.errors == {}


def test_a_transient_error_is_handed_to_the_members_and_polling_goes_on(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "deadline", 2, run_s=600.0)
    opener = Opener(airflow_conns["deadline"])

    async def main() -> list[Any]:
        record: list[Any] = []
        task = asyncio.create_task(member_loop("k", opener, tokens, 0.1, record))
        while not record:
            await asyncio.sleep(0.02)
        emulator.add_faults(service="deadline", action="status", status=503)
        try:
            async with asyncio.timeout(30):
                while not record[-1].errors:  # the client's own retries come first
                    await asyncio.sleep(0.05)
        finally:
            emulator.clear_faults()
        async with asyncio.timeout(30):
            while record[-1].errors:
                await asyncio.sleep(0.05)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return record

    record = asyncio.run(main())
    failed = [outcome for outcome in record if outcome.errors]
    assert failed, "the 503s reached no poll"
    assert all(taskfacade.is_transient(e) for outcome in failed for e in outcome.errors.values())
    assert not record[-1].errors


def test_a_client_that_cannot_be_opened_fails_every_waiting_member_and_the_next_join_retries() -> None:
    calls: list[int] = []

    async def broken() -> Any:
        calls.append(1)
        await asyncio.sleep(0.05)
        raise taskfacade.InvalidArgument("password", None, "an access token", source="Airflow connection 'x'")

    async def join() -> str:
        try:
            async with _poller.joined("x", broken):
                return "joined"
        except taskfacade.InvalidArgument as exc:
            return str(exc)

    async def main() -> None:
        first = await asyncio.gather(join(), join(), join())
        assert all("connection 'x'" in text for text in first), first
        assert calls == [1]  # one attempt for the three members waiting on it
        assert _poller.pollers() == {}
        await join()
        assert calls == [1, 1]

    asyncio.run(main())


def test_the_registry_is_per_event_loop_and_holds_nothing_once_idle(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "deadline", 1, run_s=600.0)
    opener = Opener(airflow_conns["deadline"])
    seen: list[Any] = []

    async def main() -> None:
        record: list[Any] = []
        task = asyncio.create_task(member_loop("k", opener, tokens, 0.1, record))
        while not record:
            await asyncio.sleep(0.02)
        seen.append(_poller.pollers()["k"])
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    asyncio.run(main())
    asyncio.run(main())
    assert len(opener.opened) == 2
    assert seen[0] is not seen[1]
    gc.collect()
    assert len(_poller._LOOPS) == 0
    assert len(_poller._ENDING) == 0


def test_the_poll_runs_in_no_members_context(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    # the triggerer binds each trigger's id into its context (logs, spans): the shared poll must not carry the first's
    trigger_id: contextvars.ContextVar[str] = contextvars.ContextVar("trigger_id", default="none")
    seen: list[str] = []
    hook_opener = Opener(airflow_conns["deadline"])

    async def opener() -> Any:
        seen.append(trigger_id.get())
        return await hook_opener()

    async def first_member() -> None:
        trigger_id.set("trigger-1")
        async with _poller.joined("k", opener):
            pass

    asyncio.run(first_member())
    assert seen == ["none"]
