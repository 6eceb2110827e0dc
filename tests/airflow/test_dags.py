"""The proof, for real: ``airflow dags test`` (the real CLI, in a subprocess, on a migrated SQLite metadata database)
runs DAGs whose tasks defer to ``TaskfacadeJobsTrigger`` and wait on jobs in the emulator, over loopback.

- tests/airflow/dags/taskfacade_example.py (the DAG docs/airflow.md shows): Deadline tasks (tokens) and a Geobox
  import (task uuids) waited on in the triggerer, then a TensorBay squash-and-merge submitted and waited on. The run
  succeeds and each wait's XCom holds the jobs' final statuses.
- the same DAG with a Geobox task that fails: that task fails at once (no retry, though ``retries=2``) with the
  job's error text, and the tasks after it do not run.
- tests/airflow/dags/taskfacade_bad_input.py: each kind of bad input fails its task at once, naming the connection
  id or the argument, with no retry and no request to any service.
- credentials: the emulator's credentials are canaries (conftest.py); none shows up in the CLI's output, the task
  logs, or anything the runs wrote to the metadata database (XCom, serialized DAGs, rendered fields, trigger rows).

``airflow dags test`` runs each deferred trigger in-process (one at a time), so this proves the operator ->
trigger -> ``execute_complete`` path, the serialization in between, and the connection lookup from a trigger; the
sharing of one poller by many triggers is measured by the trigger tests (test_trigger*.py).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from airflow_support import (
    AIRFLOW_BIN,
    AIRFLOW_SETTINGS,
    CANARY,
    SECRETS,
    canary_credentials,
    conn_env_name,
    connections_env,
    make_tokens,
    sync_client,
)
from taskfacade import TokenData
from taskfacade_emulator import Emulator

pytestmark = pytest.mark.xdist_group("airflow_dags")  # one process runs these: one metadata DB, one emulator

SPEED = 5.0  # emulator clock: a squash-and-merge job (10 emulated seconds) takes 2 s


@attrs.frozen
class DagRun:
    """One ``airflow dags test`` run: its exit code, its output, and what it left in the metadata DB."""

    dag_id: str
    returncode: int
    output: str
    run_id: str
    states: dict[str, tuple[str, int]]  # task_id -> (state, try_number)
    xcom: dict[tuple[str, str], Any]  # (task_id, key) -> value
    seconds: float


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(credentials=canary_credentials(), seed_count=2, speed=SPEED) as running:
        yield running


@pytest.fixture(scope="module")
def cli_env(emu: Emulator, airflow_db: Path) -> dict[str, str]:
    import os

    extra = {conn_env_name("plain_http"): json.dumps({"conn_type": "http", "host": "example.com"})}
    return {**os.environ, **AIRFLOW_SETTINGS, **connections_env(emu), **extra}


def _db(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "airflow.db")


def dags_test(env: dict[str, str], home: Path, dag_id: str, conf: dict[str, Any]) -> DagRun:
    started = time.monotonic()
    result = subprocess.run(
        [str(AIRFLOW_BIN), "dags", "test", dag_id, "-c", json.dumps(conf)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    seconds = time.monotonic() - started
    with _db(home) as db:
        (run_id,) = db.execute(
            "SELECT run_id FROM dag_run WHERE dag_id = ? ORDER BY id DESC LIMIT 1", (dag_id,)
        ).fetchone()
        states = {
            task: (state, tries)
            for task, state, tries in db.execute(
                "SELECT task_id, state, try_number FROM task_instance WHERE dag_id = ? AND run_id = ?",
                (dag_id, run_id),
            )
        }
        xcom = {
            (task, key): json.loads(value)
            for task, key, value in db.execute(
                "SELECT task_id, key, value FROM xcom WHERE dag_id = ? AND run_id = ?", (dag_id, run_id)
            )
        }
    return DagRun(dag_id, result.returncode, result.stdout + result.stderr, run_id, states, xcom, seconds)


@pytest.fixture(scope="module")
def example_run(emu: Emulator, cli_env: dict[str, str], airflow_db: Path) -> tuple[DagRun, dict[str, Any]]:
    conf = {
        "render_tokens": make_tokens(emu, "deadline", 3, run_s=4.0),
        "geobox_task_ids": emu.create_tasks("geobox", 2, run_s=4.0),
        "poll_interval": 0.5,
        "timeout": 120,
    }
    emu.clear_request_counts()
    run = dags_test(cli_env, airflow_db, "taskfacade_example", conf)
    return run, {"conf": conf, "requests": emu.request_counts()}


@pytest.fixture(scope="module")
def failing_run(emu: Emulator, cli_env: dict[str, str], airflow_db: Path) -> tuple[DagRun, str]:
    failing = emu.create_tasks("geobox", 1, outcome="failed", run_s=2.0)
    conf = {
        "render_tokens": make_tokens(emu, "deadline", 1, run_s=1.0),
        "geobox_task_ids": [*emu.create_tasks("geobox", 1, run_s=3600.0), *failing],
        "poll_interval": 0.5,
        "timeout": 120,
    }
    run = dags_test(cli_env, airflow_db, "taskfacade_example", conf)
    with sync_client("geobox", emu) as client:  # the job's own error text, as the service reports it
        task = client.get_task(failing[0])
        assert task.error
        return run, str(task.error)


@pytest.fixture(scope="module")
def bad_input_run(emu: Emulator, cli_env: dict[str, str], airflow_db: Path) -> tuple[DagRun, dict[str, dict[str, int]]]:
    conf = {
        "deadline_tokens": make_tokens(emu, "deadline", 1, run_s=0.0),
        "geobox_tokens": make_tokens(emu, "geobox", 1, run_s=0.0),
    }
    emu.clear_request_counts()
    run = dags_test(cli_env, airflow_db, "taskfacade_bad_input", conf)
    return run, emu.request_counts()


# -- the example DAG -------------------------------------------------------------------------------------------------


def test_the_example_dag_succeeds_with_waits_deferred_to_the_trigger(
    example_run: tuple[DagRun, dict[str, Any]],
) -> None:
    run, seen = example_run
    assert run.returncode == 0, run.output[-5000:]
    assert run.states == {
        "wait_for_renders": ("success", 1),
        "wait_for_geobox_import": ("success", 1),
        "squash_and_merge": ("success", 1),
        "wait_for_squash_and_merge": ("success", 1),
    }
    assert run.output.count("[DAG TEST] running trigger in line") == 3, "each wait was deferred to the trigger"
    assert run.output.count("Pausing task as DEFERRED") == 3
    # The trigger polled in batches: Deadline's BatchGetTask, Geobox's uuid IN (...) listing, never a GET per job.
    requests = seen["requests"]
    assert requests["deadline"].get("POST /2023-10-12/batch-get-task", 0) >= 1, requests["deadline"]
    assert not any("tasks/{taskId}" in route for route in requests["deadline"]), requests["deadline"]


def test_the_example_dags_xcom_holds_the_final_statuses(example_run: tuple[DagRun, dict[str, Any]]) -> None:
    run, seen = example_run
    renders = run.xcom["wait_for_renders", "return_value"]
    assert [job["phase"] for job in renders] == ["SUCCEEDED"] * 3
    assert [job["status"] for job in renders] == ["SUCCEEDED"] * 3
    assert [job["token"].split(".")[0] for job in renders] == ["tf1"] * 3
    given = [TokenData.from_token(token).ids["taskId"] for token in seen["conf"]["render_tokens"]]
    assert [job["id"] for job in renders] == given
    imports = run.xcom["wait_for_geobox_import", "return_value"]
    assert [(job["id"], job["status"], job["phase"]) for job in imports] == [
        (uuid, "SUCCESS", "SUCCEEDED") for uuid in seen["conf"]["geobox_task_ids"]
    ]
    (submitted,) = run.xcom["squash_and_merge", "return_value"]
    (merged,) = run.xcom["wait_for_squash_and_merge", "return_value"]
    assert merged["token"].startswith("tf1.")
    assert (merged["status"], merged["phase"], merged["error"]) == ("SUCCESS", "SUCCEEDED", None)
    assert TokenData.from_token(submitted).ids["job_id"] == merged["id"]


# -- a job fails -----------------------------------------------------------------------------------------------------


def test_a_failed_job_fails_its_task_with_the_jobs_error_text(failing_run: tuple[DagRun, str]) -> None:
    run, error_text = failing_run
    assert run.returncode != 0
    assert "DagRun failed" in run.output
    assert run.states["wait_for_renders"] == ("success", 1)
    assert run.states["wait_for_geobox_import"] == ("failed", 1), "failed at once: no retry despite retries=2"
    assert run.states["squash_and_merge"][0] == "upstream_failed"
    assert run.states["wait_for_squash_and_merge"][0] == "upstream_failed"
    assert error_text in run.output
    assert "AirflowFailException: taskfacade wait on connection 'taskfacade_geobox_default': failed" in run.output
    jobs = run.xcom["wait_for_geobox_import", "jobs"]  # the statuses are in XCom on failure too
    assert sorted(job["phase"] for job in jobs) == ["FAILED", "RUNNING"]
    assert [job["error"] for job in jobs if job["phase"] == "FAILED"] == [error_text]


# -- bad input -------------------------------------------------------------------------------------------------------

BAD_INPUT = {
    "missing_connection": ["conn_id='no_such_connection'"],
    "wrong_connection_type": ["conn_type='http'", "'plain_http'"],
    "submit_on_another_services_connection": ["conn_type='taskfacade_deadline'", "'taskfacade_tensorbay'"],
    "token_of_another_service": ["tokens[0]", "for geobox", "'taskfacade_deadline_default' is for deadline"],
    "token_of_unknown_version": ["tokens[0]", "a token of version 'tf1' (this one is 'tf7'"],
    "unknown_phase": ["fail_on_phases='EXPLODED'", "JobPhase names"],
}


def test_bad_input_fails_each_task_at_once_naming_the_argument(
    bad_input_run: tuple[DagRun, dict[str, dict[str, int]]],
) -> None:
    run, requests = bad_input_run
    assert run.returncode != 0
    assert run.states == dict.fromkeys(BAD_INPUT, ("failed", 1)), "every task failed on its first try"
    assert "running trigger in line" not in run.output, "nothing was deferred"
    for fragments in BAD_INPUT.values():
        for fragment in fragments:
            assert fragment in run.output, fragment
    assert not any(requests.values()), f"no request reached a service: {requests}"


# -- credentials -----------------------------------------------------------------------------------------------------


def _everything_written(home: Path) -> str:
    """Every text and blob value of every table of the metadata DB, and every file under AIRFLOW_HOME/logs."""
    parts: list[str] = []
    with _db(home) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):  # noqa: S608  (table names from sqlite_master)
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("latin-1"))
                    elif isinstance(value, str):
                        parts.append(value)
    for path in (home / "logs").rglob("*"):
        if path.is_file():
            parts.append(path.read_text(errors="replace"))
    return "\n".join(parts)


def test_no_credential_in_output_logs_xcom_or_serialized_dags(
    example_run: tuple[DagRun, dict[str, Any]],
    failing_run: tuple[DagRun, str],
    bad_input_run: tuple[DagRun, dict[str, dict[str, int]]],
    airflow_db: Path,
) -> None:
    written = _everything_written(airflow_db)
    assert "serialized_dag" in written or len(written) > 10_000  # the scan did read the database
    with _db(airflow_db) as db:
        serialized = [data for (data,) in db.execute("SELECT data FROM serialized_dag")]
    assert any("taskfacade_example" in json.dumps(data) for data in serialized)
    for name in SECRETS:
        secret = CANARY[name]
        for run in (example_run[0], failing_run[0], bad_input_run[0]):
            assert secret not in run.output, (name, run.dag_id)
            assert secret not in json.dumps(list(run.xcom.values()), default=str), (name, run.dag_id)
        assert secret not in written, name
        assert secret not in json.dumps(serialized), name
