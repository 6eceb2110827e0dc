"""``taskfacade tasks list|show|wait|cancel jobs``, run in-process (the ``main`` the executable runs) against an
emulator with its default credentials, as ``--emulator URL`` expects."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from taskfacade_cli import main
from taskfacade_emulator import Emulator


@pytest.fixture
def plain_emu(jobs_plugin: None) -> Iterator[Emulator]:
    """The emulator's default credentials (what ``--emulator`` sends), a frozen clock, 30 seeded jobs."""
    with Emulator(seed_count=2, seed_counts={"jobs": 30}, speed=0) as running:
        yield running


@pytest.fixture
def run(
    plain_emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Any:
    """``run(*args)`` -> (exit code, stdout, stderr) of ``taskfacade --emulator URL *args``, with no config file."""
    monkeypatch.setenv("TASKFACADE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("JOBS_TOKEN", raising=False)
    monkeypatch.setenv("COLUMNS", "200")  # whole table rows, whatever terminal pytest runs in
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # restored afterwards: main() may wrap them in a scrubber
    monkeypatch.setattr(sys, "stderr", sys.stderr)

    def run(*args: str, emulator: bool = True) -> tuple[int, str, str]:
        code = main([*(["--emulator", plain_emu.url] if emulator else []), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _ids(out: str) -> list[str]:
    return [task["id"] for task in json.loads(out)["tasks"]]


def test_list(plain_emu: Emulator, run: Any) -> None:
    seeded = plain_emu.seeded()["jobs"]
    code, out, _ = run("tasks", "list", "jobs", "-o", "json")
    assert code == 0
    assert _ids(out) == seeded["job_ids"]  # newest first, the last seven days
    code, out, _ = run("tasks", "list", "jobs", "--status", "succeeded", "-o", "json")
    assert (code, _ids(out)) == (0, seeded["job_ids_by_state"]["SUCCEEDED"])
    code, out, _ = run("tasks", "list", "jobs", "--status", "CANCELLED", "--limit", "2")
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "STATUS", "PHASE", "NAME", "CREATED", "(UTC)", "FINISHED", "(UTC)"]
    assert all(" CANCELLED " in line for line in out.splitlines()[1:])


def test_show_wait_and_cancel(plain_emu: Emulator, run: Any) -> None:
    [good] = plain_emu.create_tasks("jobs", queued_s=0, run_s=20, name="good")
    [failing] = plain_emu.create_tasks("jobs", outcome="failed", queued_s=0, run_s=10)
    code, out, _ = run("tasks", "show", "jobs", good, "-o", "json")
    shown = json.loads(out)
    assert (code, shown["status"], shown["phase"], shown["details"]["name"]) == (0, "RUNNING", "RUNNING", "good")

    plain_emu.set_speed(200)  # 20 emulator seconds in 0.1 s
    code, out, err = run("tasks", "wait", "jobs", good, failing, "--interval", "0.05", "--timeout", "30", "-o", "json")
    assert code == 1, err  # one ended FAILED
    assert {task["id"]: task["status"] for task in json.loads(out)["tasks"]} == {good: "SUCCEEDED", failing: "FAILED"}

    plain_emu.set_speed(0)
    [running] = plain_emu.create_tasks("jobs", queued_s=0, run_s=600)
    code, out, _ = run("tasks", "cancel", "jobs", running, "-o", "json")
    assert code == 0
    assert [(row["id"], row["status"], row["phase"]) for row in json.loads(out)] == [(running, "CANCELLED", "CANCELED")]
    code, _, err = run("tasks", "cancel", "jobs", good)  # finished: the service refuses (409)
    assert code == 4
    assert "already finished" in err


def test_usage_errors_before_any_request(plain_emu: Emulator, run: Any) -> None:
    plain_emu.clear_request_counts()
    code, _, err = run("tasks", "retry", "jobs", "abc")
    assert code == 2
    assert "jobs has no way to retry" in err
    code, _, err = run("tasks", "list", "jobs", "--status", "done")
    assert code == 2
    assert "invalid --status 'done' for jobs" in err
    code, _, err = run("tasks", "list", "jobs", "--dataset", "x")
    assert code == 2
    assert "--dataset applies to tensorbay only" in err
    code, _, err = run("tasks", "list", "jobs", emulator=False)
    assert code == 2
    assert "no jobs credentials: set JOBS_TOKEN" in err
    assert plain_emu.request_counts()["jobs"] == {}


def test_config_knows_the_service(run: Any) -> None:
    code, out, _ = run("config", "keys", emulator=False)
    assert code == 0
    assert "jobs.token" in out
    assert "jobs.endpoint" in out
