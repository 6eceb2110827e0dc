"""``tasks wait`` (exit codes 0, 1, 3), ``cancel``/``abort``, ``retry`` and ``results``, against the emulator."""

from __future__ import annotations

import json
from typing import Any

import cli_support as cs
import pytest
from taskfacade.tiledb import Client, tasks
from taskfacade_emulator import Emulator


def test_wait_all_succeed_exit_0_with_periodic_lines(env: dict[str, str], emu: Emulator) -> None:
    ids = emu.create_tasks("geobox", 3, queued_s=1, run_s=4)
    result = cs.run("tasks", "wait", "geobox", *ids, "--interval", "0.3", "--timeout", "30", env=env)
    assert result.code == 0, result.stderr
    # Not a terminal: one line to start, one per finished task, a summary at the end; no carriage returns.
    lines = result.stderr.splitlines()
    assert lines[0] == "waiting for 3 task(s) on geobox"
    assert sum(line.startswith("SUCCEEDED  geobox") for line in lines) == 3
    assert "3/3 done  3 succeeded" in lines[-1]
    assert "\r" not in result.stderr
    table = result.stdout.splitlines()
    assert table[0].split() == ["SERVICE", "ID", "STATUS", "PHASE", "AFTER"]
    assert {line.split()[1] for line in table[1:]} == set(ids)


def test_wait_one_failed_exit_1_json(env: dict[str, str], emu: Emulator) -> None:
    ok = emu.create_tasks("tensorbay", 1, queued_s=0, run_s=3)
    bad = emu.create_tasks("tensorbay", 1, outcome="failed", queued_s=0, run_s=2)
    result = cs.run("tasks", "wait", "tensorbay", *ok, *bad, "--interval", "0.3", "--json", env=env)
    assert result.code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["timed_out"] is False
    by_id = {row["id"]: row for row in data["tasks"]}
    assert by_id[ok[0]]["status"] == "SUCCESS"
    assert by_id[bad[0]]["status"] == "FAILED"
    assert by_id[bad[0]]["error"]
    assert by_id[bad[0]]["elapsed_s"] > 0
    for row in data["tasks"]:  # milliseconds, not 0.0018260829999690031
        assert row["elapsed_s"] == round(row["elapsed_s"], 3), row["elapsed_s"]
        assert len(repr(row["elapsed_s"]).partition(".")[2]) <= 3


def test_wait_timeout_exit_3(env: dict[str, str], emu: Emulator) -> None:
    ids = emu.create_tasks("tiledb", 2, queued_s=0, run_s=3600)
    result = cs.run("tasks", "wait", "tiledb", *ids, "--timeout", "0.5", "--interval", "0.2", "--json", env=env)
    assert result.code == 3, result.stderr
    assert json.loads(result.stdout)["timed_out"] is True
    assert result.error_lines == ["taskfacade: timeout: 2 task(s) not finished within 0.5s"]


def test_wait_deadline_tasks(env: dict[str, str], emu: Emulator) -> None:
    ids = emu.create_tasks("deadline", 2, queued_s=0, run_s=3)
    result = cs.run("tasks", "wait", "deadline", *ids, "--interval", "0.3", env=env)
    assert result.code == 0, result.stderr
    assert sum(" SUCCEEDED " in line for line in result.stdout.splitlines()) == 2


def test_abort_then_retry_tensorbay(env: dict[str, str], emu: Emulator) -> None:
    [job_id] = emu.create_tasks("tensorbay", 1, jobType="squashAndMerge", queued_s=0, run_s=3600)
    aborted = cs.run("tasks", "abort", "tensorbay", job_id, env=env)
    assert aborted.code == 0, aborted.stderr
    assert "status ABORTED (CANCELED)" in aborted.stdout
    retried = cs.run("tasks", "retry", "tensorbay", job_id, "--json", env=env)
    assert retried.code == 0, retried.stderr
    [row] = json.loads(retried.stdout)
    assert (row["id"], row["status"], row["phase"]) == (job_id, "PROCESSING", "RUNNING")
    assert emu.seeded()["tensorbay"]["verb_counts"]["retry"].get(job_id) == 1


def test_retry_basic_search_is_a_usage_error(env: dict[str, str], seeded: dict[str, Any]) -> None:
    job_id = seeded["tensorbay"]["job_ids"]["basicSearch"][0]
    result = cs.run("tasks", "retry", "tensorbay", job_id, "--job-type", "basicSearch", env=env)
    assert result.code == 2
    assert result.error_lines == [
        f"taskfacade: usage error: tensorbay job {job_id} is a basicSearch job: only squashAndMerge jobs can retry"
    ]


@pytest.fixture
def sql_task(emu: Emulator) -> str:
    [task_id] = emu.create_tasks("tiledb", 1, type="SQL", result_format="json", queued_s=0, run_s=1)
    return task_id


def test_results_wait_json(env: dict[str, str], emu: Emulator, sql_task: str) -> None:
    result = cs.run("tasks", "results", "tiledb", sql_task, "--wait", "--interval", "0.2", "--json", env=env)
    assert result.code == 0, result.stderr
    with Client(host=emu.base_url("tiledb"), token=cs.TILEDB_TOKEN, workspace=cs.TILEDB_WORKSPACE) as client:
        expected = tasks.fetch_results(sql_task, client=client)
    assert json.loads(result.stdout) == expected
    table = cs.run("tasks", "results", "tiledb", sql_task, env=env)
    assert table.code == 0
    assert table.stdout.split()[:3] == ["x", "y", "label"]


def test_results_not_ready_exit_3_and_failed_exit_1(env: dict[str, str], emu: Emulator) -> None:
    [running] = emu.create_tasks("tiledb", 1, type="SQL", queued_s=0, run_s=3600)
    not_ready = cs.run("tasks", "results", "tiledb", running, env=env)
    assert not_ready.code == 3
    assert not_ready.error_lines[0].startswith(f"taskfacade: timeout: the result of task {running} is not ready")
    [failed] = emu.create_tasks("tiledb", 1, type="SQL", outcome="failed", queued_s=0, run_s=0.5)
    ended = cs.run("tasks", "results", "tiledb", failed, "--wait", "--interval", "0.2", env=env)
    assert ended.code == 1
    assert ended.error_lines[-1].startswith(f"taskfacade: error: task {failed} ended FAILED: no result")
