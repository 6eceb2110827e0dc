"""The job objects: seed 004's constructor and ``from_response_body``, ``update``, waits, verbs and results."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import taskfacade
from taskfacade import JobPhase
from taskfacade.tensorbay import (
    STATUS_PHASES,
    BasicSearchJob,
    DatasetClient,
    Draft,
    ForbiddenError,
    FusionSearchResult,
    Job,
    NameConflictError,
    SearchResult,
    SquashAndMergeJob,
    TensorBayJob,
)
from taskfacade_emulator import Emulator
from tensorbay_support import ABORT, JOB, RETRY, EmulatorClock, counts, total

BODY: dict[str, Any] = {
    "title": "dev->main(abort)",
    "jobId": "J1",
    "jobType": "squashAndMerge",
    "arguments": {"strategy": "abort"},
    "createdAt": 1700000000,
    "startedAt": 1700000001,
    "finishedAt": 1700000009,
    "status": "SUCCESS",
    "errorMessage": "",
    "result": {"draftNumber": 3},
    "description": "",
}


def _never(job_id: str) -> dict[str, Any]:
    raise AssertionError("no update expected")


def _no_draft(number: int) -> Draft:
    raise AssertionError("no draft expected")


def test_status_table() -> None:
    assert Job is TensorBayJob
    assert issubclass(SquashAndMergeJob, TensorBayJob)
    assert issubclass(BasicSearchJob, taskfacade.Job)
    assert TensorBayJob.phase_of("QUEUING") is JobPhase.PENDING
    assert TensorBayJob.phase_of("PROCESSING") is JobPhase.RUNNING
    assert TensorBayJob.phase_of("SUCCESS") is JobPhase.SUCCEEDED
    assert TensorBayJob.phase_of("FAILED") is TensorBayJob.phase_of("FAIL") is JobPhase.FAILED
    assert TensorBayJob.phase_of("ABORTED") is TensorBayJob.phase_of("ABORT") is JobPhase.CANCELED
    assert TensorBayJob.phase_of("FUTURE_VALUE") is JobPhase.UNKNOWN
    assert set(STATUS_PHASES) >= {"QUEUING", "PROCESSING", "SUCCESS", "FAILED", "ABORTED"}


def test_seed_constructor_and_from_response_body(dataset: DatasetClient) -> None:
    client = dataset._client
    drafts: list[int] = []

    def draft_getter(number: int) -> Draft:
        drafts.append(number)
        return Draft(number, "t", "main", "OPEN")

    job = SquashAndMergeJob.from_response_body(
        BODY, client=client, dataset_id="D1", job_updater=_never, draft_getter=draft_getter
    )
    assert job.job_id == "J1"
    assert job.status == "SUCCESS"
    assert job.done
    assert (job.created_at, job.started_at, job.finished_at) == (1700000000, 1700000001, 1700000009)  # the seed's ints
    assert job.finished_at - job.created_at == 9
    assert job.created_utc == datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
    assert job.finished_utc is not None
    assert job.finished_utc - job.created_utc == datetime.timedelta(seconds=9)
    assert job.result == Draft(3, "t", "main", "OPEN")  # the getter's answer for the result's draft number
    assert drafts == [3]
    assert repr(job) == "<SquashAndMergeJob(\"J1\") status='SUCCESS' phase=SUCCEEDED>"
    # The vendor's brittle keys are optional here: no errorMessage, no jobType, no result.
    lean = {k: v for k, v in BODY.items() if k not in ("errorMessage", "jobType", "result", "finishedAt")}
    search = BasicSearchJob.from_response_body(
        {**lean, "status": "QUEUING"}, client=client, dataset_id="D1", job_updater=_never, is_fusion=False
    )
    assert search.job_type == "basicSearch"
    assert search.error_message == ""
    assert search.result is None
    base = Job(client, "D1", _never, "t", "J2", "squashAndMerge", {}, 1700000000, None, None, "QUEUING", "", None)
    assert base.phase is JobPhase.PENDING
    assert base.description == ""


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"jobId": ""}, "job_id"),
        ({"status": None}, "status"),
        ({"arguments": "x"}, "arguments"),
        ({"createdAt": "yesterday"}, "created_at"),
        ({"result": [1]}, "result"),
        ({"jobType": "basicSearch"}, "job_type"),
    ],
)
def test_from_response_body_refuses_bad_bodies(dataset: DatasetClient, change: dict[str, Any], parameter: str) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as error:
        SquashAndMergeJob.from_response_body(
            {**BODY, **change}, client=dataset._client, dataset_id="D1", job_updater=_never, draft_getter=_no_draft
        )
    assert error.value.parameter == parameter


def test_constructor_refuses_a_foreign_client_or_updater(dataset: DatasetClient) -> None:
    with pytest.raises(taskfacade.InvalidArgument, match="client"):
        Job(object(), "D1", _never, "t", "J", "squashAndMerge", {}, 1, None, None, "QUEUING", "", None)  # type: ignore[arg-type]
    with pytest.raises(taskfacade.InvalidArgument, match="job_updater"):
        Job(dataset._client, "D1", "no", "t", "J", "squashAndMerge", {}, 1, None, None, "QUEUING", "", None)  # type: ignore[arg-type]


def test_update_refreshes_every_field(twin_dataset: Any, emu: Emulator) -> None:
    dataset = twin_dataset  # the sync facade's or the async twin's
    job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    emu.advance(3)
    job.update()
    assert job.status == "PROCESSING"
    assert job.started_at is not None
    emu.core.store.execute("UPDATE tensorbay_jobs SET title = 'renamed', description = 'now described'")
    job.update()
    assert job.title == "renamed"  # the SDK never refreshes these
    assert job.description == "now described"
    assert counts(emu)[JOB] == 2


def test_update_until_complete_is_bounded(twin_dataset: Any, emu: Emulator, clock: EmulatorClock) -> None:
    dataset = twin_dataset  # the sync facade's or the async twin's
    job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    start = emu.now()
    job.update(until_complete=True, timeout=60, interval=1)
    assert job.status == "SUCCESS"
    assert 10 <= emu.now() - start <= 12  # 2 s queued + 8 s running, seen within one interval
    assert max(clock.sleeps) <= 1
    slow = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    with pytest.raises(taskfacade.WaitTimeout) as timeout:
        slow.update(until_complete=True, timeout=5)
    assert isinstance(timeout.value, TimeoutError)
    assert timeout.value.pending == [slow]
    assert slow.status in ("QUEUING", "PROCESSING")


def test_wait_returns_a_failed_status_without_raising(twin_dataset: Any, emu: Emulator) -> None:
    dataset = twin_dataset  # the sync facade's or the async twin's
    [job_id] = emu.create_tasks("tensorbay", outcome="failed", queued_s=1, run_s=4)
    job = dataset.squash_and_merge.get_job(job_id)
    assert job.wait(timeout=30) == "FAILED"
    assert job.phase is JobPhase.FAILED
    assert job.error_message
    assert job.error == job.error_message
    assert job.result is None


def test_abort_refreshes_the_job_and_is_forbidden_once_finished(twin_dataset: Any, emu: Emulator) -> None:
    dataset = twin_dataset  # the sync facade's or the async twin's
    job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    job.abort()
    assert job.status == "ABORTED"  # the SDK leaves the local status stale
    assert job.phase is JobPhase.CANCELED
    with pytest.raises(ForbiddenError) as refused:
        job.abort()
    assert isinstance(refused.value, taskfacade.Forbidden)
    assert refused.value.code == "Forbidden"
    assert "ABORTED" in refused.value.message
    verbs = emu.seeded()["tensorbay"]
    assert verbs["verb_counts"]["abort"] == {job.job_id: 1}
    assert verbs["verb_attempts"]["abort"] == {job.job_id: 2}


def test_retry_restarts_an_aborted_squash_job(twin_dataset: Any, emu: Emulator) -> None:
    dataset = twin_dataset  # the sync facade's or the async twin's
    job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    with pytest.raises(ForbiddenError):
        job.retry()  # only FAILED or ABORTED jobs can be retried
    job.abort()
    job.retry()
    assert job.status == "PROCESSING"
    assert job.wait(timeout=60) == "SUCCESS"
    assert counts(emu)[RETRY] == 2
    assert counts(emu)[ABORT] == 1
    assert not hasattr(BasicSearchJob, "retry")


def test_basic_search_result_and_create_dataset(twin_dataset: Any, emu: Emulator) -> None:
    dataset = twin_dataset  # the sync facade's or the async twin's
    job = dataset.basic_search.create_job(conjunction="and", filters=[("category", "in", ["car"], "BOX2D")])
    assert job.result is None
    job.update(until_complete=True, timeout=60)
    result = job.result
    assert isinstance(result, SearchResult)
    assert not isinstance(result, FusionSearchResult)
    assert result.job_id == job.job_id
    assert result.search_result_id
    assert result.search_result_commit_id
    emu.clear_request_counts()
    job.create_dataset("search-copy", alias="copy", is_public=True)
    assert total(emu) == 1
    row = emu.core.store.query_one("SELECT alias, is_public, source_job_id FROM tensorbay_datasets WHERE name = ?",
                                   ["search-copy"])  # fmt: skip
    assert row is not None
    assert tuple(row) == ("copy", 1, job.job_id)
    with pytest.raises(NameConflictError) as conflict:
        job.create_dataset("search-copy")
    assert isinstance(conflict.value, taskfacade.Conflict)


def test_fusion_search_result(twin_gas: Any, emu: Emulator) -> None:
    gas = twin_gas
    emu.core.store.execute("UPDATE tensorbay_datasets SET type = 1")
    fusion = gas.get_dataset("emulator-dataset", is_fusion=True)
    job = fusion.basic_search.create_job(conjunction="and", filters=[("frame", "=", 1)], unit="frame")
    assert job.is_fusion
    job.update(until_complete=True, timeout=60)
    assert isinstance(job.result, FusionSearchResult)


def test_create_dataset_before_success_is_forbidden(twin_dataset: Any) -> None:
    dataset = twin_dataset  # the sync facade's or the async twin's
    job = dataset.basic_search.create_job(conjunction="and", filters=[("size", ">", 0)])
    with pytest.raises(ForbiddenError, match="SUCCESS"):
        job.create_dataset("too-early")


@pytest.mark.parametrize(
    ("name", "value"),
    [("title", 5), ("job_id", ""), ("status", ""), ("arguments", "x"), ("created_at", "yesterday"),
     ("finished_at", True), ("error_message", None), ("description", 1)],
)  # fmt: skip
def test_settable_fields_are_checked(dataset: DatasetClient, name: str, value: Any) -> None:
    job = SquashAndMergeJob.from_response_body(
        BODY, client=dataset._client, dataset_id="D1", job_updater=_never, draft_getter=_no_draft
    )
    with pytest.raises(taskfacade.InvalidArgument) as error:
        setattr(job, name, value)
    assert error.value.parameter == name
    job.created_at = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)  # a datetime is taken as epoch seconds
    assert job.created_at == 1704067200
    assert job.created_utc == datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    job.status = "PROCESSING"
    assert job.phase is JobPhase.RUNNING
