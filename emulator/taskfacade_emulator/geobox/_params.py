"""Query-parameter parsing with FastAPI's rules and its 422 body: every bad parameter is reported at once.

Geobox is a FastAPI service, so booleans accept ``true/false/1/0/yes/no/on/off`` in any case (the SDK sends
``True``/``False``), integers are decimal, and enum parameters must be one of their values.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from ._errors import ApiError, FieldError

TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE_WORDS = frozenset({"0", "false", "f", "no", "n", "off"})
INT_RE = re.compile(r"^\s*[+-]?\d{1,19}\s*$")
INT32_MAX = 2_147_483_647


class QueryReader:
    """Reads typed values from a query string, collecting a ``FieldError`` for each bad one."""

    def __init__(self, params: Mapping[str, str]) -> None:
        self._params = params
        self.errors: list[FieldError] = []

    def text(self, name: str) -> str | None:
        """The raw value, or None when absent or blank (the SDK drops blank values too)."""
        value = self._params.get(name)
        return value if value else None

    def boolean(self, name: str, default: bool) -> bool:
        raw = self._params.get(name)
        if raw is None:
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        self._fail(name, f"{name} must be a boolean (true or false, any case), got {raw!r}", "bool_parsing", raw)
        return default

    def integer(self, name: str, default: int | None, minimum: int, maximum: int = INT32_MAX) -> int | None:
        raw = self._params.get(name)
        if raw is None:
            return default
        if not INT_RE.match(raw):
            self._fail(name, f"{name} must be an integer from {minimum} to {maximum}, got {raw!r}", "int_parsing", raw)
            return default
        value = int(raw)
        if not minimum <= value <= maximum:
            self._fail(name, f"{name} must be an integer from {minimum} to {maximum}, got {value}", "int_range", raw)
            return default
        return value

    def choice(self, name: str, allowed: Collection[str]) -> str | None:
        raw = self._params.get(name)
        if raw is None or raw in allowed:
            return raw
        self._fail(name, f"{name} must be one of {sorted(allowed)}, got {raw!r}", "enum", raw)
        return None

    def check(self) -> None:
        """Raise the 422 if any parameter was bad."""
        if self.errors:
            raise ApiError(422, self.errors)

    def _fail(self, name: str, msg: str, kind: str, raw: str) -> None:
        self.errors.append(FieldError(("query", name), msg, kind, raw))
