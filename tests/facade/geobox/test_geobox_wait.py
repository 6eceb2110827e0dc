"""Task.wait and taskfacade.wait_all/as_completed on Geobox tasks: deadlines, retries, unknown states, batching.

The client's clock is an ``EmulatorClock``: every sleep of the facade moves the frozen emulator by as much, so a
ten-minute wait runs in milliseconds and the clock readings are exact.
"""

from __future__ import annotations

import sys

import pytest
import taskfacade
from geobox_support import GET_STATUS, GET_TASK, LIST_TASKS, EmulatorClock, counts, total
from geobox_twins import Twin
from taskfacade import JobPhase
from taskfacade.geobox import AuthenticationError, GeoboxClient, NotFoundError, ServerError, Task, TaskStatus
from taskfacade_emulator import Emulator


def _task(emu: Emulator, client: GeoboxClient, **spec: object) -> Task:
    (uuid,) = emu.create_tasks("geobox", **spec)  # type: ignore[arg-type]
    return client.get_task(uuid)


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [("succeeded", TaskStatus.SUCCESS), ("failed", TaskStatus.FAILURE), ("canceled", TaskStatus.ABORTED)],
)
def test_wait_returns_the_final_status(
    emu: Emulator, client: GeoboxClient, clock: EmulatorClock, outcome: str, expected: TaskStatus
) -> None:
    task = _task(emu, client, queued_s=5, run_s=60, outcome=outcome)
    start = clock.monotonic()
    emu.clear_request_counts()
    assert task.wait(timeout=300, interval=2, progress_bar=False) is expected
    assert task.done
    assert task.data["state"] == expected.value
    assert 65 <= clock.monotonic() - start <= 67  # noticed within one interval
    assert counts(emu) == {GET_TASK: 34}  # one GET per poll, nothing else without a bar


def test_timeout_is_one_overall_deadline(emu: Emulator, client: GeoboxClient, clock: EmulatorClock, twin: Twin) -> None:
    task = _task(emu, client, run_s=10_000)
    emu.add_faults(service="geobox", method="GET", action="status", status=503, probability=0.5)
    start = clock.monotonic()
    with pytest.raises(taskfacade.WaitTimeout) as caught:
        task.wait(timeout=30, interval=4, progress_bar=False, retry=3)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.pending == [twin.unwrap(task)]
    assert 28 <= clock.monotonic() - start <= 30  # never timeout x retry (the SDK's 3 x (30 + 4) s)
    assert task.phase is JobPhase.RUNNING


def test_retry_tolerates_transient_failures_only(emu: Emulator, client: GeoboxClient) -> None:
    task = _task(emu, client, run_s=20)
    client.retry_mode = "disabled"  # so each 503 reaches the wait loop
    emu.add_faults(service="geobox", method="GET", action="status", status=503, count=2)
    assert task.wait(interval=5, progress_bar=False, retry=2) is TaskStatus.SUCCESS
    task = _task(emu, client, run_s=20)
    emu.add_faults(service="geobox", method="GET", action="status", status=503)
    emu.clear_request_counts()
    with pytest.raises(ServerError):
        task.wait(interval=5, progress_bar=False, retry=2)
    assert counts(emu) == {GET_TASK: 3}  # 1 + 2 tolerated
    emu.clear_faults()
    emu.clear_request_counts()
    emu.add_faults(service="geobox", method="GET", action="status", status=503, count=1)
    with pytest.raises(ServerError):
        task.wait(interval=5, progress_bar=False, retry=0)
    assert counts(emu) == {GET_TASK: 1}


@pytest.mark.parametrize(("status", "error"), [(404, NotFoundError), (401, AuthenticationError)])
def test_other_errors_end_the_wait_at_once(
    emu: Emulator, client: GeoboxClient, status: int, error: type[Exception]
) -> None:
    task = _task(emu, client, run_s=20)
    emu.add_faults(service="geobox", method="GET", action="status", status=status)
    emu.clear_request_counts()
    with pytest.raises(error):
        task.wait(interval=1, progress_bar=False, retry=5)
    assert total(emu) == 1


def test_an_unknown_state_never_ends_a_wait(emu: Emulator, client: GeoboxClient) -> None:
    task = _task(emu, client, run_s=10)
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/[^/]+/$", action="unknown_enum", count=20)
    emu.clear_request_counts()
    assert task.wait(interval=1, progress_bar=False) is TaskStatus.SUCCESS
    assert counts(emu)[GET_TASK] == 21  # it kept polling through 20 FUTURE_VALUE answers


def test_progress_bar_with_tqdm(emu: Emulator, client: GeoboxClient, capsys: pytest.CaptureFixture[str]) -> None:
    task = _task(emu, client, queued_s=2, run_s=20)
    emu.clear_request_counts()
    assert task.wait(interval=2) is TaskStatus.SUCCESS  # progress_bar=True is the default, as in the SDK
    err = capsys.readouterr().err
    assert f"Task: {task.name}" in err
    assert "100/100" in err
    assert 5 <= counts(emu)[GET_STATUS] <= counts(emu)[GET_TASK]  # progress asked only while running


