"""Showing a task's result: tables for tabular data (a DataFrame when pandas is installed), JSON otherwise, raw
bytes as they are."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from ._render import dumps_json, table

__all__ = ["render_result", "result_text", "to_records"]

_MAX_ROWS = 50


def _is_frame(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_dict")


def _is_arrow(value: Any) -> bool:
    return hasattr(value, "to_pylist") and hasattr(value, "schema")


def to_records(value: Any) -> Any:
    """JSON-ready data: a DataFrame or Arrow table as a list of records, anything else as it is."""
    if _is_frame(value):
        return value.to_dict(orient="records")
    if _is_arrow(value):
        return value.to_pylist()
    return value


def _records_table(records: Sequence[Mapping[str, Any]]) -> str:
    headers = list(dict.fromkeys(key for record in records for key in record))
    return table(headers, [[record.get(h) for h in headers] for record in records[:_MAX_ROWS]])


def result_text(value: Any) -> str:
    """The result for people: a DataFrame's own table, an aligned table for records or columns, else JSON."""
    if _is_arrow(value) and importlib.util.find_spec("pandas") is not None:
        value = value.to_pandas()
    if _is_frame(value):
        return str(value.to_string(max_rows=_MAX_ROWS))
    value = to_records(value)
    if isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        more = f"\n... {len(value) - _MAX_ROWS} more rows (--json for all)" if len(value) > _MAX_ROWS else ""
        return _records_table(value) + more
    if isinstance(value, Mapping) and value and all(isinstance(v, list) for v in value.values()):
        columns = list(value)
        rows = [dict(zip(columns, cells, strict=False)) for cells in zip(*value.values(), strict=False)]
        return _records_table(rows)
    return dumps_json(value)


def render_result(value: Any, *, as_json: bool, output: str | None) -> None:
    """Write the result to ``output`` (a file) or stdout: bytes raw, else JSON (``--json``) or ``result_text``."""
    if isinstance(value, bytes | bytearray):
        if output:
            with open(output, "wb") as handle:
                handle.write(value)
            return
        sys.stdout.flush()
        sys.stdout.buffer.write(bytes(value))
        sys.stdout.buffer.flush()
        return
    text = (dumps_json(to_records(value)) if as_json else result_text(value)) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    sys.stdout.write(text)
