"""Waiting on many TileDB tasks: ``wait_all``/``as_completed`` poll them in batches through the task listing."""

from __future__ import annotations

import pytest
import taskfacade
from taskfacade import JobPhase, WaitTimeout
from taskfacade.tiledb import Client, TileDBTask, tasks
from taskfacade_emulator import Emulator
from taskfacade_generated.tiledb.models import ArrayTaskStatus
from tiledb_helpers import GET_ROUTE, LIST_ROUTE, EmuClock, make_client, requests_made


def _staggered(emu: Emulator, client: Client, count: int, *, step: float = 10.0) -> list[TileDBTask]:
    ids: list[str] = []
    outcomes = ("succeeded", "succeeded", "failed", "canceled")
    for i in range(count):
        ids += emu.create_tasks("tiledb", outcome=outcomes[i % 4], queued_s=2, run_s=step * (i + 1), type="UDF")
    found = {t.id: t for t in tasks.fetch_tasks(per_page=1000, client=client)}
    return [found[task_id] for task_id in ids]


def test_as_completed_polls_by_listing_and_notices_each_end_within_one_interval(emu: Emulator, client: Client) -> None:
    jobs = _staggered(emu, client, 30)
    emu.clear_request_counts()
    clock: EmuClock = client.clock  # type: ignore[assignment]
    polls_from = [emu.now()]
    lags, noticed = [], []
    for done in taskfacade.as_completed(jobs, interval=5):
        assert done.finished_utc is not None
        lags.append(emu.now() - done.finished_utc.timestamp())
        noticed.append(emu.now())
    assert len(lags) == 30
    assert max(lags) <= 5.0 + 1e-6
    assert [job.phase for job in jobs] == [
        (JobPhase.SUCCEEDED, JobPhase.SUCCEEDED, JobPhase.FAILED, JobPhase.CANCELED)[i % 4] for i in range(30)
    ]
    gets, lists = requests_made(emu, GET_ROUTE), requests_made(emu, LIST_ROUTE)
    polls = polls_from + clock.woke_at
    naive = sum(sum(1 for seen in noticed if seen >= start) for start in polls)  # one GET per pending task per poll
    assert lists <= len(polls)
    assert gets <= 10
    assert gets + lists < naive / 3


def test_wait_all_returns_statuses_in_order_and_skips_finished_tasks(emu: Emulator, client: Client) -> None:
    jobs = _staggered(emu, client, 6, step=5)
    finished = next(t for t in tasks.fetch_tasks(status="COMPLETED", client=client))
    statuses = taskfacade.wait_all([*jobs, finished, jobs[0]], interval=3)
    assert statuses[:6] == [job.status for job in jobs]
    assert statuses[6] is ArrayTaskStatus.COMPLETED
    assert statuses[-1] is statuses[0]
    assert all(job.done for job in jobs)


def test_unknown_statuses_in_the_listing_keep_tasks_pending(emu: Emulator, client: Client) -> None:
    jobs = _staggered(emu, client, 4, step=5)
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="unknown_enum", count=4)
    emu.add_faults(service="tiledb", path="^/v1/task/", action="unknown_enum", count=4)
    statuses = taskfacade.wait_all(jobs, interval=2)
    assert all(s in (ArrayTaskStatus.COMPLETED, ArrayTaskStatus.FAILED, ArrayTaskStatus.CANCELLED) for s in statuses)
    assert all(job.phase is not JobPhase.UNKNOWN for job in jobs)


def test_tasks_of_two_clients_are_polled_in_two_groups_and_time_out_together(emu: Emulator) -> None:
    first, second = make_client(emu), make_client(emu)
    jobs = _staggered(emu, first, 3, step=400) + _staggered(emu, second, 3, step=400)
    emu.clear_request_counts()
    with pytest.raises(WaitTimeout) as caught:
        taskfacade.wait_all(jobs, timeout=60, interval=10)
    assert set(caught.value.pending) == set(jobs)
    polls = requests_made(emu, LIST_ROUTE)
    assert polls % 2 == 0
    assert polls >= 2 * 5
    assert requests_made(emu, GET_ROUTE) == 0


def test_a_failing_listing_is_a_transient_poll_error(emu: Emulator, client: Client) -> None:
    jobs = _staggered(emu, client, 3, step=5)
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=503, count=8)
    with make_client(emu, retry_mode="disabled") as fragile:
        moved = [TileDBTask(job.array_task, fragile) for job in jobs]
        assert taskfacade.wait_all(moved, interval=2, max_poll_errors=10)
    assert all(job.done for job in moved)


def test_a_busy_time_range_falls_back_to_the_live_listings(
    emu: Emulator, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from taskfacade.tiledb import _batch

    monkeypatch.setattr(_batch, "LISTING_PAGE_SIZE", 3)  # 5 tasks in range: more than one page
    monkeypatch.setattr(_batch, "MOSTLY_OURS", 0)  # as if the range held other tasks too: the live listings
    jobs = _staggered(emu, client, 5, step=10)
    emu.clear_request_counts()
    statuses = taskfacade.wait_all(jobs, interval=4)
    assert statuses == [job.status for job in jobs]
    assert all(job.done for job in jobs)
    assert requests_made(emu, GET_ROUTE) <= 4 + 5  # one GET as each leaves the live listings; the last alone
