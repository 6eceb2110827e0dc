"""Hostile option values (issue 9, items 2, 4 and 7): every option of every command, found by walking the real
parser, refuses NaN, infinity, negatives, overflowing numbers and durations, bad URLs, control characters and empty
values with exit code 2 and one line naming the option, before any request; a URL's userinfo is never echoed."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cli_support as cs
import pytest
from taskfacade_cli import main
from taskfacade_cli._parser import build_parser
from taskfacade_emulator import Emulator

PASSWORD = "hunter2pw"
NUMBERS = ["nan", "NaN", "inf", "-inf", "-1", "1e400", "99999999999999999999999", "1_0", "\u0663", "", "\x1b[2J"]
#: Hostile values for each kind of option, every one of them invalid for that kind.
HOSTILE = {
    "count": NUMBERS,
    "timeout": [*NUMBERS, "1e12"],
    "interval": [*NUMBERS, "0", "1e-300", "1e12"],
    "speed": [*NUMBERS, "0", "1e12"],
    "duration": ["99999999999w", "1e400d", "0s", "-1d", "nand", "infd", "", "\x1b[2J"],
    "instant": ["0001-01-01T00:00+01:00", "9999-12-31T23:59-01:00", "0001-01-01", "nan", "", "2024-05-01\x1b[2J"],
    "url": [
        "http://[::1",
        f"ftp://bob:{PASSWORD}@h/",
        f"http://bob:{PASSWORD}@127.0.0.1:8765",
        f"http://bob:pa/{PASSWORD}@h/",
        "http://127.0.0.1:99999",
        "http://127.0.0.1:0",
        "http://127.0.0.1:",
        "http:///path",
        "127.0.0.1:8765",
        "http://h/?q=1",
        "http://h\x1b[2J/",
        "http://a b/",
        "",
    ],
    "text": ["", "\x1b]52;c;aGFjaw==\x07", "a\nb", "a\rb", "\u202eevil", "zero\u200bwidth", "x" * 5000],
    "profile": ["", "a/b", "\x1b[2J", "x" * 65],
    "choice": ["nan", "", "\x1b[2J", "DEFAULT"],
}
#: A valid command line for each command, in which each option's value is replaced in turn.
COMMANDS = {
    ("tasks", "list"): ["tasks", "list", "geobox"],
    ("tasks", "show"): ["tasks", "show", "geobox", "x"],
    ("tasks", "wait"): ["tasks", "wait", "geobox", "x"],
    ("tasks", "cancel"): ["tasks", "cancel", "geobox", "x"],
    ("tasks", "retry"): ["tasks", "retry", "deadline", "x"],
    ("tasks", "results"): ["tasks", "results", "tiledb", "x"],
    ("config", "set"): ["config", "set", "tiledb.workspace", "ws"],
    ("config", "unset"): ["config", "unset", "tiledb.workspace"],
    ("config", "show"): ["config", "show"],
    ("config", "use"): ["config", "use", "p"],
    ("config", "path"): ["config", "path"],
    ("config", "keys"): ["config", "keys"],
    ("demo",): ["demo"],
    ("completion",): ["completion", "bash"],
}
#: Options whose value is an argument that is not itself checked (a config key and value: see test below).
UNCHECKED_HERE = {("config", "set", "key"), ("config", "set", "value"), ("config", "unset", "key")}


#: The kind of each option (which hostile values apply), by its name; any other option is text.
KINDS = {
    "--limit": "count",
    "--timeout": "timeout",
    "--interval": "interval",
    "--speed": "speed",
    "--since": "duration",
    "--start": "instant",
    "--end": "instant",
    "--emulator": "url",
    "--endpoint": "url",
    "--profile": "profile",
    "PROFILE": "profile",
}


def _name(action: argparse.Action) -> str:
    return action.option_strings[0] if action.option_strings else str(action.metavar)


def _kind(action: argparse.Action) -> str:
    return "choice" if action.choices is not None else KINDS.get(_name(action), "text")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _leaves() -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    for name, sub in _subparsers(build_parser()).items():
        inner = _subparsers(sub)
        if name == "emulator":  # the emulator's own flags: tests/emulator/test_cli.py
            continue
        yield from (((name, verb), leaf) for verb, leaf in inner.items() if verb != "abort")
        if not inner:
            yield (name,), sub


def _options() -> Iterator[tuple[tuple[str, ...], argparse.Action]]:
    """Every option and positional that takes a value, of every command (but SERVICE and the config key/value)."""
    for command, leaf in _leaves():
        for action in leaf._actions:
            if action.nargs == 0 or isinstance(action, argparse._HelpAction):
                continue
            if action.dest == "service" or (*command, action.dest) in UNCHECKED_HERE:
                continue
            yield command, action


def _cases() -> Iterator[tuple[list[str], str, str]]:
    """(argv, value, what the error line must name) for every option of every command and every hostile value."""
    for command, action in _options():
        base = COMMANDS[command]
        for value in HOSTILE[_kind(action)]:
            if action.option_strings:
                yield [*base, action.option_strings[0], value], value, action.option_strings[0]
            else:  # the first positional after the command words (and SERVICE for tasks commands)
                index = len(command) + 1 if command[0] == "tasks" else len(command)
                yield [*base[:index], value, *base[index + 1 :]], value, str(action.metavar)


CASES = list(_cases())
CASE_IDS = [f"{' '.join(argv[:2])} {name}={value!r:.30}" for argv, value, name in CASES]


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if c != "\n" and unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"}]


def test_every_option_has_a_checking_converter() -> None:
    """A choice list, or a converter from ``taskfacade_cli._options``: none is left to argparse's ``float``."""
    for command, action in _options():
        converter = getattr(action.type, "__module__", None)
        assert action.choices is not None or converter == "taskfacade_cli._options", (command, _name(action))


