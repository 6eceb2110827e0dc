"""Deterministic result bodies for finished tasks, one per result format, with the Content-Type TileDB serves.

The bodies are small and derived from the task id alone, so a result fetched twice (or after a restart) is the
same bytes. Formats: ``json`` (rows of a table), ``arrow`` (the same rows as an Arrow IPC stream; only when
pyarrow is importable), ``bytes`` (raw octets), ``tiledb_json`` (JSON with ``__tdbudf__`` sentinels of the three
kinds a client must decode) and ``python_pickle``/``native`` (a pickled dict; clients must not unpickle it
unless they opt in).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import pickle
from typing import Any

from ._wire import RESULT_CONTENT_TYPES

#: Formats the emulator can produce (``r_serialization`` has no codec in the vendor SDK either).
PRODUCIBLE_FORMATS = ("json", "arrow", "bytes", "tiledb_json", "python_pickle", "native")


def result_rows(task_id: str) -> list[dict[str, Any]]:
    """The table every format encodes: three rows derived from the task id."""
    digest = hashlib.sha256(task_id.encode()).digest()
    return [{"x": i, "y": digest[i] / 255.0, "label": f"row-{digest[i + 3] % 100}"} for i in range(3)]


def result_body(task_id: str, result_format: str) -> tuple[str, bytes]:
    """(Content-Type, body) of the result of ``task_id`` in ``result_format``; ValueError if it cannot be made."""
    if result_format not in PRODUCIBLE_FORMATS:
        raise ValueError(f"result format {result_format!r} cannot be produced; use one of {PRODUCIBLE_FORMATS}")
    rows = result_rows(task_id)
    content_type = RESULT_CONTENT_TYPES[result_format]
    if result_format == "json":
        return content_type, json.dumps(rows).encode()
    if result_format == "arrow":
        return content_type, _arrow_stream(rows)
    if result_format == "bytes":
        return content_type, hashlib.sha256(task_id.encode()).digest()
    if result_format == "tiledb_json":
        return content_type, json.dumps(_tiledb_json(rows)).encode()
    return content_type, pickle.dumps({"task_id": task_id, "rows": rows}, protocol=4)


def _tiledb_json(rows: list[dict[str, Any]]) -> dict[str, Any]:
    encoded = base64.b64encode(json.dumps([r["x"] for r in rows]).encode()).decode()
    return {
        "rows": {"__tdbudf__": "raw_json", "raw_json": rows},
        "xs": {"__tdbudf__": "immediate", "format": "json", "base64_data": encoded},
        "meta": {"__tdbudf__": "__escape__", "__escape__": {"__tdbudf__": "not a sentinel", "count": len(rows)}},
    }


def _arrow_stream(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa  # Optional: callers only ask for Arrow when pyarrow is importable.

    table = pa.Table.from_pylist(rows)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
