"""``tasks.task``, ``TileDBTask`` as a Job (status, phase, refresh, wait) and ``last_sql_task``/``last_udf_task``."""

from __future__ import annotations

import datetime
import multiprocessing
import types
import uuid
from concurrent.futures import Future

import pytest
import taskfacade
from taskfacade import InvalidArgument, JobPhase, NotFound, WaitTimeout
from taskfacade.tiledb import Client, TasksError, TileDBTask, tasks
from taskfacade_emulator import Credentials, Emulator
from taskfacade_generated.tiledb.models import ArrayTaskStatus, ArrayTaskType
from tiledb_helpers import GET_ROUTE, make_client, requests_made


def _seeded_id(emu: Emulator, index: int = 0) -> str:
    return str(emu.seeded()["tiledb"]["task_ids"][index])


def test_task_returns_a_job_with_the_vendor_fields(emu: Emulator, client: Client) -> None:
    task_id = _seeded_id(emu, 10)
    found = tasks.task(task_id, client=client)
    assert isinstance(found, TileDBTask)
    assert isinstance(found, taskfacade.Job)
    assert found.id == task_id
    assert found.array_task.id == task_id
    assert isinstance(found.status, ArrayTaskStatus)
    assert found.phase is TileDBTask.phase_of(found.status)
    assert found.start_time is not None
    assert found.start_time.tzinfo is datetime.UTC
    assert found.created_utc == found.started_utc == found.start_time
    assert isinstance(found.type, ArrayTaskType)
    assert found.name
    assert found.username
    assert found.namespace
    assert found.to_dict()["id"] == task_id
    assert found.client is client
    assert tasks.task(uuid.UUID(task_id), client=client).id == task_id
    assert tasks.task(types.SimpleNamespace(id=task_id), client=client).id == task_id
    assert repr(found).startswith(f"<TileDBTask {task_id} status=")
    assert requests_made(emu, GET_ROUTE) == 3


def test_async_req_gives_a_future(emu: Emulator, client: Client) -> None:
    future = tasks.task(_seeded_id(emu), async_req=True, client=client)
    assert isinstance(future, Future)
    assert future.result(timeout=10).id == _seeded_id(emu)
    missing = tasks.task(uuid.uuid4(), async_req=True, client=client)
    with pytest.raises(TasksError) as caught:
        missing.result(timeout=10)
    assert isinstance(caught.value.__cause__, NotFound)


def test_async_req_is_also_a_multiprocessing_apply_result(emu: Emulator, client: Client) -> None:
    """The vendor returns a multiprocessing ``ApplyResult``: ``get(timeout)``, ``ready``, ``successful``, ``wait``."""
    task_id = _seeded_id(emu)
    pending = tasks.task(task_id, async_req=True, client=client)
    assert pending.get(timeout=10).id == task_id
    assert pending.wait(1) is None
    assert pending.ready() is True
    assert pending.successful() is True

    missing = tasks.task(uuid.uuid4(), async_req=True, client=client)
    missing.wait(10)
    assert missing.ready()
    assert missing.successful() is False
    with pytest.raises(TasksError):
        missing.get(10)

    emu.add_faults(service="tiledb", path="^/v1/task/", action="latency", latency_ms=1500, count=1)
    slow = tasks.task(task_id, async_req=True, client=make_client(emu, clock=None))
    assert slow.ready() is False
    with pytest.raises(ValueError, match="not ready"):
        slow.successful()  # as ApplyResult.successful() before the result is in
    with pytest.raises(multiprocessing.TimeoutError):
        slow.get(0.05)
    with pytest.raises(TimeoutError):  # the same exception, also a built-in TimeoutError
        slow.get(timeout=0.05)
    assert slow.get(30).id == task_id


