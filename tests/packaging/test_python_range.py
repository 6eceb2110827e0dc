"""The supported Python range is declared once (``requires-python``) and ``make`` refuses an interpreter outside it.

``make`` creates ``.venv`` with ``$(PYTHON)`` (default ``python3``), after ``scripts/check_python.py`` compared that
interpreter with ``requires-python``: a too-old ``python3`` stops with one line instead of an install that fails
half-way. The classifiers name the versions from that minimum on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check_python.py"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def check(pyproject: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), str(pyproject)], capture_output=True, text=True, timeout=60, check=False
    )


def test_this_interpreter_is_in_the_declared_range() -> None:
    result = check(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_an_interpreter_below_the_range_is_refused_in_one_line(tmp_path: Path) -> None:
    newer = f"{sys.version_info.major}.{sys.version_info.minor + 1}"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(re.sub(r'(?m)^requires-python = ".*"$', f'requires-python = ">={newer}"', text))
    result = check(pyproject)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"taskfacade needs Python {newer} or newer; {sys.executable} is "), line


def test_make_checks_the_interpreter_before_it_creates_the_virtual_environment(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    outer_make = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON", "VENV")  # `make test` runs this test: start afresh
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", f"VENV={venv}", f"{venv}/bin/python"],
        env={k: v for k, v in os.environ.items() if k not in outer_make},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    assert dry_run[0] == "python3 scripts/check_python.py", dry_run
    assert dry_run[1] == f"python3 -m venv {venv}", dry_run


def test_classifiers_start_at_the_declared_minimum() -> None:
    minimum = re.fullmatch(r">=(\d+\.\d+)", PROJECT["requires-python"])
    assert minimum is not None, PROJECT["requires-python"]
    declared = [c.rsplit(" ", 1)[1] for c in PROJECT["classifiers"] if re.search(r":: 3\.\d+$", c)]
    versions = sorted(tuple(map(int, version.split("."))) for version in declared)
    assert versions[0] == tuple(map(int, minimum[1].split(".")))
