"""wait_all and as_completed: batching by service hook, adaptive interval, one deadline, mixed job kinds."""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Sequence
from typing import Any

import pytest
from core_fakejobs import TWINS, FakeService, Twin
from taskfacade import (
    InvalidArgument,
    Job,
    JobPhase,
    ManualClock,
    NotFound,
    ServerError,
    Transport,
    WaitTimeout,
    wait_all,
)


@pytest.fixture(params=TWINS, ids=lambda twin: twin.name)
def twin(request: pytest.FixtureRequest) -> Twin:
    """The sync facade or its async twin: every test taking it runs against both."""
    return request.param  # type: ignore[no-any-return]


def test_wait_all_returns_final_statuses_in_order(twin: Twin) -> None:
    service = FakeService()
    finals = ["DONE", "ERROR", "STOPPED", "DONE"]
    for i, final in enumerate(finals):
        service.add(f"j{i}", 0, 4 - i, final)
    jobs = [twin.FakeJob(service, f"j{i}") for i in range(4)]
    assert twin.wait_all(jobs, interval=1) == finals
    assert all(job.done for job in jobs)


def test_batches_go_through_the_service_hook(twin: Twin) -> None:
    clock = ManualClock()
    batched, single = FakeService(clock), FakeService(clock)
    for i in range(250):
        batched.add(f"b{i}", 0, 3)
    for i in range(3):
        single.add(f"s{i}", 0, 3)
    jobs: list[Job[Any]] = [twin.BatchJob(batched, f"b{i}") for i in range(200)]
    jobs += [twin.BatchJobVariant(batched, f"b{i}") for i in range(200, 250)]  # a subclass batches with its parent
    jobs += [twin.FakeJob(single, f"s{i}") for i in range(3)]
    random.Random(3).shuffle(jobs)
    twin.wait_all(jobs, interval=1, min_interval=1)
    polls = 4  # t = 0, 1, 2, 3
    assert [c for c in batched.calls if c[0] == "get"] == []
    assert sorted({count for _, _, count in batched.calls}) == [50, 100]
    assert len(batched.calls) == polls * 3  # 250 jobs -> 3 batch calls per poll instead of 250 GETs
    assert len(single.calls) == polls * 3


def test_finished_jobs_leave_the_batch(twin: Twin) -> None:
    service = FakeService()
    for i in range(10):
        service.add(f"b{i}", 0, i + 1)
    twin.wait_all([twin.BatchJob(service, f"b{i}") for i in range(10)], interval=1, min_interval=1)
    assert [count for _, _, count in service.calls] == [10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


def test_adaptive_interval_backs_off_and_resets(twin: Twin) -> None:
    service = FakeService()
    service.add("early", 0, 1)
    service.add("late", 0, 30)
    twin.wait_all([twin.FakeJob(service, "early"), twin.FakeJob(service, "late")], interval=8, min_interval=1)
    poll_times = sorted({t for _, t, _ in service.calls})
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(poll_times)]
    # t=0 statuses changed, t=1 the early job finished: fast polls; then x1.5 per quiet poll up to 8 s
    assert gaps[:7] == [1.0, 1.0, 1.5, 2.25, 3.375, 5.0625, 7.59375]
    assert set(gaps[7:-1]) == {8.0}
    assert len(service.calls) < 2 + 30  # far fewer polls than one per second


def test_each_completion_is_noticed_within_one_interval(twin: Twin) -> None:
    service = FakeService()
    ends = {f"j{i}": 0.7 + 3.3 * i for i in range(12)}
    for job_id, end in ends.items():
        service.add(job_id, 0, end)
    jobs = [twin.BatchJob(service, job_id) for job_id in ends]
    noticed = {}
    for job in twin.as_completed(jobs, interval=4):
        noticed[job.job_id] = service.now()
    for job_id, end in ends.items():
        assert 0 <= noticed[job_id] - end <= 4.0


def test_as_completed_yields_in_completion_order_already_finished_first(twin: Twin) -> None:
    service = FakeService()
    service.add("slow", 0, 9)
    service.add("fast", 0, 2)
    service.add("done", 0, 0)
    jobs = [twin.FakeJob(service, "slow"), twin.FakeJob(service, "fast"), twin.FakeJob(service, "done")]
    assert [j.job_id for j in twin.as_completed(jobs, interval=1)] == ["done", "fast", "slow"]


def test_as_completed_timeout_keeps_what_was_yielded(twin: Twin) -> None:
    service = FakeService()
    service.add("fast", 0, 1)
    service.add("slow", 0, 100)
    jobs = [twin.FakeJob(service, "fast"), twin.FakeJob(service, "slow")]
    seen = []
    iterator = twin.as_completed(jobs, timeout=10, interval=2)
    seen.append(next(iterator).job_id)
    with pytest.raises(WaitTimeout) as caught:
        next(iterator)
    assert seen == ["fast"]
    assert [j.job_id for j in caught.value.pending] == ["slow"]
    assert service.now() == 10


def test_wait_all_timeout_is_one_deadline_for_everything(twin: Twin) -> None:
    service = FakeService()
    for i in range(5):
        service.add(f"j{i}", 0, 1000)
    with pytest.raises(WaitTimeout) as caught:
        twin.wait_all([twin.BatchJob(service, f"j{i}") for i in range(5)], timeout=30, interval=4)
    assert service.now() == 30
    assert len(caught.value.pending) == 5
    assert isinstance(caught.value, TimeoutError)


