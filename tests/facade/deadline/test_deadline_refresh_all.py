"""``taskfacade.refresh_all`` / ``taskfacade.aio.refresh_all`` on real Deadline tasks (emulator over loopback), on
both twins: one BatchGetTask for up to 100 tasks, and a missing (deleted) task among them fails alone."""

from __future__ import annotations

from typing import Any

import pytest
from deadline_support import EmulatorClock, missing_task, task_ids
from deadline_twins import Twin
from taskfacade import NotFound
from taskfacade_emulator import Emulator

BATCH_ROUTE = "POST /2023-10-12/batch-get-task"


def _get_route(counts: dict[str, int]) -> list[str]:
    return [route for route in counts if route.startswith("GET ") and "/tasks/" in route]


def test_one_batch_get_task_refreshes_a_hundred_tasks(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 100, queued_s=0, run_s=0)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    emu.clear_request_counts()
    assert twin.refresh_all(tasks) is None
    assert emu.request_counts()["deadline"] == {BATCH_ROUTE: 1}
    assert {twin.unwrap(task).status for task in tasks} == {"SUCCEEDED"}
    emu.clear_request_counts()
    assert twin.refresh_all([*tasks, tclient.task(**task_ids(step, ids[0]))], return_exceptions=True) == [None] * 101
    assert emu.request_counts()["deadline"] == {BATCH_ROUTE: 2}  # 101 tasks: 100 + 1


def test_a_deleted_task_among_them_fails_alone(
    emu: Emulator, twin: Twin, tclient: Any, clock: EmulatorClock, step: dict[str, str]
) -> None:
    ids = emu.create_tasks("deadline", 9, queued_s=0, run_s=0)
    tasks = [tclient.task(**task_ids(step, t)) for t in ids]
    tasks.insert(4, tclient.task(**task_ids(step, missing_task(ids[0]))))
    emu.clear_request_counts()
    errors = twin.refresh_all(tasks, return_exceptions=True)
    assert isinstance(errors[4], NotFound)
    assert errors[:4] + errors[5:] == [None] * 9
    assert [twin.unwrap(t).status for i, t in enumerate(tasks) if i != 4] == ["SUCCEEDED"] * 9
    counts = emu.request_counts()["deadline"]
    # the batch, then each task of that batch alone (GetTask) to find the one at fault
    assert counts.pop(BATCH_ROUTE) == 1
    assert sum(counts.values()) == 10
    assert len(_get_route(counts)) == 1
    with pytest.raises(NotFound):
        twin.refresh_all(tasks)
