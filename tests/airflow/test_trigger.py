"""``TaskfacadeJobsTrigger`` against the emulator over loopback, with connections from ``AIRFLOW_CONN_*``: what it
serializes, the one event it fires for each outcome on each service, cancellation (it leaves the shared poller and
nothing more is sent) and restart safety (re-created from its serialized form, it resumes the same wait)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from airflow.triggers.base import TriggerEvent
from airflow_support import CANARY, SECRETS, SERVICES, conn_env_name, connection, make_tokens
from taskfacade import JobPhase
from taskfacade_airflow import _poller
from taskfacade_airflow.triggers import CLASSPATH, TaskfacadeJobsTrigger, check_fail_on, job_record
from taskfacade_emulator import Emulator

KEYS = {"conn_id", "tokens", "poll_interval", "end_time", "fail_on"}
#: tensorbay's emulator jobs are squash-and-merge jobs unless told otherwise
FAILED_STATUS = {"tiledb": "FAILED", "deadline": "FAILED", "geobox": "FAILURE", "tensorbay": "FAILED"}


def requests_of(emu: Emulator, service: str) -> int:
    return sum(emu.request_counts().get(service, {}).values())


async def fire(trigger: TaskfacadeJobsTrigger) -> dict[str, Any]:
    """Run the trigger as the triggerer does; it must yield exactly one event, then end."""
    events = [event async for event in trigger.run()]
    assert len(events) == 1
    assert isinstance(events[0], TriggerEvent)
    payload: dict[str, Any] = events[0].payload
    assert set(payload) == {"status", "message", "conn_id", "jobs"}
    assert _poller.pollers() == {}  # the trigger left the shared poller before it fired
    return payload


def assert_no_secret(text: str) -> None:
    for name in SECRETS:
        assert CANARY[name] not in text, name


def test_serialize_holds_only_tokens_and_the_connection_id(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "deadline", 2, run_s=0.0)
    trigger = TaskfacadeJobsTrigger(airflow_conns["deadline"], tokens, poll_interval=5.0, end_time=1.8e9)
    classpath, kwargs = trigger.serialize()
    assert classpath == CLASSPATH == f"{TaskfacadeJobsTrigger.__module__}.{TaskfacadeJobsTrigger.__name__}"
    assert set(kwargs) == KEYS
    assert kwargs == {
        "conn_id": "taskfacade_deadline_default",
        "tokens": tokens,
        "poll_interval": 5.0,
        "end_time": 1.8e9,
        "fail_on": ["FAILED", "CANCELED"],
    }
    text = json.dumps(kwargs) + repr(trigger)
    assert_no_secret(text)
    assert "AKIDCANARY" not in text  # not even the access key id: the connection id stands for all of it
    again = TaskfacadeJobsTrigger(**json.loads(json.dumps(kwargs)))
    assert again.serialize() == (classpath, kwargs)


def test_airflow_stores_the_trigger_without_credentials(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    from airflow.models.trigger import Trigger

    tokens = make_tokens(emulator, "geobox", 1, run_s=0.0)
    row = Trigger.from_object(TaskfacadeJobsTrigger(airflow_conns["geobox"], tokens, poll_interval=2.0))
    assert row.classpath == CLASSPATH
    assert row.kwargs == TaskfacadeJobsTrigger(airflow_conns["geobox"], tokens, poll_interval=2.0).serialize()[1]
    assert_no_secret(repr(row.kwargs) + str(row.encrypted_kwargs))


@pytest.mark.parametrize("service", SERVICES)
def test_success(service: str, emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, service, 3, run_s=0.5)
    payload = asyncio.run(fire(TaskfacadeJobsTrigger(airflow_conns[service], tokens, poll_interval=0.2)))
    assert payload["status"] == "success", payload
    assert payload["conn_id"] == airflow_conns[service]
    assert [job["phase"] for job in payload["jobs"]] == ["SUCCEEDED"] * 3
    assert all(job["error"] is None for job in payload["jobs"])
    assert len({job["id"] for job in payload["jobs"]}) == 3
    # the latest tokens carry the final status
    finals = TaskfacadeJobsTrigger(airflow_conns[service], [job["token"] for job in payload["jobs"]], 0.2)
    assert asyncio.run(fire(finals))["status"] == "success"
    assert_no_secret(json.dumps(payload))


@pytest.mark.parametrize("service", SERVICES)
def test_failed_fires_at_once_with_the_jobs_error_text(
    service: str, emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    failing = make_tokens(emulator, service, 1, outcome="failed", run_s=0.3)
    running = make_tokens(emulator, service, 1, run_s=600.0)
    trigger = TaskfacadeJobsTrigger(airflow_conns[service], running + failing, poll_interval=0.2)
    started = time.monotonic()
    payload = asyncio.run(fire(trigger))
    assert time.monotonic() - started < 10
    assert payload["status"] == "failed", payload
    first, second = payload["jobs"]
    assert first["phase"] in {"PENDING", "RUNNING"}
    assert second["phase"] == "FAILED"
    assert second["status"] == FAILED_STATUS[service]
    assert "tokens[1]" in payload["message"]
    if second["error"] is not None:  # the service says why: the event carries its text
        assert second["error"] in payload["message"]


def test_failed_phases_follow_fail_on(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "deadline", 1, outcome="failed", run_s=0.0)
    trigger = TaskfacadeJobsTrigger(airflow_conns["deadline"], tokens, poll_interval=0.2, fail_on=[])
    payload = asyncio.run(fire(trigger))
    assert payload["status"] == "success"  # finished, and no phase fails the wait
    assert payload["jobs"][0]["phase"] == "FAILED"


@pytest.mark.parametrize("service", SERVICES)
def test_timeout_shows_the_last_status(service: str, emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, service, 2, run_s=600.0)
    end_time = time.time() + 1.0
    trigger = TaskfacadeJobsTrigger(airflow_conns[service], tokens, poll_interval=0.2, end_time=end_time)
    payload = asyncio.run(fire(trigger))
    assert time.time() >= end_time
    assert payload["status"] == "timeout", payload
    assert "2 of 2" in payload["message"]
    assert {job["phase"] for job in payload["jobs"]} <= {"PENDING", "RUNNING"}
    assert all(job["status"] for job in payload["jobs"])


def test_a_job_finishing_just_before_the_deadline_is_seen(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    # polls every 5 s: the first at 0.2 s sees it running; the last is timed to end by the deadline (1.5 s), after
    # the job's end (0.8 s), so the wait ends in success, not in a timeout showing a stale RUNNING
    tokens = make_tokens(emulator, "deadline", 1, run_s=0.8)
    end_time = time.time() + 1.5
    trigger = TaskfacadeJobsTrigger(airflow_conns["deadline"], tokens, poll_interval=5.0, end_time=end_time)
    payload = asyncio.run(fire(trigger))
    assert payload["status"] == "success", payload
    assert time.time() < end_time + 0.5


def test_transient_errors_keep_the_trigger_polling(
    emulator: Emulator, airflow_conns: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    tokens = make_tokens(emulator, "geobox", 2, run_s=1.0)
    conn_id = airflow_conns["geobox"]
    trigger = TaskfacadeJobsTrigger(conn_id, tokens, poll_interval=0.2)

    def failed_polls() -> int:
        poller = _poller.pollers().get(conn_id)
        members = [] if poller is None else list(poller.members.values())
        return sum(bool(member._outcome and member._outcome.errors) for member in members)

    async def main() -> dict[str, Any]:
        emulator.add_faults(service="geobox", action="status", status=503)  # every request, until cleared
        task = asyncio.create_task(fire(trigger))
        try:
            async with asyncio.timeout(60):
                while not failed_polls():  # the client's own retries gave up at least once
                    await asyncio.sleep(0.05)
        finally:
            emulator.clear_faults()
        return await task

    payload = asyncio.run(main())
    assert payload["status"] == "success", payload
    logged = capsys.readouterr().out  # Airflow's logging (structlog) writes to stdout
    assert f"connection {conn_id!r}: poll failed (1 in a row), polling on" in logged
    assert "503" in logged
    assert_no_secret(logged)


@pytest.mark.parametrize("service", SERVICES)
def test_a_token_of_another_service_is_an_error_naming_its_index(
    service: str, emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    other = next(s for s in SERVICES if s != service)
    tokens = make_tokens(emulator, service, 1, run_s=0.0) + make_tokens(emulator, other, 1, run_s=0.0)
    before = requests_of(emulator, service)
    payload = asyncio.run(fire(TaskfacadeJobsTrigger(airflow_conns[service], tokens, poll_interval=0.2)))
    assert payload["status"] == "error"
    assert f"connection {airflow_conns[service]!r}" in payload["message"]
    assert "tokens[1]" in payload["message"]
    assert other in payload["message"]
    assert requests_of(emulator, service) == before  # refused before any request


@pytest.mark.parametrize("service", ["deadline", "geobox"])
def test_a_job_the_service_does_not_know_is_an_error(
    service: str, emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    from taskfacade import TokenData

    (real,) = make_tokens(emulator, service, 1, run_s=600.0)
    data = TokenData.from_token(real)
    key = "taskId" if service == "deadline" else "uuid"
    value = str(data.ids[key])
    other = value.rsplit("-", 1)[0] + "-999999" if service == "deadline" else value[:-3] + "fff"
    assert other != value
    gone = TokenData(data.service, data.kind, {**data.ids, key: other}, None).to_token()
    trigger = TaskfacadeJobsTrigger(airflow_conns[service], [real, gone], poll_interval=0.2)
    payload = asyncio.run(fire(trigger))
    assert payload["status"] == "error", payload
    assert "tokens[1]" in payload["message"]
    assert payload["jobs"][1]["error"]
    assert payload["jobs"][0]["error"] is None


def test_connection_problems_are_errors_naming_the_conn_id(
    emulator: Emulator, airflow_conns: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = make_tokens(emulator, "geobox", 1, run_s=0.0)
    missing = asyncio.run(fire(TaskfacadeJobsTrigger("no_such_conn", tokens, poll_interval=0.2)))
    assert missing["status"] == "error"
    assert "'no_such_conn'" in missing["message"]
    monkeypatch.setenv(conn_env_name("geobox_typo"), json.dumps(connection("geobox", emulator, extra={"apikye": "x"})))
    bad = asyncio.run(fire(TaskfacadeJobsTrigger("geobox_typo", tokens, poll_interval=0.2)))
    assert bad["status"] == "error"
    assert "'geobox_typo'" in bad["message"]
    assert "apikye" in bad["message"]
    wrong = asyncio.run(fire(TaskfacadeJobsTrigger(airflow_conns["deadline"], tokens, poll_interval=0.2)))
    assert wrong["status"] == "error"
    assert "tokens[0]" in wrong["message"]
    assert_no_secret(json.dumps([missing, bad, wrong]))


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"tokens": []}, "tokens"),
        ({"tokens": "tf1.abc"}, "tokens"),
        ({"poll_interval": 0}, "poll_interval"),
        ({"poll_interval": float("nan")}, "poll_interval"),
        ({"end_time": "tomorrow"}, "end_time"),
        ({"fail_on": ["FAILD"]}, "fail_on"),
        ({"conn_id": ""}, "conn_id"),
    ],
)
def test_bad_arguments_are_an_error_event(changes: dict[str, Any], named: str, airflow_conns: dict[str, str]) -> None:
    kwargs: dict[str, Any] = {"conn_id": airflow_conns["deadline"], "tokens": ["tf1.x"], "poll_interval": 1.0}
    payload = asyncio.run(fire(TaskfacadeJobsTrigger(**(kwargs | changes))))
    assert payload["status"] == "error"
    assert named in payload["message"]


def test_check_fail_on_names_the_accepted_phases() -> None:
    assert check_fail_on(["FAILED", "SUSPENDED"]) == ("FAILED", "SUSPENDED")
    with pytest.raises(ValueError, match=r"fail_on_phases.*SUCCEEDED"):
        check_fail_on(["failed"], "fail_on_phases")
    with pytest.raises(ValueError, match="fail_on"):
        check_fail_on("FAILED")


def test_cancelling_the_trigger_leaves_the_poller_and_stops_requests(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "deadline", 3, run_s=600.0)
    trigger = TaskfacadeJobsTrigger(airflow_conns["deadline"], tokens, poll_interval=0.1)

    async def main() -> None:
        task = asyncio.create_task(fire(trigger))
        while not (_poller.pollers() and _poller.pollers()[airflow_conns["deadline"]].polls >= 2):
            await asyncio.sleep(0.02)
        task.cancel()  # what the triggerer does to a trigger it no longer runs
        await asyncio.gather(task, return_exceptions=True)
        assert _poller.pollers() == {}
        await asyncio.sleep(0.05)
        sent = requests_of(emulator, "deadline")
        await asyncio.sleep(0.5)
        assert requests_of(emulator, "deadline") == sent

    asyncio.run(main())


def test_a_trigger_recreated_from_its_serialized_form_resumes_the_same_wait(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "geobox", 2, run_s=2.0)
    first = TaskfacadeJobsTrigger(airflow_conns["geobox"], tokens, poll_interval=0.2, end_time=time.time() + 60)

    async def main() -> dict[str, Any]:
        task = asyncio.create_task(fire(first))
        while not (_poller.pollers() and _poller.pollers()[airflow_conns["geobox"]].polls >= 1):
            await asyncio.sleep(0.02)
        task.cancel()  # the triggerer goes away mid-wait
        await asyncio.gather(task, return_exceptions=True)
        assert _poller.pollers() == {}
        classpath, kwargs = first.serialize()
        second = TaskfacadeJobsTrigger(**json.loads(json.dumps(kwargs)))  # another triggerer re-creates it
        assert second.serialize() == (classpath, kwargs)
        return await fire(second)

    payload = asyncio.run(main())
    assert payload["status"] == "success"
    assert [job["phase"] for job in payload["jobs"]] == ["SUCCEEDED", "SUCCEEDED"]


def test_a_recreated_trigger_keeps_the_deadline(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "tiledb", 1, run_s=600.0)
    end_time = time.time() + 1.5
    first = TaskfacadeJobsTrigger(airflow_conns["tiledb"], tokens, poll_interval=0.2, end_time=end_time)

    async def main() -> dict[str, Any]:
        task = asyncio.create_task(fire(first))
        await asyncio.sleep(0.7)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return await fire(TaskfacadeJobsTrigger(**first.serialize()[1]))

    payload = asyncio.run(main())
    assert payload["status"] == "timeout"
    assert end_time <= time.time() < end_time + 1.0  # the original deadline, not 1.5 s after re-creation


def test_job_record_shape(emulator: Emulator) -> None:
    from airflow_support import sync_client
    from taskfacade import job_from_token

    (token,) = make_tokens(emulator, "tensorbay", 1, outcome="failed", run_s=0.0)
    with sync_client("tensorbay", emulator) as client:
        job = job_from_token(token, client=client)
        job.refresh()
        record = job_record(job)
    assert set(record) == {"token", "id", "status", "phase", "error"}
    assert record["phase"] == JobPhase.FAILED.name
    assert record["token"] == job.to_token()
    assert job_record(job, RuntimeError("gone"))["error"] == "gone"
