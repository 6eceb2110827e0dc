"""A plug-in service registers in each layer with one call, or as an installed distribution's entry points.

Each test runs in a fresh interpreter: registrations last for the process, and this one's other tests expect the
built-in services only. The plug-in (``example_plugin.py``, written to a temporary folder on ``PYTHONPATH``) is a
whole service in miniature: a facade package with a ``Job``, an emulator service that owns its credentials, and a
command-line service with its own option and config keys. The installed variant adds a ``*.dist-info`` folder
whose ``entry_points.txt`` names the same objects, as ``pip install`` would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TASKFACADE = str(Path(sys.executable).parent / "taskfacade")

PLUGIN = '''
"""A fifth service in miniature (see tests/registries/test_plugins.py)."""

from __future__ import annotations

import argparse
from typing import Any

import attrs
import taskfacade
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from taskfacade_cli import CliService, Listing, Service
from taskfacade_emulator import ServiceEmulator


class ExampleJob(taskfacade.Job[str]):
    STATUS_PHASES = {"DONE": taskfacade.JobPhase.SUCCEEDED}


SERVICE = taskfacade.ServiceInfo(
    name="example", display_name="Example", module="example_plugin", job_types=(ExampleJob,)
)


@attrs.define
class ExampleCredentials:
    token: str = attrs.field(default="example-token", repr=False)


class ExampleEmulator(ServiceEmulator):
    name = "example"
    credentials_type = ExampleCredentials

    def schema(self) -> str:
        return ""

    def seed(self) -> None:
        pass

    def seeded(self) -> dict[str, Any]:
        return {"ok": True}

    def create_tasks(self, spec: dict[str, Any]) -> list[str]:
        raise ValueError("example tasks cannot be created")

    def routes(self) -> list[BaseRoute]:
        return [Route("/v1/whoami", self._whoami)]

    def error_response(self, status: int, message: str, *, retry_after: float | None = None) -> Response:
        return JSONResponse({"message": message}, status_code=status)

    async def _whoami(self, request: Request) -> Response:
        if request.headers.get("x-token") != self.ctx.credentials.of(ExampleCredentials).token:
            return self.error_response(401, "bad token")
        return JSONResponse({"user": "example"})


class ExampleCommands(Service):
    name = "example"

    def list_tasks(self, query: Any) -> Listing:
        flag = getattr(self.options, "example_flag", None)
        print(f"example: flag={flag} token={'set' if self.settings.get('token') else 'unset'}", flush=True)
        return Listing(iter([]), total=0)


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    if command == "list":
        parser.add_argument_group("example").add_argument("--example-flag", metavar="V", help="an example option")


CLI = CliService(
    name="example",
    implementation="example_plugin:ExampleCommands",
    keys={"endpoint": "server URL", "token": "API token"},
    secret_keys=frozenset({"token"}),
    secret_env_vars=("EXAMPLE_TOKEN",),
    emulator_settings={"token": "example-token"},
    add_arguments=add_arguments,
)


def register() -> None:
    """The one call per layer a plug-in makes when it is not installed."""
    import taskfacade_cli
    import taskfacade_emulator

    taskfacade.register_service(SERVICE)
    taskfacade_emulator.register_service(ExampleEmulator)
    taskfacade_cli.register_service(CLI)
'''

ENTRY_POINTS = """
[taskfacade.services]
example = example_plugin:SERVICE

[taskfacade_emulator.services]
example = example_plugin:ExampleEmulator

