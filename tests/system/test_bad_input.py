"""A table of invalid calls across the public API of the core and the four services.

Every call must be refused before any request, with ``taskfacade.InvalidArgument`` (also a ``ValueError`` and a
``TypeError``) whose ``parameter`` is the parameter's name as the caller spelled it, whose message names it too
and, where the parameter has a fixed set of values, lists what is accepted; no credential may appear in the
message. The emulator behind the clients must count ZERO requests for each call (``emu.request_counts()``).
"""

from __future__ import annotations

import datetime
import pathlib
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest
import taskfacade
from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade.tiledb import client as tiledb_client
from taskfacade.tiledb import tasks as tiledb_tasks
from taskfacade_emulator import Emulator

UTC = datetime.UTC
NAN = float("nan")
INF = float("inf")
NAIVE = datetime.datetime(2025, 1, 2, 3, 4, 5)
AWARE = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
TASK_UUID = "6a7d2a8e-0d4c-4b55-9c1e-3f4a5b6c7d8e"
SECRETS = ("emulator-token", "emulator-secret", "ACCESSKEY-emulator", "pw-do-not-show")


@attrs.frozen
class Ctx:
    """Clients against one emulator, plus jobs fetched before the table runs (so a case needs no request)."""

    emu: Emulator
    tiledb: tiledb.Client
    deadline: deadline.DeadlineClient
    geobox: geobox.GeoboxClient
    gas: tensorbay.GAS
    dataset: tensorbay.DatasetClient
    tiledb_task: tiledb.TileDBTask
    deadline_task: deadline.DeadlineTask
    geobox_task: geobox.Task
    squash_job: tensorbay.SquashAndMergeJob
    search_job: tensorbay.BasicSearchJob
    ids: dict[str, str]
    profile_dir: pathlib.Path


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ctx]:
    profile_dir = tmp_path_factory.mktemp("tiledb-profile")
    with Emulator(seed_count=5, speed=0) as emu:
        seeded = emu.seeded()
        dl = seeded["deadline"]
        ids = {k: dl[k] for k in ("farmId", "queueId", "jobId", "stepId")} | {"taskId": dl["task_ids"][0]}
        tdb = tiledb.Client(
            host=emu.base_url("tiledb"), token="emulator-token", workspace="ws_emulator", profile_dir=profile_dir
        )
        dlc = deadline.client(
            region_name="us-west-2",
            endpoint_url=emu.base_url("deadline"),
            aws_access_key_id="AKIDEMULATOR",
            aws_secret_access_key="emulator-secret",
            environ={},
        )
        gbc = geobox.GeoboxClient(host=emu.base_url("geobox"), access_token="emulator-token")
        gas = tensorbay.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"))
        dataset = gas.get_dataset(seeded["tensorbay"]["dataset_name"])
        done = seeded["tensorbay"]["job_ids_by_status"]["SUCCESS"]
        squash = next(j for j in done if j in seeded["tensorbay"]["job_ids"]["squashAndMerge"])
        search = next(j for j in done if j in seeded["tensorbay"]["job_ids"]["basicSearch"])
        yield Ctx(
            emu=emu,
            tiledb=tdb,
            deadline=dlc,
            geobox=gbc,
            gas=gas,
            dataset=dataset,
            tiledb_task=tiledb_tasks.task(seeded["tiledb"]["task_ids"][0], client=tdb),
            deadline_task=dlc.task(**ids),
            geobox_task=gbc.get_task(seeded["geobox"]["task_ids"][0]),
            squash_job=dataset.squash_and_merge.get_job(squash),
            search_job=dataset.basic_search.get_job(search),
            ids=ids,
            profile_dir=profile_dir,
        )
        for closable in (tdb, dlc, gbc, gas):
            closable.close()
        tiledb.set_default_client(None)


@attrs.frozen
class Case:
    """One invalid call: what it does, the parameter it must name, and what the message must list as accepted."""

    name: str
    call: Callable[[Ctx], Any]
    parameter: str
    accepted: tuple[str, ...] = ()


def _ids(c: Ctx, **override: Any) -> dict[str, Any]:
    return {**c.ids, **override}


def _no_step(c: Ctx, **override: Any) -> dict[str, Any]:
    return {k: v for k, v in _ids(c, **override).items() if k != "taskId"}


def _fetch(**kwargs: Any) -> Callable[[Ctx], Any]:
    return lambda c: tiledb_tasks.fetch_tasks(client=c.tiledb, **kwargs)


def _transport(**kwargs: Any) -> Callable[[Ctx], Any]:
    base = {"service": "x", "base_url": "http://127.0.0.1:9"}
    return lambda c: taskfacade.Transport(**{**base, **kwargs})


