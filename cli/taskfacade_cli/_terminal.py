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

import os
import re
import sys
import unicodedata
from typing import Any

from ._stream import FilterStream

__all__ = [
    "CLEAR_LINE",
    "COLOURS",
    "RESET",
    "TerminalGuard",
    "colour_wanted",
    "escape_json",
    "install_guard",
    "visible",
    "write_control",
    "write_styled",
]

#: Unicode categories escaped: controls (C0, DEL, C1), format characters (bidi overrides, zero-width, tags),
#: lone surrogates, and the line and paragraph separators.
_ESCAPED = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: The only control sequence written raw: carriage return and "erase to end of line" (the live progress line).
CLEAR_LINE = "\r\x1b[K"
#: The colours tables use (SGR sequences), written raw through ``write_control`` only, and the reset after each.
COLOURS = {"green": "\x1b[32m", "red": "\x1b[31m", "yellow": "\x1b[33m", "cyan": "\x1b[36m"}
RESET = "\x1b[0m"
_ALLOWED = frozenset({CLEAR_LINE, RESET, *COLOURS.values()})
_SGR = re.compile(r"(\x1b\[[0-9;]*m)")


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
        """Write ``CLEAR_LINE``, a colour of ``COLOURS`` or ``RESET`` raw (any other sequence is refused: this is not
        a way around the guard)."""
        if sequence not in _ALLOWED:
            raise ValueError(f"not an allowed control sequence: {sequence!r}")
        self.inner.write(sequence)


def install_guard() -> None:
    """Put a ``TerminalGuard`` under ``sys.stdout`` and ``sys.stderr`` (once; wrappers added later sit on top)."""
    if not isinstance(sys.stdout, TerminalGuard):
        sys.stdout = TerminalGuard(sys.stdout)
    if not isinstance(sys.stderr, TerminalGuard):
        sys.stderr = TerminalGuard(sys.stderr)


def colour_wanted(stream: Any) -> bool:
    """Colour on a terminal only: never when ``stream`` is a pipe or file, when ``$NO_COLOR`` is set to anything
    (https://no-color.org) or when ``$TERM`` is ``dumb``."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (OSError, ValueError):
        return False


def write_styled(stream: Any, text: str) -> None:
    """Write ``text`` to ``stream``, its ``COLOURS`` and ``RESET`` sequences raw (``write_control``) and the rest
    through the guard. Only the table code puts escape sequences in ``text``: every value in it went through
    ``visible``, so an ESC from a server is already ``\\x1b`` and is never taken for one of ours."""
    for piece in _SGR.split(text):
        if piece in _ALLOWED:
            stream.flush()
            write_control(stream, piece)
        elif piece:
            stream.write(piece)


def write_control(stream: Any, sequence: str) -> None:
    """Write ``CLEAR_LINE`` (or a colour) to ``stream`` raw: through the ``TerminalGuard`` under it, found by
    following the ``inner`` of each wrapper; straight to ``stream`` when no guard is under it (a test's own stream)."""
    layer = stream
    while layer is not None:
        if isinstance(layer, TerminalGuard):
            layer.write_control(sequence)
            return
        layer = getattr(layer, "inner", None)
    stream.write(sequence)
