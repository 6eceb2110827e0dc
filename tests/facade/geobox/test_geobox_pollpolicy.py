"""A client's ``poll_policy`` paces its tasks' ``wait()``; Geobox's ``wait(timeout=0)`` means no limit (the SDK's).

Both twins (``twin`` fixture): the sync ``GeoboxClient`` and ``AsyncGeoboxClient`` seen through sync views. The
client's clock is an ``EmulatorClock``, so every gap between polls is one recorded sleep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import taskfacade
from geobox_support import GET_TASK, TOKEN, EmulatorClock, counts
from geobox_twins import Twin
from taskfacade import PollPolicy
from taskfacade.geobox import TaskStatus
from taskfacade_emulator import Emulator

POLICY = PollPolicy(initial=3.0, multiplier=1.0, maximum=3.0)


@pytest.fixture
def paced(emu: Emulator, clock: EmulatorClock, twin: Twin) -> Iterator[Any]:
    """A client of the test's twin whose ``poll_policy`` polls every 3 seconds."""
    with twin.Client(host=emu.base_url("geobox"), access_token=TOKEN, clock=clock, poll_policy=POLICY) as geobox:
        yield geobox


def _task(emu: Emulator, client: Any, **spec: object) -> Any:
    (uuid,) = emu.create_tasks("geobox", **spec)  # type: ignore[arg-type]
    return client.get_task(uuid)


def test_a_clients_poll_policy_paces_wait(emu: Emulator, clock: EmulatorClock, paced: Any) -> None:
    task = _task(emu, paced, run_s=20)
    emu.clear_request_counts()
    clock.sleeps.clear()
    assert task.wait(progress_bar=False) is TaskStatus.SUCCESS
    assert set(clock.sleeps) == {3.0}  # the policy's gaps, not the default 1 s
    assert counts(emu) == {GET_TASK: len(clock.sleeps) + 1}
    assert len(clock.sleeps) == 7  # done at 20 s, seen at 21 s


def test_a_given_interval_or_policy_wins_over_the_clients(emu: Emulator, clock: EmulatorClock, paced: Any) -> None:
    task = _task(emu, paced, run_s=10)
    clock.sleeps.clear()
    assert task.wait(interval=2, progress_bar=False) is TaskStatus.SUCCESS
    assert set(clock.sleeps) == {2.0}
    task = _task(emu, paced, run_s=10)
    clock.sleeps.clear()
    assert task.wait(policy=PollPolicy(initial=5, multiplier=1, maximum=5), progress_bar=False) is TaskStatus.SUCCESS
    assert set(clock.sleeps) == {5.0}


def test_a_given_timeout_replaces_the_policys(emu: Emulator, clock: EmulatorClock, paced: Any) -> None:
    task = _task(emu, paced, run_s=10_000)
    start = clock.monotonic()
    with pytest.raises(taskfacade.WaitTimeout):
        task.wait(timeout=10, progress_bar=False)
    assert 9 <= clock.monotonic() - start <= 10
    assert set(clock.sleeps) <= {3.0, 1.0}  # 3 s gaps, the last one cut at the deadline


def test_without_a_poll_policy_the_default_interval_applies(emu: Emulator, clock: EmulatorClock, client: Any) -> None:
    task = _task(emu, client, run_s=5)
    clock.sleeps.clear()
    assert task.wait(progress_bar=False) is TaskStatus.SUCCESS
    assert set(clock.sleeps) == {1.0}


@pytest.mark.parametrize("timeout", [0, 0.0])
def test_wait_timeout_zero_means_no_limit(emu: Emulator, clock: EmulatorClock, client: Any, timeout: float) -> None:
    task = _task(emu, client, run_s=12)
    emu.clear_request_counts()
    assert task.wait(timeout=timeout, interval=4, progress_bar=False) is TaskStatus.SUCCESS
    assert counts(emu)[GET_TASK] >= 4  # it polled a few times rather than timing out at once


def test_poll_policy_is_checked(emu: Emulator, twin: Twin) -> None:
    with pytest.raises(taskfacade.InvalidArgument, match="poll_policy"):
        twin.Client(host=emu.base_url("geobox"), access_token=TOKEN, poll_policy=2.0)
