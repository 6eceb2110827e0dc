"""Exit codes 2 (usage, before any request) and 4 (API and network errors), one-line errors, ``--debug``, and no
credential in any output."""

from __future__ import annotations

import os
import socket
import sys
import uuid

import cli_support as cs
import pytest
from taskfacade_cli import main
from taskfacade_emulator import Emulator


def _total(emu: Emulator) -> int:
    return sum(sum(routes.values()) for routes in emu.request_counts().values())


USAGE_ERRORS = [
    (["tasks", "list", "nosuch"], "argparse"),
    (["tasks", "list", "tiledb", "--since", "7 days"], "invalid --since '7 days'"),
    (["tasks", "list", "tiledb", "--since", "2d", "--start", "2024-01-01"], "--since and --start cannot be combined"),
    (["tasks", "list", "tiledb", "--start", "yesterday"], "invalid --start 'yesterday'"),
    (["tasks", "list", "tiledb", "--start", "2024-05-02", "--end", "2024-05-01"], "is after --end"),
    (["tasks", "list", "tiledb", "--farm-id", "farm-1"], "--farm-id applies to deadline only, not tiledb"),
    (["tasks", "list", "geobox", "--status", "done"], "invalid --status 'done' for geobox: expected one of PENDING"),
    (["tasks", "list", "tiledb", "--type", "SPARK"], "invalid type='SPARK'"),
    (["tasks", "list", "tiledb", "--limit", "-1"], "invalid --limit '-1'"),
    (
        ["tasks", "cancel", "tiledb", "7eb6518e-302b-4c5a-9e46-f3047d2ddd06"],
        "tiledb has no way to cancel or abort a task",
    ),
    (["tasks", "retry", "geobox", "abc"], "geobox has no way to retry a task"),
    (["tasks", "results", "geobox", "abc"], "tasks results is for tiledb only"),
    (["tasks", "show", "tiledb", "not-a-uuid"], "invalid id='not-a-uuid'"),
    (["tasks", "show", "deadline", "task-1"], "invalid taskId='task-1'"),
    (["tasks", "wait", "geobox", "abc", "--interval", "0"], "invalid --interval '0'"),
    (["tasks", "list", "tensorbay", "--profile", "nosuch"], "no profile 'nosuch'"),
    (["--emulator", "localhost:1", "tasks", "list", "geobox"], "invalid --emulator 'localhost:1'"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=[" ".join(a[:4]) for a, _ in USAGE_ERRORS])
def test_usage_errors_exit_2_before_any_request(
    env: dict[str, str],
    emu: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    """In-process (the same ``main`` the executable runs), so the table stays fast; the executable itself is run
    for a few of them below."""
    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # restored afterwards: main() may wrap them in a scrubber
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    before = _total(emu)
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == ""
    if message == "argparse":
        assert "invalid choice: 'nosuch'" in err
    else:
        [line] = [line for line in err.splitlines() if line.startswith("taskfacade: ")]
        assert line.startswith("taskfacade: usage error: "), line
        assert message in line, line
        assert "Traceback" not in err
    assert _total(emu) == before, "a usage error must be found before any request"


@pytest.mark.parametrize("index", [0, 6, 7])
def test_usage_errors_of_the_executable(env: dict[str, str], emu: Emulator, index: int) -> None:
    args, message = USAGE_ERRORS[index]
    before = _total(emu)
    result = cs.run(*args, env=env)
    assert result.code == 2
    assert result.stdout == ""
    assert message in result.stderr or (message == "argparse" and "invalid choice" in result.stderr)
    assert _total(emu) == before


def test_missing_credentials_and_ids_are_usage_errors(bare_env: dict[str, str]) -> None:
    tensorbay = cs.run("tasks", "list", "tensorbay", env=bare_env)
    assert tensorbay.code == 2
    assert "no tensorbay credentials: set TENSORBAY_ACCESS_KEY" in tensorbay.stderr
    aws = {
        "AWS_ACCESS_KEY_ID": cs.AWS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": cs.AWS_SECRET,
        "AWS_DEFAULT_REGION": "eu-west-1",
    }
    deadline = cs.run("tasks", "list", "deadline", env={**bare_env, **aws})
    assert deadline.code == 2
    assert "deadline needs --farm-id (or `taskfacade config set deadline.farm_id ...`" in deadline.stderr
    geobox = cs.run("tasks", "list", "geobox", env=bare_env)
    assert geobox.code == 2
    assert "GEOBOX_" in geobox.stderr
    tiledb = cs.run("tasks", "list", "tiledb", env=bare_env)
    assert tiledb.code == 2
    assert "TILEDB_REST_TOKEN" in tiledb.stderr


CREDENTIAL_SOURCES = {
    "tiledb": ("TILEDB_REST_TOKEN", "tiledb.token"),
    "deadline": ("AWS_ACCESS_KEY_ID", "deadline.access_key_id"),
    "geobox": ("GEOBOX_ACCESS_TOKEN", "geobox.access_token"),
    "tensorbay": ("TENSORBAY_ACCESS_KEY", "tensorbay.access_key"),
}


@pytest.mark.parametrize("service", sorted(CREDENTIAL_SOURCES))
def test_missing_credential_names_option_profile_key_and_variable(bare_env: dict[str, str], service: str) -> None:
    """The message speaks the command line's language: no Python function or parameter names."""
    result = cs.run("tasks", "list", service, "--farm-id", "farm-1", env=bare_env) if service == "deadline" else None
    result = result or cs.run("tasks", "list", service, env=bare_env)
    assert result.code == 2
    [line] = result.error_lines
    variable, key = CREDENTIAL_SOURCES[service]
    assert line.startswith(f"taskfacade: usage error: no {service} credentials: "), line
    assert variable in line
    assert f"`taskfacade config set --profile default {key}`" in line
    assert "--profile NAME" in line
    for python_name in ("Client", "client.login", "token=", "access_token=", "aws_access_key_id", "pass "):
        assert python_name not in line, line


def test_not_found_is_exit_4_in_one_line(env: dict[str, str]) -> None:
    missing = str(uuid.uuid4())
    result = cs.run("tasks", "show", "tiledb", missing, env=env)
    assert result.code == 4
    [line] = result.stderr.splitlines()
    assert line.startswith("taskfacade: error: Can not retrieve task: tiledb: GET ")
    assert "-> 404" in line


def test_wrong_credentials_are_exit_4_without_showing_them(env: dict[str, str]) -> None:
    wrong = {**env, "GEOBOX_ACCESS_TOKEN": "wrong-token-Qx9"}
    result = cs.run("--debug", "tasks", "list", "geobox", env=wrong)
    assert result.code == 4
    assert "-> 401" in result.error_lines[-1]
    assert "wrong-token-Qx9" not in result.stdout + result.stderr


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_network_error_exit_4_and_debug_traceback(env: dict[str, str]) -> None:
    endpoint = f"http://127.0.0.1:{_closed_port()}/geobox"
    args = ["tasks", "list", "geobox", "--endpoint", endpoint, "--retry-mode", "disabled"]
    plain = cs.run(*args, env=env)
    assert plain.code == 4
    [line] = plain.stderr.splitlines()
    assert line.startswith("taskfacade: error: geobox: GET ")
    assert "Traceback" not in plain.stderr
    debug = cs.run(*args, "--debug", env=env)
    assert debug.code == 4
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.splitlines()[-1] == line


def test_debug_logs_retries_without_credentials(env: dict[str, str], emu: Emulator) -> None:
    emu.add_faults(service="tensorbay", method="GET", path="/jobs$", action="status", status=503, count=1)
    try:
        result = cs.run("--debug", "tasks", "list", "tensorbay", "--limit", "2", env=env)
    finally:
        emu.clear_faults()
    assert result.code == 0, result.stderr
    assert "taskfacade: debug: tensorbay GET" in result.stderr
    assert "-> 503" in result.stderr


def test_scrubber_masks_a_secret_that_reaches_output(env: dict[str, str]) -> None:
    """Last line of defence: even a value echoed back by a server is masked (here an id equal to a secret)."""
    result = cs.run("tasks", "show", "geobox", cs.GEOBOX_TOKEN, env=env)
    assert result.code == 4
    assert "***" in result.stderr


@pytest.mark.parametrize(
    ("args", "prog"),
    [
        (["tasks", "list", "tiledb", "--bogus"], "taskfacade tasks list"),
        (["tasks", "wait", "geobox", "x", "--bogus"], "taskfacade tasks wait"),
        (["tasks", "list", "tiledb", "extra"], "taskfacade tasks list"),
        (["config", "set", "emulator", "http://h", "--bogus"], "taskfacade config set"),
        (["tasks", "--bogus", "list", "tiledb"], "taskfacade tasks"),
        (["--bogus", "tasks", "list", "tiledb"], "taskfacade"),
    ],
)
def test_unknown_option_points_at_the_subcommands_help(bare_env: dict[str, str], args: list[str], prog: str) -> None:
    result = cs.run(*args, env=bare_env)
    assert result.code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("taskfacade: usage error: unrecognized arguments: "), line
    assert line.endswith(f"(see `{prog} --help`)"), line
