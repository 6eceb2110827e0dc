"""Steering and observing waits, on both twins: done callbacks, ``cancel=`` (``WaitCancelled``) and
``wait_all(..., return_exceptions=True)``."""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
import time
from typing import Any

import anyio
import pytest
import taskfacade
import taskfacade.aio
from core_fakejobs import TWINS, AsyncFakeJob, FakeJob, FakeService, Twin
from taskfacade import (
    InvalidArgument,
    NotFound,
    PollPolicy,
    RateLimited,
    ServerError,
    TaskFacadeError,
    WaitCancelled,
    WaitTimeout,
)


@pytest.fixture(params=TWINS, ids=lambda twin: twin.name)
def twin(request: pytest.FixtureRequest) -> Twin:
    return request.param  # type: ignore[no-any-return]


def _wait(twin: Twin, job: Any, **kwargs: Any) -> Any:
    if twin.name == "async":
        return asyncio.run(job.wait(**kwargs))
    return job.wait(**kwargs)


def _refresh(twin: Twin, job: Any) -> None:
    if twin.name == "async":
        asyncio.run(job.refresh())
    else:
        job.refresh()


class At:
    """A cancel signal that is set from a given time on the service's clock (only ``is_set``)."""

    def __init__(self, service: FakeService, when: float) -> None:
        self.service, self.when = service, when

    def is_set(self) -> bool:
        return self.service.now() >= self.when


# -- done callbacks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["wait", "wait_all", "batch", "refresh"])
def test_a_callback_runs_once_when_the_job_is_first_seen_finished(twin: Twin, how: str) -> None:
    service = FakeService()
    service.add("a", 0, 3)
    job = (twin.BatchJob if how == "batch" else twin.FakeJob)(service, "a")
    seen: list[tuple[Any, float]] = []
    job.add_done_callback(lambda j: seen.append((j, service.now())))
    if how == "wait":
        _wait(twin, job, interval=1)
    elif how == "refresh":
        _refresh(twin, job)
        assert seen == []
        service.clock.advance(5)
        _refresh(twin, job)
    else:
        twin.wait_all([job], interval=1, min_interval=1)
    assert [j for j, _ in seen] == [job]
    _refresh(twin, job)
    twin.wait_all([job], interval=1)
    assert len(seen) == 1  # once, however often it is seen finished afterwards


def test_a_callback_on_a_finished_job_runs_at_once_and_remove_works(twin: Twin) -> None:
    service = FakeService()
    job = twin.FakeJob(service, "a", status="DONE")
    seen: list[Any] = []
    job.add_done_callback(seen.append)
    assert seen == [job]
    other = twin.FakeJob(service, "b")
    service.add("b", 0, 1)
    assert other.remove_done_callback(seen.append) == 0
    other.add_done_callback(seen.append)
    assert other.remove_done_callback(seen.append) == 1
    twin.wait_all([other], interval=1)
    assert seen == [job]
    with pytest.raises(InvalidArgument, match="fn"):
        job.add_done_callback("not callable")


def test_a_failing_callback_is_logged_and_the_wait_goes_on(twin: Twin, caplog: pytest.LogCaptureFixture) -> None:
    service = FakeService()
    service.add("a", 0, 1)
    service.add("b", 0, 2)
    jobs = [twin.FakeJob(service, "a"), twin.FakeJob(service, "b")]
    seen: list[Any] = []

    def boom(job: Any) -> None:
        raise RuntimeError("callback broke")

    jobs[0].add_done_callback(boom)
    jobs[1].add_done_callback(seen.append)
    with caplog.at_level(logging.WARNING, logger="taskfacade"):
        assert twin.wait_all(jobs, interval=1) == ["DONE", "DONE"]
    assert seen == [jobs[1]]
    assert [r.getMessage() for r in caplog.records if "callback broke" in r.getMessage()]


