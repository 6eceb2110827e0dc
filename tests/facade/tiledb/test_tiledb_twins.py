"""One behaviour suite for both twins of the TileDB facade: ``taskfacade.tiledb`` and ``taskfacade.tiledb.aio``.

Every test taking ``twin`` runs twice (``tiledb_twins.py``): the same calls, answers, errors and request counts.
"""

from __future__ import annotations

import hashlib
import json
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
import taskfacade
from taskfacade import APIError, InvalidArgument, JobPhase, NotFound, Unauthorized, WaitTimeout
from taskfacade.tiledb import TaskNotReady, TasksError, TileDBTask, aio, tasks
from taskfacade.tiledb import client as tdb
from taskfacade_emulator import Emulator
from taskfacade_generated.tiledb.models import ArrayTaskStatus, ArrayTaskType
from tiledb_helpers import GET_ROUTE, LIST_ROUTE, RESULT_ROUTE, TOKEN, WORKSPACE, make_client, requests_made


def _seeded_id(emu: Emulator, index: int = 0) -> str:
    return str(emu.seeded()["tiledb"]["task_ids"][index])


def _kind(twin: Any) -> type[Any]:
    return aio.AsyncTileDBTask if twin.name == "async" else TileDBTask


# -- task --------------------------------------------------------------------------------------------------------


def test_task_is_the_twins_job_with_the_vendor_fields(emu: Emulator, twin: Any) -> None:
    task_id = _seeded_id(emu, 10)
    client = twin.client()
    found = twin.task(task_id, client=client)
    assert isinstance(found, _kind(twin))
    assert isinstance(found, taskfacade.aio.AsyncJob if twin.name == "async" else taskfacade.Job)
    assert found.id == task_id
    assert isinstance(found.status, ArrayTaskStatus)
    assert found.phase is TileDBTask.phase_of(found.status)
    assert found.start_time is not None
    assert found.client is client
    assert repr(found).startswith(f"<{_kind(twin).__name__} {task_id} status=")
    with make_client(emu) as sync_client:
        assert found.to_dict() == tasks.task(task_id, client=sync_client).to_dict()
    assert requests_made(emu, GET_ROUTE) == 2


def test_task_errors_are_tasks_errors_chained_to_the_core_error(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    with pytest.raises(TasksError, match="Can not retrieve task") as caught:
        twin.task(str(uuid.uuid4()), client=client)
    assert isinstance(caught.value.__cause__, NotFound)
    assert caught.value.status == 404


@pytest.mark.parametrize("bad", ["not-a-uuid", 42, None, ""])
def test_a_bad_id_is_refused_before_any_request(emu: Emulator, twin: Any, bad: Any) -> None:
    client = twin.client()
    with pytest.raises(InvalidArgument) as caught:
        twin.task(bad, client=client)
    assert caught.value.parameter == "id"
    assert requests_made(emu) == 0


def test_a_client_of_the_other_twin_is_refused(emu: Emulator, twin: Any) -> None:
    other = make_client(emu) if twin.name == "async" else aio.AsyncClient(token="t", workspace="ws_x")
    with pytest.raises(InvalidArgument) as caught:
        twin.task(_seeded_id(emu), client=other)
    assert caught.value.parameter == "client"
    assert requests_made(emu) == 0


# -- fetch_tasks -------------------------------------------------------------------------------------------------


def test_fetch_tasks_lists_the_same_tasks_with_the_same_requests(emu: Emulator, twin: Any) -> None:
    with make_client(emu) as sync_client:
        expected = [t.id for t in tasks.fetch_tasks(per_page=10, client=sync_client)]
    sync_requests = requests_made(emu, LIST_ROUTE)
    emu.clear_request_counts()
    found = twin.fetch_tasks(per_page=10, client=twin.client())
    assert [t.id for t in found] == expected
    assert all(isinstance(t, _kind(twin)) for t in found)
    assert len(expected) > 30  # several pages
    assert requests_made(emu, LIST_ROUTE) == sync_requests


def test_pages_start_at_the_page_asked_for(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    everything = [t.id for t in twin.fetch_tasks(per_page=10, client=client)]
    pages = twin.pages(per_page=10, page=2, client=client)
    assert [t.id for p in pages for t in p.items] == everything[10:]
    assert pages[0].total_items == len(everything) - 10
    response, array_tasks, metadata = twin.first_page(per_page=10, page=3, client=client)
    assert [t.id for t in array_tasks] == everything[20:30]
    assert [str(t.id) for t in response.array_tasks] == everything[20:30]
    assert metadata.total_items == len(everything)


def test_fetch_tasks_filters_like_the_sync_one(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    found = twin.fetch_tasks(status="COMPLETED", type="SQL", order_by="name", client=client)
    assert found
    assert all(t.status is ArrayTaskStatus.COMPLETED and t.type is ArrayTaskType.SQL for t in found)
    with make_client(emu) as sync_client:
        expected = tasks.fetch_tasks(status="COMPLETED", type="SQL", order_by="name", client=sync_client)
        assert [t.id for t in found] == [t.id for t in expected]


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"status": "DONE"}, "status"),
        ({"type": 3}, "type"),
        ({"order_by": "cost"}, "order_by"),
        ({"page": 0}, "page"),
        ({"per_page": -1}, "per_page"),
        ({"start": "yesterday"}, "start"),
    ],
)
def test_listing_arguments_are_checked_before_any_request(
    emu: Emulator, twin: Any, kwargs: dict[str, Any], parameter: str
) -> None:
    client = twin.client()
    with pytest.raises(InvalidArgument) as caught:
        twin.check_fetch_tasks(client=client, **kwargs)
    assert caught.value.parameter == parameter
    assert requests_made(emu) == 0


