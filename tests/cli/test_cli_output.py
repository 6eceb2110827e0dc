"""Output formats as AWS CLI and kubectl users expect them: ``-o/--output table|json|yaml|text`` (``--json`` an
alias), ``--query`` (JMESPath), ``--no-headers``, tables as wide as the terminal, and the window and "showing N of
M" lines on stderr so a pipe gets data only. The emitters have golden tests; the commands run for real."""

from __future__ import annotations

import datetime
import io
import json
import os
import pty
import subprocess
from pathlib import Path
from typing import Any

import cli_support as cs
import pytest
import yaml
from taskfacade_cli._format import OutputOptions, generic_table, to_text, to_yaml
from taskfacade_cli._render import table
from taskfacade_cli._terminal import TerminalGuard, write_styled
from taskfacade_emulator import Emulator

#: A document with everything YAML and text output must get right: strings a YAML loader would read as something
#: else, server text with control and bidi characters, nesting, empties, numbers, booleans and nulls.
DOCUMENT: dict[str, Any] = {
    "service": "geobox",
    "total": 2,
    "truncated": False,
    "by_phase": None,
    "tasks": [
        {"id": "t-1", "status": "yes", "name": "a: b #c", "progress": 12.5, "created_at": "2026-11-22T07:53:19Z"},
        {"id": "007", "status": "null", "name": "evil\x1b]52;c;x\x07\u202e\n", "progress": None, "created_at": ""},
    ],
    "empty": {"list": [], "map": {}},
}

YAML_GOLDEN = """\
service: geobox
total: 2
truncated: false
by_phase: null
tasks:
  - id: t-1
    status: "yes"
    name: "a: b #c"
    progress: 12.5
    created_at: "2026-11-22T07:53:19Z"
  - id: "007"
    status: "null"
    name: "evil\\u001b]52;c;x\\u0007\\u202e\\n"
    progress: null
    created_at: ""
empty:
  list: []
  map: {}
"""

TEXT_GOLDEN = """\
t-1\tyes\ta: b #c\t12.5\t2026-11-22T07:53:19Z
007\tnull\tevil\\x1b]52;c;x\\x07\\u202e\\n\tNone\t
"""


def test_yaml_golden_and_round_trip() -> None:
    text = to_yaml(DOCUMENT)
    assert text == YAML_GOLDEN
    assert yaml.safe_load(text) == DOCUMENT
    assert to_yaml([]) == "[]\n"
    numbers = [1e20, -1e-07, 1.5e300, 0.1, -0.0, 10**30, float("inf"), float("-inf")]
    assert yaml.safe_load(to_yaml(numbers)) == numbers
    assert to_yaml(float("nan")) == ".nan\n"
    assert yaml.safe_load(to_yaml([[1, [2]], {"k": [{"a": 1}]}, "on", "1e3", "~", "-x", ".5"])) == [
        [1, [2]],
        {"k": [{"a": 1}]},
        "on",
        "1e3",
        "~",
        "-x",
        ".5",
    ]


def test_text_golden() -> None:
    assert to_text(DOCUMENT["tasks"]) == TEXT_GOLDEN
    assert to_text(["a", "b", 3]) == "a\tb\t3\n"
    assert to_text([["a", 1], ["b", None]]) == "a\t1\nb\tNone\n"
    assert to_text(None) == to_text([]) == ""
    assert to_text("one") == "one\n"


def test_table_golden_headers_and_width() -> None:
    rows = [["t-1", "RUNNING", "a rather long task name that does not fit"], ["t-22", "QUEUED", None]]
    assert table(["ID", "STATUS", "NAME"], rows) == (
        "ID    STATUS   NAME\nt-1   RUNNING  a rather long task name that does not fit\nt-22  QUEUED   -"
    )
    assert table(["ID", "STATUS", "NAME"], rows, headers_shown=False).splitlines() == [
        "t-1   RUNNING  a rather long task name that does not fit",
        "t-22  QUEUED   -",
    ]
    assert table(["ID", "STATUS", "NAME"], rows, max_width=32) == (
        "ID    STATUS   NAME\nt-1   RUNNING  a rather long ...\nt-22  QUEUED   -"
    )


def test_generic_table_golden() -> None:
    assert generic_table([{"id": "a", "phase": "RUNNING"}, {"id": "bb", "extra": [1]}]) == (
        "ID  PHASE    EXTRA\na   RUNNING  -\nbb  -        [1]"
    )
    assert generic_table(["a", None]) == "a\n-"
    rows = [["0123456789abcdef", "RUNNING", "long name"]]
    assert table(["ID", "STATUS", "NAME"], rows, max_width=20, cut=["NAME"], drop=["STATUS"]) == (
        "ID                NAME\n0123456789abcdef  long ..."
    )
    assert OutputOptions().for_people