def test_callbacks_run_once_under_concurrent_refreshes() -> None:
    service = FakeService()
    job = FakeJob(service, "a", status="DONE")
    job._status = "RUNNING"
    calls: list[Any] = []
    job.add_done_callback(calls.append)
    job._status = "DONE"
    threads = [threading.Thread(target=taskfacade._callbacks.fire_done, args=(job,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [job]


# -- cancel ----------------------------------------------------------------------------------------------------


def test_wait_all_and_as_completed_stop_within_one_interval_of_the_signal(twin: Twin) -> None:
    service = FakeService()
    service.add("fast", 0, 1)
    service.add("slow", 0, 100)
    jobs = [twin.FakeJob(service, "fast"), twin.FakeJob(service, "slow")]
    with pytest.raises(WaitCancelled) as caught:
        twin.wait_all(jobs, interval=4, min_interval=4, cancel=At(service, 5))
    assert 5 <= service.now() <= 5 + 4  # the sleep woke early: not the next tick at 8
    assert caught.value.pending == [jobs[1]]
    assert isinstance(caught.value, TaskFacadeError)
    assert taskfacade.WaitCancelled is WaitCancelled

    service2 = FakeService()
    service2.add("fast", 0, 1)
    service2.add("slow", 0, 100)
    jobs2 = [twin.FakeJob(service2, "fast"), twin.FakeJob(service2, "slow")]
    got: list[Any] = []
    iterator = twin.as_completed(jobs2, interval=4, cancel=At(service2, 5))
    got.append(next(iterator))
    with pytest.raises(WaitCancelled):
        next(iterator)
    assert got == [jobs2[0]]


def test_job_wait_takes_cancel_and_a_set_signal_stops_before_any_request(twin: Twin) -> None:
    service = FakeService()
    service.add("a", 0, 100)
    job = twin.FakeJob(service, "a")
    with pytest.raises(WaitCancelled) as caught:
        _wait(twin, job, interval=2, cancel=At(service, 3))
    assert 3 <= service.now() <= 5
    assert caught.value.pending == [job]
    event = threading.Event()
    event.set()
    calls = len(service.calls)
    with pytest.raises(WaitCancelled):
        twin.wait_all([job], cancel=event)
    assert len(service.calls) == calls


@pytest.mark.parametrize("bad", ["yes", 1, object()])
def test_a_cancel_without_is_set_is_refused(twin: Twin, bad: object) -> None:
    service = FakeService()
    job = twin.FakeJob(service, "a")
    with pytest.raises(InvalidArgument, match="cancel"):
        twin.wait_all([job], cancel=bad)
    with pytest.raises(InvalidArgument, match="cancel"):
        _wait(twin, job, cancel=bad)


def test_a_threading_event_wakes_a_sync_wait_on_the_real_clock() -> None:
    class RealJob(taskfacade.Job[str]):
        STATUS_PHASES = FakeJob.STATUS_PHASES

        def _peek_status(self) -> str:
            return "RUNNING"

        def refresh(self) -> None:
            pass

    event = threading.Event()
    threading.Timer(0.2, event.set).start()
    started = time.monotonic()
    with pytest.raises(WaitCancelled):
        RealJob().wait(interval=30, cancel=event)
    with pytest.raises(WaitCancelled):
        taskfacade.wait_all([RealJob()], interval=30, cancel=event)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("kind", ["anyio", "asyncio", "threading"])
def test_an_event_wakes_an_async_wait_on_the_real_clock(kind: str) -> None:
    class RealJob(taskfacade.aio.AsyncJob[str]):
        STATUS_PHASES = FakeJob.STATUS_PHASES

        def _peek_status(self) -> str:
            return "RUNNING"

        async def refresh(self) -> None:
            pass

    async def main() -> float:
        event: Any = {"anyio": anyio.Event, "asyncio": asyncio.Event, "threading": threading.Event}[kind]()

        async def later() -> None:
            await asyncio.sleep(0.2)
            event.set()

        started = time.monotonic()
        setter = asyncio.create_task(later())
        with pytest.raises(WaitCancelled):
            await RealJob().wait(interval=30, cancel=event)
        with pytest.raises(WaitCancelled):
            await taskfacade.aio.wait_all([RealJob()], interval=30, cancel=event)
        await setter
        return time.monotonic() - started

    assert asyncio.run(main()) < 5


# -- return_exceptions -------------------------------------------------------------------------------------------


def test_return_exceptions_puts_a_failing_jobs_error_in_place_of_its_status(twin: Twin) -> None:
    service = FakeService()
    for i in range(4):
        service.add(f"j{i}", 0, 3)
    missing = NotFound("no such job", status=404)
    jobs = [twin.FakeJob(service, f"j{i}") for i in range(4)]
    # j1 is gone for good: it leaves the wait with its error, the others are polled to the end
    service.gone["j1"] = missing
    result = twin.wait_all(jobs, interval=1, return_exceptions=True)
    assert result == ["DONE", missing, "DONE", "DONE"]
    with pytest.raises(NotFound):
        twin.wait_all([twin.FakeJob(service, f"j{i}") for i in range(4)], interval=1)


def test_return_exceptions_refreshes_a_failed_batch_job_by_job(twin: Twin) -> None:
    service = FakeService()
    for i in range(3):
        service.add(f"b{i}", 0, 2)
    jobs = [twin.BatchJob(service, f"b{i}") for i in range(3)]
    gone = NotFound("b1 is missing", status=404)
    service.gone["b1"] = gone  # the batch fails, then one GET per job (b1's fails)
    result = twin.wait_all(jobs, interval=1, return_exceptions=True)
    assert result == ["DONE", gone, "DONE"]
    assert [kind for kind, _, _ in service.calls[:4]] == ["batch", "get", "get", "get"]
    assert all(count == 2 for kind, _, count in service.calls[4:] if kind == "batch")


def test_return_exceptions_keeps_transient_errors_tolerated(twin: Twin) -> None:
    service = FakeService()
    service.add("a", 0, 2)
    service.failures = [ServerError("503", status=503)]
    assert twin.wait_all([twin.FakeJob(service, "a")], interval=1, return_exceptions=True) == ["DONE"]
    with pytest.raises(InvalidArgument, match="return_exceptions"):
        twin.wait_all([twin.FakeJob(service, "a")], return_exceptions="yes")


def test_ids_are_refused_with_a_type_error_naming_the_expected_types(twin: Twin) -> None:
    with pytest.raises(TypeError, match="Job objects"):
        twin.wait_all(["id"])
    with pytest.raises(TypeError, match="Job objects"):
        list(twin.as_completed(["id"]))


def test_async_jobs_are_twins_here() -> None:
    assert issubclass(AsyncFakeJob, taskfacade.aio.AsyncJob)


# -- PollPolicy -------------------------------------------------------------------------------------------------


def _gaps(service: FakeService) -> list[float]:
    times = [t for _, t, _ in service.calls]
    return [round(b - a, 6) for a, b in itertools.pairwise(times)]


def test_a_poll_policy_sets_first_gap_multiplier_and_maximum(twin: Twin) -> None:
    service = FakeService()
    service.add("a", 0, 30)
    policy = PollPolicy(initial=1, multiplier=2, maximum=8)
    assert twin.wait_all([twin.FakeJob(service, "a")], policy=policy) == ["DONE"]
    assert _gaps(service)[:5] == [1, 2, 4, 8, 8]
    assert max(_gaps(service)) == 8


def test_a_single_jobs_wait_takes_a_policy_too(twin: Twin) -> None:
    service = FakeService()
    service.add("a", 0, 30)
    assert _wait(twin, twin.FakeJob(service, "a"), policy=PollPolicy(initial=1, multiplier=2, maximum=8)) == "DONE"
    gaps = _gaps(service)
    assert max(gaps) == 8
    assert gaps[:4] == [1, 2, 4, 8]  # a shared wait (both twins) keeps its own adaptive gaps


def test_jitter_shortens_gaps_within_its_fraction(twin: Twin) -> None:
    service = FakeService()
    service.add("a", 0, 60)
    policy = PollPolicy(initial=4, multiplier=1, maximum=4, jitter=0.5)
    twin.wait_all([twin.FakeJob(service, "a")], policy=policy)
    gaps = _gaps(service)
    assert all(2 <= gap <= 4 for gap in gaps)
    assert len(set(gaps)) > 1


def test_the_policys_timeout_is_the_one_deadline(twin: Twin) -> None:
    service = FakeService()
    service.add("a", 0, 100)
    with pytest.raises(WaitTimeout):
        twin.wait_all([twin.FakeJob(service, "a")], policy=PollPolicy(timeout=5))
    assert service.now() <= 5
    with pytest.raises(InvalidArgument, match="timeout"):
        twin.wait_all([twin.FakeJob(service, "a")], timeout=5, policy=PollPolicy())
    with pytest.raises(InvalidArgument, match="policy"):
        twin.wait_all([twin.FakeJob(service, "a")], policy={"maximum": 3})


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"initial": 0}, "initial"),
        ({"initial": 5, "maximum": 2}, "initial"),
        ({"multiplier": 0.5}, "multiplier"),
        ({"maximum": float("nan")}, "maximum"),
        ({"jitter": 1}, "jitter"),
        ({"jitter": True}, "jitter"),
        ({"timeout": -1}, "timeout"),
    ],
)
def test_a_bad_poll_policy_is_refused(kwargs: dict[str, Any], parameter: str) -> None:
    with pytest.raises(InvalidArgument, match=parameter):
        PollPolicy(**kwargs)


def test_a_retry_after_on_a_poll_sets_the_next_poll(twin: Twin) -> None:
    service = FakeService()
    service.add("a", 0, 20)
    service.failures = [None, RateLimited("slow down", status=429, retry_after=7)]
    twin.wait_all([twin.FakeJob(service, "a")], interval=1, min_interval=1)
    assert _gaps(service)[:2] == [1, 7]