def test_a_failing_page_is_a_tasks_error(emu: Emulator, twin: Any) -> None:
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=403, count=1)
    with pytest.raises(TasksError, match="The task search request failed") as caught:
        twin.fetch_tasks(client=twin.client())
    assert isinstance(caught.value.__cause__, APIError)
    assert caught.value.status == 403


def test_last_sql_and_udf_task(emu: Emulator, twin: Any) -> None:
    emu.advance(10)
    [sql_id] = emu.create_tasks("tiledb", type="SQL")
    emu.advance(10)
    [udf_id] = emu.create_tasks("tiledb", type="GENERIC_UDF")
    emu.advance(10)
    emu.create_tasks("tiledb", type="QUERY")
    client = twin.client()
    last_sql = twin.last_sql_task(client=client)
    assert isinstance(last_sql, _kind(twin))
    assert last_sql.id == sql_id
    assert twin.last_udf_task(client=client).id == udf_id
    assert requests_made(emu, "GET /v1/user") == 1  # the user is asked once per client


# -- retries under faults ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "status", "attempts", "succeeds"),
    [("default", 503, 2, True), ("default", 500, 1, False), ("forceful", 500, 2, True), ("disabled", 503, 1, False)],
)
def test_retry_modes_under_emulator_faults(
    emu: Emulator, twin: Any, mode: str, status: int, attempts: int, succeeds: bool
) -> None:
    task_id = _seeded_id(emu)
    emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=status, count=1)
    client = twin.client(retry_mode=mode)
    if succeeds:
        assert twin.task(task_id, client=client).id == task_id
    else:
        with pytest.raises(TasksError) as caught:
            twin.task(task_id, client=client)
        assert isinstance(caught.value.__cause__, APIError)
        assert caught.value.__cause__.attempts == attempts
    assert requests_made(emu, GET_ROUTE) == attempts


def test_retry_after_is_slept_on_the_clients_clock(emu: Emulator, twin: Any) -> None:
    emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=429, retry_after=3, count=1)
    client = twin.client()
    twin.task(_seeded_id(emu), client=client)
    assert client.clock.sleeps == [3.0]


# -- results -----------------------------------------------------------------------------------------------------


def test_fetch_results_decodes_and_says_not_ready(emu: Emulator, twin: Any) -> None:
    [done] = emu.create_tasks("tiledb", type="UDF", result_format="bytes", run_s=1)
    [running] = emu.create_tasks("tiledb", type="UDF", result_format="json", run_s=100)
    emu.advance(2)
    client = twin.client()
    assert twin.fetch_results(done, client=client) == hashlib.sha256(done.encode()).digest()
    assert twin.task_results(twin.task(done, client=client)) == hashlib.sha256(done.encode()).digest()
    with pytest.raises(TaskNotReady):
        twin.fetch_results(running, client=client)
    with pytest.raises(InvalidArgument):
        twin.fetch_results(done, result_format="python_pickle", client=client)
    assert requests_made(emu, RESULT_ROUTE) == 3


# -- waiting -----------------------------------------------------------------------------------------------------


def _staggered(emu: Emulator, twin: Any, client: Any, count: int, *, step: float = 10.0) -> list[Any]:
    ids: list[str] = []
    outcomes = ("succeeded", "succeeded", "failed", "canceled")
    for i in range(count):
        ids += emu.create_tasks("tiledb", outcome=outcomes[i % 4], queued_s=2, run_s=step * (i + 1), type="UDF")
    found = {t.id: t for t in twin.fetch_tasks(per_page=1000, client=client)}
    return [found[task_id] for task_id in ids]