def test_every_command_and_option_is_covered() -> None:
    commands = {tuple(argv[:2]) if argv[0] not in ("demo", "completion") else (argv[0],) for argv, _, _ in CASES}
    assert commands == set(COMMANDS)
    named = {name for _argv, _value, name in CASES}
    for option in ("--since", "--start", "--end", "--limit", "--timeout", "--interval", "--emulator", "--endpoint"):
        assert option in named
    assert {"--profile", "--config", "--farm-id", "--dataset", "--search", "--output", "--speed", "ID"} <= named


@pytest.fixture
def in_process(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``main`` in this process with the test environment (the same code the executable runs), in a folder of
    its own (a value that were not refused could name a file to write)."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # restored afterwards: main() wraps them
    monkeypatch.setattr(sys, "stderr", sys.stderr)


def _total(emu: Emulator) -> int:
    return sum(sum(routes.values()) for routes in emu.request_counts().values())


def _check_one_usage_line(code: int, out: str, err: str, name: str) -> None:
    assert code == 2, (out, err)
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("taskfacade: usage error: "), line
    assert name in line, line
    assert PASSWORD not in line
    assert _raw_controls(err) == []


@pytest.mark.usefixtures("in_process")
@pytest.mark.parametrize(("argv", "value", "name"), CASES, ids=CASE_IDS)
def test_hostile_values_exit_2_with_one_line_naming_the_option(
    emu: Emulator, capsys: pytest.CaptureFixture[str], argv: list[str], value: str, name: str
) -> None:
    before = _total(emu)
    code = main(argv)
    out, err = capsys.readouterr()
    _check_one_usage_line(code, out, err, name)
    assert _total(emu) == before, "refused before any request"


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["tasks", "list", "tiledb", "--since", "99999999999w"], "--since"),
        (["tasks", "list", "tiledb", "--limit", "99999999999999999999999"], "--limit"),
        (["--emulator", "http://[::1", "tasks", "list", "geobox"], "--emulator"),
        (["tasks", "wait", "geobox", "x", "--interval", "inf"], "--interval"),
        (["tasks", "wait", "geobox", "x", "--timeout", "nan"], "--timeout"),
        (["--emulator", f"ftp://bob:{PASSWORD}@h/", "tasks", "list", "geobox"], "'ftp://***@h/'"),
        (["tasks", "list", "geobox", "--endpoint", "http://127.0.0.1:99999"], "--endpoint"),
    ],
)
def test_the_executable(env: dict[str, str], emu: Emulator, args: list[str], name: str) -> None:
    before = _total(emu)
    result = cs.run(*args, env=env)
    _check_one_usage_line(result.code, result.stdout, result.stderr, name)
    assert _total(emu) == before


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (f'emulator = "ftp://bob:{PASSWORD}@h/"', "emulator"),
        ('emulator = "http://127.0.0.1:99999"', "emulator"),
        ('retry_mode = "sometimes"', "retry_mode"),
        ('[profiles.default.geobox]\nendpoint = "http://[::1"', "geobox.endpoint"),
        ('[profiles.default.tiledb]\nworkspace = "ws\\u001b[2J"', "tiledb.workspace"),
    ],
)
def test_bad_profile_values_exit_2_naming_the_key(env: dict[str, str], emu: Emulator, line: str, name: str) -> None:
    config = Path(env["TASKFACADE_CONFIG"])
    config.write_text(f"[profiles.default]\n{line}\n", encoding="utf-8")
    before = _total(emu)
    result = cs.run("tasks", "list", "geobox", env=env)
    _check_one_usage_line(result.code, result.stdout, result.stderr, name)
    assert _total(emu) == before


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("emulator", f"http://bob:{PASSWORD}@127.0.0.1:8765"),
        ("tiledb.endpoint", "http://127.0.0.1:65536"),
        ("deadline.farm_id", "farm-\x1b[2J"),
        ("geobox.endpoint", ""),
    ],
)
def test_config_set_refuses_bad_values(env: dict[str, str], key: str, value: str) -> None:
    result = cs.run("config", "set", key, value, env=env)
    _check_one_usage_line(result.code, result.stdout, result.stderr, key)


def test_invalid_argument_from_the_facade_names_the_profile_key(
    env: dict[str, str], emu: Emulator, seeded: dict[str, Any]
) -> None:
    """An id the facade refuses, read from the profile: the line names the profile key, not only ``farmId``."""
    config = Path(env["TASKFACADE_CONFIG"])
    config.write_text('[profiles.default.deadline]\nfarm_id = "farm-x"\n', encoding="utf-8")
    before = _total(emu)
    ids = seeded["deadline"]
    options = ["--queue-id", ids["queueId"], "--job-id", ids["jobId"], "--step-id", ids["stepId"]]
    result = cs.run("tasks", "list", "deadline", *options, env=env)
    _check_one_usage_line(result.code, result.stdout, result.stderr, "deadline.farm_id in profile 'default'")
    assert _total(emu) == before
