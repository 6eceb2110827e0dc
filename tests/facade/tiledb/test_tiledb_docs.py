"""Every ``python`` code block of docs/tiledb.md runs, in order, in one namespace, against a real emulator."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "tiledb.md"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def test_the_page_has_code_blocks_and_only_python_or_text_ones() -> None:
    text = DOC.read_text()
    assert len(BLOCK.findall(text)) >= 8
    fences = re.findall(r"^```(\w*)$", text, re.MULTILINE)
    assert set(fences) <= {"python", "text", ""}


def test_every_python_block_runs(capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, Any] = {"__name__": "tiledb_docs"}
    try:
        for number, block in enumerate(BLOCK.findall(DOC.read_text()), start=1):
            code = compile(block, f"{DOC.name}, python block {number}", "exec")
            exec(code, namespace)  # noqa: S102 - the documentation's own examples
    finally:
        emulator = namespace.get("emu")
        if emulator is not None:
            with contextlib.suppress(Exception):
                emulator.stop()
    out = capsys.readouterr().out
    assert "emulator" in out
    assert "COMPLETED" in out
    assert "404 NotFound" in out
    assert "emulator-token" not in out  # the client's repr hides the token
