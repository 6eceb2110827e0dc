"""Every ``python`` code block of docs/geobox.md runs, in order, in one namespace, against the emulator."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "geobox.md"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def test_docs_code_blocks_run(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 9
    namespace: dict[str, Any] = {"__name__": "docs_geobox"}
    try:
        for index, block in enumerate(blocks):
            exec(compile(block, f"{DOC.name}[block {index}]", "exec"), namespace)  # noqa: S102 - our own docs
    finally:
        emulator = namespace.get("emu")
        if emulator is not None:
            emulator.stop()
    printed = capsys.readouterr().out
    for expected in (
        "True UTC\nTrue\n",
        "PROGRESS RUNNING\n10\n",
        "ABORTED True",
        "5 True",
        "invalid state='DONE': expected None or a TaskStatus: PENDING, PROGRESS, SUCCESS, FAILURE, ABORTED",
        "SUCCESS SUCCEEDED",
        "VectorLayer True",
        "FAILURE",
        "True True None",
        "1 RUNNING",
        "['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']",
        "401 False",
        "404 Task not found",
        "None SUCCESS",
        "UNKNOWN REVOKED UNKNOWN",
        "PROGRESS RUNNING\nABORTED True\n['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']\nTrue\n",
    ):
        assert expected in printed, expected
    assert "emulator-token" not in printed
