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

from ._terminal import COLOURS, RESET, escape_json, visible

__all__ = ["dumps_json", "key_values", "plain", "table", "text"]

_MAX_CELL = 48
#: The narrowest a column is cut to when a table must fit the terminal.
_MIN_CELL = 8


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
    return _cut(" ".join(text(value).split()), width)  # "...": ASCII, for any terminal encoding


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    right: Sequence[str] = (),
    width: int = _MAX_CELL,
    headers_shown: bool = True,
    max_width: int | None = None,
    cut: Sequence[str] | None = None,
    drop: Sequence[str] = (),
    paint: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """An aligned plain-text table.

    Args:
        headers: the column names.
        rows: the cells, one sequence per row.
        right: the columns that are right-aligned.
        width: the widest a cell may be (longer ones are cut and end in ``...``).
        headers_shown: False leaves out the header row (``--no-headers``).
        max_width: the widest a line may be (the terminal's width). The widest of the ``cut`` columns are cut
            first, down to ``_MIN_CELL`` characters each; then the ``drop`` columns are left out, in that order,
            until the table fits. Other columns (ids) are never cut: a table that cannot fit is wider.
        cut: the columns that may be cut to fit ``max_width`` (default: every column).
        drop: the columns that may be left out to fit ``max_width``, the first first.
        paint: colours for cells, per column and cell value (``{"PHASE": {"FAILED": "red"}}``; names of
            ``_terminal.COLOURS``); print such a table with ``_terminal.write_styled``.
    """
    keep = list(range(len(headers)))
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = _widths(headers, cells, headers_shown)
    if max_width is not None:
        cuttable = set(headers if cut is None else cut)
        for dropped in range(len(drop) + 1):
            keep = [i for i, h in enumerate(headers) if h not in drop[:dropped]]
            fitted = _fit([widths[i] for i in keep], [headers[i] in cuttable for i in keep], max_width)
            if sum(fitted) + 2 * (len(fitted) - 1) <= max_width:
                break
        cells = [[_cell(row[i], w) for i, w in zip(keep, fitted, strict=True)] for row in rows]
        headers = [headers[i] for i in keep]
        widths = fitted
    lines = []
    shown_rows = [[_cut(h, w) for h, w in zip(headers, widths, strict=True)]] if headers_shown else []
    colours = paint or {}
    for number, row in enumerate([*shown_rows, *cells]):
        parts = [
            value.rjust(width) if header in right else value.ljust(width)
            for header, value, width in zip(headers, row, widths, strict=True)
        ]
        for index, (header, value) in enumerate(zip(headers, row, strict=True)):
            colour = colours.get(header, {}).get(value)
            if colour is not None and not (headers_shown and number == 0):
                parts[index] = COLOURS[colour] + value + RESET + parts[index][len(value) :]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _widths(headers: Sequence[str], cells: Sequence[Sequence[str]], headers_shown: bool) -> list[int]:
    return [max([len(h) if headers_shown else 0, *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]


def _cut(shown: str, width: int) -> str:
    return shown if len(shown) <= width else shown[: width - 3] + "..."


def _fit(widths: list[int], cuttable: list[bool], max_width: int) -> list[int]:
    """Column widths whose line (two spaces between columns) fits ``max_width`` if it can, cutting the widest
    cuttable column first, none below ``_MIN_CELL``."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > max_width:
        candidates = [i for i in range(len(widths)) if cuttable[i] and widths[i] > _MIN_CELL]
        if not candidates:
            break
        widths[max(candidates, key=lambda i: widths[i])] -= 1
    return widths


def key_values(pairs: Sequence[tuple[str, Any]]) -> str:
    """``key: value`` lines with the values aligned; nested values as compact JSON."""
    width = max((len(k) for k, _ in pairs), default=0)
    lines = []
    for key, value in pairs:
        shown = dumps_json(value, indent=None) if isinstance(value, Mapping | list) else text(plain(value))
        lines.append(f"{key.ljust(width)}  {shown}")
    return "\n".join(lines)
