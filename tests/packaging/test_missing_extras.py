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
from pathlib import Path

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
    result = run([sys.executable, "-m", "pytest", "-p", "hide_extras", "-q", "-p", "no:cacheprovider"], project, tmp_path)
    output = result.stdout + result.stderr
    assert "Error while loading plugin" not in output, output
    assert result.returncode == 1, output  # tests ran: no plugin or collection error (those exit 3 or 4)
    assert "1 passed, 1 error" in output, output  # the fixture's setup fails, the plain test passes
    assert HINT in output, output
    assert "Traceback" not in output and "starlette" in output.split(HINT, 1)[1], output  # names what is missing


def test_the_emulator_console_script_says_what_to_install_and_exits_2(tmp_path: Path) -> None:
    blocker(tmp_path, EMULATOR_EXTRA)
    code = "import hide_extras, sys; from taskfacade_emulator.__main__ import main; sys.exit(main(['--port', '0']))"
    result = run([sys.executable, "-c", code], tmp_path, tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "taskfacade-emulator: the taskfacade emulator needs the 'emulator' extra: pip install 'taskfacade[emulator]'"
    ]
