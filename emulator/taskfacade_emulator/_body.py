"""Reading a request body as JSON, the same way on every JSON route (the admin API and the four services).

A hostile body must never become a 500: ``json.loads`` recurses once per nesting level (a body of 100,000 ``[``
raises ``RecursionError``), accepts ``NaN`` and ``Infinity``, turns ``1e999`` into infinity and keeps lone
surrogates that SQLite cannot store. ``read_body`` bounds the size before anything is parsed, and
``parse_json`` refuses too-deep nesting with a linear scan before ``json.loads`` runs, so the parser never
recurses deeper than ``MAX_DEPTH``. Every refusal is a ``BodyError``; each service renders it in its own error
format (``ServiceRouter`` does so for any route that lets it escape), the admin API as ``{"error": ...}``.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

from starlette.requests import Request

#: Largest request body accepted, in bytes (larger ones are refused with 413 before they are read in full).
MAX_BODY_BYTES = 1 << 20
#: Deepest nesting of arrays and objects accepted (``{}`` is one level; the deepest real body needs four).
MAX_DEPTH = 64

_ESCAPE = re.compile(r"\\.", re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class BodyError(Exception):
    """A request body the emulator refuses: ``status`` (400 or 413) and a message naming the problem."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The whole body, refusing (413) one larger than ``limit`` bytes without reading past the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyError(413, f"the request body is {int(declared)} bytes; at most {limit} are accepted")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyError(413, f"the request body is larger than {limit} bytes, the most accepted")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(raw: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """Strict JSON from UTF-8 ``raw``: finite numbers, no lone surrogates, at most ``max_depth`` levels deep.

    Raises:
        BodyError: 400 with a whole sentence naming what is wrong, which each service sends as its error message.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError(400, "the request body is not valid JSON: it is not UTF-8") from None
    opening = text.count("[") + text.count("{")  # fast path: a body with few brackets cannot nest too deep
    depth = nesting_depth(text) if opening > max_depth else 0
    if depth > max_depth:
        raise BodyError(400, f"the request body is not accepted: JSON nested {depth} levels deep (at most {max_depth})")
    try:
        value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except RecursionError:  # unreachable within MAX_DEPTH; kept so no parser recursion can ever become a 500
        raise BodyError(400, "the request body is not accepted: JSON nested too deep") from None
    except ValueError as exc:
        raise BodyError(400, f"the request body is not valid JSON: {exc}") from None
    if _LONE_SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise BodyError(400, "the request body is not accepted: JSON strings must be UTF-8 (a lone surrogate is not)")
    return value


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in JSON ``text``, in linear time and without recursion.

    Escapes are dropped first (so ``\\"`` cannot end a string), then every other run between quotes is a string
    and skipped; what is left is brackets. Invalid JSON may be over-counted, which only refuses it earlier.
    """
    outside_strings = "".join(_ESCAPE.sub("", text).split('"')[::2])
    brackets = _NOT_BRACKET.sub("", outside_strings)
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is out of range (numbers must be finite)")
    return value


def _has_lone_surrogate(value: Any) -> bool:
    """Whether any string in ``value`` (keys included) holds a surrogate code point (not encodable as UTF-8)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
