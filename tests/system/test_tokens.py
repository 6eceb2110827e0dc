"""Continuation tokens and pickling on every service, sync and async, against the emulator over loopback.

A job becomes a token (``job.to_token()``) or a pickle, and is rebuilt (``taskfacade.job_from_token``, its async
twin, ``pickle.loads``) with a given client, with the default client from the environment, and in another process
(a ``ProcessPoolExecutor`` worker whose environment points at the emulator) where it is waited on.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import json
import multiprocessing
import os
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import taskfacade
import taskfacade.aio
from taskfacade import InvalidArgument, deadline, geobox, tensorbay, tiledb
from taskfacade.deadline import aio as deadline_aio
from taskfacade.geobox import aio as geobox_aio
from taskfacade.tensorbay import aio as tensorbay_aio
from taskfacade.tiledb import aio as tiledb_aio
from taskfacade_emulator import Emulator

SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")
TILEDB_TOKEN, WORKSPACE = "emulator-token", "ws_emulator"
AKID, SECRET = "AKIDEMULATOR", "emulator-secret"
GEOBOX_TOKEN = "emulator-token"
ACCESS_KEY, DATASET = "ACCESSKEY-emulator", "emulator-dataset"
FINAL = {"COMPLETED", "FAILED", "CANCELLED", "DENIED", "RESOURCES_UNAVAILABLE"}  # tiledb
FINAL |= {"SUCCEEDED", "CANCELED", "NOT_COMPATIBLE", "SUCCESS", "ABORTED"}  # deadline, tensorbay
FINAL |= {"INTERRUPTED", "ARCHIVED", "SUSPENDED"}  # geobox/deadline (finished as the facade counts them)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=6, speed=500) as running:  # fast clock: seeded jobs finish within a few seconds
        yield running


def emulator_env(emu: Emulator, home: Path) -> dict[str, str]:
    """The environment that makes every service's default client talk to ``emu``."""
    return {
        "HOME": str(home),
        "TILEDB_PROFILE_DIR": str(home / "tiledb"),
        "TILEDB_REST_TOKEN": TILEDB_TOKEN,
        "TILEDB_REST_HOST": emu.base_url("tiledb"),
        "TILEDB_REST_WORKSPACE": WORKSPACE,
        "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
        "AWS_ACCESS_KEY_ID": AKID,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_ENDPOINT_URL_DEADLINE": emu.base_url("deadline"),
        "AWS_DEFAULT_REGION": "us-west-2",
        "GEOBOX_ACCESS_TOKEN": GEOBOX_TOKEN,
        "GEOBOX_HOST": emu.base_url("geobox"),
        "TENSORBAY_ACCESS_KEY": ACCESS_KEY,
        "TENSORBAY_URL": emu.base_url("tensorbay"),
    }


