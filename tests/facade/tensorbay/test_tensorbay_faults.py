"""Faults from the emulator (and byte-level ones from a mock transport): survived, or a documented error.

Reads are retried per the retry mode; POST verbs are never replayed once they may have reached the server, and
after an ambiguous failure the job is fetched to tell whether the verb took effect. Every test runs against both
twins (the sync facade and ``taskfacade.tensorbay.aio``): ``dataset`` is the twin's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import taskfacade
from taskfacade import JobPhase
from taskfacade.tensorbay import (
    Client,
    DatasetClient,
    InternalServerError,
    ResourceNotExistError,
    ResponseError,
    SquashAndMergeJob,
    Status,
)
from taskfacade_emulator import Emulator
from tensorbay_support import ABORT, CREATE, DELETE, JOB, JOBS, KEY, EmulatorClock, counts
from tensorbay_twins import AsyncTwin, SyncTwin

GET_JOB = {"service": "tensorbay", "method": "GET", "path": "/jobs/[^/]+$"}


@pytest.fixture
def dataset(twin_dataset: Any) -> Any:
    """This module's dataset is the twin's (each test runs against the sync facade and its async twin)."""
    return twin_dataset


def _job(dataset: DatasetClient, emu: Emulator) -> SquashAndMergeJob:  # or the async twin's
    job = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    emu.clear_request_counts()
    return job


@pytest.mark.parametrize("action", ["reset", "truncate"])
def test_reads_survive_resets_and_truncated_bodies(dataset: DatasetClient, emu: Emulator, action: str) -> None:
    job = _job(dataset, emu)
    emu.add_faults({**GET_JOB, "action": action, "count": 2})
    job.update()
    assert job.status == "QUEUING"
    assert counts(emu) == {JOB: 3}


def test_503_is_retried_by_default_and_raised_when_disabled(
    dataset: DatasetClient, emu: Emulator, clock: EmulatorClock
) -> None:
    job = _job(dataset, emu)
    emu.add_faults({**GET_JOB, "action": "status", "status": 503, "count": 2})
    job.update()
    assert counts(emu) == {JOB: 3}
    assert len(clock.sleeps) == 2  # jittered back-off on the emulator's clock
    dataset._client.retry_mode = "disabled"
    emu.add_faults({**GET_JOB, "action": "status", "status": 503, "count": 1})
    with pytest.raises(InternalServerError) as error:
        job.update()
    assert isinstance(error.value, taskfacade.ServerError)
    assert error.value.status == 503
    assert error.value.code == "InternalServerError"
    assert error.value.attempts == 1


def test_500_is_retried_only_in_forceful_mode(dataset: DatasetClient, emu: Emulator) -> None:
    job = _job(dataset, emu)
    emu.add_faults({**GET_JOB, "action": "status", "status": 500, "count": 1})
    with pytest.raises(InternalServerError):
        job.update()
    dataset._client.retry_mode = "forceful"
    emu.add_faults({**GET_JOB, "action": "status", "status": 500, "count": 1})
    job.update()
    assert counts(emu) == {JOB: 3}


def test_429_retry_after_is_honoured_up_to_the_cap(
    dataset: DatasetClient, emu: Emulator, clock: EmulatorClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="taskfacade")
    job = _job(dataset, emu)
    emu.add_faults({**GET_JOB, "action": "status", "status": 429, "retry_after": 3, "count": 1})
    job.update()
    assert clock.sleeps == [3.0]
    assert "tensorbay GET" in caplog.text
    assert "-> 429" in caplog.text
    assert KEY not in caplog.text
    emu.add_faults({**GET_JOB, "action": "status", "status": 429, "retry_after": 120, "count": 1})
    with pytest.raises(taskfacade.RateLimited) as error:
        job.update()
    assert isinstance(error.value, ResponseError)
    assert error.value.retry_after == 120
    assert clock.sleeps == [3.0]  # never waits two minutes


def test_malformed_body_is_a_decode_error_not_retried(dataset: DatasetClient, emu: Emulator) -> None:
    job = _job(dataset, emu)
    emu.add_faults({**GET_JOB, "action": "malformed", "count": 1})
    with pytest.raises(taskfacade.ResponseDecodeError):
        job.update()
    assert counts(emu) == {JOB: 1}
    emu.add_faults(service="tensorbay", method="GET", path="/jobs$", action="malformed", count=1)
    with pytest.raises(taskfacade.ResponseDecodeError):
        len(dataset.squash_and_merge.list_jobs())


def test_extra_fields_are_ignored(dataset: DatasetClient, emu: Emulator) -> None:
    job = _job(dataset, emu)
    emu.add_faults(service="tensorbay", action="extra_fields")
    job.update()
    assert job.status == "QUEUING"
    assert job.job_id in {j.job_id for j in dataset.squash_and_merge.list_jobs(status="QUEUING")}
    assert dataset.get_draft(1).number == 1


def test_unknown_status_never_ends_a_wait_early(dataset: DatasetClient, emu: Emulator) -> None:
    job = _job(dataset, emu)
    emu.advance(20)  # the job is SUCCESS on the server
    emu.add_faults({**GET_JOB, "action": "unknown_enum", "count": 3})
    job.update()
    assert job.status == "FUTURE_VALUE"
    assert job.phase is JobPhase.UNKNOWN
    assert not job.done
    assert job.job_type == "squashAndMerge"  # the type it was fetched as, not the unknown one
    assert job.arguments == {"futureArgument": "FUTURE_VALUE"}
    with pytest.raises(taskfacade.ResponseDecodeError, match="draftNumber"):
        _ = job.result  # a result of a shape this version does not know
    assert job.wait(timeout=60, interval=1) == "SUCCESS"  # two more unknown polls, then the real status
    assert counts(emu) == {JOB: 4}
    emu.add_faults({**GET_JOB, "action": "unknown_enum"})
    with pytest.raises(taskfacade.WaitTimeout):
        job.wait(timeout=5, interval=1)


def test_unknown_values_in_listings(dataset: DatasetClient, emu: Emulator) -> None:
    emu.add_faults(service="tensorbay", method="GET", path="/jobs$", action="unknown_enum")
    jobs = list(dataset.basic_search.list_jobs())
    assert jobs
    assert {job.status for job in jobs} == {"FUTURE_VALUE"}
    assert all(job.result is None for job in jobs)  # a search has a result only once SUCCESS


def test_abort_is_not_replayed_and_a_lost_answer_is_checked(dataset: DatasetClient, emu: Emulator) -> None:
    job = _job(dataset, emu)
    emu.add_faults(service="tensorbay", method="POST", path="/abort$", action="truncate", count=1)
    job.abort()  # applied, but the answer was cut short: the job is fetched and shows ABORTED
    assert job.status == "ABORTED"
    assert counts(emu)[ABORT] == 1
    assert emu.seeded()["tensorbay"]["verb_counts"]["abort"] == {job.job_id: 1}


@pytest.mark.parametrize("mode", ["default", "forceful"])
@pytest.mark.parametrize(
    ("fault", "error"), [({"action": "status", "status": 503}, InternalServerError), ({"action": "reset"}, None)]
)
def test_abort_that_did_not_happen_raises(
    dataset: DatasetClient, emu: Emulator, mode: str, fault: dict[str, object], error: type[Exception] | None
) -> None:
    job = _job(dataset, emu)
    dataset._client.retry_mode = mode
    emu.add_faults({"service": "tensorbay", "method": "POST", "path": "/abort$", "count": 1, **fault})
    with pytest.raises(error or taskfacade.TransportError):
        job.abort()
    assert counts(emu)[ABORT] == 1  # never replayed
    assert counts(emu)[JOB] == 1  # the check
    assert job.status == "QUEUING"
    assert emu.seeded()["tensorbay"]["verb_counts"]["abort"] == {}


@pytest.mark.parametrize("mode", ["default", "forceful"])
def test_create_job_is_never_replayed(dataset: DatasetClient, emu: Emulator, mode: str) -> None:
    dataset._client.retry_mode = mode
    before = len(dataset.squash_and_merge.list_jobs())
    emu.clear_request_counts()
    emu.add_faults(service="tensorbay", method="POST", path="/jobs$", action="status", status=503, count=1)
    with pytest.raises(InternalServerError):
        dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    assert counts(emu) == {CREATE: 1}
    assert len(dataset.squash_and_merge.list_jobs()) == before


def test_delete_whose_answer_was_lost_still_succeeds(dataset: DatasetClient, emu: Emulator) -> None:
    job = _job(dataset, emu)
    emu.add_faults(service="tensorbay", method="DELETE", action="truncate", count=1)
    dataset.squash_and_merge.delete_job(job.job_id)  # deleted, answer lost, replayed: 404 means done
    assert counts(emu)[DELETE] == 2
    with pytest.raises(ResourceNotExistError):
        dataset.squash_and_merge.get_job(job.job_id)


def test_wait_tolerates_transient_poll_failures(dataset: DatasetClient, emu: Emulator) -> None:
    job = _job(dataset, emu)
    dataset._client.retry_mode = "disabled"
    emu.add_faults({**GET_JOB, "action": "status", "status": 503, "count": 3})
    assert job.wait(timeout=60, interval=2) == "SUCCESS"
    other = dataset.squash_and_merge.create_job(draft_title="d", source_branch_name="dev")
    emu.add_faults({**GET_JOB, "action": "status", "status": 503})
    with pytest.raises(InternalServerError):
        other.wait(timeout=60, interval=2, max_poll_errors=1)  # a persistent failure is raised


def test_listing_pages_are_retried(dataset: DatasetClient, emu: Emulator) -> None:
    emu.add_faults(service="tensorbay", method="GET", path="/jobs$", action="status", status=502, count=1)
    assert len(dataset.squash_and_merge.list_jobs()) > 0
    assert counts(emu)[JOBS] == 2


# -- byte-level answers the emulator does not make -------------------------------------------------------------


def _dataset(twin: SyncTwin | AsyncTwin, handler: Callable[[httpx.Request], httpx.Response]) -> Any:
    client = twin.mock_client(handler, retry_mode="disabled")
    assert isinstance(client, Client | twin.Client)
    return twin.dataset("ds", "D1", client, status=Status("main", "c1"))


@pytest.mark.parametrize(
    ("status", "content", "classes", "code"),
    [
        (502, b"<html>bad gateway</html>", (InternalServerError, taskfacade.ServerError), None),
        (400, b'{"message": "no code here"}', (ResponseError, taskfacade.BadRequest), None),
        (
            418,
            b'{"code": "Teapot", "message": "short and stout"}',
            (ResponseError, taskfacade.UnexpectedStatus),
            "Teapot",
        ),
        (404, b'{"code": "ResourceNotExist", "message": "gone"}', (ResourceNotExistError,), "ResourceNotExist"),
        (500, b"", (InternalServerError,), None),
        (403, b'{"code": 7}', (ResponseError, taskfacade.Forbidden), None),
    ],
)
def test_error_bodies_of_any_shape(
    twin: SyncTwin | AsyncTwin, status: int, content: bytes, classes: tuple[type, ...], code: str | None
) -> None:
    dataset = _dataset(twin, lambda request: httpx.Response(status, content=content))
    with pytest.raises(ResponseError) as error:
        dataset.squash_and_merge.get_job("J1")
    assert isinstance(error.value, classes)
    assert error.value.status == status
    assert error.value.code == code
    assert error.value.message
    assert KEY not in str(error.value)


@pytest.mark.parametrize(("status", "content"), [(200, b""), (202, b"{}"), (200, b"[]"), (200, b'{"jobId": "J1"}')])
def test_success_bodies_that_are_not_a_job(twin: SyncTwin | AsyncTwin, status: int, content: bytes) -> None:
    dataset = _dataset(twin, lambda request: httpx.Response(status, content=content))
    with pytest.raises(taskfacade.ResponseDecodeError):
        dataset.squash_and_merge.get_job("J1")


def test_verbs_accept_any_success_answer(twin: SyncTwin | AsyncTwin) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}?{request.url.query.decode()}")
        assert request.headers["X-Token"] == KEY
        if request.method == "GET":
            return httpx.Response(200, json={"title": "t", "jobId": "J1", "arguments": {}, "createdAt": 1,
                                             "status": "ABORTED"})  # fmt: skip
        return httpx.Response(204)

    dataset = _dataset(twin, handler)
    job = dataset.squash_and_merge.get_job("J1")
    job.abort()
    dataset.squash_and_merge.delete_job("J1")
    prefix = "/gatewayv2/tensorbay-open-api/v1/datasets/D1/jobs/J1"
    assert seen == [
        f"GET {prefix}?jobType=squashAndMerge",
        f"POST {prefix}/abort?jobType=squashAndMerge",
        f"GET {prefix}?jobType=squashAndMerge",
        f"DELETE {prefix}?jobType=squashAndMerge",
    ]
