"""docs/adding-a-service.md (its dedicated docs test, see tests/docs/test_docs_blocks.py ``DEDICATED``).

Its ``python`` blocks run, in order, in one namespace, with the plug-in registered (the autouse fixture of
conftest.py), and must print what their comments say. Its excerpts of the plug-in's files are ``text`` blocks
(they are not complete modules, so they can neither run nor pass ``mypy --strict`` as the docs' examples must)
starting with ``# <path> (excerpt)``: their lines must appear in that file in the same order (a ``# ...`` line
stands for lines left out), so the page cannot drift from the plug-in it describes.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from taskfacade_emulator import Emulator

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "adding-a-service.md"
#: A python fence at column 0, as tests/docs/test_docs_blocks.py counts them.
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)
#: An excerpt: a text fence whose first line names the file.
EXCERPT = re.compile(r"^```text\n# (?P<path>\S+) \(excerpt\)\n(?P<lines>.*?)^```$", re.DOTALL | re.MULTILINE)
EXPECTED_OUTPUT = ("SUCCEEDED SUCCESS ['SUCCEEDED', 'SUCCEEDED']\n", '"SUCCEEDED"\n0\n')


def _blocks() -> list[str]:
    assert DOC.name == "adding-a-service.md"
    return list(BLOCK.findall(DOC.read_text(encoding="utf-8")))


def _excerpts() -> list[tuple[str, str]]:
    return [(m["path"], m["lines"]) for m in EXCERPT.finditer(DOC.read_text(encoding="utf-8"))]


def _in_order(excerpt: list[str], source: list[str]) -> list[str]:
    """The excerpt's lines not found in ``source`` after the previous one (empty when all are, in order)."""
    missing, position = [], 0
    for line in excerpt:
        if line.strip() == "# ...":
            continue
        try:
            position = source.index(line, position) + 1
        except ValueError:
            missing.append(line)
    return missing


@pytest.mark.parametrize(("path", "lines"), _excerpts(), ids=[path for path, _ in _excerpts()])
def test_excerpts_are_in_the_files_they_name(path: str, lines: str) -> None:
    source = (ROOT / path).read_text(encoding="utf-8").splitlines()
    assert _in_order(lines.splitlines(), source) == []


def test_the_page_has_excerpts_and_examples() -> None:
    assert len(_excerpts()) >= 7
    assert len(_blocks()) >= 1


def test_examples_run(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # restored afterwards: taskfacade_cli.main may wrap them
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    namespace: dict[str, Any] = {"__name__": "docs_adding_a_service"}
    try:
        for block in _blocks():
            exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102 - our own documentation
    finally:
        for value in list(namespace.values()):
            if isinstance(value, Emulator):
                with contextlib.suppress(Exception):
                    value.stop()
    out = capfd.readouterr().out
    for expected in EXPECTED_OUTPUT:
        assert expected in out
    assert "emulator-token" not in out
