"""docs/adding-a-service.md (its dedicated docs test, see tests/docs/test_docs_blocks.py ``DEDICATED``).

The page's python blocks are of two kinds. An excerpt starts with ``# <path> (excerpt)``: its lines must appear in
that file in the same order (a ``# ...`` line stands for lines left out), so the page cannot drift from the
plug-in it describes. Every other block runs, in order, in one namespace, with the plug-in registered (the
autouse fixture of conftest.py), and must print what its comments say.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import pytest
from taskfacade_emulator import Emulator

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "adding-a-service.md"
#: A python fence at column 0, as tests/docs/test_docs_blocks.py counts them.
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)
EXCERPT = re.compile(r"^# (?P<path>\S+) \(excerpt\)\n")
EXPECTED_OUTPUT = ("['SUCCEEDED', 'SUCCESS']", "['SUCCEEDED', 'SUCCEEDED']")


def _blocks() -> list[str]:
    assert DOC.name == "adding-a-service.md"
    return list(BLOCK.findall(DOC.read_text(encoding="utf-8")))


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


@pytest.mark.parametrize("block", [b for b in _blocks() if EXCERPT.match(b)], ids=lambda b: EXCERPT.match(b)["path"])  # type: ignore[index]
def test_excerpts_are_in_the_files_they_name(block: str) -> None:
    match = EXCERPT.match(block)
    assert match is not None
    source = (ROOT / match["path"]).read_text(encoding="utf-8").splitlines()
    assert _in_order(block[match.end() :].splitlines(), source) == []


def test_examples_run(capfd: pytest.CaptureFixture[str]) -> None:
    runnable = [block for block in _blocks() if not EXCERPT.match(block)]
    assert runnable
    namespace: dict[str, Any] = {"__name__": "docs_adding_a_service"}
    try:
        for block in runnable:
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
