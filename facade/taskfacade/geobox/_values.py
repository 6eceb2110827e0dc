"""Reading values out of Geobox bodies: timestamps as aware UTC datetimes, and typed fields that may be absent.

Geobox writes timestamps in UTC *without* an offset (``2024-01-01T00:00:00.123456``); the SDK turns them into naive
datetimes and leaves anything with an offset or a fractional ``Z`` as a string (reference defect 10). Here every
ISO 8601 form is accepted and the result is always timezone-aware UTC (no offset means UTC).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from taskfacade._errors import ResponseDecodeError

T = TypeVar("T")

__all__ = ["data_value", "optional", "parse_timestamp"]


def parse_timestamp(value: object) -> datetime.datetime | None:
    """An ISO 8601 string as an aware UTC datetime (no offset = UTC); None for None or text that is not ISO 8601.

    Unparsable text is not an error here: the raw string stays in ``Task.data``.
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def data_value(value: object) -> object:
    """A ``data`` value as ``Task.__getattr__`` shows it: a date-time string (``YYYY-MM-DDTHH:MM:SS...``) as an aware
    UTC datetime, anything else as it is (the SDK parses the same strings, to naive datetimes)."""
    if isinstance(value, str) and len(value) >= 19 and value[10] == "T":
        return parse_timestamp(value) or value
    return value


def optional(body: Mapping[str, Any], key: str, kind: type[T], what: str) -> T | None:
    """``body[key]`` when it is a ``kind`` (None when absent or null); any other type is a ``ResponseDecodeError``."""
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    raise ResponseDecodeError(f"{what}: {key!r} must be {kind.__name__}, got {type(value).__name__}", service="geobox")