def _window() -> tuple[str, ...]:
    """A fixed window that ends an hour ago: the tasks in it have finished, so two runs list the same ones."""
    end = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    end = end.replace(microsecond=0)
    return (
        "--start",
        (end - datetime.timedelta(days=30)).isoformat(),
        "--end",
        end.isoformat(),
        "--status",
        "succeeded",
    )


def test_json_alias_and_every_format_say_the_same(env: dict[str, str]) -> None:
    span = _window()
    runs = {
        name: cs.run("tasks", "list", "tiledb", *span, *options, env=env)
        for name, options in {
            "alias": ["--json"],
            "json": ["-o", "json"],
            "yaml": ["--output", "yaml"],
            "text": ["-o", "text"],
        }.items()
    }
    assert all(run.code == 0 for run in runs.values()), [run.stderr for run in runs.values()]
    document = json.loads(runs["json"].stdout)
    assert json.loads(runs["alias"].stdout) == document
    assert yaml.safe_load(runs["yaml"].stdout) == document
    assert runs["text"].stdout == to_text(document["tasks"])
    assert len(runs["text"].stdout.splitlines()) == len(document["tasks"]) == document["total"]
    assert all(run.stderr == "" for run in runs.values())  # nothing cut, so nothing to say


def test_json_returns_every_task_unless_limited(env: dict[str, str]) -> None:
    """``--json`` used to return the table's first 20 tasks silently."""
    everything = cs.run("tasks", "list", "tiledb", "--since", "30d", "--json", env=env)
    assert everything.code == 0, everything.stderr
    data = json.loads(everything.stdout)
    assert data["total"] > 20
    assert len(data["tasks"]) == data["total"]
    assert data["truncated"] is False
    assert data["limit"] is None
    limited = cs.run("tasks", "list", "tiledb", "--since", "30d", "--limit", "3", "-o", "yaml", env=env)
    assert limited.code == 0, limited.stderr
    cut = yaml.safe_load(limited.stdout)
    assert (len(cut["tasks"]), cut["limit"], cut["truncated"]) == (3, 3, True)
    assert limited.stderr.startswith(f"taskfacade: showing 3 of {cut['total']} tasks")


def test_table_data_on_stdout_window_and_footer_on_stderr(env: dict[str, str]) -> None:
    result = cs.run("tasks", "list", "geobox", "--limit", "3", env=env)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "STATUS", "PHASE"]
    assert len(lines) == 4
    notes = result.stderr.splitlines()
    assert notes[0].startswith("geobox: tasks created from ")
    assert notes[-1].startswith("showing 3 of ")
    bare = cs.run("tasks", "list", "geobox", "--limit", "3", "--no-headers", env=env)
    assert bare.code == 0, bare.stderr
    assert len(bare.stdout.splitlines()) == 3
    assert [line.split()[0] for line in bare.stdout.splitlines()] == [line.split()[0] for line in lines[1:]]


def test_no_headers_on_wait(env: dict[str, str], emu: Emulator) -> None:
    ids = emu.create_tasks("geobox", 2, queued_s=0, run_s=1)
    result = cs.run("tasks", "wait", "geobox", *ids, "--interval", "0.2", "--timeout", "30", "--no-headers", env=env)
    assert result.code == 0, result.stderr
    assert sorted(line.split()[1] for line in result.stdout.splitlines()) == sorted(ids)


def test_query_selects_from_the_json_document(env: dict[str, str]) -> None:
    span = _window()
    document = json.loads(cs.run("tasks", "list", "geobox", *span, "--json", env=env).stdout)
    ids = [task["id"] for task in document["tasks"]]
    as_json = cs.run("tasks", "list", "geobox", *span, "--query", "tasks[].id", "--json", env=env)
    assert as_json.code == 0, as_json.stderr
    assert json.loads(as_json.stdout) == ids
    as_text = cs.run("tasks", "list", "geobox", *span, "-o", "text", "--query", "tasks[].[id, phase]", env=env)
    assert as_text.stdout.splitlines() == [f"{task_id}\tSUCCEEDED" for task_id in ids]
    as_table = cs.run("tasks", "list", "geobox", *span, "--query", "tasks[].{id: id, phase: phase}", env=env)
    assert as_table.stdout.splitlines() == ["ID" + " " * (len(ids[0]) - 2) + "  PHASE"] + [
        f"{task_id}  SUCCEEDED" for task_id in ids
    ]
    assert cs.run("tasks", "list", "geobox", *span, "--query", "total", "-o", "yaml", env=env).stdout == (
        f"{document['total']}\n"
    )


def test_bad_query_is_a_usage_error_before_any_request(bare_env: dict[str, str]) -> None:
    result = cs.run("--emulator", "http://127.0.0.1:9", "tasks", "list", "geobox", "--query", "tasks[", env=bare_env)
    assert result.code == 2
    assert result.error_lines[0].startswith("taskfacade: usage error: invalid --query 'tasks[': ")


