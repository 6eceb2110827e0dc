"""DeadlineTask as a taskfacade.Job: phases, wait, cancel, and batched polling through BatchGetTask.

The tests taking ``twin`` run against the sync client and its async twin (``taskfacade.deadline.aio``: jobs are
``AsyncDeadlineTask``s awaited by ``taskfacade.aio.wait_all``), with the same request counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import taskfacade
from deadline_support import EmulatorClock, deadline_requests, task_ids
from deadline_twins import Twin
from taskfacade import JobPhase, deadline
from taskfacade_emulator import Emulator

BATCH_ROUTE = "POST /2023-10-12/batch-get-task"


def test_phase_table() -> None:
    phases = {status: deadline.DeadlineTask.phase_of(status) for status in deadline.DeadlineTask.STATUS_PHASES}
    assert len(phases) == 12
    assert [s for s, p in phases.items() if p.finished] == ["CANCELED", "FAILED", "NOT_COMPATIBLE", "SUCCEEDED"]
    assert phases["SUSPENDED"] is JobPhase.SUSPENDED
    assert phases["INTERRUPTING"] is JobPhase.RUNNING
    assert deadline.DeadlineTask.phase_of("FUTURE_VALUE") is JobPhase.UNKNOWN
    assert deadline.DeadlineTask.phase_of(None) is JobPhase.UNKNOWN  # not fetched yet: never finished


def test_wait_returns_the_final_status(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    [task_id] = emu.create_tasks("deadline", 1, outcome="failed", queued_s=5, run_s=20)
    task = tclient.task(**task_ids(step, task_id))
    assert isinstance(twin.unwrap(task), twin.job_base)
    assert task.phase is JobPhase.UNKNOWN
    start = emu.now()
    assert task.wait(interval=1) == "FAILED"  # a failure is a result, not an exception
    assert task.phase is JobPhase.FAILED
    assert task.done
    assert task.started_utc is not None
    assert task.finished_utc is not None
    assert 25 <= emu.now() - start <= 26 + 1e-6  # noticed within one interval of the end
    assert clock.sleeps
    assert max(clock.sleeps) <= 1


def test_cancel_a_running_task(emu: Emulator, twin: Twin, tclient: Any, step: dict[str, str]) -> None:
    [task_id] = emu.create_tasks("deadline", 1, queued_s=0, run_s=600)
    emu.advance(5)
    task = tclient.task(**task_ids(step, task_id))
    if twin.is_async:  # lazy in both; only the sync twin's ``status`` fetches on first read
        assert task.status is None
        task.refresh()
    assert task.status == "RUNNING"
    assert task.phase is JobPhase.RUNNING
    task.cancel()
    task.refresh()
    assert task.status == "INTERRUPTING"
    assert not task.done
    assert task.wait(interval=0.5) == "CANCELED"
    assert task.phase is JobPhase.CANCELED
    [other] = emu.create_tasks("deadline", 1, queued_s=60, run_s=600)
    queued = tclient.task(**task_ids(step, other))
    queued.abort()
    assert queued.wait(interval=0.5) == "CANCELED"


def test_wait_timeout_is_one_overall_deadline(emu: Emulator, tclient: Any, step: dict[str, str]) -> None:
    [task_id] = emu.create_tasks("deadline", 1, queued_s=0, run_s=3600)
    task = tclient.task(**task_ids(step, task_id))
    start = emu.now()
    with pytest.raises(taskfacade.WaitTimeout) as caught:
        task.wait(timeout=30, interval=5)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.pending == [task]
    assert emu.now() - start <= 30 + 1e-6


def test_unknown_status_never_ends_a_wait(
    emu: Emulator, tclient: Any, seeded: dict[str, Any], step: dict[str, str]
) -> None:
    task = tclient.task(**task_ids(step, seeded["task_ids"][0]))  # a finished task...
    emu.add_faults(service="deadline", action="unknown_enum")  # ...that now reports a status we do not know
    with pytest.raises(taskfacade.WaitTimeout):
        task.wait(timeout=10, interval=1)
    assert task.status == "FUTURE_VALUE"
    assert task.phase is JobPhase.UNKNOWN


def test_transient_poll_failures_are_tolerated(emu: Emulator, twin: Twin, step: dict[str, str]) -> None:
    [task_id] = emu.create_tasks("deadline", 1, queued_s=0, run_s=10)
    emu.add_faults(service="deadline", action="status", status=503, count=3)
    with twin.client(retry_mode="disabled") as client:
        task = client.task(**task_ids(step, task_id))
        assert task.wait(interval=2) == "SUCCEEDED"
        emu.add_faults(service="deadline", action="status", status=503)
        with pytest.raises(taskfacade.ServerError):
            client.task(**task_ids(step, task_id)).wait(interval=1, max_poll_errors=2)


def test_wait_all_polls_in_batches_of_100(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids: list[str] = []
    for k in range(5):  # 250 tasks ending at five staggered times, 3 of 5 groups failing or canceled
        outcome = ("succeeded", "failed", "canceled", "succeeded", "succeeded")[k]
        ids += emu.create_tasks("deadline", 50, outcome=outcome, queued_s=k, run_s=10 + 7 * k)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    emu.clear_request_counts()
    statuses = twin.wait_all(tasks, interval=2)
    assert statuses == ["SUCCEEDED"] * 50 + ["FAILED"] * 50 + ["CANCELED"] * 50 + ["SUCCEEDED"] * 100
    counts = emu.request_counts()["deadline"]
    assert set(counts) == {BATCH_ROUTE}  # no GetTask at all
    polls = len(clock.sleeps) + 1
    assert polls >= 10
    assert counts[BATCH_ROUTE] <= 3 * polls
    assert counts[BATCH_ROUTE] <= 0.02 * 250 * polls  # against one GetTask per task per poll


def test_as_completed_notices_each_end_within_one_interval(
    emu: Emulator, twin: Twin, tclient: Any, step: dict[str, str]
) -> None:
    ids = [emu.create_tasks("deadline", 1, queued_s=0, run_s=4 + 3 * k)[0] for k in range(8)]
    tasks = [tclient.task(**task_ids(step, t)) for t in reversed(ids)]
    order = []
    for task in twin.as_completed(tasks, interval=1.5):
        ended = task.finished_utc
        assert ended is not None
        noticed = dt.datetime.fromtimestamp(emu.now(), dt.UTC)
        assert dt.timedelta(0) <= noticed - ended <= dt.timedelta(seconds=1.5 + 0.01)
        order.append(task.task_id)
    assert order == ids  # the shortest first, whatever the order given


def test_tasks_of_two_clients_are_batched_per_client(
    emu: Emulator, twin: Twin, tclient: Any, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 3, queued_s=0, run_s=5)
    with twin.client() as second:
        tasks = [
            tclient.task(**task_ids(step, ids[0])),
            second.task(**task_ids(step, ids[1])),
            second.task(**task_ids(step, ids[2])),
        ]
        emu.advance(6)
        emu.clear_request_counts()
        twin.wait_all(tasks, interval=10)  # the first poll sees them all finished
    assert deadline_requests(emu) == 2  # one BatchGetTask per client


def test_two_objects_for_one_task_both_finish(emu: Emulator, twin: Twin, tclient: Any, step: dict[str, str]) -> None:
    [task_id] = emu.create_tasks("deadline", 1, queued_s=0, run_s=5)
    twins = [tclient.task(**task_ids(step, task_id)), tclient.task(**task_ids(step, task_id))]
    emu.clear_request_counts()
    assert twin.wait_all(twins, timeout=60, interval=1) == ["SUCCEEDED", "SUCCEEDED"]
    assert twins[0].data == twins[1].data
    assert twins[0].data is not twins[1].data


def test_waits_fall_back_to_get_task_when_batch_get_is_denied(
    emu: Emulator, twin: Twin, tclient: Any, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 3, queued_s=0, run_s=4)
    emu.add_faults(service="deadline", path="/batch-get-task$", action="status", status=403)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    emu.clear_request_counts()
    assert twin.wait_all(tasks, timeout=60, interval=1) == ["SUCCEEDED"] * 3
    counts = emu.request_counts()["deadline"]
    assert counts[BATCH_ROUTE] == 1  # refused once, then never asked again
    assert sum(n for route, n in counts.items() if route.startswith("GET")) >= 3