def test_progress_bar_without_tqdm(
    emu: Emulator, client: GeoboxClient, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # "not installed"
    task = _task(emu, client, run_s=6)
    emu.clear_request_counts()
    with pytest.warns(UserWarning, match="tqdm is not installed"):
        assert task.wait(interval=2, progress_bar=True) is TaskStatus.SUCCESS
    assert GET_STATUS not in counts(emu)
    assert "Task:" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"timeout": -1}, "timeout"),
        ({"timeout": "60"}, "timeout"),
        ({"interval": 0}, "interval"),
        ({"progress_bar": "yes"}, "progress_bar"),
        ({"retry": -1}, "retry"),
        ({"retry": True}, "retry"),
        ({"max_poll_errors": 2, "retry": 4}, "max_poll_errors"),
    ],
)
def test_bad_wait_arguments_are_refused_before_any_request(
    emu: Emulator, client: GeoboxClient, kwargs: dict[str, object], parameter: str
) -> None:
    task = _task(emu, client, run_s=5)
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        task.wait(**kwargs)  # type: ignore[arg-type]
    assert caught.value.parameter == parameter
    assert total(emu) == 0


def test_the_cores_wait_signature_works_too(emu: Emulator, client: GeoboxClient) -> None:
    task = _task(emu, client, run_s=5)
    job: taskfacade.Job[TaskStatus | None] = task  # an AsyncTask (seen through its view) has it too
    assert job.wait(60, 1, False, max_poll_errors=1) is TaskStatus.SUCCESS


def test_wait_all_polls_in_batches(emu: Emulator, client: GeoboxClient, clock: EmulatorClock, twin: Twin) -> None:
    outcomes = ["failed" if i % 7 == 0 else "succeeded" for i in range(80)]
    tasks = [_task(emu, client, queued_s=i % 5, run_s=10 + 4 * i, outcome=outcomes[i]) for i in range(80)]
    emu.clear_request_counts()
    clock.sleeps.clear()
    statuses = twin.wait_all(tasks, timeout=3600, interval=4)
    assert statuses == [TaskStatus.FAILURE if i % 7 == 0 else TaskStatus.SUCCESS for i in range(80)]
    requests = counts(emu)
    ticks = len(clock.sleeps) + 1  # the clock only sleeps between polls here (no retries)
    assert requests.get(GET_TASK, 0) <= 5  # a single GET only once one task is left; the rest by uuid IN (...)
    assert sum(requests.values()) <= 2 * ticks  # 80 uuids fit in 2 list requests
    one_get_per_task_per_tick = 80 * ticks / 2  # at least, as tasks finish evenly
    assert sum(requests.values()) < 0.05 * one_get_per_task_per_tick


def test_as_completed_yields_in_finishing_order(emu: Emulator, client: GeoboxClient, twin: Twin) -> None:
    slow, fast, middle = (_task(emu, client, run_s=s) for s in (90, 10, 50))
    finished = twin.as_completed([slow, fast, middle], timeout=600, interval=5)
    assert finished == [fast, middle, slow]


def test_batches_fall_back_to_single_gets(emu: Emulator, client: GeoboxClient, twin: Twin) -> None:
    hidden = [_task(emu, client, run_s=10, user_id=2) for _ in range(2)]  # another user's, not shared
    mine = [_task(emu, client, run_s=10) for _ in range(3)]
    emu.clear_request_counts()
    assert twin.wait_all([*hidden, *mine], timeout=120, interval=4) == [TaskStatus.SUCCESS] * 5
    polls = counts(emu)[LIST_TASKS]
    assert counts(emu)[GET_TASK] == 2 * polls  # only the hidden ones, one GET per poll each
    # A server that refuses the filter is asked once; then this client uses one GET per task.
    more = [_task(emu, client, run_s=10) for _ in range(3)]
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/$", action="status", status=400)
    emu.clear_request_counts()
    assert twin.wait_all(more, timeout=120, interval=4) == [TaskStatus.SUCCESS] * 3
    assert counts(emu)[LIST_TASKS] == 1
    assert counts(emu)[GET_TASK] >= 6


def test_wait_all_times_out_with_the_pending_tasks(emu: Emulator, client: GeoboxClient, twin: Twin) -> None:
    quick, stuck = _task(emu, client, run_s=5), _task(emu, client, run_s=10_000)
    with pytest.raises(taskfacade.WaitTimeout) as caught:
        twin.wait_all([quick, stuck], timeout=60, interval=4)
    assert caught.value.pending == [twin.unwrap(stuck)]
    assert quick.done