def test_mixed_phases_including_unknown(twin: Twin) -> None:
    service = FakeService()
    service.script("u", "MYSTERY", "MYSTERY", "DONE")
    service.script("p", "PAUSED", "PAUSED", "RUNNING", "DONE")
    jobs = [twin.FakeJob(service, "u"), twin.FakeJob(service, "p")]
    assert twin.wait_all(jobs, interval=1) == ["DONE", "DONE"]
    assert [j.phase for j in jobs] == [JobPhase.SUCCEEDED, JobPhase.SUCCEEDED]


def test_duplicates_are_polled_once_and_empty_is_fine(twin: Twin) -> None:
    service = FakeService()
    service.add("j", 0, 0)
    job = twin.FakeJob(service, "j")
    assert twin.wait_all([job, job, job]) == ["DONE", "DONE", "DONE"]
    assert len(service.calls) == 1
    assert twin.wait_all([]) == []
    assert list(twin.as_completed([])) == []


def test_transient_group_failures_are_tolerated_other_errors_raised(twin: Twin) -> None:
    clock = ManualClock()
    flaky, fine = FakeService(clock), FakeService(clock)
    flaky.add("a", 0, 3)
    fine.add("b", 0, 3)
    flaky.failures = [ServerError("oops", status=503)] * 2
    assert twin.wait_all([twin.BatchJob(flaky, "a"), twin.BatchJob(fine, "b")], interval=1, min_interval=1) == [
        "DONE",
        "DONE",
    ]
    assert len(fine.calls) == 4  # the other group kept being polled while one group failed
    broken = FakeService()
    broken.add("c", 0, 3)
    broken.failures = [NotFound("gone", status=404)]
    with pytest.raises(NotFound):
        twin.wait_all([twin.BatchJob(broken, "c")], max_poll_errors=10)


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"timeout": -5}, "timeout"),
        ({"interval": 0}, "interval"),
        ({"min_interval": -1}, "min_interval"),
        ({"max_poll_errors": -1}, "max_poll_errors"),
    ],
)
def test_bad_arguments_before_any_request(twin: Twin, kwargs: dict[str, Any], parameter: str) -> None:
    service = FakeService()
    service.add("j", 0, 1)
    jobs = [twin.FakeJob(service, "j")]
    with pytest.raises(InvalidArgument) as caught:
        twin.wait_all(jobs, **kwargs)
    assert caught.value.parameter == parameter
    with pytest.raises(InvalidArgument):
        twin.as_completed(jobs, **kwargs)  # refused at the call, not at the first next()
    assert service.calls == []


def test_non_jobs_are_refused() -> None:
    with pytest.raises(TypeError, match=r"taskfacade\.Job"):
        wait_all(["not a job"], clock=ManualClock())  # type: ignore[list-item]


def test_wait_all_progress_bar(twin: Twin, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    service = FakeService()
    for i in range(3):
        service.add(f"j{i}", 0, i)
    twin.wait_all([twin.FakeJob(service, f"j{i}") for i in range(3)], progress_bar=True)
    assert "3/3 jobs" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.warns(UserWarning, match="tqdm is not installed"):
        twin.wait_all([twin.FakeJob(service, f"j{i}") for i in range(3)], progress_bar=True)
    assert capsys.readouterr().err == ""


# -- through real transports ------------------------------------------------------------------------------------


class ItemJob(Job[str]):
    """A job whose refresh is a real generated GET through a Transport (like every service's jobs)."""

    STATUS_PHASES = {"RUNNING": JobPhase.RUNNING, "DONE": JobPhase.SUCCEEDED}

    def __init__(self, transport: Transport, op: Any, item_id: str) -> None:
        self.transport, self.op, self.item_id = transport, op, item_id
        self._status = "RUNNING"

    def _peek_status(self) -> str:
        return self._status

    def refresh(self) -> None:
        self._status = str(self.transport.call(self.op, self.item_id).status)

    def _wait_clock(self) -> ManualClock:
        return self.transport.clock  # type: ignore[return-value]

    @classmethod
    def _refresh_many(cls, jobs: Sequence[Job[Any]]) -> None:
        for job in jobs:
            job.refresh()


def test_wait_all_respects_each_clients_retry_mode(server: Any, api: Any) -> None:
    clock = ManualClock()
    running = server.reply(200, {"id": "x", "status": "RUNNING", "count": 0})
    done = server.reply(200, {"id": "x", "status": "DONE", "count": 0})
    for path in ("/v1/items/patient", "/v1/items/impatient"):
        server.script.add("GET", path, running, server.reply(503), done)
    with (
        Transport(service="a", base_url=server.url, headers=server.headers, retry="default", clock=clock) as patient,
        Transport(service="b", base_url=server.url, headers=server.headers, retry="disabled", clock=clock) as impatient,
    ):
        jobs = [
            ItemJob(patient, api.get_item.sync_detailed, "patient"),
            ItemJob(impatient, api.get_item.sync_detailed, "impatient"),
        ]
        assert wait_all(jobs, timeout=60, interval=1, min_interval=1) == ["DONE", "DONE"]
    # default mode retried the 503 inside one poll; disabled mode surfaced it and the next poll got through
    assert server.script.count(path="/v1/items/patient") == 3
    assert server.script.count(path="/v1/items/impatient") == 3


def test_wait_deadline_reaches_into_the_transport(server: Any, api: Any) -> None:
    clock = ManualClock()
    server.script.always("GET", "/v1/items/stuck", server.reply(503))
    transport = Transport(service="a", base_url=server.url, headers=server.headers, retry="forceful", clock=clock)
    with transport:
        job = ItemJob(transport, api.get_item.sync_detailed, "stuck")
        with pytest.raises(WaitTimeout):
            job.wait(timeout=5, interval=1, max_poll_errors=100)
    # forceful mode alone would sleep through up to 600 s of retries; the wait's 5 s deadline stopped it
    assert clock.monotonic() - 1000.0 <= 5.0
