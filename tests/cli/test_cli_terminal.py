"""Terminal injection (issue 9, item 6): server text holding control and invisible characters never reaches the
terminal raw. People's output shows them escaped; ``--json`` keeps every value exact."""

from __future__ import annotations

import datetime
import io
import json
import unicodedata

import cli_support as cs
import pytest
from taskfacade_cli._output import ScrubbingStream
from taskfacade_cli._render import dumps_json
from taskfacade_cli._terminal import CLEAR_LINE, TerminalGuard, visible, write_control
from taskfacade_emulator import Emulator

#: An OSC 52 clipboard write, BEL, CR and a newline faking a row, a screen clear, a bidi override, a zero-width
#: space, a C1 CSI, a line separator and DEL: everything a hostile server could put in a task's name.
HOSTILE = "pwn\r\nfake row\x1b]52;c;aGFjaw==\x07\x1b[2J\u202eevil\u200bzw\x9b31m\u2028\x7fend"
#: What people see instead (the way Python's repr writes each character).
SHOWN = "pwn\\r\\nfake row\\x1b]52;c;aGFjaw==\\x07\\x1b[2J\\u202eevil\\u200bzw\\x9b31m\\u2028\\x7fend"
_RAW = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _raw_controls(text: str) -> list[str]:
    """Every character a terminal could act on (newlines between lines are the output's own)."""
    return [char for char in text if char != "\n" and unicodedata.category(char) in _RAW]


@pytest.fixture(scope="module")
def hostile(emu: Emulator) -> dict[str, tuple[str, str]]:
    """A task per service whose name (Deadline: a task parameter) is ``HOSTILE``: service -> (id, name as the
    command line's ``name`` field has it)."""
    return {
        "tiledb": (emu.create_tasks("tiledb", name=HOSTILE)[0], HOSTILE),
        "geobox": (emu.create_tasks("geobox", name=HOSTILE)[0], HOSTILE),
        "tensorbay": (emu.create_tasks("tensorbay", title=HOSTILE)[0], HOSTILE),
        "deadline": (emu.create_tasks("deadline", parameters={"Note": {"string": HOSTILE}})[0], f"Note={HOSTILE}"),
    }


SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")


def _window() -> list[str]:
    """From yesterday to the day after tomorrow: the emulator's clock runs ahead of this machine's."""
    today = datetime.datetime.now(datetime.UTC).date()
    return ["--start", str(today - datetime.timedelta(days=1)), "--end", str(today + datetime.timedelta(days=2))]


@pytest.mark.parametrize("service", SERVICES)
def test_list_and_show_escape_server_text(
    env: dict[str, str], hostile: dict[str, tuple[str, str]], service: str
) -> None:
    task_id, name = hostile[service]
    listing = cs.run("tasks", "list", service, *_window(), "--limit", "0", env=env)
    shown = cs.run("tasks", "show", service, task_id, env=env)
    for result in (listing, shown):
        assert result.code == 0, result.stderr
        assert _raw_controls(result.stdout) == []
        assert _raw_controls(result.stderr) == []
    [row] = [line for line in listing.stdout.splitlines() if line.startswith(task_id)]
    assert "fake row" in row, "the newline in the name must not start a new row"
    assert visible(name)[:40] in row  # cells are cut at 48 characters
    assert not any(line.startswith("fake row") for line in listing.stdout.splitlines())
    [line] = [line for line in shown.stdout.splitlines() if line.startswith("name ")]
    assert line.split(None, 1)[1] == visible(name)
    assert SHOWN in visible(name)


@pytest.mark.parametrize("service", SERVICES)
def test_json_keeps_server_text_exact(env: dict[str, str], hostile: dict[str, tuple[str, str]], service: str) -> None:
    task_id, name = hostile[service]
    listing = cs.run("tasks", "list", service, *_window(), "--limit", "0", "--json", env=env)
    shown = cs.run("tasks", "show", service, task_id, "--json", env=env)
    for result in (listing, shown):
        assert result.code == 0, result.stderr
        assert _raw_controls(result.stdout) == []
        assert _raw_controls(result.stderr) == []
    [row] = [row for row in json.loads(listing.stdout)["tasks"] if row["id"] == task_id]
    assert row["name"] == name
    assert json.loads(shown.stdout)["name"] == name


def test_errors_with_hostile_text_are_escaped(env: dict[str, str]) -> None:
    """An id echoed back in an error line (by argparse, the facade or the server) is escaped too."""
    result = cs.run("tasks", "show", "geobox", "\x1b]52;c;aGFjaw==\x07", env=env)
    assert result.code == 2, result.stderr
    assert _raw_controls(result.stderr) == []
    assert "\\x1b]52" in result.stderr


def test_json_escapes_what_a_terminal_acts_on_and_round_trips() -> None:
    """``json.dumps`` leaves C1 controls, bidi overrides, separators, tags and lone surrogates raw."""
    value = {"name": HOSTILE + "\U000e0041\ud800\u00e9\u4e2d", "nested": [HOSTILE]}
    text = dumps_json(value)
    assert _raw_controls(text) == []
    assert json.loads(text) == value
    assert "\u00e9\u4e2d" in text  # other non-ASCII text stays readable


def test_the_live_line_keeps_its_own_control_sequence_only() -> None:
    """The guard under the credential scrubber: text is escaped, the progress line's "return and clear the line"
    goes through ``write_control`` raw, and nothing else can go that way."""
    screen = io.StringIO()
    stream = ScrubbingStream(TerminalGuard(screen), ["secret-value-1"])
    stream.write(f"a\x1b[2Jb {CLEAR_LINE} secret-value-1\n")
    write_control(stream, CLEAR_LINE)
    with pytest.raises(ValueError, match="not an allowed control sequence"):
        write_control(stream, "\x1b]52;c;aGFjaw==\x07")
    assert screen.getvalue() == "a\\x1b[2Jb \\r\\x1b[K ***\n" + CLEAR_LINE