def test_an_unknown_task_is_a_tasks_error_chained_to_not_found(emu: Emulator, client: Client) -> None:
    with pytest.raises(TasksError) as caught:
        tasks.task(str(uuid.uuid4()), client=client)
    error = caught.value
    assert isinstance(error.__cause__, NotFound)
    assert error.status == 404
    assert error.api_error is not None
    assert error.api_error.code == "1003"
    assert error.api_error.request_id
    assert "Can not retrieve task" in str(error)


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"id": "not-a-uuid"}, "id"),
        ({"id": 42}, "id"),
        ({"id": None}, "id"),
        ({"id": "0c6b2c1e-38d2-4a47-9a2f-9c1e0bd1c0ab", "async_req": "yes"}, "async_req"),
    ],
)
def test_bad_task_arguments_make_no_request(emu: Emulator, client: Client, arguments: dict, parameter: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        tasks.task(**arguments, client=client)
    assert caught.value.parameter == parameter
    assert requests_made(emu) == 0


@pytest.mark.parametrize(
    ("status", "phase"),
    [
        ("QUEUED", JobPhase.PENDING),
        ("RUNNING", JobPhase.RUNNING),
        ("COMPLETED", JobPhase.SUCCEEDED),
        ("FAILED", JobPhase.FAILED),
        ("RESOURCES_UNAVAILABLE", JobPhase.FAILED),
        ("DENIED", JobPhase.FAILED),
        ("CANCELLED", JobPhase.CANCELED),
        ("UNKNOWN", JobPhase.UNKNOWN),
        ("SOMETHING_NEW", JobPhase.UNKNOWN),
    ],
)
def test_every_status_has_a_phase(status: str, phase: JobPhase) -> None:
    assert TileDBTask.phase_of(ArrayTaskStatus(status)) is phase
    assert TileDBTask.phase_of(status) is phase


def test_wait_returns_the_final_status_and_error(emu: Emulator, client: Client) -> None:
    [task_id] = emu.create_tasks("tiledb", outcome="failed", queued_s=5, run_s=20, type="UDF")
    job = tasks.task(task_id, client=client)
    assert job.status is ArrayTaskStatus.QUEUED
    assert job.phase is JobPhase.PENDING
    assert job.error is None
    started = emu.now()
    assert job.wait(interval=2) is ArrayTaskStatus.FAILED
    assert 25 <= emu.now() - started <= 28  # seen within one interval of the end
    assert job.phase is JobPhase.FAILED
    assert job.done
    assert job.error
    assert "emulated failure" in job.error
    assert job.finished_utc is not None
    assert job.finished_utc > job.started_utc
    assert job.abort is not None
    with pytest.raises(taskfacade.UnsupportedOperation):
        job.abort()


def test_wait_times_out_once(emu: Emulator, client: Client) -> None:
    [task_id] = emu.create_tasks("tiledb", run_s=600)
    job = tasks.task(task_id, client=client)
    with pytest.raises(WaitTimeout) as caught:
        job.wait(timeout=30, interval=5)
    assert caught.value.pending == [job]
    assert isinstance(caught.value, TimeoutError)
    assert job.status is ArrayTaskStatus.RUNNING


def test_unknown_statuses_never_end_a_wait_early(emu: Emulator, client: Client) -> None:
    [task_id] = emu.create_tasks("tiledb", run_s=3)
    job = tasks.task(task_id, client=client)
    emu.advance(5)
    emu.add_faults(service="tiledb", path="^/v1/task/", action="unknown_enum", count=3)
    assert job.wait(interval=1) is ArrayTaskStatus.COMPLETED
    assert requests_made(emu, GET_ROUTE) == 1 + 4


def test_wait_rides_out_transient_poll_failures_up_to_a_limit(emu: Emulator) -> None:
    [task_id, other_id] = emu.create_tasks("tiledb", 2, run_s=10)
    with make_client(emu, retry_mode="disabled") as client:
        job, other = tasks.task(task_id, client=client), tasks.task(other_id, client=client)
        emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=503, count=2)
        assert job.wait(interval=4) is ArrayTaskStatus.COMPLETED
        assert other.status is ArrayTaskStatus.RUNNING
        assert not other.done
        emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=503, count=10)
        with pytest.raises(TasksError) as caught:
            other.wait(interval=4, max_poll_errors=2)
        assert caught.value.status == 503
        assert requests_made(emu, GET_ROUTE) == 2 + 4 + 3  # 2 fetches; polls at t=0,4 (503),8,12; 3 polls (503)


def test_last_sql_and_udf_task_are_asked_of_the_server(emu: Emulator, client: Client) -> None:
    emu.advance(10)
    [sql_id] = emu.create_tasks("tiledb", type="SQL")
    emu.advance(10)
    [udf_id] = emu.create_tasks("tiledb", type="GENERIC_UDF")
    emu.advance(10)
    emu.create_tasks("tiledb", type="QUERY")
    assert tasks.last_sql_task(client=client).id == sql_id
    assert tasks.last_udf_task(client=client).id == udf_id
    with make_client(emu) as another:  # no state shared with the first client: the server answers
        assert tasks.last_sql_task(client=another).id == sql_id


def test_last_task_when_the_user_has_none() -> None:
    with Emulator(seed_count=20, speed=0, credentials=Credentials(tiledb_username="carol")) as emu:
        client = make_client(emu)
        with pytest.raises(TasksError, match="'carol' has no SQL task"):
            tasks.last_sql_task(client=client)
        emu.add_faults(service="tiledb", path="^/v1/user", action="status", status=401, count=1)
        with pytest.raises(TasksError) as caught:
            tasks.last_udf_task(client=make_client(emu))
        assert caught.value.status == 401


def test_a_task_without_a_usable_id_cannot_be_refreshed(emu: Emulator, client: Client) -> None:
    from taskfacade_generated.tiledb.models import ArrayTask

    odd = TileDBTask(ArrayTask.from_dict({"name": "no id", "status": "RUNNING"}), client)
    assert odd.id == ""
    assert odd.phase is JobPhase.RUNNING
    assert odd.start_time is None
    with pytest.raises(TasksError, match="not a UUID"):
        odd.refresh()
    assert requests_made(emu) == 0