def test_wait_all_polls_with_one_listing_per_round(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    jobs = _staggered(emu, twin, client, 12, step=5)
    emu.clear_request_counts()
    statuses = twin.wait_all(jobs, interval=5)
    assert statuses == [job.status for job in jobs]
    assert [job.phase for job in jobs] == [
        (JobPhase.SUCCEEDED, JobPhase.SUCCEEDED, JobPhase.FAILED, JobPhase.CANCELED)[i % 4] for i in range(12)
    ]
    polls = 1 + len(client.clock.woke_at)
    gets, lists = requests_made(emu, GET_ROUTE), requests_made(emu, LIST_ROUTE)
    assert gets <= 3  # only once a single task is left is it fetched alone
    assert lists + gets == polls  # one request per poll round for twelve tasks


def test_both_twins_wait_with_the_same_requests(emu: Emulator, twin: Any) -> None:
    """The same tasks waited on by the sync facade and by the twin: the same listing and GET counts."""
    sync_twin_counts = []
    for which in ("sync", "twin"):
        runner: Any = twin
        if which == "sync":
            from tiledb_twins import SyncTwin

            runner = SyncTwin(emu)
        client = runner.client()
        jobs = _staggered(emu, runner, client, 5, step=10)
        emu.clear_request_counts()
        runner.as_completed(jobs, interval=4)
        sync_twin_counts.append((requests_made(emu, LIST_ROUTE), requests_made(emu, GET_ROUTE)))
        if which == "sync":
            runner.close()
    assert sync_twin_counts[0] == sync_twin_counts[1]


def test_a_single_task_waits_with_one_get_per_poll_and_times_out(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    [task_id] = emu.create_tasks("tiledb", queued_s=1, run_s=500, type="SQL")
    found = twin.task(task_id, client=client)
    emu.clear_request_counts()
    with pytest.raises(WaitTimeout):
        twin.wait(found, timeout=20, interval=5)
    assert len(client.clock.woke_at) <= requests_made(emu, GET_ROUTE) <= 1 + len(client.clock.woke_at)
    [quick] = emu.create_tasks("tiledb", queued_s=1, run_s=3, type="SQL")
    assert twin.wait(twin.task(quick, client=client), interval=1) is ArrayTaskStatus.COMPLETED


def test_refresh_reads_the_new_state(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    [task_id] = emu.create_tasks("tiledb", queued_s=1, run_s=2, type="SQL")
    found = twin.task(task_id, client=client)
    assert found.phase is JobPhase.PENDING
    emu.advance(5)
    twin.refresh(found)
    assert found.status is ArrayTaskStatus.COMPLETED


# -- client functions --------------------------------------------------------------------------------------------


def test_account_functions(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    user = twin.user_profile(client=client)
    with make_client(emu) as sync_client:
        assert user.to_dict() == tdb.user_profile(client=sync_client).to_dict()
        orgs = tdb.organizations(client=sync_client)
        namespace = tdb.default_charged_namespace(client=sync_client)
    assert [o.to_dict() for o in twin.organizations(client=client)] == [o.to_dict() for o in orgs]
    if orgs:
        assert twin.organization(orgs[0].name, client=client).to_dict() == orgs[0].to_dict()
    assert twin.default_charged_namespace(client=client) == namespace
    with pytest.raises(InvalidArgument):
        twin.organization("", client=client)


@pytest.mark.parametrize("name", ["list_arrays", "list_public_arrays", "list_shared_arrays", "list_groups"])
def test_browsers_list_the_same_assets(emu: Emulator, twin: Any, name: str) -> None:
    with make_client(emu) as sync_client:
        expected = [a.to_dict() for a in getattr(tdb, name)(per_page=2, client=sync_client)]
    sync_requests = requests_made(emu)
    emu.clear_request_counts()
    assert [a.to_dict() for a in twin.browse(name, per_page=2, client=twin.client())] == expected
    assert requests_made(emu) == sync_requests
    bad = {"permissions" if "arrays" in name else "permission": "owner"}
    with pytest.raises(InvalidArgument):
        twin.browse(name, client=twin.client(), **bad)


def test_a_workspace_name_is_resolved_once(emu: Emulator, twin: Any) -> None:
    client = twin.client(workspace="emulator")
    workspace = twin.workspace(client)
    assert workspace.startswith("ws_")
    twin.task(_seeded_id(emu), client=client)
    assert requests_made(emu, "GET /v4/workspaces/{workspace}") == 1


# -- login -------------------------------------------------------------------------------------------------------


def test_login_checks_stores_and_sets_the_default(emu: Emulator, twin: Any, tmp_path: Path) -> None:
    path = tmp_path / "profiles" / "profiles.json"
    logged = twin.login(token=TOKEN, host=emu.base_url("tiledb"), workspace=WORKSPACE, threads=2)
    assert twin.default_client() is logged
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["default"] == {
        "rest.server_address": emu.base_url("tiledb"),
        "rest.token": TOKEN,
        "rest.workspace": WORKSPACE,
    }
    assert requests_made(emu, "GET /v1/user") == 1
    twin.login(username="emulator", password="emulator", host=emu.base_url("tiledb"), profile="work")
    entry = json.loads(path.read_text())["work"]
    assert set(entry) == {"rest.server_address", "rest.token"}
    assert requests_made(emu, "GET /v1/session") == 1


def test_login_with_refused_credentials_stores_nothing(emu: Emulator, twin: Any, tmp_path: Path) -> None:
    with pytest.raises(Unauthorized) as caught:
        twin.login(token="wrong-token", host=emu.base_url("tiledb"))
    assert "wrong-token" not in str(caught.value)
    with pytest.raises(Unauthorized):
        twin.login(username="emulator", password="wrong", host=emu.base_url("tiledb"))
    assert not (tmp_path / "profiles" / "profiles.json").exists()
    with pytest.raises(InvalidArgument) as refused:
        twin.login(username="u")
    assert refused.value.parameter == "password"


# -- more of waiting: fallbacks, faults, forward compatibility, logs ---------------------------------------------


def test_a_busy_time_range_falls_back_to_the_live_listings(
    emu: Emulator, twin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from taskfacade.tiledb import _batch

    monkeypatch.setattr(_batch, "LISTING_PAGE_SIZE", 3)  # 5 tasks in range: more than one page
    monkeypatch.setattr(_batch, "MOSTLY_OURS", 0)  # as if the range held other tasks too: the live listings
    client = twin.client()
    jobs = _staggered(emu, twin, client, 5, step=10)
    emu.clear_request_counts()
    statuses = twin.wait_all(jobs, interval=4)
    assert statuses == [job.status for job in jobs]
    assert all(job.done for job in jobs)
    assert requests_made(emu, GET_ROUTE) <= 4 + 5


def test_a_range_of_mostly_waited_tasks_is_read_whole(
    emu: Emulator, twin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More than one listing page, mostly the tasks waited on: every page is read each poll, finished tasks
    included, so no task needs a GET of its own to read its final status (the live listings would need one GET
    per task as it finishes: 6 here)."""
    from taskfacade.tiledb import _batch

    monkeypatch.setattr(_batch, "LISTING_PAGE_SIZE", 4)  # 6 tasks finishing together: two pages
    client = twin.client()
    ids = emu.create_tasks("tiledb", 6, queued_s=2, run_s=20, type="UDF")
    found = {t.id: t for t in twin.fetch_tasks(per_page=1000, client=client)}
    jobs = [found[task_id] for task_id in ids]
    emu.clear_request_counts()
    statuses = twin.wait_all(jobs, interval=4)
    assert statuses == [job.status for job in jobs]
    assert all(job.done for job in jobs)
    assert requests_made(emu, GET_ROUTE) == 0


def test_a_failing_listing_is_a_transient_poll_error(emu: Emulator, twin: Any) -> None:
    client = twin.client(retry_mode="disabled")
    jobs = _staggered(emu, twin, client, 3, step=5)
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=503, count=8)
    assert twin.wait_all(jobs, interval=2, max_poll_errors=10)
    assert all(job.done for job in jobs)


def test_too_many_poll_errors_raise_the_tasks_error(emu: Emulator, twin: Any) -> None:
    client = twin.client(retry_mode="disabled")
    jobs = _staggered(emu, twin, client, 3, step=50)
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=503, count=50)
    with pytest.raises(TasksError) as caught:
        twin.wait_all(jobs, interval=2, max_poll_errors=2)
    assert caught.value.status == 503
    assert isinstance(caught.value.__cause__, APIError)


def test_unknown_statuses_keep_tasks_pending(emu: Emulator, twin: Any) -> None:
    client = twin.client()
    jobs = _staggered(emu, twin, client, 4, step=5)
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="unknown_enum", count=4)
    emu.add_faults(service="tiledb", path="^/v1/task/", action="unknown_enum", count=4)
    statuses = twin.wait_all(jobs, interval=2)
    assert all(s in (ArrayTaskStatus.COMPLETED, ArrayTaskStatus.FAILED, ArrayTaskStatus.CANCELLED) for s in statuses)


def test_retries_are_logged_alike_and_redacted(emu: Emulator, twin: Any, caplog: pytest.LogCaptureFixture) -> None:
    emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=503, count=1)
    client = twin.client()
    with caplog.at_level("DEBUG"):
        twin.task(_seeded_id(emu), client=client)
    retries = [r for r in caplog.records if "retry" in r.getMessage().lower()]
    assert len(retries) == 1
    assert "503" in retries[0].getMessage()
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
