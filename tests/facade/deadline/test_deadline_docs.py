"""Every ``python`` code block of docs/deadline.md runs, in order, in one namespace (against the emulator)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "deadline.md"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def test_docs_code_blocks_run(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 9
    namespace: dict[str, Any] = {"__name__": "docs_deadline"}
    try:
        for index, block in enumerate(blocks):
            code = compile(block, f"{DOC.name}[block {index}]", "exec")
            exec(code, namespace)  # noqa: S102 - our own documentation
    finally:
        emulator = namespace.get("emu")
        if emulator is not None:
            emulator.stop()
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    assert "UTC" in lines
    assert "https://management.deadline.eu-west-1.amazonaws.com" in lines
    assert "invalid profile_name='no-such-profile'" in printed
    assert "READY PENDING" in lines
    assert "CANCELED" in lines
    assert "{'SUCCEEDED'}" in lines
    assert any(line.startswith("Waiter JobSucceeded failed: Waiter encountered a terminal failure") for line in lines)
    assert "ENDED awslogs" in lines
    assert "1 True" in lines  # the failing task's last attempt: exit code 1, and it ran that task
    assert "ResourceNotFoundException task" in lines
    assert "True GetTask" in lines
    assert "invalid maxResults=500: expected an integer 1..100" in printed
    assert lines[-2:] == ["2", "True"]
    assert "emulator-secret" not in printed
