"""Output for people (aligned tables, key/value blocks) and for scripts (JSON).

Every value shown to people goes through ``text``, which writes control and invisible characters escaped
(``_terminal.visible``), so a server's string cannot drive the terminal or fake a row; JSON stays exact.
"""

from __future__ import annotations

import datetime
import enum
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from ._terminal import escape_json, visible

__all__ = ["dumps_json", "key_values", "plain", "table", "text"]

_MAX_CELL = 48


def plain(value: Any) -> Any:
    """``value`` with datetimes, enums, UUIDs, attrs/generated models turned into JSON-ready values."""
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date | uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return plain(value.to_dict())
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def dumps_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON of ``plain(value)`` (indented unless ``indent`` is None): exact values, non-ASCII text as it is, and
    every control or invisible character as a ``\\uXXXX`` escape (``_terminal.escape_json``)."""
    return escape_json(json.dumps(plain(value), indent=indent, ensure_ascii=False))


def text(value: Any) -> str:
    """A value as people see it: ``-`` when missing, control and invisible characters escaped (``\\n``,
    ``\\x1b``, ``\\u202e``), so it stays on its line and cannot drive the terminal."""
    return "-" if value is None or value == "" else visible(str(value))


def _cell(value: Any, width: int = _MAX_CELL) -> str:
    shown = " ".join(text(value).split())
    return shown if len(shown) <= width else shown[: width - 3] + "..."  # ASCII: any terminal encoding


def table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], *, right: Sequence[str] = (), width: int = _MAX_CELL
) -> str:
    """An aligned plain-text table; columns named in ``right`` are right-aligned; cells cut at ``width``."""
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    lines = []
    for row in [list(headers), *cells]:
        parts = [
            value.rjust(width) if header in right else value.ljust(width)
            for header, value, width in zip(headers, row, widths, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def key_values(pairs: Sequence[tuple[str, Any]]) -> str:
    """``key: value`` lines with the values aligned; nested values as compact JSON."""
    width = max((len(k) for k, _ in pairs), default=0)
    lines = []
    for key, value in pairs:
        shown = dumps_json(value, indent=None) if isinstance(value, Mapping | list) else text(plain(value))
        lines.append(f"{key.ljust(width)}  {shown}")
    return "\n".join(lines)
