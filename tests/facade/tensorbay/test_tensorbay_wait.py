"""``taskfacade.wait_all`` / ``as_completed`` on TensorBay jobs: batched through the job list endpoint.

Every test runs against both twins: ``taskfacade.wait_all`` on sync jobs and ``taskfacade.aio.wait_all`` on the
async twin's (``gas``, ``dataset`` and ``twin.wait_all`` are the twin's), with the same bounds on requests.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
import taskfacade
from taskfacade.tensorbay import GAS, DatasetClient, SquashAndMergeJob, TensorBayJob
from taskfacade_emulator import Emulator
from tensorbay_support import JOB, JOBS, EmulatorClock, counts
from tensorbay_twins import AsyncTwin, SyncTwin

Twin = SyncTwin | AsyncTwin


@pytest.fixture
def gas(twin_gas: Any) -> Any:
    return twin_gas


@pytest.fixture
def dataset(twin_dataset: Any) -> Any:
    return twin_dataset


def _jobs(dataset: DatasetClient, emu: Emulator, *plans: tuple[str, str, float]) -> list[TensorBayJob]:
    """Jobs from (jobType, outcome, run_s) plans, all queued 1 s, fetched through the facade."""
    out: list[TensorBayJob] = []
    for job_type, outcome, run_s in plans:
        [job_id] = emu.create_tasks("tensorbay", outcome=outcome, queued_s=1, run_s=run_s, jobType=job_type)
        kind = dataset.squash_and_merge if job_type == "squashAndMerge" else dataset.basic_search
        out.append(kind.get_job(job_id))
    emu.clear_request_counts()
    return out


def test_wait_all_polls_through_the_list_endpoint(
    twin: Twin, dataset: DatasetClient, emu: Emulator, clock: EmulatorClock
) -> None:
    plans = [("squashAndMerge", "succeeded", 3.0 * i) for i in range(1, 13)]
    plans += [("basicSearch", "failed", 5.0), ("basicSearch", "canceled", 9.0), ("basicSearch", "succeeded", 20.0)]
    jobs = _jobs(dataset, emu, *plans)
    statuses = twin.wait_all(jobs, timeout=120)
    assert statuses == ["SUCCESS"] * 12 + ["FAILED", "ABORTED", "SUCCESS"]
    assert all(job.done for job in jobs)
    polls = len(clock.sleeps) + 1
    used = counts(emu)
    # Per poll and job type: two listings (QUEUING, PROCESSING), or one GET each once two or fewer jobs are left;
    # plus one GET per job when it leaves the listings.
    assert used[JOBS] <= 2 * 2 * polls
    assert sum(used.values()) <= 2 * 2 * polls + len(jobs)
    assert sum(used.values()) < polls * len(jobs) / 3  # one GET per job per poll would cost over three times more


def test_as_completed_notices_each_completion_within_one_interval(
    twin: Twin, dataset: DatasetClient, emu: Emulator
) -> None:
    jobs = _jobs(dataset, emu, *[("squashAndMerge", "succeeded", float(run)) for run in (25, 5, 15, 35)])
    seen: list[tuple[str, float]] = []
    for job in twin.as_completed(jobs, timeout=120, interval=2):
        seen.append((job.job_id, emu.now()))
    assert [job_id for job_id, _ in seen] == [jobs[i].job_id for i in (1, 2, 0, 3)]
    for job_id, noticed in seen:
        job = next(j for j in jobs if j.job_id == job_id)
        assert job.finished_at is not None
        assert 0 <= noticed - job.finished_at <= 2 + 1  # one interval (+1 s: whole-second times)


def test_jobs_of_several_datasets_and_types_are_grouped(
    twin: Twin, gas: GAS, dataset: DatasetClient, emu: Emulator
) -> None:
    search = dataset.basic_search.create_job(conjunction="and", filters=[("size", ">", 0)])
    search.update(until_complete=True, timeout=60)
    search.create_dataset("second")
    second = gas.get_dataset("second")
    ids = emu.create_tasks("tensorbay", 4, queued_s=1, run_s=6, dataset_id=second.dataset_id)
    jobs: list[TensorBayJob] = [second.squash_and_merge.get_job(job_id) for job_id in ids]
    jobs += _jobs(dataset, emu, *[("squashAndMerge", "succeeded", 6.0)] * 4)
    assert twin.wait_all(jobs, timeout=60) == ["SUCCESS"] * 8
    assert counts(emu)[JOB] <= 8


def test_few_jobs_or_foreign_updaters_are_fetched_one_by_one(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    pair = _jobs(dataset, emu, ("squashAndMerge", "succeeded", 4.0), ("squashAndMerge", "succeeded", 4.0))
    assert twin.wait_all(pair, timeout=30) == ["SUCCESS", "SUCCESS"]
    assert JOBS not in counts(emu)  # two GETs a poll are cheaper than two listings
    if isinstance(twin, AsyncTwin):
        return  # the async twin's jobs take only the facade's own AsyncJobFetcher (no vendor-style updater)
    fetched: list[str] = []
    real = pair[0]._job_updater

    def updater(job_id: str) -> dict[str, Any]:
        fetched.append(job_id)
        return real(job_id)

    body = real(pair[0].job_id)
    mine = [
        SquashAndMergeJob.from_response_body(
            {**body, "status": "QUEUING"}, client=dataset._client, dataset_id=dataset.dataset_id,
            job_updater=updater, draft_getter=dataset.get_draft,
        )
        for _ in range(3)
    ]  # fmt: skip
    assert twin.wait_all(mine, timeout=30) == ["SUCCESS"] * 3
    assert len(fetched) == 3  # the caller's updater, once per job


def test_unknown_statuses_in_listings_keep_the_wait_going(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    jobs = _jobs(dataset, emu, *[("squashAndMerge", "succeeded", 4.0)] * 4)
    emu.advance(1.5)  # queued -> running
    emu.add_faults(service="tensorbay", method="GET", path="/jobs$", action="unknown_enum")
    with pytest.raises(taskfacade.WaitTimeout) as timeout:
        twin.wait_all(jobs, timeout=1, interval=0.5)
    assert {job.status for job in jobs} == {"FUTURE_VALUE"}
    assert len(timeout.value.pending) == 4
    emu.clear_faults()
    assert twin.wait_all(jobs, timeout=60) == ["SUCCESS"] * 4


def test_a_crowded_dataset_falls_back_to_gets(
    twin: Twin, dataset: DatasetClient, emu: Emulator, clock: EmulatorClock
) -> None:
    emu.create_tasks("tensorbay", 1000, queued_s=3600, run_s=10)  # a thousand others, queued for an hour
    jobs = _jobs(dataset, emu, *[("squashAndMerge", "succeeded", 6.0)] * 5)
    assert twin.wait_all(jobs, timeout=60) == ["SUCCESS"] * 5
    polls = len(clock.sleeps) + 1
    used = counts(emu)
    assert used[JOBS] <= 2 * polls  # the first page of each status only: never paging through 1000 jobs
    assert used[JOB] <= 5 * polls
    assert math.ceil(1000 / 128) > 5
