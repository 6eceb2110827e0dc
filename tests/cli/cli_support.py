"""Running the real ``taskfacade`` executable in a subprocess, and the secrets no output may contain."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import attrs

#: The installed console script (the real executable); ``python -m taskfacade_cli`` is the same program.
TASKFACADE = str(Path(sys.executable).parent / "taskfacade")

#: Credentials the test emulator accepts: unusual strings, so finding one in any output is a leak.
TILEDB_TOKEN = "tdb-token-Zq8e1Xw7Pp"
TILEDB_WORKSPACE = "ws_cli"
AWS_KEY_ID = "AKIACLITESTKEY00001"
AWS_SECRET = "aws-secret-Wm3Jk9Lq2Vb"
GEOBOX_TOKEN = "geobox-token-Rt5Yu7Io9"
TENSORBAY_KEY = "ACCESSKEY-tensorbaySecret4Hn6Gd"
SECRETS = (TILEDB_TOKEN, AWS_SECRET, GEOBOX_TOKEN, TENSORBAY_KEY, AWS_KEY_ID)

#: Variables of whoever runs the tests that would change what the CLI resolves.
_CLEARED = (
    "TASKFACADE_CONFIG",
    "TASKFACADE_PROFILE",
    "XDG_CONFIG_HOME",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ENDPOINT_URL",
    "AWS_SESSION_TOKEN",
    "GEOBOX_APIKEY",
    "GEOBOX_USERNAME",
    "GEOBOX_PASSWORD",
    "TILEDB_REST_USERNAME",
    "TILEDB_REST_PASSWORD",
    "TILEDB_PROFILE_DIR",
    "TILEDB_PROFILE_NAME",
)


@attrs.frozen
class Result:
    """What a run printed and returned."""

    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("taskfacade: ")]


def base_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment with a private HOME and nothing that would redirect the CLI."""
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED and not k.startswith(("TILEDB_", "GEOBOX_"))}
    env = {k: v for k, v in env.items() if not k.startswith("AWS_")}
    env.update(HOME=str(home), PYTHONUNBUFFERED="1", COLUMNS="200")
    env.update(extra or {})
    return env


def run(*args: str, env: Mapping[str, str], stdin: str | None = None, timeout: float = 60) -> Result:
    """Run ``taskfacade ARGS``; every run is checked for leaked credentials."""
    proc = subprocess.run(
        [TASKFACADE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(env),
        timeout=timeout,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )
    result = Result(proc.returncode, proc.stdout, proc.stderr)
    assert_no_secret(result)
    return result


def assert_no_secret(result: Result) -> None:
    """No credential appears on stdout or stderr."""
    for secret in SECRETS:
        assert secret not in result.stdout, f"a credential leaked on stdout: {secret[:6]}..."
        assert secret not in result.stderr, f"a credential leaked on stderr: {secret[:6]}..."
