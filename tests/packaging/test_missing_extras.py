"""Without an optional extra, whatever needs it says what to install, once, and nothing else breaks.

Each case runs in a fresh interpreter of the development environment in which the extra's modules are made
unimportable (``sys.modules[name] = None``: import fails and ``importlib.util.find_spec`` says "not installed"),
which is what an environment without the extra looks like to the code. The wheel tests (test_wheel.py) check the
same things in a real environment that lacks the extras.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from taskfacade_emulator import Emulator

EMULATOR_EXTRA = ("starlette", "uvicorn")
HINT = "pip install 'taskfacade[emulator]'"


def blocker(folder: Path, modules: tuple[str, ...]) -> Path:
    """A module that, loaded first (``-p`` or ``import``), hides ``modules`` as if they were not installed."""
    (folder / "hide_extras.py").write_text(
        f"import sys\nfor name in {modules!r}:\n    sys.modules[name] = None  # type: ignore[assignment]\n"
    )
    return folder


def run(args: list[str], cwd: Path, path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path)}
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_a_user_projects_pytest_run_loads_the_plugin_without_the_emulator_extra(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_user.py").write_text(
        textwrap.dedent(
            """
            def test_plain():
                assert 1 + 1 == 2

            def test_uses_the_fixture(taskfacade_emulator):
                pass
            """
        )
    )
    blocker(tmp_path, EMULATOR_EXTRA)
    result = run([sys.executable, "-m", "pytest", "-p", "hide_extras", "-q"], project, tmp_path)
    output = result.stdout + result.stderr
    assert "Error while loading plugin" not in output, output
    assert result.returncode == 1, output  # tests ran: no plugin or collection error (those exit 3 or 4)
    assert "1 passed, 1 error" in output, output  # the fixture's setup fails, the plain test passes
    assert HINT in output, output
    assert "Traceback" not in output, output
    assert "starlette" in output.split(HINT, 1)[1], output  # names what is missing


def test_the_emulator_console_script_says_what_to_install_and_exits_2(tmp_path: Path) -> None:
    blocker(tmp_path, EMULATOR_EXTRA)
    code = "import hide_extras, sys; from taskfacade_emulator.__main__ import main; sys.exit(main(['--port', '0']))"
    result = run([sys.executable, "-c", code], tmp_path, tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "taskfacade-emulator: the taskfacade emulator needs the 'emulator' extra: pip install 'taskfacade[emulator]'"
    ]


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(speed=0) as emulator:
        yield emulator


@pytest.mark.parametrize(
    ("hidden", "result_format", "flags", "hint"),
    [
        (("pandas",), "json", ["--dataframe"], "pip install 'taskfacade[pandas]'"),
        (("pyarrow",), "arrow", [], "pip install 'taskfacade[arrow]'"),
    ],
    ids=["dataframe-without-pandas", "arrow-without-pyarrow"],
)
def test_the_command_line_exits_2_naming_the_extra_when_pandas_or_pyarrow_is_missing(
    tmp_path: Path, emu: Emulator, hidden: tuple[str, ...], result_format: str, flags: list[str], hint: str
) -> None:
    (task,) = emu.create_tasks("tiledb", type="SQL", result_format=result_format, run_s=0)
    blocker(tmp_path, hidden)
    argv = ["--emulator", emu.url, "tasks", "results", "tiledb", task, *flags]
    code = f"import hide_extras, sys; from taskfacade_cli import main; sys.exit(main({argv!r}))"
    result = run([sys.executable, "-c", code], tmp_path, tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("taskfacade: usage error: "), line
    assert line.endswith(hint), line
    assert "fetch_results" not in line  # says what to install, not which Python function needed it


def test_progress_bar_without_tqdm_warns_once_per_process_and_still_waits(tmp_path: Path, emu: Emulator) -> None:
    ids = emu.create_tasks("geobox", count=3, run_s=0)
    blocker(tmp_path, ("tqdm",))
    code = textwrap.dedent(
        f"""
        import hide_extras, taskfacade
        from taskfacade.geobox import GeoboxClient

        client = GeoboxClient(host={emu.base_url("geobox")!r}, access_token="emulator-token")
        jobs = [client.get_task(uid) for uid in {ids!r}]
        print([str(job.wait(timeout=30, interval=0.1, progress_bar=True)) for job in jobs])
        print([str(status) for status in taskfacade.wait_all(jobs, timeout=30, progress_bar=True)])
        """
    )
    result = run([sys.executable, "-c", code], tmp_path, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(["SUCCESS"] * 3)] * 2
    assert result.stderr.count("UserWarning: progress_bar=True shows no progress bar: tqdm is not installed") == 1
    assert result.stderr.count("pip install 'taskfacade[progress]'") == 1
