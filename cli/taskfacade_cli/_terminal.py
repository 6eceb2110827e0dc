"""Keeping server text from driving the terminal: control and invisible characters shown escaped, never raw.

A task name, status, id or error message comes from a server. Printed raw, an ESC could set the clipboard
(OSC 52), clear the screen or recolour it, a CR or newline could fake a row, and a bidi override (U+202E) or a
zero-width character could make one string look like another. People's output shows each such character the way
Python's ``repr`` does (``\\x1b``, ``\\n``, ``\\u202e``); ``--json`` keeps every value exact (JSON escapes them).

Two layers, both here: ``visible`` for each value placed in a table, a ``key: value`` block or a progress line (so
a newline cannot fake a row), and ``TerminalGuard``, the stream every byte of stdout and stderr goes through (so
nothing is missed: error lines, argparse messages, tracebacks, DataFrames). The guard lets plain newlines through,
and the live progress line's own "back to the start and clear the line" through ``write_control`` only.
"""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

from ._stream import FilterStream

__all__ = ["CLEAR_LINE", "TerminalGuard", "escape_json", "install_guard", "visible", "write_control"]

#: Unicode categories escaped: controls (C0, DEL, C1), format characters (bidi overrides, zero-width, tags),
#: lone surrogates, and the line and paragraph separators.
_ESCAPED = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: The only control sequence written raw: carriage return and "erase to end of line" (the live progress line).
CLEAR_LINE = "\r\x1b[K"


def _hidden(char: str) -> bool:
    return not char.isprintable() and unicodedata.category(char) in _ESCAPED


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control, format and separator character written as ``repr`` writes it.

    Args:
        text: any text, usually from a server.
        keep: characters left as they are (the guard keeps ``"\\n"``).
    """
    if text.isprintable():
        return text
    return "".join(repr(c)[1:-1] if c not in keep and _hidden(c) else c for c in text)


def escape_json(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters ``visible`` escapes written as
    ``\\uXXXX`` escapes: the same JSON value, nothing a terminal acts on.

    ``json.dumps`` escapes C0 controls but leaves DEL, C1 controls, bidi overrides and the like raw; outside a
    string JSON holds only printable ASCII and whitespace, so every such character is inside a string, where
    ``\\uXXXX`` is exact.
    """
    if text.isascii() and "\x7f" not in text:
        return text
    out: list[str] = []
    for char in text:
        if ord(char) >= 0x7F and _hidden(char):
            units = char.encode("utf-16-be", "surrogatepass")
            out.extend(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
        else:
            out.append(char)
    return "".join(out)


class TerminalGuard(FilterStream):
    """A text stream that writes every control and invisible character escaped (newlines and tabs kept) to
    ``inner``. Tabs separate ``-o text`` fields; every value from a server has its own tabs escaped already."""

    def transform(self, text: str) -> str:
        return "\n".join(visible(line, keep="\t") for line in text.split("\n"))

    def write_control(self, sequence: str) -> None:
        """Write ``CLEAR_LINE`` raw (any other sequence is refused: this is not a way around the guard)."""
        if sequence != CLEAR_LINE:
            raise ValueError(f"not an allowed control sequence: {sequence!r}")
        self.inner.write(sequence)


def install_guard() -> None:
    """Put a ``TerminalGuard`` under ``sys.stdout`` and ``sys.stderr`` (once; wrappers added later sit on top)."""
    if not isinstance(sys.stdout, TerminalGuard):
        sys.stdout = TerminalGuard(sys.stdout)
    if not isinstance(sys.stderr, TerminalGuard):
        sys.stderr = TerminalGuard(sys.stderr)


def write_control(stream: Any, sequence: str) -> None:
    """Write ``CLEAR_LINE`` to ``stream`` raw: through the ``TerminalGuard`` under it, found by following the
    ``inner`` of each wrapper; straight to ``stream`` when no guard is under it (a test's own stream)."""
    layer = stream
    while layer is not None:
        if isinstance(layer, TerminalGuard):
            layer.write_control(sequence)
            return
        layer = getattr(layer, "inner", None)
    stream.write(sequence)
