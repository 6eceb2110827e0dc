"""The console script and ``python -m taskfacade_emulator``, started as real subprocesses."""

from __future__ import annotations

import os
import re
import selectors
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

BIN = Path(sys.executable).parent
SCRIPT = [str(BIN / "taskfacade-emulator")]
MODULE = [sys.executable, "-m", "taskfacade_emulator"]
LINE = re.compile(r"^taskfacade emulator listening on (http://127\.0\.0\.1:(\d+))\n$")
START_TIMEOUT_S = 30


def _read_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(START_TIMEOUT_S):
            raise AssertionError("the emulator printed nothing within the timeout")
    return proc.stdout.readline()


@contextmanager
def running(command: list[str], *args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Start the emulator, parse its one line, and make sure it is gone afterwards."""
    proc = subprocess.Popen(
        [*command, "--port", "0", "--seed-count", "5", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = _read_line(proc)
        match = LINE.match(line)
        assert match, f"unexpected first line {line!r}; stderr: {proc.stderr.read() if proc.poll() is not None else ''}"
        assert int(match.group(2)) > 0
        yield proc, match.group(1)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _stop(proc: subprocess.Popen[str], sig: signal.Signals) -> tuple[int, str]:
    proc.send_signal(sig)
    stdout, _ = proc.communicate(timeout=15)
    return proc.returncode, stdout


def test_console_script_serves_until_sigterm_and_keeps_state_for_python_m(tmp_path: Path) -> None:
    db = str(tmp_path / "emu.sqlite")
    with running(SCRIPT, "--db", db) as (proc, url):
        assert httpx.get(url + "/_emulator/requests").status_code == 200
        moved = httpx.post(url + "/_emulator/clock", json={"advance_s": 86_400}).json()["now"]
        seeded = httpx.get(url + "/_emulator/seeded").json()
        code, rest = _stop(proc, signal.SIGTERM)
        assert (code, rest) == (0, "")  # exactly one line on stdout
    with running(MODULE, "--db", db) as (proc, url):
        assert httpx.get(url + "/_emulator/clock").json()["now"] >= moved
        assert httpx.get(url + "/_emulator/seeded").json() == seeded
        assert _stop(proc, signal.SIGINT) == (0, "")


def test_no_admin_turns_the_admin_api_off() -> None:
    with running(MODULE, "--no-admin", "--speed", "0") as (proc, url):
        assert httpx.get(url + "/_emulator/seeded").status_code == 404
        assert _stop(proc, signal.SIGTERM)[0] == 0


def test_per_service_seed_counts_override_the_seed_count() -> None:
    with running(SCRIPT, "--geobox-count", "3", "--speed", "0") as (proc, url):
        seeded = httpx.get(url + "/_emulator/seeded").json()
        assert (len(seeded["geobox"]["task_ids"]), len(seeded["tiledb"]["task_ids"])) == (3, 5)
        assert httpx.get(url + "/_emulator/clock").json()["speed"] == 0.0
        assert _stop(proc, signal.SIGTERM)[0] == 0


def test_a_busy_port_is_a_clear_error_with_exit_code_2() -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*MODULE, "--port", str(port), "--seed-count", "1"], capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "taskfacade-emulator:" in result.stderr
    assert "in use" in result.stderr.lower()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--speed", "-1"], "speed must be a number from 0 to 1000000, got -1.0"),
        (["--seed-count", "-3"], "seed_count must be an integer from 0 to 1000000, got -3"),
        (["--db", "/nonexistent-dir/emu.sqlite"], "db: cannot create '/nonexistent-dir/emu.sqlite'"),
    ],
)
def test_bad_flags_are_a_clear_error(args: list[str], message: str) -> None:
    result = subprocess.run([*MODULE, "--port", "0", *args], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.parametrize("command", [SCRIPT, [str(BIN / "taskfacade"), "emulator"]], ids=["script", "taskfacade"])
def test_help_is_plain_text(command: list[str]) -> None:
    """No reStructuredText markup (the module docstring's double backticks) in what people read."""
    result = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0
    assert "`" not in result.stdout, result.stdout
    assert "until SIGINT or SIGTERM" in result.stdout
    assert "--log-level" in result.stdout