[taskfacade_cli.services]
example = example_plugin:CLI
"""


def _folder(tmp_path: Path, *, installed: bool) -> Path:
    (tmp_path / "example_plugin.py").write_text(PLUGIN, encoding="utf-8")
    if installed:
        dist = tmp_path / "example_plugin-1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: example-plugin\nVersion: 1.0\n", encoding="utf-8")
        (dist / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    return tmp_path


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TILEDB_", "AWS_", "GEOBOX_", "TENSORBAY_"))}
    env.update(PYTHONPATH=str(folder), HOME=str(folder), TASKFACADE_CONFIG=str(folder / "config.toml"), COLUMNS="200")
    return env


def _python(folder: Path, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=_env(folder), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _taskfacade(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TASKFACADE, *args], env=_env(folder), capture_output=True, text=True, timeout=120)


def test_a_registered_plugin_is_a_facade_service(tmp_path: Path) -> None:
    out = _python(
        _folder(tmp_path, installed=False),
        """
        import sys, taskfacade, example_plugin
        taskfacade.register_service(example_plugin.SERVICE)
        taskfacade.register_service(example_plugin.SERVICE)  # the same value again: a no-op
        assert taskfacade.example is example_plugin and "example" in dir(taskfacade)
        assert taskfacade.service_info("example").job_types == (example_plugin.ExampleJob,)
        for clash in ("tiledb", "example"):
            other = taskfacade.ServiceInfo(name=clash, display_name="x", module="x", job_types=())
            try:
                taskfacade.register_service(other)
            except ValueError as error:
                print(error)
        print(taskfacade.service_names())
        """,
    )
    assert out.splitlines() == [
        "invalid service='tiledb': expected a name no built-in service has",
        "invalid service='example': expected a name not taken (already registered by example_plugin)",
        "('tiledb', 'deadline', 'geobox', 'tensorbay', 'example')",
    ]


def test_a_registered_plugin_is_served_by_the_emulator_with_its_own_credentials(tmp_path: Path) -> None:
    out = _python(
        _folder(tmp_path, installed=False),
        """
        import httpx, taskfacade_emulator, example_plugin
        from taskfacade_emulator import Credentials, Emulator
        taskfacade_emulator.register_service(example_plugin.ExampleEmulator)
        credentials = Credentials(example_token="t-1", tiledb_token="t-2")
        assert credentials.example_token == "t-1" and credentials.tiledb_token == "t-2"
        assert "t-1" not in repr(credentials)
        with Emulator(seed_count=1, credentials=credentials) as emu:
            print(emu.seeded()["example"])
            print(httpx.get(emu.base_url("example") + "/v1/whoami", headers={"X-Token": "t-1"}).json())
            print(httpx.get(emu.base_url("example") + "/v1/whoami", headers={"X-Token": "nope"}).status_code)
        print(taskfacade_emulator.service_names())
        """,
    )
    assert out.splitlines() == [
        "{'ok': True}",
        "{'user': 'example'}",
        "401",
        "('tiledb', 'deadline', 'geobox', 'tensorbay', 'example')",
    ]


def test_a_registered_plugin_is_a_command_line_service(tmp_path: Path) -> None:
    out = _python(
        _folder(tmp_path, installed=False),
        """
        import example_plugin, taskfacade_cli
        example_plugin.register()
        print("exit", taskfacade_cli.main(["tasks", "list", "example", "--example-flag", "v", "-o", "json"]))
        print("exit", taskfacade_cli.main(["tasks", "list", "tiledb", "--example-flag", "v"]))
        """,
    )
    lines = out.splitlines()
    assert lines[0] == "example: flag=v token=unset"
    assert [line for line in lines if line.startswith("exit")] == ["exit 0", "exit 2"]


def test_an_installed_plugin_is_found_through_its_entry_points(tmp_path: Path) -> None:
    folder = _folder(tmp_path, installed=True)
    out = _python(
        folder,
        """
        import sys, taskfacade, taskfacade_emulator
        taskfacade.tiledb
        print("metadata read for a built-in service:", "importlib.metadata" in sys.modules)
        print(taskfacade.example.__name__, taskfacade.service_names()[-1], taskfacade_emulator.service_names()[-1])
        """,
    )
    assert out.splitlines() == ["metadata read for a built-in service: False", "example_plugin example example"]

    listed = _taskfacade(folder, "--emulator", "http://127.0.0.1:9", "tasks", "list", "example", "--example-flag", "v")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("example: flag=v token=set\n")  # the emulator settings the plug-in declared
    refused = _taskfacade(folder, "tasks", "list", "tiledb", "--example-flag", "v")
    assert refused.returncode == 2
    assert "--example-flag applies to example only, not tiledb" in refused.stderr
    unknown = _taskfacade(folder, "tasks", "list", "nosuch")
    assert unknown.returncode == 2
    assert "invalid choice: 'nosuch'" in unknown.stderr
    assert "'example'" in unknown.stderr  # the usage error names the installed plug-in among the choices
    helped = _taskfacade(folder, "tasks", "list", "example", "--help")
    assert "--example-flag V" in helped.stdout
    keys = _taskfacade(folder, "config", "keys")
    assert "example.token" in keys.stdout
    assert "API token (secret)" in keys.stdout
    assert "example" in _taskfacade(folder, "completion", "bash").stdout


@pytest.mark.parametrize("installed", [False, True])
def test_the_built_in_help_never_reads_entry_points(tmp_path: Path, installed: bool) -> None:
    out = _python(
        _folder(tmp_path, installed=installed),
        """
        import contextlib, io, sys
        from taskfacade_cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main(["tasks", "list", "tiledb", "--help"])
        print("importlib.metadata" in sys.modules)
        """,
    )
    assert out.strip() == "False"


def test_a_secret_of_a_plugin_in_the_profile_is_masked(tmp_path: Path) -> None:
    folder = _folder(tmp_path, installed=True)
    (folder / "config.toml").write_text('[profiles.default.example]\ntoken = "plugin-secret-1"\n', encoding="utf-8")
    (folder / "config.toml").chmod(0o600)
    shown = _taskfacade(folder, "config", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["settings"] == {"example": {"token": "******"}}
