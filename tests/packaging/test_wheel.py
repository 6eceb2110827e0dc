"""The built wheel, installed into clean virtual environments, as a user gets it from a package index.

One wheel per test session (``pip wheel``), and two environments, each built once: ``base`` has the wheel without
extras at the lowest versions its requirements allow (each ``>=`` bound of pyproject.toml, e.g. httpx 0.27) plus
pytest; ``full`` has every extra at the newest versions (httpx 0.29 and later). So both ends of the runtime bounds
are installed and used. The tests in this file share one xdist group, so that under ``-n 2`` one worker builds
them (``--dist loadgroup`` in pyproject.toml). Downloads come from pip's cache after the first run.
"""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import textwrap
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def lowest_requirements() -> list[str]:
    """Each runtime requirement pinned to its lower bound (``httpx>=0.27,<1`` -> ``httpx==0.27``), markers kept."""
    pins = []
    for requirement in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]:
        spec, _, marker = requirement.partition(";")
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(,.*)?", spec.strip())
        assert match is not None, f"every runtime requirement needs a lower bound: {requirement!r}"
        pins.append(f"{match[1]}=={match[2]}" + (f"; {marker.strip()}" if marker else ""))
    return pins


LOWEST = lowest_requirements()
SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")

pytestmark = [pytest.mark.wheel, pytest.mark.xdist_group("wheel")]


def run(args: list[str], *, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run a command outside this project's environment (no PYTHONPATH, no pytest or xdist variables)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def checked(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = run(args, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once from this checkout (in an isolated build environment, as pip does)."""
    out = tmp_path_factory.mktemp("wheel")
    checked([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)])
    (built,) = out.glob("taskfacade-*.whl")
    return built


