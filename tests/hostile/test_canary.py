"""The credential canary: no canary secret appears in any output, in any encoding, whatever the emulator does.

The emulator is configured to accept canary credentials full of the characters encoders treat specially. Every
credential mode of every service goes through success (get, list, a wait polling a running job to its end),
every error status and every fault action, with DEBUG logging on ``taskfacade``, ``httpx`` and ``httpcore``; then
the ``repr`` of every object, the ``str``/``repr``/traceback/attributes of every error and every log record are
searched for the canaries in every form item 1 lists (``hostile_support.forms``).
"""

from __future__ import annotations

import json
import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
import taskfacade
from hostile_support import (
    CANARY_ACCESS_KEY,
    CANARY_AKID,
    CANARY_APIKEY,
    CANARY_PASSWORD,
    CANARY_SECRET,
    CANARY_SESSION,
    CANARY_TOKEN,
    CANARY_USER,
    leaks,
)
from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade_emulator import Credentials, Emulator

STATUSES = [400, 401, 403, 404, 409, 429, 500, 502, 503, 520]
ACTIONS = ["reset", "truncate", "malformed", "unknown_enum", "extra_fields", "latency"]
LOGGERS = ("taskfacade", "httpx", "httpcore")


def _canary_emulator() -> Emulator:
    credentials = Credentials(
        tiledb_token=CANARY_TOKEN,
        tiledb_username=CANARY_USER,
        tiledb_password=CANARY_PASSWORD,
        deadline_keys={CANARY_AKID: CANARY_SECRET},
        geobox_token=CANARY_TOKEN,
        geobox_apikey=CANARY_APIKEY,
        geobox_username=CANARY_USER,
        geobox_password=CANARY_PASSWORD,
        tensorbay_access_key=CANARY_ACCESS_KEY,
    )
    return Emulator(seed_count=3, speed=0, credentials=credentials)


@pytest.fixture(scope="module")
def canary_emu() -> Iterator[Emulator]:
    with _canary_emulator() as emu:
        yield emu


@pytest.fixture
def fresh_canary_emu() -> Iterator[Emulator]:
    """An emulator of its own (the success test moves its clock to finish the job it waits on)."""
    with _canary_emulator() as emu:
        yield emu


@attrs.frozen
class Mode:
    """One credential mode: the client, and how to get one job, list, and wait with it."""

    service: str
    build: Callable[[Emulator], Any]
    get: Callable[[Any, Emulator], Any]
    listing: Callable[[Any, Emulator], Any]
    #: The handle of a job created running in the emulator, by its id (the wait polls it to its end).
    running: Callable[[Any, Emulator, str], Any]


def _tiledb_get(client: Any, emu: Emulator) -> Any:
    return tiledb.tasks.task(emu.seeded()["tiledb"]["task_ids"][0], client=client)


def _tiledb_list(client: Any, emu: Emulator) -> Any:
    return list(tiledb.tasks.fetch_tasks(client=client))[:3]


