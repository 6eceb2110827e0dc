"""``taskfacade.refresh_all`` and ``taskfacade.aio.refresh_all`` on both twins: one round of batched refreshes,
a lasting batch failure traced to the job at fault, per-job errors on request, and bad input refused."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import taskfacade
import taskfacade.aio
from core_fakejobs import TWINS, AsyncBatchJob, BatchJob, FakeService, Twin
from taskfacade import Forbidden, InvalidArgument, NotFound, RateLimited, ServerError, TransportError


@pytest.fixture(params=TWINS, ids=lambda twin: twin.name)
def twin(request: pytest.FixtureRequest) -> Twin:
    return request.param  # type: ignore[no-any-return]


def test_one_round_one_batch_per_group_finished_jobs_included(twin: Twin) -> None:
    service, other = FakeService(), FakeService()
    for i in range(150):
        service.add(f"b{i}", 0, 0)
    other.add("o", 0, 10)
    jobs = [twin.BatchJob(service, f"b{i}") for i in range(150)] + [twin.BatchJobVariant(other, "o")]
    jobs[0]._status = "DONE"  # finished already: refreshed too (its last known status may be stale)
    assert twin.refresh_all([*jobs, jobs[3]]) is None  # a duplicate is refreshed once
    assert [(kind, count) for kind, _, count in service.calls] == [("batch", 100), ("batch", 50)]
    assert [(kind, count) for kind, _, count in other.calls] == [("batch", 1)]
    assert all(job.status == "DONE" for job in jobs[:150])
    assert jobs[-1].status == "RUNNING"


def test_a_lasting_batch_failure_is_traced_to_the_job_at_fault(twin: Twin) -> None:
    service = FakeService()
    for i in range(5):
        service.add(f"b{i}", 0, 0)
    jobs = [twin.BatchJob(service, f"b{i}") for i in range(5)]
    gone = NotFound("b2 was deleted", status=404)
    service.gone["b2"] = gone
    errors = twin.refresh_all(jobs, return_exceptions=True)
    assert errors == [None, None, gone, None, None]
    # the batch failed for good, then each job was refreshed alone, once
    assert sorted(kind for kind, _, _ in service.calls) == ["batch", "get", "get", "get", "get", "get"]
    assert [job.status for job in jobs] == ["DONE", "DONE", "QUEUED", "DONE", "DONE"]


def test_without_return_exceptions_the_first_failed_jobs_error_is_raised_after_all_were_tried(twin: Twin) -> None:
    service = FakeService()
    for i in range(4):
        service.add(f"b{i}", 0, 0)
    jobs = [twin.BatchJob(service, f"b{i}") for i in range(4)]
    service.gone["b1"] = NotFound("b1 gone", status=404)
    service.gone["b3"] = Forbidden("b3 hidden", status=403)
    with pytest.raises(NotFound, match="b1 gone"):
        twin.refresh_all(jobs)
    assert [job.status for job in jobs] == ["DONE", "QUEUED", "DONE", "QUEUED"]


def test_a_transient_failure_is_every_job_of_its_group_and_not_traced(twin: Twin) -> None:
    flaky, fine = FakeService(), FakeService()
    for i in range(3):
        flaky.add(f"f{i}", 0, 0)
    fine.add("ok", 0, 0)
    flaky.failures = [ServerError("503", status=503)]
    jobs = [twin.BatchJob(flaky, f"f{i}") for i in range(3)] + [twin.BatchJob(fine, "ok")]
    errors = twin.refresh_all(jobs, return_exceptions=True)
    assert isinstance(errors[0], ServerError)
    assert errors[0] is errors[1] is errors[2]
    assert errors[3] is None
    assert [kind for kind, _, _ in flaky.calls] == ["batch"]  # no job-by-job round for a transient error
    assert taskfacade.is_transient(errors[0])
    flaky.failures = [ServerError("503", status=503)]
    with pytest.raises(ServerError):
        twin.refresh_all(jobs)


def test_one_by_one_jobs_each_have_their_own_error(twin: Twin) -> None:
    service = FakeService()
    for i in range(3):
        service.add(f"j{i}", 0, 0)
    service.gone["j0"] = NotFound("j0 gone", status=404)
    jobs = [twin.FakeJob(service, f"j{i}") for i in range(3)]
    errors = twin.refresh_all(jobs, return_exceptions=True)
    assert isinstance(errors[0], NotFound)
    assert errors[1:] == [None, None]
    assert twin.refresh_all([]) is None
    assert twin.refresh_all([], return_exceptions=True) == []


@pytest.mark.parametrize("bad", [["id-1"], "id-1", None, 42, {"a": 1}])
def test_bad_jobs_are_refused_before_any_request(twin: Twin, bad: Any) -> None:
    with pytest.raises(InvalidArgument) as caught:
        twin.refresh_all(bad)
    assert caught.value.parameter == "jobs"
    assert isinstance(caught.value, TypeError)
    assert "Job objects" in caught.value.accepted


def test_mixed_sync_and_async_jobs_are_refused() -> None:
    service = FakeService()
    service.add("a", 0, 0)
    sync_job, async_job = BatchJob(service, "a"), AsyncBatchJob(service, "a")
    with pytest.raises(InvalidArgument, match=r"taskfacade\.Job") as caught:
        taskfacade.refresh_all([sync_job, async_job])  # type: ignore[list-item]
    assert caught.value.parameter == "jobs"
    with pytest.raises(InvalidArgument, match=r"taskfacade\.aio\.AsyncJob") as caught:
        asyncio.run(taskfacade.aio.refresh_all([async_job, sync_job]))  # type: ignore[list-item]
    assert caught.value.parameter == "jobs"
    with pytest.raises(InvalidArgument, match="return_exceptions"):
        taskfacade.refresh_all([sync_job], return_exceptions="yes")  # type: ignore[call-overload]
    assert service.calls == []


def test_retry_after_reads_a_throttles_hint_through_the_cause_chain() -> None:
    throttled = RateLimited("slow down", status=429, retry_after=7.5)
    try:
        try:
            raise throttled
        except RateLimited as inner:
            raise RuntimeError("service error") from inner
    except RuntimeError as outer:
        wrapped = outer
    assert taskfacade.retry_after(throttled) == 7.5
    assert taskfacade.retry_after(wrapped) == 7.5
    assert taskfacade.retry_after(TransportError("reset")) is None
    with pytest.raises(InvalidArgument, match="exc"):
        taskfacade.retry_after("429")  # type: ignore[arg-type]
