"""The wait operator, the sensor and the TensorBay submit operator, called as Airflow's task runner calls them
(``execute``, ``poke``, ``execute_complete``) against the emulator over loopback.

The full path (a DAG run by ``airflow dags test``, deferral into the triggerer included) is in test_dags.py;
here each branch of the operators is pinned down: results, failures carrying the job's error text, timeouts, what
a deferral hands the trigger, and bad input refused before any request.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from airflow.sdk import PokeReturnValue
from airflow.sdk.exceptions import AirflowException, AirflowFailException, TaskDeferred
from airflow_support import CANARY, SECRETS, conn_env_name, connection, connections_env, make_tokens
from taskfacade import TokenData
from taskfacade_airflow.operators import TaskfacadeWaitOperator, TensorBaySubmitOperator
from taskfacade_airflow.sensors import TaskfacadeJobsSensor
from taskfacade_airflow.triggers import TaskfacadeJobsTrigger
from taskfacade_emulator import Emulator

#: What a token holds (the public reader).
decode = TokenData.from_token


class FakeTI:
    """The task instance's XCom push, recorded."""

    def __init__(self) -> None:
        self.pushed: dict[str, Any] = {}

    def xcom_push(self, key: str, value: Any) -> None:
        self.pushed[key] = value


def run(op: Any) -> tuple[Any, FakeTI]:
    ti = FakeTI()
    return op.execute({"ti": ti}), ti


def assert_no_secret(text: str) -> None:
    for name in SECRETS:
        assert CANARY[name] not in text, name


def requests_made(emu: Emulator) -> int:
    return sum(sum(routes.values()) for routes in emu.request_counts().values())


# -- waiting in the worker (deferrable=False) ---------------------------------------------------------------------


@pytest.mark.parametrize("service", ["deadline", "geobox", "tiledb", "tensorbay"])
def test_waits_in_the_worker_and_returns_the_final_statuses(
    service: str, emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, service, 3, run_s=1.0)
    op = TaskfacadeWaitOperator(
        task_id="wait", conn_id=airflow_conns[service], tokens=tokens, poll_interval=0.2, deferrable=False
    )
    jobs, _ = run(op)
    assert [job["phase"] for job in jobs] == ["SUCCEEDED"] * 3
    assert [decode(job["token"]).ids for job in jobs] == [decode(token).ids for token in tokens]
    assert all(decode(job["token"]).status == job["status"] for job in jobs)  # the latest token
    assert all(job["error"] is None for job in jobs)


def test_a_failed_job_fails_the_task_with_its_error_text(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "geobox", 2, run_s=30.0) + make_tokens(
        emulator, "geobox", outcome="failed", run_s=0.3
    )
    op = TaskfacadeWaitOperator(
        task_id="wait", conn_id=airflow_conns["geobox"], tokens=tokens, poll_interval=0.2, deferrable=False
    )
    started = time.monotonic()
    ti = FakeTI()
    with pytest.raises(AirflowFailException) as caught:
        op.execute({"ti": ti})
    assert time.monotonic() - started < 10, "fails as soon as one job fails, without waiting for the others"
    message = str(caught.value)
    failed = [job for job in ti.pushed["jobs"] if job["phase"] == "FAILED"]
    assert len(failed) == 1
    assert failed[0]["error"]  # the emulator's Geobox failure text, e.g. "Worker ran out of memory"
    assert f"job {failed[0]['id']}: FAILURE (FAILED): {failed[0]['error']}" in message
    assert "taskfacade_geobox_default" in message
    assert "failed: 1 job(s) in ['FAILED']; tokens[2]" in message


def test_the_jobs_are_in_xcom_when_the_task_fails(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "tiledb", outcome="failed", run_s=0.0)
    op = TaskfacadeWaitOperator(task_id="w", conn_id=airflow_conns["tiledb"], tokens=tokens, deferrable=False)
    ti = FakeTI()
    with pytest.raises(AirflowFailException, match="emulated failure"):
        op.execute({"ti": ti})
    assert [job["phase"] for job in ti.pushed["jobs"]] == ["FAILED"]