def _policy(**kwargs: Any) -> Callable[[Ctx], Any]:
    base = {"name": "mine", "max_attempts": 3, "budget": 10.0, "retry_statuses": [503]}
    return lambda c: taskfacade.RetryPolicy(**{**base, **kwargs})


def _search(c: Ctx, **kwargs: Any) -> Any:
    base = {"farmId": c.ids["farmId"], "queueIds": [c.ids["queueId"]], "itemOffset": 0}
    return c.deadline.search_tasks(**{**base, **kwargs})


def _dl_client(**kwargs: Any) -> Callable[[Ctx], Any]:
    base = {
        "region_name": "us-west-2",
        "aws_access_key_id": "AKIDEMULATOR",
        "aws_secret_access_key": "emulator-secret",
        "environ": {},
    }
    return lambda c: deadline.client(**{**base, "endpoint_url": c.emu.base_url("deadline"), **kwargs})


def _gb_client(**kwargs: Any) -> Callable[[Ctx], Any]:
    return lambda c: geobox.GeoboxClient(
        **{"host": c.emu.base_url("geobox"), "access_token": "emulator-token", **kwargs}
    )


def _squash(**kwargs: Any) -> Callable[[Ctx], Any]:
    base = {"draft_title": "d", "source_branch_name": "dev"}
    return lambda c: c.dataset.squash_and_merge.create_job(**{**base, **kwargs})


def _basic(**kwargs: Any) -> Callable[[Ctx], Any]:
    base = {"conjunction": "and", "filters": [("category", "in", ["car"], "BOX2D")]}
    return lambda c: c.dataset.basic_search.create_job(**{**base, **kwargs})


RETRY_MODES = ("default", "forceful", "disabled")
TILEDB_STATUSES = ("QUEUED", "RUNNING", "COMPLETED", "FAILED")
TARGET_RUN_STATUSES = ("READY", "FAILED", "SUCCEEDED", "CANCELED", "SUSPENDED", "PENDING")
GEOBOX_STATES = ("PENDING", "PROGRESS", "SUCCESS", "FAILURE", "ABORTED")

