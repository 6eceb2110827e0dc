"""Every ``python`` code block of docs/tensorbay.md runs, in order, in one namespace (against the emulator)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "tensorbay.md"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def test_docs_code_blocks_run(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 10
    namespace: dict[str, Any] = {"__name__": "docs_tensorbay"}
    try:
        for index, block in enumerate(blocks):
            code = compile(block, f"{DOC.name}[block {index}]", "exec")
            exec(code, namespace)  # noqa: S102 - our own documentation
    finally:
        emulator = namespace.get("emu")
        if emulator is not None:
            emulator.stop()
    printed = capsys.readouterr().out
    assert "QUEUING PENDING" in printed
    assert "['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']" in printed
    assert "404 ResourceNotExist" in printed
    assert "int True\nUTC True\n" in printed
    assert "SUCCESS int True\n" in printed  # the async section
    assert "async 404 ResourceNotExist" in printed
    assert "['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']\n" in printed
    assert "ACCESSKEY-emulator" not in printed
