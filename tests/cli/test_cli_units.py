"""In-process checks of the command line's small parts: time options, the TOML writer, status filters, the
credential scrubber, exit-code mapping and the emulator defaults."""

from __future__ import annotations

import argparse
import datetime
import io
import tomllib
from pathlib import Path

import pytest
import taskfacade
from taskfacade_cli._config import Profile
from taskfacade_cli._context import EMULATOR_CREDENTIALS, Context
from taskfacade_cli._exit import ExitCode, UsageError, exit_code_for
from taskfacade_cli._main import _split_emulator
from taskfacade_cli._output import ScrubbingStream
from taskfacade_cli._service import Service
from taskfacade_cli._times import parse_datetime, parse_duration, window
from taskfacade_cli._toml import dumps, preserving_dumps
from taskfacade_emulator import Credentials

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("text", "seconds"), [("30m", 1800), ("12h", 43200), ("7d", 604800), ("2w", 1209600), ("1.5h", 5400), ("90S", 90)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("text", ["7", "d", "-1d", "0h", "7 days", "1y"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(UsageError, match="--since"):
        parse_duration(text)


def test_datetimes_are_utc_without_an_offset() -> None:
    assert parse_datetime("2024-05-01", "--start") == datetime.datetime(2024, 5, 1, tzinfo=UTC)
    assert parse_datetime("2024-05-01T12:30Z", "--end") == datetime.datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert parse_datetime("2024-05-01T14:30+02:00", "--end") == datetime.datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


def test_window_defaults_to_seven_days_before_end() -> None:
    now = datetime.datetime(2024, 5, 10, tzinfo=UTC)
    assert window(None, None, None, now=now).start == datetime.datetime(2024, 5, 3, tzinfo=UTC)
    end = parse_datetime("2024-05-05", "--end")
    assert window(None, None, end, now=now).start == datetime.datetime(2024, 4, 28, tzinfo=UTC)
    assert window(parse_duration("1d"), None, None, now=now).end is None


def test_toml_writer_round_trips() -> None:
    data = {
        "default_profile": "work",
        "profiles": {
            "work": {
                "retry_mode": "forceful",
                "tiledb": {"token": 'quo"te\\back\nline\x01 é', "verify_ssl": False},
                "deadline": {"farm_id": "farm-1"},
            },
            "we ird": {"geobox": {"apikey": "k"}},
        },
    }
    assert tomllib.loads(dumps(data)) == data
    assert tomllib.loads(preserving_dumps("", data)) == data
    assert tomllib.loads(preserving_dumps("# mine\n[profiles.old]\nemulator = 'http://h'\n", data)) == data
    assert preserving_dumps("not = = toml", data) == dumps(data)  # unreadable: the plain writer


def test_preserving_writer_adds_a_top_level_key_above_the_tables() -> None:
    original = '# top\n[profiles.work.tiledb]\ntoken = "x"  # mine\n'
    data = {"default_profile": "work", "profiles": {"work": {"tiledb": {"token": "x"}}}}
    text = preserving_dumps(original, data)
    assert text.startswith("# top\ndefault_profile = ")
    assert 'token = "x"  # mine\n' in text
    assert tomllib.loads(text) == data


class _Fake(Service):
    name = "fake"
    status_phases = {"DONE": "SUCCEEDED", "BROKEN": "FAILED", "STOPPED": "CANCELED", "WAITING": "PENDING"}


def test_status_filter_maps_phases_and_statuses() -> None:
    service = _Fake(Context(Profile("p")), argparse.Namespace())
    assert service.statuses(None) is None
    assert service.statuses(["done"]) == {"DONE"}
    assert service.statuses(["failed,canceled"]) == {"BROKEN", "STOPPED"}
    assert service.statuses(["PENDING", "Done"]) == {"WAITING", "DONE"}
    with pytest.raises(UsageError, match="expected one of DONE, BROKEN, STOPPED, WAITING, canceled, failed"):
        service.statuses(["maybe"])


def test_scrubber_masks_every_secret() -> None:
    inner = io.StringIO()
    stream = ScrubbingStream(inner, ["s3cr3t-value", "abc", "another-secret-2", "new\nline-secret"])
    stream.write("token s3cr3t-value and another-secret-2 but abc stays; escaped new\\nline-secret; https://u:p@h/\n")
    assert inner.getvalue() == "token *** and *** but abc stays; escaped ***; https://***@h/\n"


def test_split_emulator_arguments() -> None:
    assert _split_emulator(["--profile", "emulator", "emulator", "--port", "0"]) == (
        ["--profile", "emulator", "emulator"],
        ["--port", "0"],
    )
    assert _split_emulator(["tasks", "list", "emulator"]) == (["tasks", "list", "emulator"], None)


def test_exit_codes_of_facade_errors() -> None:
    assert exit_code_for(taskfacade.WaitTimeout("late")) is ExitCode.TIMEOUT
    assert exit_code_for(taskfacade.InvalidArgument("x", 1, "2")) is ExitCode.USAGE
    assert exit_code_for(taskfacade.UnsupportedOperation("no")) is ExitCode.USAGE
    assert exit_code_for(taskfacade.NotFound("gone", status=404)) is ExitCode.API
    assert exit_code_for(taskfacade.TransportError("reset")) is ExitCode.API
    assert exit_code_for(taskfacade.ResponseDecodeError("bad")) is ExitCode.API
    from taskfacade.tiledb import ConfigurationError, TaskNotReady

    assert exit_code_for(ConfigurationError("no token")) is ExitCode.USAGE
    assert exit_code_for(TaskNotReady("t", 1.0)) is ExitCode.TIMEOUT


def test_emulator_credentials_are_the_emulators_defaults() -> None:
    defaults = Credentials()
    assert EMULATOR_CREDENTIALS["tiledb"]["token"] == defaults.tiledb_token
    assert EMULATOR_CREDENTIALS["tiledb"]["workspace"] == defaults.tiledb_workspace
    deadline = EMULATOR_CREDENTIALS["deadline"]
    assert defaults.deadline_keys == {deadline["access_key_id"]: deadline["secret_access_key"]}
    assert EMULATOR_CREDENTIALS["geobox"]["access_token"] == defaults.geobox_token
    assert EMULATOR_CREDENTIALS["tensorbay"]["access_key"] == defaults.tensorbay_access_key


def test_import_does_not_load_the_facade() -> None:
    import subprocess
    import sys

    code = "import sys, taskfacade_cli; print(sorted(m for m in sys.modules if m.startswith(('taskfacade', 'httpx'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['taskfacade_cli']"


def test_help_loads_neither_the_facade_nor_attrs() -> None:
    """``taskfacade --help`` stays fast: the facade, httpx and attrs load only when a command needs them."""
    import subprocess
    import sys

    code = (
        "import contextlib, io, sys\n"
        "from taskfacade_cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('taskfacade.', 'httpx', 'attr'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_parsing_and_reading_the_config_import_neither_shtab_nor_tomlkit(tmp_path: Path) -> None:
    """Start-up stays fast: shtab loads only for `completion`, tomlkit only when the config file is written."""
    import subprocess
    import sys

    config = tmp_path / "config.toml"
    config.write_text('[profiles.default.tiledb]\nworkspace = "ws"\n', encoding="utf-8")
    code = (
        "import sys; from pathlib import Path\n"
        "from taskfacade_cli._parser import build_parser\n"
        "from taskfacade_cli._config import ConfigFile\n"
        "build_parser().parse_args(['tasks', 'list', 'tiledb'])\n"
        "ConfigFile(Path(sys.argv[1])).profile()\n"
        "print(sorted(m for m in ('shtab', 'tomlkit') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(config)], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
