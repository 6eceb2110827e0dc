"""The plug-in's facade against the emulator: get, list with paging, batch get, cancel, wait, errors."""

from __future__ import annotations

from typing import Any

import pytest
import taskfacade
from jobs_support import TOKEN, EmulatorClock
from taskfacade import Conflict, InvalidArgument, Job, JobPhase, NotFound, Unauthorized
from taskfacade_emulator import Emulator
from taskfacade_jobs.facade import JobsClient


def _requests(emu: Emulator) -> dict[str, int]:
    counts: dict[str, int] = emu.request_counts()["jobs"]
    return counts


def test_get_job_is_a_taskfacade_job(emu: Emulator, client: JobsClient) -> None:
    [job_id] = emu.create_tasks("jobs", queued_s=5, run_s=20, name="render")
    job = client.get_job(job_id)
    assert isinstance(job, Job)
    assert (job.id, job.name, job.status, job.phase) == (job_id, "render", "QUEUED", JobPhase.PENDING)
    assert job.created_utc is not None
    assert job.created_utc.utcoffset() is not None
    assert (job.started_utc, job.finished_utc, job.progress) == (None, None, 0)
    emu.advance(15)
    job.refresh()
    assert (job.status, job.phase, job.progress) == ("RUNNING", JobPhase.RUNNING, 50)
    assert job.started_utc is not None
    assert job.started_utc.timestamp() == pytest.approx(job.created_utc.timestamp() + 5)


def test_list_jobs_pages_newest_first(emu: Emulator, client: JobsClient) -> None:
    seeded: list[str] = emu.seeded()["jobs"]["job_ids"]
    pager = client.list_jobs(page_size=25)
    assert [job.id for job in pager] == seeded  # 120 jobs over 5 pages
    assert _requests(emu)["GET /v1/jobs"] == 5
    created = [job.created_utc for job in client.list_jobs(page_size=100)]
    assert created == sorted(created, reverse=True)  # type: ignore[type-var]


def test_list_jobs_by_state(emu: Emulator, client: JobsClient) -> None:
    by_state: dict[str, list[str]] = emu.seeded()["jobs"]["job_ids_by_state"]
    for state, ids in by_state.items():
        assert [job.id for job in client.list_jobs(state, page_size=10)] == ids


def test_get_jobs_batches_by_fifty_in_the_order_given(emu: Emulator, client: JobsClient) -> None:
    seeded: list[str] = emu.seeded()["jobs"]["job_ids"]
    wanted = [*reversed(seeded), seeded[0]]  # 121 ids, one twice
    jobs = client.get_jobs(wanted)
    assert [job.id for job in jobs] == wanted
    assert _requests(emu) == {"POST /v1/jobs:batchGet": 3}  # 120 distinct ids / 50
    with pytest.raises(NotFound, match="no-such-job"):
        client.get_jobs([seeded[0], "no-such-job"])


def test_cancel(emu: Emulator, client: JobsClient) -> None:
    running, finished = emu.create_tasks("jobs", 2, queued_s=0, run_s=100)
    emu.advance(10)
    job = client.get_job(running)
    job.abort()
    assert (job.status, job.phase, job.done) == ("CANCELLED", JobPhase.CANCELED, True)
    client.cancel_job(running)  # canceling again is a no-op
    emu.advance(100)
    with pytest.raises(Conflict, match="already finished"):
        client.cancel_job(finished)


@pytest.mark.parametrize(("outcome", "status"), [("succeeded", "SUCCEEDED"), ("failed", "FAILED")])
def test_wait_returns_the_final_status(emu: Emulator, client: JobsClient, outcome: str, status: str) -> None:
    [job_id] = emu.create_tasks("jobs", outcome=outcome, queued_s=3, run_s=30)
    job = client.get_job(job_id)
    start = emu.now()
    assert job.wait(interval=2) == status
    assert 33 <= emu.now() - start <= 35 + 1e-6  # noticed within one interval of the end
    assert job.finished_utc is not None
    assert (job.error is not None) is (status == "FAILED")


def test_wait_all_refreshes_through_batch_get(emu: Emulator, client: JobsClient, clock: EmulatorClock) -> None:
    ids = emu.create_tasks("jobs", 60, queued_s=1, run_s=30)
    jobs = client.get_jobs(ids)
    emu.clear_request_counts()
    assert taskfacade.wait_all(jobs, interval=10, clock=clock) == ["SUCCEEDED"] * 60
    counts = _requests(emu)
    assert set(counts) == {"POST /v1/jobs:batchGet"}  # never one GET per job
    assert counts["POST /v1/jobs:batchGet"] == 2 * (len(clock.sleeps) + 1)  # 60 ids: two batch gets per poll


def test_an_unknown_state_never_ends_a_wait(emu: Emulator, client: JobsClient) -> None:
    [job_id] = emu.create_tasks("jobs", queued_s=0, run_s=5)
    emu.add_faults(service="jobs", action="unknown_enum", path="/v1/jobs/", count=1)
    job = client.get_job(job_id)
    assert (job.status, job.phase, job.done) == ("FUTURE_VALUE", JobPhase.UNKNOWN, False)


def test_errors_and_arguments(emu: Emulator, client: JobsClient) -> None:
    with pytest.raises(NotFound):
        client.get_job("missing")
    with JobsClient(emu.base_url("jobs"), "wrong-token") as stranger, pytest.raises(Unauthorized):
        stranger.get_job("missing")
    emu.clear_request_counts()
    bad: list[tuple[Any, ...]] = [
        (client.get_job, ""),
        (client.get_job, "a/b"),
        (client.get_jobs, "abc"),
        (client.list_jobs, "DONE"),
    ]
    for call, *args in bad:
        with pytest.raises(InvalidArgument):
            call(*args)
    with pytest.raises(InvalidArgument, match="page_size"):
        client.list_jobs(page_size=101)
    with pytest.raises(InvalidArgument, match="token"):
        JobsClient(emu.base_url("jobs"), " ")
    with pytest.raises(InvalidArgument, match="retry_mode"):
        JobsClient(emu.base_url("jobs"), TOKEN, retry_mode="sometimes")
    assert _requests(emu) == {}  # refused before any request
    job = client.get_job(emu.create_tasks("jobs")[0])
    assert TOKEN not in repr(client)
    assert repr(job) == f"<JobsJob {job.id} status='RUNNING' phase=RUNNING>"  # no token, no request