CASES: list[Case] = [
    # -- the core ---------------------------------------------------------------------------------------------
    Case("core retry_policy unknown mode", lambda c: taskfacade.retry_policy("aggressive"), "retry_mode", RETRY_MODES),
    Case("core retry_policy not a string", lambda c: taskfacade.retry_policy(3), "retry_mode", RETRY_MODES),
    Case("core RetryPolicy max_attempts 0", _policy(max_attempts=0), "max_attempts", ("integer >= 1",)),
    Case("core RetryPolicy max_attempts float", _policy(max_attempts=2.5), "max_attempts", ("integer >= 1",)),
    Case("core RetryPolicy negative budget", _policy(budget=-1.0), "budget", ("> 0",)),
    Case("core RetryPolicy zero backoff", _policy(backoff_base=0.0), "backoff_base", ("> 0",)),
    Case("core RetryPolicy zero cap", _policy(backoff_cap=0.0), "backoff_cap", ("> 0",)),
    Case("core RetryPolicy zero max_retry_after", _policy(max_retry_after=0.0), "max_retry_after", ("> 0",)),
    Case("core Transport empty service", _transport(service=""), "service"),
    Case("core Transport ftp base_url", _transport(base_url="ftp://example.com"), "base_url", ("http://", "https://")),
    Case("core Transport base_url with password", _transport(base_url="http://me:pw-do-not-show@h"), "base_url"),
    Case("core Transport base_url with query", _transport(base_url="http://h/?apikey=x"), "base_url"),
    Case("core Transport zero timeout", _transport(timeout=0), "timeout", ("seconds > 0",)),
    Case("core Transport None timeout", _transport(timeout=None), "timeout", ("seconds > 0",)),
    Case("core Transport pool_size 0", _transport(pool_size=0), "pool_size", ("integer >= 1",)),
    Case("core Transport verify 5", _transport(verify=5), "verify"),
    Case("core Transport retry mode", _transport(retry="sometimes"), "retry", RETRY_MODES),
    Case("core Pager page_size 0", lambda c: taskfacade.Pager(lambda r: None, page_size=0), "page_size"),
    Case(
        "core Pager page_size with cursors",
        lambda c: taskfacade.Pager(lambda r: None, page_size=5, cursor_paged=True),
        "page_size",
    ),
    Case("core Pager index type", lambda c: tiledb_tasks.fetch_tasks(client=c.tiledb)["x"], "index", ("int",)),
    Case("core Pager slice step 0", lambda c: tiledb_tasks.fetch_tasks(client=c.tiledb)[::0], "slice step"),
    Case("core wait_all negative timeout", lambda c: taskfacade.wait_all([c.deadline_task], timeout=-1), "timeout"),
    Case("core wait_all string timeout", lambda c: taskfacade.wait_all([c.deadline_task], timeout="9"), "timeout"),
    Case("core wait_all zero interval", lambda c: taskfacade.wait_all([c.deadline_task], interval=0), "interval"),
    Case(
        "core wait_all negative min_interval",
        lambda c: taskfacade.wait_all([c.deadline_task], min_interval=-1),
        "min_interval",
    ),
    Case(
        "core wait_all negative max_poll_errors",
        lambda c: taskfacade.wait_all([c.deadline_task], max_poll_errors=-1),
        "max_poll_errors",
    ),
    Case(
        "core as_completed bool interval",
        lambda c: list(taskfacade.as_completed([c.deadline_task], interval=True)),
        "interval",
    ),
    # NaN and infinity (issue 9, item 4): ``nan < 0`` is false, so a plain range check let a wait run forever
    Case("core wait_all nan timeout", lambda c: taskfacade.wait_all([c.deadline_task], timeout=NAN), "timeout"),
    Case("core wait_all inf timeout", lambda c: taskfacade.wait_all([c.deadline_task], timeout=INF), "timeout"),
    Case("core wait_all inf interval", lambda c: taskfacade.wait_all([c.deadline_task], interval=INF), "interval"),
    Case(
        "core wait_all nan min_interval",
        lambda c: taskfacade.wait_all([c.deadline_task], min_interval=NAN),
        "min_interval",
    ),
    Case(
        "core as_completed nan timeout",
        lambda c: list(taskfacade.as_completed([c.deadline_task], timeout=NAN)),
        "timeout",
        ("finite",),
    ),
    Case("core Job.wait nan timeout", lambda c: c.deadline_task.wait(timeout=NAN), "timeout", ("finite",)),
    Case("core Job.wait -inf timeout", lambda c: c.tiledb_task.wait(timeout=-INF), "timeout"),
    Case("core Job.wait inf interval", lambda c: c.tiledb_task.wait(interval=INF), "interval"),
    Case("core Job.wait huge interval", lambda c: c.tiledb_task.wait(interval=1e300), "interval"),
    Case("core RetryPolicy inf budget", _policy(budget=INF), "budget", ("finite",)),
    Case("core RetryPolicy nan backoff_cap", _policy(backoff_cap=NAN), "backoff_cap"),
    Case("core RetryPolicy inf max_retry_after", _policy(max_retry_after=INF), "max_retry_after"),
    Case("core RetryPolicy unhashable statuses", _policy(retry_statuses=[[503]]), "retry_statuses"),
    Case("core Transport inf timeout", _transport(timeout=INF), "timeout", ("finite",)),
    Case("core Transport nan httpx.Timeout", _transport(timeout=httpx.Timeout(5.0, read=NAN)), "timeout"),
    # raw exceptions that escaped the error tree (issue 9, item 5)
    Case("core wait_all ids instead of jobs", lambda c: taskfacade.wait_all(["id"]), "jobs", ("taskfacade.Job",)),
    Case("core as_completed a string", lambda c: list(taskfacade.as_completed("abc")), "jobs"),
    Case("core refresh_all ids instead of jobs", lambda c: taskfacade.refresh_all(["id"]), "jobs", ("taskfacade.Job",)),
    Case(
        "core refresh_all return_exceptions",
        lambda c: taskfacade.refresh_all([c.deadline_task], return_exceptions="yes"),
        "return_exceptions",
    ),
    Case("core wait_all clock", lambda c: taskfacade.wait_all([c.deadline_task], clock="now"), "clock"),
    Case("core Job.wait negative timeout", lambda c: c.deadline_task.wait(timeout=-5), "timeout"),
    Case("core Job.wait zero interval", lambda c: c.tiledb_task.wait(interval=0), "interval"),
    # -- TileDB tasks -----------------------------------------------------------------------------------------
    Case("tiledb fetch_tasks unknown status", _fetch(status="DONE"), "status", TILEDB_STATUSES),
    Case("tiledb fetch_tasks unknown type", _fetch(type="PYTHON"), "type", ("SQL", "UDF")),
    Case("tiledb fetch_tasks unknown exclude_type", _fetch(exclude_type=["SQL", "NOPE"]), "exclude_type", ("UDF",)),
    Case(
        "tiledb fetch_tasks naive start after naive end",
        _fetch(start=NAIVE, end=NAIVE - datetime.timedelta(days=1)),
        "start",
        ("before end",),
    ),
    Case("tiledb fetch_tasks naive start before 1970", _fetch(start=datetime.datetime(1960, 1, 1)), "start", ("1970",)),
    Case("tiledb fetch_tasks start as string", _fetch(start="2025-01-01"), "start", ("datetime",)),
    Case(
        "tiledb fetch_tasks start after end",
        _fetch(start=AWARE, end=AWARE - datetime.timedelta(days=1)),
        "start",
        ("before end",),
    ),
    Case("tiledb fetch_tasks start before 1970", _fetch(start=datetime.datetime(1960, 1, 1, tzinfo=UTC)), "start"),
    Case("tiledb fetch_tasks unknown order_by", _fetch(order_by="cost"), "order_by", ("start_time", "name")),
    Case("tiledb fetch_tasks bad order direction", _fetch(order_by="name sideways"), "order_by", ("asc", "desc")),
    Case("tiledb fetch_tasks page 0", _fetch(page=0), "page", (">= 1",)),
    Case("tiledb fetch_tasks page as string", _fetch(page="2"), "page"),
    Case("tiledb fetch_tasks per_page 0", _fetch(per_page=0), "per_page"),
    Case("tiledb fetch_tasks per_page bool", _fetch(per_page=True), "per_page"),
    Case("tiledb fetch_tasks per_page nan", _fetch(per_page=NAN), "per_page"),
    Case("tiledb fetch_tasks page of 2**40", _fetch(page=2**40), "page", ("2147483647",)),
    Case("tiledb Client inf timeout", lambda c: tiledb.Client(timeout=INF, profile_dir=c.profile_dir), "timeout"),
    Case("tiledb fetch_tasks query not a string", _fetch(query=5), "query"),
    Case("tiledb fetch_tasks empty file_type", _fetch(file_type=[""]), "file_type"),
    Case("tiledb fetch_tasks prefetch not a bool", _fetch(prefetch="yes"), "prefetch", ("True or False",)),
    Case("tiledb fetch_tasks array number", _fetch(array=5), "array"),
    Case(
        "tiledb fetch_tasks teamspace contradicts array",
        _fetch(array="tiledb://ws_emulator/ts_one/arr", teamspace="ts_two"),
        "teamspace",
    ),
    Case("tiledb fetch_tasks client not a Client", lambda c: tiledb_tasks.fetch_tasks(client="me"), "client"),
    Case("tiledb task malformed id", lambda c: tiledb_tasks.task("not-a-uuid", client=c.tiledb), "id", ("UUID",)),
    Case("tiledb task None id", lambda c: tiledb_tasks.task(None, client=c.tiledb), "id", ("UUID",)),
    Case(
        "tiledb task async_req not a bool",
        lambda c: tiledb_tasks.task(TASK_UUID, async_req="yes", client=c.tiledb),
        "async_req",
    ),
    Case("tiledb fetch_results malformed id", lambda c: tiledb_tasks.fetch_results(42, client=c.tiledb), "task_id"),
    Case(
        "tiledb fetch_results unknown format",
        lambda c: tiledb_tasks.fetch_results(TASK_UUID, result_format="xml", client=c.tiledb),
        "result_format",
        ("json", "arrow"),
    ),
    Case(
        "tiledb fetch_results pickle not allowed",
        lambda c: tiledb_tasks.fetch_results(TASK_UUID, result_format="python_pickle", client=c.tiledb),
        "result_format",
        ("allow_pickle",),
    ),
    Case(
        "tiledb fetch_results allow_pickle not a bool",
        lambda c: tiledb_tasks.fetch_results(TASK_UUID, allow_pickle="yes", client=c.tiledb),
        "allow_pickle",
    ),
    Case(
        "tiledb fetch_results_pandas unknown format",
        lambda c: tiledb_tasks.fetch_results_pandas(TASK_UUID, result_format="csv", client=c.tiledb),
        "result_format",
        ("json",),
    ),
    # -- TileDB client module ---------------------------------------------------------------------------------
    Case(
        "tiledb list_arrays unknown permissions",
        lambda c: tiledb_client.list_arrays(permissions="owner", client=c.tiledb),
        "permissions",
        ("read", "write", "admin"),
    ),
    Case(
        "tiledb list_arrays per_page -1", lambda c: tiledb_client.list_arrays(per_page=-1, client=c.tiledb), "per_page"
    ),
    Case("tiledb list_arrays tag number", lambda c: tiledb_client.list_arrays(tag=[1], client=c.tiledb), "tag"),
    Case(
        "tiledb list_public_arrays page 0", lambda c: tiledb_client.list_public_arrays(page=0, client=c.tiledb), "page"
    ),
    Case(
        "tiledb list_shared_arrays async_req",
        lambda c: tiledb_client.list_shared_arrays(async_req="y", client=c.tiledb),
        "async_req",
    ),
    Case(
        "tiledb list_groups malformed parent",
        lambda c: tiledb_client.list_groups(parent="not-a-uuid", client=c.tiledb),
        "parent",
    ),
    Case(
        "tiledb list_public_groups per_page 0",
        lambda c: tiledb_client.list_public_groups(per_page=0, client=c.tiledb),
        "per_page",
    ),
    Case("tiledb organization number", lambda c: tiledb_client.organization(5, client=c.tiledb), "organization"),
    Case(
        "tiledb find_organization... not a user",
        lambda c: tiledb_client.find_organization_or_user_for_default_charges("me"),
        "user",
    ),
    Case(
        "tiledb default_charged_namespace unknown action",
        lambda c: tiledb_client.default_charged_namespace(required_action="fly", client=c.tiledb),
        "required_action",
    ),
    Case(
        "tiledb Client pool_threads 0",
        lambda c: tiledb.Client(pool_threads=0, profile_dir=c.profile_dir),
        "pool_threads",
    ),
    Case(
        "tiledb Client unknown retry_mode",
        lambda c: tiledb.Client(retry_mode="sometimes", profile_dir=c.profile_dir),
        "retry_mode",
        RETRY_MODES,
    ),
    Case(
        "tiledb Client token and password",
        lambda c: tiledb.Client(token="emulator-token", username="u", password="pw-do-not-show"),
        "token",
    ),
    Case("tiledb Client username alone", lambda c: tiledb.Client(username="u", profile_dir=c.profile_dir), "password"),
    Case("tiledb Client empty token", lambda c: tiledb.Client(token="", profile_dir=c.profile_dir), "token"),
    Case("tiledb Client.retry_mode", lambda c: c.tiledb.retry_mode("sometimes"), "mode", RETRY_MODES),
    Case("tiledb Client.set_threads 0", lambda c: c.tiledb.set_threads(0), "threads"),
    Case(
        "tiledb RetryMode.maybe_from unknown",
        lambda c: tiledb_client.RetryMode.maybe_from("sometimes"),
        "mode",
        ("RetryMode", "forceful"),
    ),
    Case("tiledb Client retry_mode number", lambda c: tiledb_client.Client(retry_mode=3), "retry_mode", ("RetryMode",)),
    Case("tiledb Config not a mapping", lambda c: tiledb_client.Config(5), "cfg_dict"),
    Case("tiledb Config None value", lambda c: tiledb_client.Config({"rest.token": None}), "cfg_dict"),
    Case("tiledb login without credentials", lambda c: tiledb.login(profile_dir=c.profile_dir), "token"),
    Case(
        "tiledb login threads 0",
        lambda c: tiledb.login(token="emulator-token", threads=0, profile_dir=c.profile_dir),
        "threads",
    ),
    Case(
        "tiledb login no_session not a bool",
        lambda c: tiledb.login(token="emulator-token", no_session="y", profile_dir=c.profile_dir),
        "no_session",
    ),
    # -- Deadline ---------------------------------------------------------------------------------------------
    Case("deadline client bad region", _dl_client(region_name="us west 2"), "region_name"),
    Case("deadline client ftp endpoint", _dl_client(endpoint_url="ftp://example.com"), "endpoint_url"),
    Case("deadline client unknown retry_mode", _dl_client(retry_mode="sometimes"), "retry_mode", RETRY_MODES),
    Case("deadline client zero timeout", _dl_client(timeout=0), "timeout"),
    Case("deadline get_task short farmId", lambda c: c.deadline.get_task(**_ids(c, farmId="farm-123")), "farmId"),
    Case("deadline get_task queueId number", lambda c: c.deadline.get_task(**_ids(c, queueId=5)), "queueId"),
    Case(
        "deadline get_task jobId upper-case", lambda c: c.deadline.get_task(**_ids(c, jobId="job-" + "A" * 32)), "jobId"
    ),
    Case("deadline get_task malformed stepId", lambda c: c.deadline.get_task(**_ids(c, stepId="step-")), "stepId"),
    Case(
        "deadline get_task taskId without index",
        lambda c: c.deadline.get_task(**_ids(c, taskId="task-" + "0" * 32)),
        "taskId",
    ),
    Case(
        "deadline get_task taskId path escape",
        lambda c: c.deadline.get_task(**_ids(c, taskId="task-" + "0" * 32 + "-1/../x")),
        "taskId",
    ),
    Case(
        "deadline list_tasks maxResults 0", lambda c: c.deadline.list_tasks(**_no_step(c), maxResults=0), "maxResults"
    ),
    Case(
        "deadline list_tasks maxResults 101",
        lambda c: c.deadline.list_tasks(**_no_step(c), maxResults=101),
        "maxResults",
    ),
    Case(
        "deadline list_tasks maxResults string",
        lambda c: c.deadline.list_tasks(**_no_step(c), maxResults="10"),
        "maxResults",
    ),
    Case(
        "deadline list_tasks nextToken number", lambda c: c.deadline.list_tasks(**_no_step(c), nextToken=5), "nextToken"
    ),
    Case(
        "deadline update_task unknown targetRunStatus",
        lambda c: c.deadline.update_task(**_ids(c), targetRunStatus="STOPPED"),
        "targetRunStatus",
        TARGET_RUN_STATUSES,
    ),
    Case(
        "deadline update_task empty clientToken",
        lambda c: c.deadline.update_task(**_ids(c), targetRunStatus="CANCELED", clientToken=""),
        "clientToken",
    ),
    Case(
        "deadline update_task long clientToken",
        lambda c: c.deadline.update_task(**_ids(c), targetRunStatus="CANCELED", clientToken="x" * 65),
        "clientToken",
    ),
    Case(
        "deadline update_task clientToken with a newline",
        lambda c: c.deadline.update_task(**_ids(c), targetRunStatus="CANCELED", clientToken="a\nb"),
        "clientToken",
        ("printable ASCII",),
    ),
    Case(
        "deadline get_paginator unhashable",
        lambda c: c.deadline.get_paginator([]),
        "operation_name",
        ("list_tasks", "list_jobs"),
    ),
    Case("deadline client inf timeout", _dl_client(timeout=INF), "timeout"),
    Case(
        "deadline list_tasks maxResults nan",
        lambda c: c.deadline.list_tasks(**_no_step(c), maxResults=NAN),
        "maxResults",
    ),
    Case("deadline search_tasks itemOffset inf", lambda c: _search(c, itemOffset=INF), "itemOffset"),
    Case("deadline search_tasks no queueIds", lambda c: _search(c, queueIds=[]), "queueIds"),
    Case("deadline search_tasks negative itemOffset", lambda c: _search(c, itemOffset=-1), "itemOffset"),
    Case("deadline search_tasks huge itemOffset", lambda c: _search(c, itemOffset=10_001), "itemOffset"),
    Case("deadline search_tasks pageSize 0", lambda c: _search(c, pageSize=0), "pageSize"),
    Case("deadline search_tasks malformed jobId", lambda c: _search(c, jobId="job-1"), "jobId"),
    Case("deadline batch_get_task empty", lambda c: c.deadline.batch_get_task(identifiers=[]), "identifiers"),
    Case(
        "deadline batch_get_task 101 identifiers",
        lambda c: c.deadline.batch_get_task(identifiers=[c.ids] * 101),
        "identifiers",
    ),
    Case(
        "deadline get_paginator unknown operation",
        lambda c: c.deadline.get_paginator("list_everything"),
        "operation_name",
        ("list_tasks", "list_jobs"),
    ),
    Case(
        "deadline paginate PaginationConfig not a dict",
        lambda c: c.deadline.get_paginator("list_tasks").paginate(**_no_step(c), PaginationConfig=5),
        "PaginationConfig",
        ("MaxItems", "PageSize"),
    ),
    Case("deadline task malformed farmId", lambda c: c.deadline.task(**_ids(c, farmId="farm")), "farmId"),
    Case(
        "deadline list_jobs malformed principalId",
        lambda c: c.deadline.list_jobs(**{k: c.ids[k] for k in ("farmId", "queueId")}, principalId="!"),
        "principalId",
    ),
    Case(
        "deadline get_job malformed jobId",
        lambda c: c.deadline.get_job(farmId=c.ids["farmId"], queueId=c.ids["queueId"], jobId="job-xyz"),
        "jobId",
    ),
    Case("deadline retry_mode setter", lambda c: setattr(c.deadline, "retry_mode", "sometimes"), "retry_mode"),
    # -- Geobox -----------------------------------------------------------------------------------------------
    Case("geobox client unknown ver", _gb_client(ver="v2/"), "ver", ("v1",)),
    Case("geobox client ftp host", _gb_client(host="ftp://example.com"), "host"),
    Case("geobox client verify number", _gb_client(verify=5), "verify"),
    Case("geobox client unknown retry_mode", _gb_client(retry_mode="sometimes"), "retry_mode", RETRY_MODES),
    Case("geobox client clock", _gb_client(clock=5), "clock"),
    Case("geobox client zero timeout", _gb_client(timeout=0), "timeout"),
    Case("geobox get_task empty uuid", lambda c: c.geobox.get_task(""), "uuid"),
    Case("geobox get_task number uuid", lambda c: c.geobox.get_task(5), "uuid"),
    Case("geobox get_task control character", lambda c: c.geobox.get_task("a\nb"), "uuid"),
    Case("geobox get_task dot-dot", lambda c: c.geobox.get_task(".."), "uuid"),
    Case("geobox get_tasks unknown state", lambda c: c.geobox.get_tasks(state="RUNNING"), "state", GEOBOX_STATES),
    Case("geobox get_tasks limit 0", lambda c: c.geobox.get_tasks(limit=0), "limit"),
    Case("geobox get_tasks limit string", lambda c: c.geobox.get_tasks(limit="10"), "limit"),
    Case("geobox get_tasks negative skip", lambda c: c.geobox.get_tasks(skip=-1), "skip"),
    Case("geobox get_tasks return_count string", lambda c: c.geobox.get_tasks(return_count="yes"), "return_count"),
    Case("geobox get_tasks shared int", lambda c: c.geobox.get_tasks(shared=1), "shared"),
    Case("geobox get_tasks user_id string", lambda c: c.geobox.get_tasks(user_id="me"), "user_id"),
    Case("geobox get_tasks order_by numbers", lambda c: c.geobox.get_tasks(order_by=[1, 2]), "order_by", ("A, ",)),
    Case("geobox get_tasks search_fields numbers", lambda c: c.geobox.get_tasks(search_fields=[5]), "search_fields"),
    Case("geobox get_tasks q number", lambda c: c.geobox.get_tasks(q=5), "q"),
    Case("geobox get_tasks q of 70000 characters", lambda c: c.geobox.get_tasks(q="x" * 70_000), "q", ("at most",)),
    Case(
        "geobox get_tasks search of 4-byte characters",
        lambda c: c.geobox.get_tasks(search="\U0001f600" * 3000),
        "search",
    ),
    Case("geobox get_task uuid of 70000 characters", lambda c: c.geobox.get_task("a" * 70_000), "uuid"),
    Case("geobox get_tasks limit nan", lambda c: c.geobox.get_tasks(limit=NAN), "limit"),
    Case("geobox wait nan timeout", lambda c: c.geobox_task.wait(timeout=NAN, progress_bar=False), "timeout"),
    Case("geobox wait inf interval", lambda c: c.geobox_task.wait(interval=INF, progress_bar=False), "interval"),
    Case("geobox client nan timeout", _gb_client(timeout=NAN), "timeout"),
    Case("geobox iter_tasks page_size 0", lambda c: c.geobox.iter_tasks(page_size=0), "page_size"),
    Case("geobox Task.get_task empty uuid", lambda c: geobox.Task.get_task(c.geobox, ""), "uuid"),
    Case("geobox Task.get_tasks unknown state", lambda c: geobox.Task.get_tasks(c.geobox, state="x"), "state"),
    Case("geobox Task api not a client", lambda c: geobox.Task("client", TASK_UUID), "api"),
    Case("geobox wait negative timeout", lambda c: c.geobox_task.wait(timeout=-1, progress_bar=False), "timeout"),
    Case("geobox wait zero interval", lambda c: c.geobox_task.wait(interval=0, progress_bar=False), "interval"),
    Case("geobox wait negative retry", lambda c: c.geobox_task.wait(retry=-1, progress_bar=False), "retry"),
    Case("geobox retry_mode setter", lambda c: setattr(c.geobox, "retry_mode", "sometimes"), "retry_mode"),
    # -- TensorBay --------------------------------------------------------------------------------------------
    Case("tensorbay GAS malformed access_key", lambda c: tensorbay.GAS("secret-key"), "access_key", ("ACCESSKEY-",)),
    Case("tensorbay GAS access_key number", lambda c: tensorbay.GAS(5), "access_key"),
    Case("tensorbay GAS ftp url", lambda c: tensorbay.GAS("ACCESSKEY-emulator", "ftp://example.com"), "url"),
    Case(
        "tensorbay GAS unknown retry_mode",
        lambda c: tensorbay.GAS("ACCESSKEY-emulator", c.emu.base_url("tensorbay"), retry_mode="x"),
        "retry_mode",
        RETRY_MODES,
    ),
    Case("tensorbay get_dataset empty name", lambda c: c.gas.get_dataset(""), "name"),
    Case("tensorbay get_dataset number name", lambda c: c.gas.get_dataset(5), "name"),
    Case("tensorbay get_dataset is_fusion string", lambda c: c.gas.get_dataset("x", is_fusion="no"), "is_fusion"),
    Case("tensorbay list_drafts unknown status", lambda c: c.dataset.list_drafts(status="DRAFT"), "status", ("OPEN",)),
    Case("tensorbay list_drafts empty branch_name", lambda c: c.dataset.list_drafts(branch_name=""), "branch_name"),
    Case("tensorbay get_draft 0", lambda c: c.dataset.get_draft(0), "draft_number"),
    Case(
        "tensorbay list_jobs unknown status",
        lambda c: c.dataset.squash_and_merge.list_jobs(status="RUNNING"),
        "status",
        ("QUEUING", "PROCESSING", "SUCCESS"),
    ),
    Case("tensorbay get_job empty job_id", lambda c: c.dataset.squash_and_merge.get_job(""), "job_id"),
    Case("tensorbay get_job number job_id", lambda c: c.dataset.basic_search.get_job(5), "job_id"),
    Case("tensorbay delete_job empty job_id", lambda c: c.dataset.squash_and_merge.delete_job(""), "job_id"),
    Case("tensorbay squash unknown strategy", _squash(strategy="merge"), "strategy", ("abort", "override", "skip")),
    Case("tensorbay squash draft_title number", _squash(draft_title=5), "draft_title"),
    Case("tensorbay squash empty source_branch_name", _squash(source_branch_name=""), "source_branch_name"),
    Case("tensorbay squash empty target_branch_name", _squash(target_branch_name=""), "target_branch_name"),
    Case("tensorbay squash title number", _squash(title=7), "title"),
    Case("tensorbay search unknown conjunction", _basic(conjunction="xor"), "conjunction", ("and", "or")),
    Case("tensorbay search unknown unit", _basic(unit="page"), "unit", ("file", "frame")),
    Case("tensorbay search filters string", _basic(filters="category"), "filters"),
    Case("tensorbay job update until_complete", lambda c: c.squash_job.update(until_complete="y"), "until_complete"),
    Case("tensorbay job update negative timeout", lambda c: c.squash_job.update(timeout=-1), "timeout"),
    Case("tensorbay job update zero interval", lambda c: c.squash_job.update(True, interval=0), "interval"),
    Case("tensorbay job update nan timeout", lambda c: c.squash_job.update(True, timeout=NAN), "timeout"),
    Case("tensorbay job update inf interval", lambda c: c.squash_job.update(True, interval=INF), "interval"),
    Case("tensorbay get_draft inf", lambda c: c.dataset.get_draft(INF), "draft_number"),
    Case(
        "tensorbay GAS inf timeout",
        lambda c: tensorbay.GAS("ACCESSKEY-emulator", c.emu.base_url("tensorbay"), timeout=INF),
        "timeout",
    ),
    Case("tensorbay create_dataset empty name", lambda c: c.search_job.create_dataset(""), "name"),
    Case(
        "tensorbay create_dataset is_public string",
        lambda c: c.search_job.create_dataset("new", is_public="no"),
        "is_public",
    ),
    Case(
        "tensorbay DatasetClient empty name",
        lambda c: tensorbay.DatasetClient("", "d" * 32, c.gas, status=tensorbay.Status("main", None)),
        "name",
    ),
    Case(
        "tensorbay DatasetClient status tuple",
        lambda c: tensorbay.DatasetClient("n", "d" * 32, c.gas, status=("main", None)),
        "status",
    ),
]


