"""Decoding TileDB task results by format: JSON, Arrow, raw bytes, TileDB-JSON and (only when allowed) pickles.

The result endpoint names the format in its Content-Type; ``format_for_content_type`` maps it to a format name,
and ``decode`` turns the body into a Python value. pyarrow and pandas are imported only when a result needs them.
Pickled results (``python_pickle``, alias ``native``) are refused unless the caller allows them, because
unpickling data from a server runs whatever code the data names.

TileDB-JSON is JSON whose objects may be sentinels keyed by ``"__tdbudf__"``:
``{"__tdbudf__": "immediate", "format": F, "base64_data": B}`` (B decoded with format F),
``{"__tdbudf__": "raw_json", "raw_json": V}`` (V as is) and ``{"__tdbudf__": "__escape__", "__escape__": D}`` (the
object D, whose own keys may include ``"__tdbudf__"``).
"""

from __future__ import annotations

import base64
import binascii
import importlib
import json
import pickle
from collections.abc import Callable
from typing import Any

from .._errors import ResponseDecodeError

__all__ = [
    "CODEC_FORMATS",
    "PICKLE_FORMATS",
    "DecodeFailure",
    "UnpicklingRefused",
    "decode",
    "format_for_content_type",
    "require",
]

SENTINEL = "__tdbudf__"
PICKLE_FORMATS = frozenset({"python_pickle", "native"})
_BY_MIME = {
    "application/vnd.apache.arrow.stream": "arrow",
    "application/octet-stream": "bytes",
    "application/json": "json",
    "application/vnd.tiledb.python-pickle": "python_pickle",
    "application/vnd.tiledb.udf-data+json": "tiledb_json",
    "application/vnd.tiledb.arrow-dataframe": "arrow_dataframe",
}


class DecodeFailure(ResponseDecodeError):
    """A result body that its format's codec cannot decode."""


class UnpicklingRefused(Exception):
    """Internal signal: a pickle was met while ``allow_pickle`` is False."""


def format_for_content_type(content_type: str | None) -> str | None:
    """The format named by a Content-Type (parameters after ``;`` ignored, any case), or None if unknown."""
    if not content_type:
        return None
    return _BY_MIME.get(content_type.split(";", 1)[0].strip().lower())


def require(module: str, extra: str, why: str) -> Any:
    """Import an optional dependency, or raise ``ImportError`` saying which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"{why} needs {module}: pip install 'taskfacade[{extra}]'") from None


def _json(body: bytes, allow_pickle: bool) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:  # RecursionError: nesting deeper than the parser's stack
        raise DecodeFailure(f"the JSON result is malformed: {exc}") from exc


def _bytes(body: bytes, allow_pickle: bool) -> Any:
    return body


def _arrow(body: bytes, allow_pickle: bool) -> Any:
    pa = require("pyarrow", "arrow", "an Arrow result")
    if not body:
        return pa.table({})
    try:
        return pa.ipc.open_stream(pa.py_buffer(body)).read_all()
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DecodeFailure(f"the Arrow result is malformed: {exc}") from exc


def _arrow_dataframe(body: bytes, allow_pickle: bool) -> Any:
    require("pandas", "pandas", "an Arrow DataFrame result")
    return _arrow(body, allow_pickle).to_pandas()


def _pickle(body: bytes, allow_pickle: bool) -> Any:
    if not allow_pickle:
        raise UnpicklingRefused
    try:
        return pickle.loads(body)  # noqa: S301 - only with allow_pickle=True, the caller's explicit opt-in
    except Exception as exc:
        raise DecodeFailure(f"the pickled result cannot be loaded: {type(exc).__name__}: {exc}") from exc


def _tiledb_json(body: bytes, allow_pickle: bool) -> Any:
    return _sentinels(_json(body, allow_pickle), allow_pickle, depth=0)


def _sentinels(value: Any, allow_pickle: bool, depth: int) -> Any:
    if depth > 200:
        raise DecodeFailure("the TileDB-JSON result is nested too deeply")
    if isinstance(value, list):
        return [_sentinels(item, allow_pickle, depth + 1) for item in value]
    if not isinstance(value, dict):
        return value
    kind = value.get(SENTINEL)
    if kind is None:
        return {key: _sentinels(item, allow_pickle, depth + 1) for key, item in value.items()}
    if kind == "immediate":
        return _immediate(value, allow_pickle)
    if kind == "raw_json" and "raw_json" in value:
        return value["raw_json"]
    if kind == "__escape__" and isinstance(value.get("__escape__"), dict):
        return {key: _sentinels(item, allow_pickle, depth + 1) for key, item in value["__escape__"].items()}
    raise DecodeFailure(f"unknown TileDB-JSON sentinel {kind!r}")


def _immediate(value: dict[str, Any], allow_pickle: bool) -> Any:
    fmt, data = value.get("format"), value.get("base64_data")
    if not isinstance(fmt, str) or fmt not in CODEC_FORMATS or not isinstance(data, str):
        raise DecodeFailure(f"bad TileDB-JSON 'immediate' sentinel (format {fmt!r})")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DecodeFailure(f"bad base64 in a TileDB-JSON sentinel: {exc}") from exc
    return decode(fmt, raw, allow_pickle=allow_pickle)


_CODECS: dict[str, Callable[[bytes, bool], Any]] = {
    "json": _json,
    "bytes": _bytes,
    "arrow": _arrow,
    "arrow_dataframe": _arrow_dataframe,
    "python_pickle": _pickle,
    "native": _pickle,
    "tiledb_json": _tiledb_json,
}
#: Formats ``decode`` understands (``r_serialization`` has no Python codec).
CODEC_FORMATS = frozenset(_CODECS)


def decode(fmt: str, body: bytes, *, allow_pickle: bool) -> Any:
    """Decode ``body`` as format ``fmt``.

    Raises:
        DecodeFailure: the body does not decode as that format.
        UnpicklingRefused: a pickle (also one nested in TileDB-JSON) while ``allow_pickle`` is False.
        ImportError: the format needs pyarrow or pandas and it is not installed.
    """
    return _CODECS[fmt](body, allow_pickle)
