"""DeadlineJob as a taskfacade.Job: status from the job's rolled-up task run status, progress from its counts,
waits, and batched polling through BatchGetJob (GetJob when BatchGetJob is denied)."""

from __future__ import annotations

from typing import Any

import pytest
import taskfacade
from deadline_support import EmulatorClock
from taskfacade import JobPhase, deadline
from taskfacade_emulator import Emulator

BATCH_ROUTE = "POST /2023-10-12/batch-get-job"
JOB = ("farmId", "queueId", "jobId")


def _restart(emu: Emulator, client: deadline.DeadlineClient, job: dict[str, str], run_s: float) -> None:
    """Give a finished seeded job a new task that runs for ``run_s`` emulated seconds (the job runs again)."""
    [step] = client.list_steps(**job)["steps"]
    emu.create_tasks("deadline", 1, queued_s=0, run_s=run_s, **job, stepId=step["stepId"])


def test_status_phase_and_progress_follow_get_job(
    emu: Emulator, client: deadline.DeadlineClient, seeded: dict[str, Any]
) -> None:
    where = {k: seeded[k] for k in JOB[:2]}
    for job_id in seeded["job_ids"]:
        emu.clear_request_counts()
        job = client.job(**where, jobId=job_id)
        assert not emu.request_counts()["deadline"]  # lazy
        answer = client.get_job(**where, jobId=job_id)
        assert job.status == answer["taskRunStatus"]
        assert job.phase is deadline.DeadlineJob.phase_of(answer["taskRunStatus"])
        counts = answer["taskRunStatusCounts"]
        finished = sum(counts[s] for s in ("SUCCEEDED", "FAILED", "CANCELED", "NOT_COMPATIBLE"))
        assert job.progress == pytest.approx(100 * finished / sum(counts.values()))
        assert job.created_at == answer["createdAt"]
        assert isinstance(job, taskfacade.Job)
    assert deadline.DeadlineJob.phase_of("CREATE_FAILED") is JobPhase.FAILED
    assert deadline.DeadlineJob.phase_of("CREATE_IN_PROGRESS") is JobPhase.PENDING
    assert deadline.DeadlineJob.phase_of("SUSPENDED") is JobPhase.SUSPENDED


def test_wait_all_polls_jobs_with_batch_get_job(
    emu: Emulator, client: deadline.DeadlineClient, clock: EmulatorClock, seeded: dict[str, Any]
) -> None:
    where = {k: seeded[k] for k in JOB[:2]}
    extra = [j for j in seeded["job_ids"] if j != seeded["jobId"]]
    for k, job_id in enumerate(extra):
        _restart(emu, client, {**where, "jobId": job_id}, run_s=30 + 20 * k)
    jobs = [client.job(**where, jobId=j) for j in extra]
    emu.clear_request_counts()
    order = [job.job_id for job in taskfacade.as_completed(jobs, interval=5)]
    assert order == extra  # the shortest run first
    assert [job.status for job in jobs] == ["SUCCEEDED", "FAILED", "CANCELED"]  # each job's earlier outcome
    counts = emu.request_counts()["deadline"]
    assert set(counts) == {BATCH_ROUTE}  # no GetJob at all
    assert counts[BATCH_ROUTE] <= len(clock.sleeps) + 1  # one request a poll for the three jobs
    assert all(job.finished_at is not None for job in jobs)


def test_wait_on_one_job(emu: Emulator, client: deadline.DeadlineClient, seeded: dict[str, Any]) -> None:
    job = client.job(**{k: seeded[k] for k in JOB})
    assert job.status == "RUNNING"  # reading status fetches it once
    assert job.phase is JobPhase.RUNNING
    assert job.wait(interval=600) == "FAILED"  # the seeded main job has failing tasks
    assert job.progress == 100.0


def test_a_missing_job_ends_the_wait_with_its_error(client: deadline.DeadlineClient, seeded: dict[str, Any]) -> None:
    where = {k: seeded[k] for k in JOB[:2]}
    jobs = [client.job(**where, jobId=seeded["jobId"]), client.job(**where, jobId="job-" + "0" * 32)]
    with pytest.raises(deadline.ResourceNotFoundException) as caught:
        taskfacade.wait_all(jobs, interval=5)
    assert caught.value.operation_name == "BatchGetJob"


def test_job_waits_fall_back_to_get_job_when_batch_get_job_is_denied(
    emu: Emulator, client: deadline.DeadlineClient, seeded: dict[str, Any]
) -> None:
    where = {k: seeded[k] for k in JOB[:2]}
    jobs = [client.job(**where, jobId=j) for j in seeded["job_ids"][1:]]
    emu.add_faults(service="deadline", path="/batch-get-job$", action="status", status=403)
    emu.clear_request_counts()
    assert taskfacade.wait_all(jobs, timeout=60, interval=1) == ["SUCCEEDED", "FAILED", "CANCELED"]
    counts = emu.request_counts()["deadline"]
    assert counts[BATCH_ROUTE] == 1
    assert sum(n for route, n in counts.items() if route.startswith("GET")) == 3


def test_bad_job_ids_refused(client: deadline.DeadlineClient, seeded: dict[str, Any]) -> None:
    with pytest.raises(taskfacade.InvalidArgument, match="jobId"):
        client.job(farmId=seeded["farmId"], queueId=seeded["queueId"], jobId="job-1")
