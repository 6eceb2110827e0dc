"""``taskfacade emulator`` in the foreground, ``--emulator URL``, ``--help`` everywhere, and ``taskfacade demo``
(what ``make run`` runs) end to end."""

from __future__ import annotations

import json
import re
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import cli_support as cs
import pytest

LINE = re.compile(r"^taskfacade emulator listening on (http://127\.0\.0\.1:\d+)\n$")


def _first_line(proc: subprocess.Popen[str], timeout: float = 30) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        assert selector.select(timeout), "the emulator printed nothing"
    return proc.stdout.readline()


def test_emulator_command_and_emulator_mode(bare_env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [cs.TASKFACADE, "emulator", "--port", "0", "--seed-count", "10", "--speed", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=bare_env,
    )
    try:
        match = LINE.match(_first_line(proc))
        assert match, proc.stderr.read() if proc.poll() is not None and proc.stderr else "no listening line"
        url = match.group(1)
        # --emulator: the emulator's default credentials, seeded Deadline ids and TensorBay dataset.
        for service in ("deadline", "tensorbay", "geobox", "tiledb"):
            result = cs.run("--emulator", url, "tasks", "list", service, "--since", "30d", "--json", env=bare_env)
            assert result.code == 0, (service, result.stderr)
            assert json.loads(result.stdout)["total"] > 0
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_emulator_bad_flags_exit_2(bare_env: dict[str, str]) -> None:
    result = cs.run("emulator", "--port", "0", "--speed", "-1", env=bare_env)
    assert result.code == 2
    assert result.stderr.startswith("taskfacade-emulator: ")
    assert "speed" in result.stderr
    unknown = cs.run("emulator", "--colour", env=bare_env)
    assert unknown.code == 2


HELP = [
    [],
    ["tasks"],
    ["tasks", "list"],
    ["tasks", "show"],
    ["tasks", "wait"],
    ["tasks", "cancel"],
    ["tasks", "abort"],
    ["tasks", "retry"],
    ["tasks", "results"],
    ["config"],
    ["config", "set"],
    ["demo"],
]


def test_help_everywhere_with_examples(bare_env: dict[str, str]) -> None:
    for command in HELP:
        result = cs.run(*command, "--help", env=bare_env)
        assert result.code == 0, command
        assert result.stdout.startswith("usage: taskfacade"), command
        if command:
            assert "examples:\n  taskfacade " in result.stdout, command
    top = cs.run("--help", env=bare_env).stdout
    assert "exit codes:\n  0  success\n  1  a task ended FAILED or CANCELED\n  2  usage error" in top
    assert "3  timeout" in top
    assert "4  API or network error" in top
    emulator = cs.run("emulator", "--help", env=bare_env)
    assert emulator.code == 0
    assert "--seed-count" in emulator.stdout
    assert "--speed" in emulator.stdout


def test_python_dash_m_is_the_same_program(bare_env: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "taskfacade_cli", "tasks", "list", "tiledb", "--since", "soon"],
        capture_output=True,
        text=True,
        env=bare_env,
        timeout=30,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("taskfacade: usage error: invalid --since 'soon'")


@pytest.mark.slow
def test_demo_end_to_end(bare_env: dict[str, str], tmp_path: Path) -> None:
    started = time.monotonic()
    result = cs.run("demo", env=bare_env, timeout=90)
    elapsed = time.monotonic() - started
    assert result.code == 0, result.stderr[-2000:]
    assert elapsed < 60
    out = result.stdout
    for heading in (
        "1. The last 7 days of tasks, per service",
        "2. Waiting on a dozen jobs across the four services",
        "3. Aborting a running Geobox task",
        "4. Retrying the failed squash-and-merge job",
        "5. A TileDB SQL task's result",
    ):
        assert heading in out
    for service in ("tiledb", "deadline", "geobox", "tensorbay"):
        assert f"[{service}]" in out
    assert "12/12 done  10 succeeded, 2 failed" in out
    assert re.search(r"geobox task \S+ \(publish:everything\): (PENDING|PROGRESS) -> ABORTED", out)
    assert re.search(r"tensorbay job \S+: SUCCESS \(phase SUCCEEDED\)", out)
    assert re.search(r"^\s+x\s+y\s+label$", out, re.MULTILINE)  # the DataFrame's header
    assert "demo finished in" in out
    assert result.stderr == ""