def make_venv(folder: Path, *requirements: str) -> Path:
    """A fresh virtual environment (no pip of its own: this one's pip installs into it); its bin folder."""
    venv.EnvBuilder(with_pip=False, clear=True).create(folder)
    python = folder / "bin" / "python"
    checked([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", *requirements])
    return folder / "bin"


@pytest.fixture(scope="session")
def base(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel without extras, its requirements at their lowest allowed versions, and pytest."""
    return make_venv(tmp_path_factory.mktemp("venv") / "base", str(wheel), *LOWEST, "pytest")


@pytest.fixture(scope="session")
def full(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel with every extra, everything at its newest version, and pytest."""
    return make_venv(tmp_path_factory.mktemp("venv") / "full", f"{wheel}[emulator,progress,pandas]", "pytest")


def user_project(folder: Path, tests: str) -> Path:
    """A user's project: one test module and nothing else (no conftest, no configuration)."""
    folder.mkdir()
    (folder / "test_user.py").write_text(textwrap.dedent(tests))
    return folder


def test_the_wheel_carries_the_metadata_a_package_index_shows(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        dist_info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
    import taskfacade

    assert metadata["Version"] == taskfacade.__version__  # written once, in facade/taskfacade/__init__.py
    assert metadata["License-Expression"] == "Apache-2.0"
    assert f"{dist_info}/licenses/LICENSE" in names
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["Author"] or metadata["Author-email"]
    classifiers = metadata.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Typing :: Typed" in classifiers
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert {"Source", "Documentation", "Changelog", "Issues"} <= set(urls)
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "](docs/" not in metadata.get_payload(), "relative links in the README do not work on a package index"
    assert not [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r and "pytest" in r]
    assert "dev" not in (metadata.get_all("Provides-Extra") or [])  # the tools are a dependency group
    for package in ("taskfacade", "taskfacade_generated", "taskfacade_emulator", "taskfacade_cli"):
        assert f"{package}/py.typed" in names
    assert "taskfacade_emulator = taskfacade_emulator.pytest_plugin" in entry_points
    assert not [name for name in names if name.startswith(("tests/", "docs/", "openapi/", "scripts/"))]


def test_base_install_imports_every_service_without_any_extra(base: Path) -> None:
    code = textwrap.dedent(
        """
        import importlib, importlib.metadata, importlib.util, sys
        import taskfacade
        for name in ("tiledb", "deadline", "geobox", "tensorbay"):
            importlib.import_module(f"taskfacade.{name}")
            importlib.import_module(f"taskfacade_generated.{name}")
        import taskfacade_emulator, taskfacade_emulator.pytest_plugin
        print(taskfacade.__version__, taskfacade_emulator.missing_modules())
        print([m for m in ("starlette", "uvicorn", "tqdm", "pandas", "pyarrow") if importlib.util.find_spec(m)])
        print(importlib.metadata.version("httpx"), importlib.metadata.version("attrs"))
        """
    )
    lines = checked([str(base / "python"), "-c", code]).stdout.splitlines()
    import taskfacade

    assert lines[:2] == [f"{taskfacade.__version__} ['starlette', 'uvicorn']", "[]"]
    lowest = {pin.split("==")[0]: pin.split("==")[1].split(";")[0] for pin in LOWEST}
    httpx_version, attrs_version = lines[2].split()
    assert Version(httpx_version) == Version(lowest["httpx"])  # the lower bounds are what got installed
    assert Version(attrs_version) == Version(lowest["attrs"])


def test_base_install_command_line_help_and_version(base: Path) -> None:
    import taskfacade

    help_text = checked([str(base / "taskfacade"), "--help"]).stdout
    assert help_text.startswith("usage: taskfacade")
    assert checked([str(base / "taskfacade"), "--version"]).stdout == f"taskfacade {taskfacade.__version__}\n"
    assert checked([str(base / "python"), "-m", "taskfacade_cli", "--version"]).stdout.startswith("taskfacade ")


@pytest.mark.parametrize("command", [["taskfacade-emulator"], ["taskfacade", "emulator", "--port", "0"]])
def test_base_install_emulator_commands_say_what_to_install(base: Path, command: list[str]) -> None:
    result = run([str(base / command[0]), *command[1:]])
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()  # one line, no traceback
    assert line.endswith("pip install 'taskfacade[emulator]'"), line


def test_a_user_projects_pytest_run_passes_with_the_plugin_present_and_the_extra_absent(
    base: Path, tmp_path: Path
) -> None:
    project = user_project(
        tmp_path / "project",
        """
        import httpx
        import pytest
        import taskfacade


        def test_a_failing_origin_is_one_server_error():  # the facade over real httpx, at its lowest version
            def origin(request):
                return httpx.Response(520, content=b"<html>origin error</html>")

            def get_thing(*, client):
                return client.get_httpx_client().request("GET", "/things/1")

            transport = taskfacade.Transport(
                service="demo", base_url="https://api.example.com", httpx_transport=httpx.MockTransport(origin)
            )
            with transport, pytest.raises(taskfacade.ServerError) as caught:
                transport.call(get_thing, retry="disabled")
            assert caught.value.status == 520
        """,
    )
    result = run([str(base / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    header = run([str(base / "python"), "-m", "pytest", "--co", "-p", "no:cacheprovider"], cwd=project).stdout
    plugins = next(line for line in header.splitlines() if line.startswith("plugins: "))
    assert "taskfacade-" in plugins, header  # the plugin was loaded, not skipped
    (project / "test_fixture.py").write_text("def test_emulator(taskfacade_emulator):\n    pass\n")
    pytest_cmd = [str(base / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    fixture = run([*pytest_cmd, "test_fixture.py"], cwd=project)
    assert fixture.returncode == 1, fixture.stdout + fixture.stderr
    assert "pip install 'taskfacade[emulator]'" in fixture.stdout
    assert "1 error" in fixture.stdout


def test_full_install_user_project_uses_the_emulator_fixture(full: Path, tmp_path: Path) -> None:
    project = user_project(
        tmp_path / "project",
        """
        import warnings

        import httpx
        import pandas
        import pyarrow
        import taskfacade
        from taskfacade.geobox import GeoboxClient


        def test_wait_with_a_progress_bar(taskfacade_emulator):
            client = GeoboxClient(host=taskfacade_emulator.base_url("geobox"), access_token="emulator-token")
            [uid] = taskfacade_emulator.create_tasks("geobox", run_s=0)
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # tqdm is installed: no warning about it
                assert str(client.get_task(uid).wait(timeout=30, interval=0.1, progress_bar=True)) == "SUCCESS"
            assert len(client.get_tasks(limit=3)) == 3 and client.get_tasks(return_count=True) > 3
            assert httpx.__version__ >= "0.29"  # the newest httpx the bounds allow
        """,
    )
    result = run([str(full / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    checked([sys.executable, "-m", "pip", "--python", str(full / "python"), "check"])


def test_full_install_command_line_and_emulator_start(full: Path) -> None:
    import taskfacade

    assert checked([str(full / "taskfacade"), "--version"]).stdout == f"taskfacade {taskfacade.__version__}\n"
    result = run([str(full / "taskfacade-emulator"), "--help"])
    assert result.returncode == 0, result.stderr
    assert "--seed-count" in result.stdout