def _dl_ids(emu: Emulator) -> dict[str, str]:
    seeded = emu.seeded()["deadline"]
    return {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")} | {"taskId": seeded["task_ids"][0]}


def _geobox_build(**credentials: str) -> Callable[[Emulator], Any]:
    return lambda emu: geobox.GeoboxClient(host=emu.base_url("geobox"), retry_mode="disabled", **credentials)


MODES = {
    "tiledb-token": Mode(
        "tiledb",
        lambda emu: tiledb.Client(
            host=emu.base_url("tiledb"), token=CANARY_TOKEN, workspace="ws_emulator", retry_mode="disabled"
        ),
        _tiledb_get,
        _tiledb_list,
        lambda c, emu, id_: tiledb.tasks.task(id_, client=c),
    ),
    "tiledb-basic": Mode(
        "tiledb",
        lambda emu: tiledb.Client(
            host=emu.base_url("tiledb"),
            username=CANARY_USER,
            password=CANARY_PASSWORD,
            workspace="ws_emulator",
            retry_mode="disabled",
        ),
        _tiledb_get,
        _tiledb_list,
        lambda c, emu, id_: tiledb.tasks.task(id_, client=c),
    ),
    "deadline-session": Mode(
        "deadline",
        lambda emu: deadline.client(
            endpoint_url=emu.base_url("deadline"),
            aws_access_key_id=CANARY_AKID,
            aws_secret_access_key=CANARY_SECRET,
            aws_session_token=CANARY_SESSION,
            retry_mode="disabled",
            environ={},
        ),
        lambda c, emu: c.task(**_dl_ids(emu)),
        lambda c, emu: c.list_tasks(**{k: v for k, v in _dl_ids(emu).items() if k != "taskId"}),
        lambda c, emu, id_: c.task(**{**_dl_ids(emu), "taskId": id_}),
    ),
    "geobox-bearer": Mode(
        "geobox",
        _geobox_build(access_token=CANARY_TOKEN),
        lambda c, emu: c.get_task(emu.seeded()["geobox"]["task_ids"][0]),
        lambda c, emu: c.get_tasks(),
        lambda c, emu, id_: c.get_task(id_),
    ),
    "geobox-apikey": Mode(
        "geobox",
        _geobox_build(apikey=CANARY_APIKEY),
        lambda c, emu: c.get_task(emu.seeded()["geobox"]["task_ids"][0]),
        lambda c, emu: c.get_tasks(),
        lambda c, emu, id_: c.get_task(id_),
    ),
    "geobox-password": Mode(
        "geobox",
        _geobox_build(username=CANARY_USER, password=CANARY_PASSWORD),
        lambda c, emu: c.get_task(emu.seeded()["geobox"]["task_ids"][0]),
        lambda c, emu: c.get_tasks(),
        lambda c, emu, id_: c.get_task(id_),
    ),
    "tensorbay-key": Mode(
        "tensorbay",
        lambda emu: tensorbay.GAS(CANARY_ACCESS_KEY, emu.base_url("tensorbay"), retry_mode="disabled"),
        lambda g, emu: g.get_dataset(emu.seeded()["tensorbay"]["dataset_name"]).squash_and_merge.get_job(
            emu.seeded()["tensorbay"]["job_ids"]["squashAndMerge"][0]
        ),
        lambda g, emu: g.get_dataset(emu.seeded()["tensorbay"]["dataset_name"]).squash_and_merge.list_jobs(),
        lambda g, emu, id_: g.get_dataset(emu.seeded()["tensorbay"]["dataset_name"]).squash_and_merge.get_job(id_),
    ),
}


def _rendered(value: Any) -> str:
    """Everything a user could print of ``value``."""
    parts = [repr(value), str(value)]
    if isinstance(value, BaseException):
        parts.append("".join(traceback.format_exception(value)))
        parts.append(json.dumps(vars(value), default=repr))
    return "\n".join(parts)


def _assert_clean(outputs: dict[str, str]) -> None:
    found = {where: leaks(text) for where, text in outputs.items() if leaks(text)}
    assert not found


def _logs(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{record.name}: {record.getMessage()}" for record in caplog.records)


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.mark.parametrize("mode", list(MODES))
def test_success_paths_show_no_canary(
    fresh_canary_emu: Emulator, mode: str, debug_logs: pytest.LogCaptureFixture
) -> None:
    canary_emu = fresh_canary_emu
    spec = MODES[mode]
    running_id = canary_emu.create_tasks(spec.service, 1, run_s=100)[0]
    client = spec.build(canary_emu)
    with client:
        job = spec.get(client, canary_emu)
        listed = spec.listing(client, canary_emu)
        if isinstance(job, taskfacade.Job):
            job.refresh()
        running = spec.running(client, canary_emu, running_id)
        assert not running.done, "the wait must poll a running job"
        _wait_while_the_emulator_finishes_it(canary_emu, running)
        outputs = {
            "client": _rendered(client),
            "job": _rendered(job),
            "listing": _rendered(listed),
            "waited": _rendered(running) + repr(vars(running)),
        }
        if isinstance(job, taskfacade.Job):
            outputs["job fields"] = repr(vars(job))
    outputs["logs"] = _logs(debug_logs)
    assert any(r.name.startswith("httpcore") for r in debug_logs.records)
    _assert_clean(outputs)


def _wait_while_the_emulator_finishes_it(emu: Emulator, job: taskfacade.Job[Any]) -> None:
    """Wait on a running job while another thread moves the emulator's clock past its end: the wait polls with
    the canary credentials until it sees the job finish."""
    sent = _sent(emu)
    timer = threading.Timer(0.3, emu.advance, args=(10**6,))
    timer.start()
    try:
        taskfacade.wait_all([job], timeout=10, interval=0.05)
    finally:
        timer.join()
        polls = _sent(emu) - sent
    assert job.done
    assert polls >= 2, polls


def _sent(emu: Emulator) -> int:
    return sum(sum(counts.values()) for counts in emu.request_counts().values())


def _fault_cases() -> list[Any]:
    cases = []
    for mode in MODES:
        cases += [pytest.param(mode, {"action": "status", "status": s}, id=f"{mode}-{s}") for s in STATUSES]
        cases += [pytest.param(mode, {"action": a}, id=f"{mode}-{a}") for a in ACTIONS]
    return cases


@pytest.mark.parametrize(("mode", "rule"), _fault_cases())
def test_every_fault_shows_no_canary(
    canary_emu: Emulator, mode: str, rule: dict[str, Any], debug_logs: pytest.LogCaptureFixture
) -> None:
    spec = MODES[mode]
    canary_emu.reset()
    client = spec.build(canary_emu)
    outputs: dict[str, str] = {}
    with client:
        if spec.service == "geobox" and "password" in mode:
            client.get_tasks()  # log in before the fault, so the fault hits a call made with the session token
        canary_emu.add_faults(service=spec.service, latency_ms=20 if rule["action"] == "latency" else 0, **rule)
        for name, call in (("get", spec.get), ("list", spec.listing)):
            try:
                result = call(client, canary_emu)
                outputs[f"{name} result"] = _rendered(result)
            except taskfacade.TaskFacadeError as error:
                outputs[f"{name} error"] = _rendered(error)
                if error.__cause__ is not None:
                    outputs[f"{name} cause"] = _rendered(error.__cause__)
        outputs["client"] = _rendered(client)
    outputs["logs"] = _logs(debug_logs)
    sent = _sent(canary_emu)
    assert sent > 0, "nothing reached the emulator"
    _assert_clean(outputs)
