"""Steering waits on real Deadline tasks (emulator over loopback), on both twins: ``return_exceptions`` with a
missing task, ``cancel=``, and done callbacks through BatchGetTask polls."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import taskfacade
from deadline_support import EmulatorClock, missing_task, task_ids
from deadline_twins import Twin
from taskfacade import NotFound, WaitCancelled
from taskfacade_emulator import Emulator

BATCH_ROUTE = "POST /2023-10-12/batch-get-task"


def test_one_missing_task_no_longer_loses_every_other_status(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 5, queued_s=0, run_s=3)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    tasks.insert(2, tclient.task(**task_ids(step, missing_task(ids[0]))))
    with pytest.raises(NotFound):
        twin.wait_all(tasks, interval=1)
    result = twin.wait_all(tasks, interval=1, return_exceptions=True)
    assert isinstance(result[2], NotFound)
    assert result[:2] + result[3:] == ["SUCCEEDED"] * 5


def test_done_callbacks_fire_once_from_batched_polls(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 3, queued_s=0, run_s=2)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    seen: list[Any] = []
    for task in tasks:
        twin.unwrap(task).add_done_callback(seen.append)
    emu.clear_request_counts()
    assert twin.wait_all(tasks, interval=1) == ["SUCCEEDED"] * 3
    assert sorted(map(id, seen)) == sorted(id(twin.unwrap(t)) for t in tasks)
    assert set(emu.request_counts()["deadline"]) == {BATCH_ROUTE}


def test_a_set_cancel_signal_stops_a_wait_on_real_tasks(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 2, queued_s=0, run_s=1000)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    event = threading.Event()
    event.set()
    with pytest.raises(WaitCancelled) as caught:
        twin.wait_all(tasks, interval=1, cancel=event)
    assert len(caught.value.pending) == 2
    assert isinstance(caught.value, taskfacade.TaskFacadeError)