def test_fail_on_phases_chooses_what_fails(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "deadline", outcome="canceled", run_s=0.0)
    op = TaskfacadeWaitOperator(
        task_id="w", conn_id=airflow_conns["deadline"], tokens=tokens, fail_on_phases=["FAILED"], deferrable=False
    )
    jobs, _ = run(op)
    assert [job["phase"] for job in jobs] == ["CANCELED"]


def test_a_timeout_fails_the_task_so_that_retries_wait_again(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "deadline", 2, run_s=300.0)
    op = TaskfacadeWaitOperator(
        task_id="w",
        conn_id=airflow_conns["deadline"],
        tokens=tokens,
        timeout=datetime.timedelta(seconds=0.6),
        poll_interval=0.2,
        deferrable=False,
    )
    started = time.monotonic()
    with pytest.raises(AirflowException) as caught:
        run(op)
    assert not isinstance(caught.value, AirflowFailException)
    assert 0.5 < time.monotonic() - started < 5
    assert "timeout: 2 of 2 job(s) not finished in time" in str(caught.value)


@pytest.mark.parametrize("service", ["tiledb", "deadline", "geobox", "tensorbay"])
def test_jobs_given_by_ids(service: str, emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    seeded = emulator.seeded()[service]
    ids: list[Any] = emulator.create_tasks(service, 2, run_s=0.5)
    if service == "deadline":
        where = {key: seeded[key] for key in ("farmId", "queueId", "jobId", "stepId")}
        ids = [{**where, "taskId": task_id} for task_id in ids]
    elif service == "tensorbay":
        ids = [{"dataset_id": seeded["dataset_id"], "job_type": "squashAndMerge", "job_id": i} for i in ids]
    op = TaskfacadeWaitOperator(
        task_id="w", conn_id=airflow_conns[service], job_ids=ids, poll_interval=0.2, deferrable=False
    )
    jobs, _ = run(op)
    assert [job["phase"] for job in jobs] == ["SUCCEEDED", "SUCCEEDED"]


# -- deferring ------------------------------------------------------------------------------------------------------


def test_deferring_hands_the_trigger_tokens_and_the_connection_id_only(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "deadline", 2, run_s=100.0)
    op = TaskfacadeWaitOperator(
        task_id="w", conn_id=airflow_conns["deadline"], tokens=tokens, timeout=600, poll_interval=5
    )
    emulator.clear_request_counts()
    before = time.time()
    with pytest.raises(TaskDeferred) as caught:
        run(op)
    assert requests_made(emulator) == 0, "nothing is polled before deferring"
    trigger = caught.value.trigger
    assert isinstance(trigger, TaskfacadeJobsTrigger)
    assert caught.value.method_name == "execute_complete"
    classpath, kwargs = trigger.serialize()
    assert classpath == "taskfacade_airflow.triggers.TaskfacadeJobsTrigger"
    assert set(kwargs) == {"conn_id", "tokens", "poll_interval", "end_time", "fail_on"}
    assert kwargs["conn_id"] == "taskfacade_deadline_default"
    assert list(kwargs["tokens"]) == tokens
    assert kwargs["poll_interval"] == 5.0
    assert before + 600 <= kwargs["end_time"] <= time.time() + 600
    assert list(kwargs["fail_on"]) == ["FAILED", "CANCELED"]
    assert_no_secret(json.dumps(kwargs) + repr(trigger))


def test_execute_complete_turns_events_into_results_and_failures() -> None:
    op = TaskfacadeWaitOperator(task_id="w", conn_id="c", tokens=["t"])
    job = {"token": "tf1.x", "id": "task-1", "status": "FAILED", "phase": "FAILED", "error": "frame 12 crashed"}
    ti = FakeTI()
    ok = {"status": "success", "message": "1 job(s) finished", "conn_id": "c", "jobs": [{**job, "phase": "SUCCEEDED"}]}
    assert op.execute_complete({"ti": ti}, ok) == ok["jobs"]
    with pytest.raises(AirflowFailException, match="frame 12 crashed") as failed:
        op.execute_complete({"ti": ti}, {"status": "failed", "message": "1 of 1", "conn_id": "c", "jobs": [job]})
    assert "'c'" in str(failed.value)
    assert ti.pushed["jobs"] == [job]
    with pytest.raises(AirflowException) as timed_out:
        op.execute_complete({"ti": ti}, {"status": "timeout", "message": "1 unfinished", "conn_id": "c", "jobs": []})
    assert not isinstance(timed_out.value, AirflowFailException)
    with pytest.raises(AirflowFailException, match="job task-9 not found"):
        op.execute_complete({"ti": ti}, {"status": "error", "message": "job task-9 not found", "conn_id": "c"})
    with pytest.raises(AirflowFailException, match="does not know"):
        op.execute_complete({"ti": ti}, {"status": "maybe"})


# -- bad input ------------------------------------------------------------------------------------------------------


@pytest.fixture
def other_conns(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(conn_env_name("plain_http"), json.dumps({"conn_type": "http", "host": "example.com"}))
    bad = connection("geobox", emulator, extra={"timeout": "soon"})
    monkeypatch.setenv(conn_env_name("geobox_bad_timeout"), json.dumps(bad))


def _bad_cases(tokens: dict[str, str]) -> list[tuple[dict[str, Any], list[str]]]:
    deadline_conn = "taskfacade_deadline_default"
    return [
        ({"conn_id": "no_such_conn", "tokens": [tokens["deadline"]]}, ["conn_id='no_such_conn'"]),
        ({"conn_id": "plain_http", "tokens": [tokens["deadline"]]}, ["conn_type='http'", "'plain_http'"]),
        ({"conn_id": "geobox_bad_timeout", "tokens": [tokens["geobox"]]}, ["extra.timeout", "'geobox_bad_timeout'"]),
        ({"conn_id": deadline_conn, "tokens": [tokens["deadline"], tokens["geobox"]]}, ["tokens[1]", "geobox"]),
        ({"conn_id": deadline_conn, "tokens": ["tf9.eyJ9"]}, ["tokens[0]", "version 'tf1'", "upgrade taskfacade"]),
        ({"conn_id": deadline_conn, "tokens": ["not a token"]}, ["tokens[0]", deadline_conn]),
        ({"conn_id": deadline_conn, "tokens": [tokens["deadline"]], "fail_on_phases": ["FAILD"]}, ["fail_on_phases"]),
        ({"conn_id": deadline_conn, "tokens": [tokens["deadline"]], "fail_on_phases": "FAILED"}, ["fail_on_phases"]),
        ({"conn_id": deadline_conn, "tokens": [tokens["deadline"]], "timeout": -5}, ["timeout=-5"]),
        ({"conn_id": deadline_conn, "tokens": [tokens["deadline"]], "poll_interval": 0}, ["poll_interval=0"]),
        ({"conn_id": deadline_conn, "tokens": tokens["deadline"]}, ["tokens=", "a list of"]),
        ({"conn_id": deadline_conn, "tokens": str([tokens["deadline"]])}, ["tokens=", "render_template_as_native_obj"]),
        ({"conn_id": deadline_conn, "tokens": [tokens["deadline"]], "timeout": "60"}, ["timeout='60'", "native"]),
        ({"conn_id": deadline_conn, "tokens": []}, ["tokens=[]"]),
        ({"conn_id": deadline_conn}, ["either tokens or job_ids"]),
        ({"conn_id": deadline_conn, "tokens": [tokens["deadline"]], "job_ids": ["x"]}, ["either tokens or job_ids"]),
        ({"conn_id": deadline_conn, "job_ids": ["task-1"]}, ["job_ids[0]", "farmId"]),
        ({"conn_id": "taskfacade_geobox_default", "job_ids": [{"uuid": "x"}]}, ["job_ids[0]", "uuids"]),
    ]


@pytest.mark.parametrize("deferrable", [True, False])
def test_bad_input_fails_at_once_naming_the_argument(
    deferrable: bool, emulator: Emulator, airflow_conns: dict[str, str], other_conns: None
) -> None:
    tokens = {service: make_tokens(emulator, service, run_s=0.0)[0] for service in ("deadline", "geobox")}
    for kwargs, expected in _bad_cases(tokens):
        emulator.clear_request_counts()
        op = TaskfacadeWaitOperator(task_id="w", deferrable=deferrable, **kwargs)
        with pytest.raises(AirflowFailException) as caught:  # fails for good: no retry, no deferral
            run(op)
        message = str(caught.value)
        for part in expected:
            assert part in message, (kwargs, message)
        assert f"connection {kwargs['conn_id']!r}" in message
        assert_no_secret(message)
        assert requests_made(emulator) == 0, kwargs


# -- the sensor -----------------------------------------------------------------------------------------------------


def test_the_sensor_pokes_with_one_batched_request(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "deadline", 20, run_s=1.5)
    sensor = TaskfacadeJobsSensor(task_id="s", conn_id=airflow_conns["deadline"], tokens=tokens, poke_interval=0.2)
    emulator.clear_request_counts()
    assert sensor.poke({"ti": FakeTI()}) is False
    assert emulator.request_counts()["deadline"] == {"POST /2023-10-12/batch-get-task": 1}
    time.sleep(2.0)
    done = sensor.poke({"ti": FakeTI()})
    assert isinstance(done, PokeReturnValue)
    assert done.is_done
    assert [job["phase"] for job in done.xcom_value] == ["SUCCEEDED"] * 20


def test_the_sensor_pokes_until_done_and_returns_the_jobs(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "geobox", 3, run_s=1.0)
    sensor = TaskfacadeJobsSensor(
        task_id="s", conn_id=airflow_conns["geobox"], tokens=tokens, poke_interval=0.2, timeout=30
    )
    jobs = sensor.execute({"ti": FakeTI()})  # BaseSensorOperator's poke loop
    assert [job["status"] for job in jobs] == ["SUCCESS"] * 3


def test_the_sensor_fails_on_a_failed_job(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    tokens = make_tokens(emulator, "tiledb", outcome="failed", run_s=0.0) + make_tokens(emulator, "tiledb", run_s=60)
    sensor = TaskfacadeJobsSensor(task_id="s", conn_id=airflow_conns["tiledb"], tokens=tokens)
    with pytest.raises(AirflowFailException, match="emulated failure"):
        sensor.poke({"ti": FakeTI()})


def test_the_deferrable_sensor_defers_with_its_timeout_and_poke_interval(
    emulator: Emulator, airflow_conns: dict[str, str]
) -> None:
    tokens = make_tokens(emulator, "geobox", run_s=60)
    sensor = TaskfacadeJobsSensor(
        task_id="s", conn_id=airflow_conns["geobox"], tokens=tokens, deferrable=True, poke_interval=7, timeout=900
    )
    with pytest.raises(TaskDeferred) as caught:
        sensor.execute({"ti": FakeTI()})
    _, kwargs = caught.value.trigger.serialize()
    assert kwargs["poll_interval"] == 7.0
    assert kwargs["end_time"] == pytest.approx(time.time() + 900, abs=5)


def test_the_sensor_refuses_bad_input_at_once(emulator: Emulator, airflow_conns: dict[str, str]) -> None:
    token = make_tokens(emulator, "geobox", run_s=0)[0]
    sensor = TaskfacadeJobsSensor(task_id="s", conn_id=airflow_conns["deadline"], tokens=[token])
    with pytest.raises(AirflowFailException, match=r"tokens\[0\]"):
        sensor.execute({"ti": FakeTI()})


# -- TensorBay submit -----------------------------------------------------------------------------------------------


@pytest.fixture
def fast_tensorbay(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """An emulator running 20x real time (a new squash-and-merge job takes 10 emulated seconds), as the default
    TensorBay connection."""
    from airflow_support import canary_credentials

    with Emulator(credentials=canary_credentials(), seed_count=2, speed=20) as emu:
        for name, value in connections_env(emu).items():
            monkeypatch.setenv(name, value)
        yield emu


def test_submit_returns_the_new_jobs_token(fast_tensorbay: Emulator) -> None:
    op = TensorBaySubmitOperator(
        task_id="submit",
        dataset_name="emulator-dataset",
        job_type="squash_and_merge",
        job_kwargs={"draft_title": "nightly", "source_branch_name": "dev"},
    )
    tokens, _ = run(op)
    assert len(tokens) == 1
    data = decode(tokens[0])
    assert (data.service, data.kind) == ("tensorbay", "squashAndMerge")
    wait = TaskfacadeWaitOperator(
        task_id="w", conn_id="taskfacade_tensorbay_default", tokens=tokens, poll_interval=0.1, deferrable=False
    )
    jobs, _ = run(wait)
    assert [job["status"] for job in jobs] == ["SUCCESS"]


def test_submit_and_wait(fast_tensorbay: Emulator) -> None:
    op = TensorBaySubmitOperator(
        task_id="search",
        dataset_name="emulator-dataset",
        job_type="basic_search",
        job_kwargs={"conjunction": "and", "filters": [("size", ">", 0)]},
        wait_for_completion=True,
        poll_interval=0.1,
        deferrable=False,
    )
    jobs, _ = run(op)
    assert [(decode(job["token"]).kind, job["phase"]) for job in jobs] == [("basicSearch", "SUCCEEDED")]


def test_submit_and_defer(fast_tensorbay: Emulator) -> None:
    op = TensorBaySubmitOperator(
        task_id="submit",
        dataset_name="emulator-dataset",
        job_type="squash_and_merge",
        job_kwargs={"draft_title": "d", "source_branch_name": "dev"},
        wait_for_completion=True,
    )
    with pytest.raises(TaskDeferred) as caught:
        run(op)
    _, kwargs = caught.value.trigger.serialize()
    assert kwargs["conn_id"] == "taskfacade_tensorbay_default"
    assert decode(kwargs["tokens"][0]).kind == "squashAndMerge"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"job_type": "merge"}, "job_type='merge'"),
        ({"job_kwargs": {"draft_titel": "d", "source_branch_name": "dev"}}, "job_kwargs"),
        ({"job_kwargs": {"source_branch_name": "dev"}}, "job_kwargs"),
        ({"job_kwargs": {"draft_title": "d", "source_branch_name": "dev", "strategy": "yolo"}}, "strategy"),
        ({"conn_id": "taskfacade_geobox_default"}, "conn_type='taskfacade_geobox'"),
        ({"wait_for_completion": True, "fail_on_phases": ["DONE"]}, "fail_on_phases"),
        ({"dataset_name": ""}, "dataset_name"),
    ],
)
def test_submit_refuses_bad_input(kwargs: dict[str, Any], expected: str, fast_tensorbay: Emulator) -> None:
    base: dict[str, Any] = {
        "dataset_name": "emulator-dataset",
        "job_type": "squash_and_merge",
        "job_kwargs": {"draft_title": "d", "source_branch_name": "dev"},
    }
    jobs_before = len(fast_tensorbay.seeded()["tensorbay"]["job_ids"]["squashAndMerge"])
    op = TensorBaySubmitOperator(task_id="submit", **(base | kwargs))
    with pytest.raises(AirflowFailException, match=expected):
        run(op)
    assert len(fast_tensorbay.seeded()["tensorbay"]["job_ids"]["squashAndMerge"]) == jobs_before
