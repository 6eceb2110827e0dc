"""``dataset.squash_and_merge`` / ``dataset.basic_search``: create, get, list (lazy, 128 a page) and delete.

Every test runs against both twins (``gas`` and ``dataset`` are the twin's; ``twin`` names its classes).
"""

from __future__ import annotations

from typing import Any

import pytest
import taskfacade
from taskfacade.tensorbay import (
    GAS,
    BasicSearchJob,
    DatasetClient,
    Draft,
    ResourceNotExistError,
    Status,
    StatusError,
)
from taskfacade_emulator import Emulator
from tensorbay_support import CREATE, DATASET, DELETE, JOB, JOBS, PREFIX, counts, total
from tensorbay_twins import AsyncTwin, SyncTwin

Twin = SyncTwin | AsyncTwin


@pytest.fixture
def gas(twin_gas: Any) -> Any:
    return twin_gas


@pytest.fixture
def dataset(twin_dataset: Any) -> Any:
    return twin_dataset


def _stored_request(emu: Emulator, job_id: str) -> dict[str, Any]:
    row = emu.core.store.query_one(
        "SELECT title, description, arguments FROM tensorbay_jobs WHERE job_id = ?", [job_id]
    )
    assert row is not None
    return dict(row)


def test_create_squash_and_merge_job_with_the_sdk_defaults(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    job = dataset.squash_and_merge.create_job(draft_title="merge dev", source_branch_name="dev")
    assert isinstance(twin.unwrap(job), twin.SquashAndMergeJob)
    assert isinstance(twin.unwrap(job), twin.TensorBayJob)
    assert isinstance(twin.unwrap(job), twin.Job)
    assert job.status == "QUEUING"
    assert job.phase is taskfacade.JobPhase.PENDING
    assert not job.done
    assert job.title == "dev->main(abort)"  # the SDK's default title, target = the checked-out branch
    assert job.job_type == "squashAndMerge"
    assert job.dataset_id == dataset.dataset_id
    assert job.arguments == {"title": "merge dev", "sourceBranchName": "dev", "targetBranchName": "main",
                             "strategy": "abort"}  # fmt: skip
    assert job.created_at == int(emu.now())
    assert job.created_utc is not None
    assert job.created_utc.timestamp() == int(emu.now())
    assert job.started_at is None
    assert job.finished_at is None
    assert job.error_message == ""
    assert job.result is None
    assert counts(emu) == {CREATE: 1}
    stored = _stored_request(emu, job.job_id)
    assert stored["title"] == "dev->main(abort)"
    assert stored["description"] == ""


def test_create_squash_and_merge_job_with_every_argument(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    job = dataset.squash_and_merge.create_job(
        "my title", "my description", draft_title="d", source_branch_name="feature", target_branch_name="dev",
        draft_description="draft text", strategy="override",
    )  # fmt: skip
    assert job.title == "my title"
    assert job.description == "my description"
    assert job.arguments["targetBranchName"] == "dev"
    assert job.arguments["description"] == "draft text"
    assert '"strategy":"override"' in _stored_request(emu, job.job_id)["arguments"]
    fetched = dataset.squash_and_merge.get_job(job.job_id)
    assert (fetched.title, fetched.description, fetched.arguments) == (job.title, job.description, job.arguments)


def test_unknown_branch_is_the_services_error(twin: Twin, dataset: DatasetClient) -> None:
    with pytest.raises(ResourceNotExistError, match="no-such-branch"):
        dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="no-such-branch")


def test_create_basic_search_job_from_sdk_tuples_and_dicts(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    job = dataset.basic_search.create_job(
        conjunction="or",
        filters=[
            ("category", "in", ["human.pedestrian.adult"], "BOX3D"),
            ("size", ">", 0),
            {"key": "withLabel", "operator": "=", "value": True},
        ],
        unit="frame",
    )
    assert isinstance(twin.unwrap(job), twin.BasicSearchJob)
    assert job.job_type == "basicSearch"
    commit = dataset.status.commit_id
    assert commit is not None
    assert job.title == f"search({commit[:7]}): category in ..."
    assert job.arguments["commit"] == commit
    assert job.arguments["unit"] == "frame"
    assert job.arguments["filters"] == [
        {"key": "category", "operator": "in", "value": ["human.pedestrian.adult"], "title": "Category",
         "extraInfo": {"labelType": "BOX3D"}},
        {"key": "size", "operator": ">", "value": 0, "title": "Size"},
        {"key": "withLabel", "operator": "=", "value": True, "title": "With/Without Label"},
    ]  # fmt: skip
    assert dataset.basic_search.get_job(job.job_id).arguments == job.arguments
    assert counts(emu)[CREATE] == 1


def test_status_errors_when_nothing_is_checked_out(twin: Twin, gas: GAS, emu: Emulator) -> None:
    emu.core.store.execute("UPDATE tensorbay_datasets SET default_branch = '', commit_id = NULL")
    empty = gas.get_dataset(DATASET)
    assert empty.status == Status(branch_name=None, commit_id=None)
    emu.clear_request_counts()
    with pytest.raises(StatusError, match="target_branch_name"):
        empty.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    with pytest.raises(StatusError, match="commit"):
        empty.basic_search.create_job(conjunction="and", filters=[("size", ">", 0)])
    assert total(emu) == 0
    job = empty.squash_and_merge.create_job(draft_title="d", source_branch_name="dev", target_branch_name="main")
    assert job.arguments["targetBranchName"] == "main"


def test_get_job_of_the_wrong_kind_or_unknown_id(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    search_id = emu.seeded()["tensorbay"]["job_ids"]["basicSearch"][0]
    assert dataset.basic_search.get_job(search_id).job_id == search_id
    with pytest.raises(ResourceNotExistError):
        dataset.squash_and_merge.get_job(search_id)
    with pytest.raises(taskfacade.NotFound):
        dataset.basic_search.get_job("no-such-job")


def test_list_jobs_is_lazy_and_paged_by_128(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    emu.create_tasks("tensorbay", 300, jobType="basicSearch")
    seeded_searches = len(emu.seeded()["tensorbay"]["job_ids"]["basicSearch"])
    emu.clear_request_counts()
    jobs = dataset.basic_search.list_jobs()
    assert total(emu) == 0  # nothing fetched until needed
    assert len(jobs) == 300 + seeded_searches  # async: await jobs.count()
    assert counts(emu) == {JOBS: 1}
    if isinstance(twin, AsyncTwin):  # no indexing: read with async for, page after page
        ids = [job.job_id for job in jobs]
        assert len(set(ids)) == len(ids) == 300 + seeded_searches
        assert counts(emu) == {JOBS: 1 + 3}
        assert [len(page.items) for page in jobs.pages()] == [128, 128, 300 + seeded_searches - 256]
        return
    last = jobs[len(jobs) - 1]
    assert isinstance(last, BasicSearchJob)
    assert counts(emu) == {JOBS: 2}
    middle = jobs[126:130]
    assert len(middle) == 4
    assert counts(emu) == {JOBS: 3}
    assert [job.job_id for job in middle] == [jobs[i].job_id for i in range(126, 130)]  # cached pages
    assert counts(emu) == {JOBS: 3}
    ids = [job.job_id for job in jobs]
    assert len(set(ids)) == len(ids) == len(jobs)


def test_list_jobs_by_status_matches_the_service(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    by_status = emu.seeded()["tensorbay"]["job_ids_by_status"]
    squash_ids = set(emu.seeded()["tensorbay"]["job_ids"]["squashAndMerge"])
    for status in ("QUEUING", "PROCESSING", "SUCCESS", "FAILED", "ABORTED"):
        listed = dataset.squash_and_merge.list_jobs(status=status)
        assert {job.job_id for job in listed} == set(by_status[status]) & squash_ids
        assert all(job.status == status for job in listed)
    failed = next(iter(dataset.squash_and_merge.list_jobs(status="FAILED")))
    assert failed.phase is taskfacade.JobPhase.FAILED
    assert failed.error_message
    assert failed.error == failed.error_message


def test_delete_job(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    dataset.squash_and_merge.delete_job(job.job_id)
    with pytest.raises(ResourceNotExistError):
        dataset.squash_and_merge.get_job(job.job_id)
    with pytest.raises(ResourceNotExistError):
        dataset.squash_and_merge.delete_job(job.job_id)  # a first attempt that finds nothing is an error
    assert counts(emu)[DELETE] == 2


def test_squash_result_is_the_draft(twin: Twin, dataset: DatasetClient, emu: Emulator) -> None:
    job = dataset.squash_and_merge.create_job(draft_title="the draft", source_branch_name="dev")
    emu.advance(11)
    job.update()
    assert job.status == "SUCCESS"
    assert job.finished_at is not None
    draft = job.result
    assert isinstance(draft, Draft)
    assert draft.title == "the draft"
    assert draft.branch_name == "main"
    assert draft.status == "OPEN"
    assert draft.author is not None
    assert draft.author.name == "emulator"
    assert draft.updated_at == job.finished_utc
    assert dataset.get_draft(draft.number) == draft
    committed = dataset.get_draft(1)  # found whatever its status (the SDK only looks at OPEN drafts)
    assert committed.status == "COMMITTED"
    with pytest.raises(ResourceNotExistError):
        dataset.get_draft(9999)
    assert [d.number for d in dataset.list_drafts(status="OPEN", branch_name="dev")] == [2]
    assert counts(emu)[f"GET {PREFIX}/datasets/{{dataset_id}}/drafts"] >= 3
    assert JOB in counts(emu)
