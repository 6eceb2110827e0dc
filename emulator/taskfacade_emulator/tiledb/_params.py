"""Parsing and validating TileDB query parameters; anything malformed raises ``BadParameter`` (answered as 400).

A parameter given twice is read from its first occurrence, as Go's ``url.Values.Get`` does. An empty value
counts as absent for free text (``search=``) but is malformed for numbers, booleans, dates and enum values.
Integers must be plain decimal digits, with one exception: the task listing's page number may carry a zero
fraction (``page=1.0``), because tiledb-client 3.x types it as a float and sends its second page that way;
``page=1.5`` is still refused.
Numbers beyond int64 are refused; callers keep derived values (offsets) out of SQL unless they fit.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence

from starlette.datastructures import QueryParams

#: Largest integer parameter accepted (the spec's int64; SQLite integers are signed 64-bit too).
INT64_MAX = 2**63 - 1
_INT = re.compile(r"^[0-9]+$")
_INTEGRAL_FLOAT = re.compile(r"^([0-9]+)\.0*$")
_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})


class BadParameterError(Exception):
    """A request parameter is missing, malformed or out of range; the message names it and what it accepts."""


def optional_str(params: QueryParams, name: str) -> str | None:
    """The first value of ``name``, or None when absent (an empty value counts as absent)."""
    value = params.get(name)
    return value if value else None


def _typed(params: QueryParams, name: str) -> str | None:
    """The first value of a typed (non-text) parameter; None when absent, while an empty value is malformed."""
    return params.get(name)


def str_list(params: QueryParams, name: str) -> list[str]:
    """Every non-empty value of a repeated-key (``multi``) parameter."""
    return [v for v in params.getlist(name) if v]


def optional_int(params: QueryParams, name: str, *, minimum: int = 0) -> int | None:
    """A decimal integer from ``minimum`` to ``INT64_MAX``, or None when absent."""
    raw = _typed(params, name)
    if raw is None:
        return None
    if not _INT.match(raw):
        raise BadParameterError(f"'{name}' must be a whole number >= {minimum}, got {raw!r}")
    value = int(raw)
    if not minimum <= value <= INT64_MAX:
        raise BadParameterError(f"'{name}' must be a whole number from {minimum} to {INT64_MAX}, got {raw!r}")
    return value


def optional_page(params: QueryParams, name: str) -> int | None:
    """Like ``optional_int`` (minimum 0), but an integral float such as ``1.0`` counts as its whole number.

    tiledb-client 3.x's generated model types the page as a float and requests ``page=1.0`` for its second
    page; the real server reads that as 1. Fractions (``1.5``), exponents and signs are still refused.
    """
    raw = _typed(params, name)
    if raw is None:
        return None
    whole = _INTEGRAL_FLOAT.match(raw)
    digits = whole.group(1) if whole else raw
    if not _INT.match(digits):
        raise BadParameterError(f"'{name}' must be a whole number >= 0 (1.0 counts as 1), got {raw!r}")
    value = int(digits)
    if value > INT64_MAX:
        raise BadParameterError(f"'{name}' must be a whole number from 0 to {INT64_MAX}, got {raw!r}")
    return value


def optional_bool(params: QueryParams, name: str) -> bool | None:
    """``true``/``false`` in any case (the vendor SDK sends ``True``/``False``), ``1``/``0``; None when absent."""
    raw = _typed(params, name)
    if raw is None:
        return None
    lowered = raw.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadParameterError(f"'{name}' must be true or false, got {raw!r}")


def optional_choice(params: QueryParams, name: str, choices: Sequence[str]) -> str | None:
    """One of ``choices`` (exact spelling), or None when absent."""
    raw = _typed(params, name)
    if raw is not None and raw not in choices:
        raise BadParameterError(f"'{name}' must be one of {', '.join(choices)}; got {raw!r}")
    return raw


def csv_choices(params: QueryParams, name: str, choices: Sequence[str]) -> list[str]:
    """A comma-separated (``csv``) list whose items are all in ``choices``; [] when absent."""
    raw = _typed(params, name)
    if raw is None:
        return []
    items = [item.strip() for item in raw.split(",")]
    bad = [item for item in items if item not in choices]
    if bad:
        raise BadParameterError(
            f"'{name}' must be a comma-separated list of {', '.join(choices)}; got {', '.join(map(repr, bad))}"
        )
    return items


def order_by(params: QueryParams, name: str, fields: Sequence[str]) -> tuple[str, str | None] | None:
    """``field`` or ``field asc|desc`` -> (field, "asc" | "desc" | None when not given); None when absent."""
    raw = _typed(params, name)
    if raw is None:
        return None
    parts = raw.split()
    direction = parts[1].lower() if len(parts) == 2 else None
    if not parts or parts[0] not in fields or len(parts) > 2 or (len(parts) == 2 and direction not in {"asc", "desc"}):
        raise BadParameterError(
            f"'{name}' must be one of {', '.join(fields)}, optionally followed by ' asc' or ' desc'; got {raw!r}"
        )
    return parts[0], direction


def task_id(raw: str) -> str:
    """A task id path segment, which must be a UUID; returned in canonical lower-case form."""
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadParameterError(f"task id must be a UUID, got {raw!r}") from None


def optional_datetime(params: QueryParams, name: str) -> float | None:
    """An ISO 8601 / RFC 3339 date-time as epoch seconds (naive means UTC); None when absent."""
    raw = _typed(params, name)
    if raw is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise BadParameterError(f"'{name}' must be an RFC 3339 date-time, got {raw!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    try:
        return parsed.timestamp()
    except (OverflowError, ValueError):
        raise BadParameterError(f"'{name}' is out of range: {raw!r}") from None