def test_the_table_is_big_and_covers_every_module() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    assert len(CASES) >= 100
    per_area = {area: sum(1 for n in names if n.startswith(area + " ")) for area in SERVICE_AREAS}
    assert all(count >= 15 for count in per_area.values()), per_area


SERVICE_AREAS = ("core", "tiledb", "deadline", "geobox", "tensorbay")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_before_any_request(case: Case, ctx: Ctx) -> None:
    ctx.emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        case.call(ctx)
    error = caught.value
    message = str(error)
    assert error.parameter == case.parameter, message
    assert case.parameter in message
    for accepted in case.accepted:
        assert accepted in message, f"{accepted!r} missing from {message!r}"
    assert isinstance(error, ValueError)
    assert isinstance(error, TypeError)
    for secret in SECRETS:
        assert secret not in message
        assert secret not in repr(error.value)
    counts = ctx.emu.request_counts()
    assert sum(sum(routes.values()) for routes in counts.values()) == 0, counts


def test_a_valid_call_does_reach_the_emulator(ctx: Ctx) -> None:
    """The zero-request check can fail: the same clients' valid calls are counted."""
    ctx.emu.clear_request_counts()
    ctx.deadline.get_task(**ctx.ids)
    ctx.geobox.get_tasks(limit=1)
    tiledb_tasks.task(ctx.tiledb_task.id, client=ctx.tiledb)
    ctx.dataset.squash_and_merge.get_job(ctx.squash_job.job_id)
    counts = ctx.emu.request_counts()
    assert {service: sum(routes.values()) for service, routes in counts.items()} == {
        "tiledb": 1,
        "deadline": 1,
        "geobox": 1,
        "tensorbay": 1,
    }