def test_query_without_jmespath_says_what_to_install(bare_env: dict[str, str], tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "jmespath"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('no jmespath here')\n", encoding="utf-8")
    env = {**bare_env, "PYTHONPATH": str(shadow.parent)}
    result = cs.run("--emulator", "http://127.0.0.1:9", "tasks", "list", "geobox", "--query", "total", env=env)
    assert result.code == 2
    assert result.error_lines == ["taskfacade: usage error: --query needs jmespath: pip install 'taskfacade[jmespath]'"]


@pytest.mark.parametrize("columns", [100, 130])
def test_tables_fit_the_terminal_width(env: dict[str, str], columns: int) -> None:
    wide = cs.run("tasks", "list", "tiledb", "--limit", "5", env=env)
    assert max(len(line) for line in wide.stdout.splitlines()) > 100  # so the narrow runs have something to cut
    result = cs.run("tasks", "list", "tiledb", "--limit", "5", env={**env, "COLUMNS": str(columns)})
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert max(len(line) for line in lines) <= columns
    assert lines[0].split()[:2] == ["ID", "STATUS"]
    assert [line.split()[0] for line in lines[1:]] == [line.split()[0] for line in wide.stdout.splitlines()[1:]]


def test_show_and_cancel_formats(env: dict[str, str], emu: Emulator) -> None:
    [task_id] = emu.create_tasks("geobox", 1, run_s=36000)
    shown = cs.run("tasks", "show", "geobox", task_id, "-o", "yaml", env=env)
    assert shown.code == 0, shown.stderr
    data = yaml.safe_load(shown.stdout)
    assert data["id"] == task_id
    assert isinstance(data["details"], dict)
    assert cs.run("tasks", "show", "geobox", task_id, "-o", "text", env=env).stdout.split("\t")[:2] == [
        "geobox",
        task_id,
    ]
    canceled = cs.run("tasks", "cancel", "geobox", task_id, "-o", "text", "--query", "[].phase", env=env)
    assert canceled.code == 0, canceled.stderr
    assert canceled.stdout in ("CANCELED\n", "RUNNING\n")  # the abort may take the emulator a moment


def _on_a_terminal(*args: str, env: dict[str, str]) -> tuple[int, str]:
    """Run ``taskfacade ARGS`` with stdout on a pseudo-terminal; its exit code and what the terminal got."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen([cs.TASKFACADE, *args], stdout=secondary, stderr=subprocess.DEVNULL, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    code = proc.wait(timeout=60)
    out = b"".join(chunks).decode().replace("\r\n", "\n")
    for secret in cs.SECRETS:
        assert secret not in out
    return code, out


def test_colour_on_a_terminal_none_when_piped_or_no_color(env: dict[str, str]) -> None:
    args = ("tasks", "list", "tiledb", *_window(), "--limit", "3")
    code, out = _on_a_terminal(*args, env=env)
    assert code == 0
    assert "\x1b[32mSUCCEEDED\x1b[0m" in out
    assert out.splitlines()[0].startswith("ID ")  # the header is not coloured
    code, plain_out = _on_a_terminal(*args, env={**env, "NO_COLOR": "1"})
    assert code == 0
    assert "\x1b" not in plain_out
    assert plain_out == out.replace("\x1b[32m", "").replace("\x1b[0m", "")
    piped = cs.run(*args, env=env)
    assert "\x1b" not in piped.stdout
    assert piped.stdout == plain_out


def test_colour_never_lets_server_text_through(env: dict[str, str], emu: Emulator) -> None:
    """A name holding an SGR sequence stays escaped on a terminal even when the table has colour."""
    [task_id] = emu.create_tasks("tiledb", 1, run_s=0.1, name="x\x1b[31mred\x1b[0m")
    today = datetime.datetime.now(datetime.UTC).date()
    span = ("--start", str(today - datetime.timedelta(days=1)), "--end", str(today + datetime.timedelta(days=2)))
    code, out = _on_a_terminal("tasks", "list", "tiledb", *span, "--limit", "0", env=env)
    assert code == 0
    [row] = [line for line in out.splitlines() if line.startswith(task_id)]
    assert "x\\x1b[31mred\\x1b[0m" in row
    ours = ("\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[0m")
    assert any(sequence in out for sequence in ours)
    for sequence in ours:
        out = out.replace(sequence, "")
    assert "\x1b" not in out  # no escape sequence but the table's own colours


def test_write_styled_passes_only_the_table_colours_raw() -> None:
    sink = io.StringIO()
    guard = TerminalGuard(sink)
    write_styled(guard, "\x1b[32mok\x1b[0m \x1b[35mpink\x1b[2J\tcol\n")
    assert sink.getvalue() == "\x1b[32mok\x1b[0m \\x1b[35mpink\\x1b[2J\tcol\n"
    with pytest.raises(ValueError, match="not an allowed control sequence"):
        guard.write_control("\x1b[35m")