@pytest.fixture
def env(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    for name in list(os.environ):
        if name.startswith(("TILEDB_", "AWS_", "GEOBOX_", "TENSORBAY_")):
            monkeypatch.delenv(name)
    values = emulator_env(emu, tmp_path)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    yield values
    tiledb.set_default_client(None)


# -- clients and jobs, per service ------------------------------------------------------------------------------


def sync_client(service: str, emu: Emulator) -> Any:
    if service == "tiledb":
        return tiledb.Client(host=emu.base_url("tiledb"), token=TILEDB_TOKEN, workspace=WORKSPACE)
    if service == "deadline":
        url = emu.base_url("deadline")
        return deadline.client(endpoint_url=url, aws_access_key_id=AKID, aws_secret_access_key=SECRET, environ={})
    if service == "geobox":
        return geobox.GeoboxClient(host=emu.base_url("geobox"), access_token=GEOBOX_TOKEN)
    return tensorbay.GAS(ACCESS_KEY, emu.base_url("tensorbay"))


async def async_client(service: str, emu: Emulator) -> Any:
    if service == "tiledb":
        return tiledb_aio.AsyncClient(host=emu.base_url("tiledb"), token=TILEDB_TOKEN, workspace=WORKSPACE)
    if service == "deadline":
        url = emu.base_url("deadline")
        return await deadline_aio.client(
            endpoint_url=url, aws_access_key_id=AKID, aws_secret_access_key=SECRET, environ={}
        )
    if service == "geobox":
        return geobox_aio.AsyncGeoboxClient(host=emu.base_url("geobox"), access_token=GEOBOX_TOKEN)
    return tensorbay_aio.GAS(ACCESS_KEY, emu.base_url("tensorbay"))


def sync_jobs(service: str, emu: Emulator, client: Any) -> list[Any]:
    """Jobs of every kind the service has, fetched with ``client`` in this process."""
    seeded = emu.seeded()[service]
    if service == "tiledb":
        return [tiledb.tasks.task(seeded["task_ids"][0], client=client)]
    if service == "deadline":
        step = {key: seeded[key] for key in ("farmId", "queueId", "jobId", "stepId")}
        task = client.task(**step, taskId=seeded["task_ids"][0])
        task.refresh()
        job = client.job(farmId=seeded["farmId"], queueId=seeded["queueId"], jobId=seeded["job_ids"][0])
        job.refresh()
        return [task, job]
    if service == "geobox":
        return [client.get_task(seeded["task_ids"][0])]
    dataset = client.get_dataset(DATASET)
    return [
        dataset.squash_and_merge.get_job(seeded["job_ids"]["squashAndMerge"][0]),
        dataset.basic_search.get_job(seeded["job_ids"]["basicSearch"][0]),
    ]


def status_text(status: object) -> str | None:
    value = getattr(status, "value", status)
    return None if value is None else str(value)


def wait(job: Any) -> str | None:
    return status_text(job.wait(timeout=60, interval=0.05, progress_bar=False))


async def await_wait(job: Any) -> str | None:
    return status_text(await job.wait(timeout=60, interval=0.05, progress_bar=False))


def payload(token: str) -> dict[str, Any]:
    assert token.startswith("tf1.")
    body = token[4:]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return decoded


# -- round trips ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_sync_round_trip_with_a_client(service: str, emu: Emulator) -> None:
    with sync_client(service, emu) as client:
        for job in sync_jobs(service, emu, client):
            token = job.to_token()
            assert token == job.to_token()  # deterministic
            assert "=" not in token
            assert all(c.isascii() and (c.isalnum() or c in "-_.") for c in token)
            assert payload(token)["s"] == service
            assert payload(token)["st"] == status_text(job.status)
            back = taskfacade.job_from_token(token, client=client)
            assert type(back) is type(job)
            assert status_text(back.status) == status_text(job.status)  # the token's status, no request yet
            assert back.to_token() == token
            assert wait(back) in FINAL
            assert back.done


@pytest.mark.parametrize("service", SERVICES)
def test_async_round_trip_with_a_client(service: str, emu: Emulator) -> None:
    with sync_client(service, emu) as sync:
        tokens = [job.to_token() for job in sync_jobs(service, emu, sync)]

    async def main() -> None:
        client = await async_client(service, emu)
        try:
            for token in tokens:
                back = await taskfacade.aio.job_from_token(token, client=client)
                assert isinstance(back, taskfacade.aio.AsyncJob)
                assert back.to_token() == token  # the async twin's token is the sync one's
                assert await await_wait(back) in FINAL
        finally:
            await (client.close() if service == "deadline" else client.aclose())

    asyncio.run(main())


@pytest.mark.parametrize("service", SERVICES)
def test_the_default_client_comes_from_the_environment(service: str, emu: Emulator, env: dict[str, str]) -> None:
    with sync_client(service, emu) as client:
        tokens = [job.to_token() for job in sync_jobs(service, emu, client)]
    for token in tokens:
        assert wait(taskfacade.job_from_token(token)) in FINAL

    async def main() -> None:
        for token in tokens:
            assert await await_wait(await taskfacade.aio.job_from_token(token)) in FINAL
        await tiledb_aio.set_default_client(None)  # TileDB's default async client serves one event loop

    asyncio.run(main())


@pytest.mark.parametrize("service", SERVICES)
def test_jobs_pickle_through_their_token(service: str, emu: Emulator, env: dict[str, str]) -> None:
    with sync_client(service, emu) as client:
        jobs = sync_jobs(service, emu, client)
        for job in jobs:
            data = pickle.dumps(job)
            for secret in (TILEDB_TOKEN, SECRET, ACCESS_KEY, emu.base_url(service)):
                assert secret.encode() not in data
            back = pickle.loads(data)  # noqa: S301  # our own pickle
            assert type(back) is type(job)
            assert back.to_token() == job.to_token()
            assert wait(back) in FINAL

    async def main() -> None:
        client = await async_client(service, emu)
        try:
            for job in jobs:
                rebuilt = await taskfacade.aio.job_from_token(job.to_token(), client=client)
                back = pickle.loads(pickle.dumps(rebuilt))  # noqa: S301  # our own pickle
                assert type(back) is type(rebuilt)
                assert await await_wait(back) in FINAL  # unpickled: on the default client
        finally:
            await (client.close() if service == "deadline" else client.aclose())
            await tiledb_aio.set_default_client(None)  # TileDB's default async client serves one event loop

    asyncio.run(main())


# -- across processes -------------------------------------------------------------------------------------------


def _wait_in_worker(job: Any) -> tuple[str, str | None]:
    """In the worker: the job arrived pickled (rebuilt on the worker's default client); wait on it."""
    return type(job).__name__, wait(job)


def _wait_token_in_worker(token: str) -> tuple[str, str | None]:
    job = taskfacade.job_from_token(token)
    return type(job).__name__, wait(job)


def _await_token_in_worker(token: str) -> tuple[str, str | None]:
    async def main() -> tuple[str, str | None]:
        job = await taskfacade.aio.job_from_token(token)
        return type(job).__name__, await await_wait(job)

    return asyncio.run(main())


def test_submit_here_wait_in_a_process_pool_worker(emu: Emulator, env: dict[str, str]) -> None:
    jobs: list[Any] = []
    clients = [sync_client(service, emu) for service in SERVICES]
    try:
        for service, client in zip(SERVICES, clients, strict=True):
            jobs += sync_jobs(service, emu, client)
        # The environment is set (fixture ``env``) before the pool starts: spawned workers inherit it.
        with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
            by_pickle = list(pool.map(_wait_in_worker, jobs))
            by_token = list(pool.map(_wait_token_in_worker, [job.to_token() for job in jobs]))
            awaited = list(pool.map(_await_token_in_worker, [job.to_token() for job in jobs]))
        assert [name for name, _ in by_pickle] == [type(job).__name__ for job in jobs]
        assert by_token == by_pickle
        assert all(status in FINAL for _, status in by_pickle + awaited)
        assert set(SERVICES) == {payload(job.to_token())["s"] for job in jobs}
        for job, (_, status) in zip(jobs, by_pickle, strict=True):
            assert status == wait(job)  # the worker saw what this process sees
    finally:
        for client in clients:
            client.close()


# -- bad tokens -------------------------------------------------------------------------------------------------


def _token(body: object) -> str:
    raw = json.dumps(body, sort_keys=True).encode()
    return "tf1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


GOOD = {"s": "geobox", "k": "task", "i": {"uuid": "5aa00a7c-3302-43ba-9d43-01cacf601f6f"}, "st": "SUCCESS"}
BAD_TOKENS: dict[str, tuple[object, str]] = {
    "not a string": (42, "continuation token"),
    "empty": ("", "continuation token"),
    "no version": ("eyJ9", "continuation token"),
    "unknown version": ("tf2." + _token(GOOD)[4:], "version 'tf1'"),
    "not base64": ("tf1.!!!!", "does not decode"),
    "not json": ("tf1." + base64.urlsafe_b64encode(b"nope").decode(), "does not decode"),
    "a json list": (_token([1, 2]), "not a token's"),
    "missing key": (_token({"s": "geobox", "k": "task", "i": {}}), "not a token's"),
    "nested ids": (_token({**GOOD, "i": {"uuid": {"x": 1}}}), "not a token's"),
    "unknown service": (_token({**GOOD, "s": "nope"}), "known service"),
    "unknown kind": (_token({**GOOD, "k": "export"}), "job kind"),
    "missing ids": (_token({**GOOD, "i": {}}), "ids uuid"),
    "too long": ("tf1." + "A" * 5000, "at most"),
}


@pytest.mark.parametrize("case", list(BAD_TOKENS))
def test_bad_tokens_are_refused_before_any_request(case: str) -> None:
    token, says = BAD_TOKENS[case]
    # An unreachable host: a request would be a TransportError, not an InvalidArgument.
    with geobox.GeoboxClient(host="http://127.0.0.1:1/geobox", access_token=GEOBOX_TOKEN) as client:
        with pytest.raises(InvalidArgument, match=says) as raised:
            taskfacade.job_from_token(token, client=client)  # type: ignore[arg-type]
        assert raised.value.parameter == "token"

        async def main() -> None:
            with pytest.raises(InvalidArgument, match=says):
                await taskfacade.aio.job_from_token(token, client=None)  # type: ignore[arg-type]

        asyncio.run(main())


def test_a_token_for_another_service_than_the_clients_is_refused() -> None:
    refused = pytest.raises(InvalidArgument, match="client's service \\(tensorbay\\); this one is for geobox")
    with tensorbay.GAS(ACCESS_KEY, "http://127.0.0.1:1/tensorbay") as gas, refused:
        taskfacade.job_from_token(_token(GOOD), client=gas)
    with pytest.raises(InvalidArgument, match="api"):  # not a client: the service's own check says so
        taskfacade.job_from_token(_token(GOOD), client=object())


def test_a_missing_default_client_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TENSORBAY_ACCESS_KEY", raising=False)
    token = _token({"s": "tensorbay", "k": "basicSearch", "i": {"dataset_id": "d1", "job_id": "j1",
                    "job_type": "basicSearch", "dataset": None, "fusion": False}, "st": "QUEUING"})  # fmt: skip
    with pytest.raises(InvalidArgument, match="TENSORBAY_ACCESS_KEY"):
        taskfacade.job_from_token(token)


class _NoTokenJob(taskfacade.Job[str]):
    """A job kind without token hooks (a user's own subclass): it pickles as before, and has no token."""

    STATUS_PHASES = {"DONE": taskfacade.JobPhase.SUCCEEDED}

    def __init__(self) -> None:
        self.state = "DONE"

    def _peek_status(self) -> str:
        return self.state

    def refresh(self) -> None:
        pass


def test_a_job_kind_without_tokens_pickles_as_before_and_says_it_has_no_token() -> None:
    back = pickle.loads(pickle.dumps(_NoTokenJob()))  # noqa: S301  # our own pickle
    assert back.state == "DONE"
    with pytest.raises(taskfacade.UnsupportedOperation, match="no continuation token"):
        _NoTokenJob().to_token()


def test_copy_keeps_the_client_and_state(emu: Emulator) -> None:
    with sync_client("geobox", emu) as client:
        job = sync_jobs("geobox", emu, client)[0]
        duplicate = copy.copy(job)
        assert duplicate.api is client
        assert duplicate.data == job.data


# -- taskfacade.TokenData: reading a token, making one from ids ---------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_token_data_reads_a_token_and_a_token_made_from_its_ids_rebuilds_the_job(service: str, emu: Emulator) -> None:
    with sync_client(service, emu) as client:
        for job in sync_jobs(service, emu, client):
            token = job.to_token()
            data = taskfacade.TokenData.from_token(token)
            assert (data.service, data.status) == (service, status_text(job.status))
            assert data.to_token() == token
            fresh = taskfacade.TokenData(data.service, data.kind, data.ids, None).to_token()  # from ids alone
            rebuilt = taskfacade.job_from_token(fresh, client=client)
            assert type(rebuilt) is type(job)
            assert wait(rebuilt) == status_text(job.wait(timeout=60, interval=0.05, progress_bar=False))


@pytest.mark.parametrize(
    ("data", "parameter"),
    [
        (taskfacade.TokenData("nosuch", "task", {"id": "a"}, None), "service"),
        (taskfacade.TokenData("deadline", "array", {"taskId": "a"}, None), "kind"),
        (taskfacade.TokenData("geobox", "task", {"uuid": ["a"]}, None), "ids"),
        (taskfacade.TokenData("geobox", "task", {"uuid": "a" * 5000}, None), "ids"),
        (taskfacade.TokenData("geobox", "task", {"uuid": "a"}, 3), "status"),  # type: ignore[arg-type]
    ],
)
def test_token_data_refuses_what_no_service_could_rebuild(data: taskfacade.TokenData, parameter: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        data.to_token()
    assert caught.value.parameter == parameter
    with pytest.raises(InvalidArgument) as read:
        taskfacade.TokenData.from_token("tf1.not-json")
    assert read.value.parameter == "token"


# -- TileDB tokens carry the submission time ----------------------------------------------------------------------


def test_tiledb_tasks_rebuilt_from_tokens_are_polled_with_one_listing(emu: Emulator) -> None:
    # A token holds the task's submission time (whole seconds), so tasks rebuilt from tokens (in another process,
    # or in an Airflow trigger) fall in a time range that one listing reads, instead of one GET per task.
    with sync_client("tiledb", emu) as client:
        ids = emu.seeded()["tiledb"]["task_ids"][:5]
        tokens = [tiledb.tasks.task(task_id, client=client).to_token() for task_id in ids]
        assert all(isinstance(payload(token)["i"]["start"], int) for token in tokens)
        rebuilt = [taskfacade.job_from_token(token, client=client) for token in tokens]
        assert [job.start_time is not None for job in rebuilt] == [True] * 5
        emu.clear_request_counts()
        taskfacade.refresh_all(rebuilt)
        sent = emu.request_counts()["tiledb"]
        assert not [route for route in sent if route.endswith("{task_id}")], sent  # no GET of one task
        assert sum(sent.values()) <= 2, sent
        assert [job.id for job in rebuilt] == ids
        assert all(job.status is not None for job in rebuilt)


@pytest.mark.parametrize("start", [-1, 1.5, "0", True, 10**12])
def test_a_tiledb_token_with_a_bad_start_is_refused(start: object) -> None:
    token = _token({"s": "tiledb", "k": "task", "i": {"id": "t-1", "start": start}, "st": None})
    with pytest.raises(InvalidArgument, match=r"start|payload is not a token") as raised:  # floats: not a token
        taskfacade.job_from_token(token, client=tiledb.Client(host="http://127.0.0.1:1", token="t", workspace="w"))
    assert raised.value.parameter == "token"
