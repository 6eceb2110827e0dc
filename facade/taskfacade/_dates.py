"""Timestamps from any service as timezone-aware UTC datetimes (what every ``Job`` timestamp returns).

The services disagree: Deadline sends ISO 8601 with an offset, Geobox naive ISO strings that mean UTC, TensorBay
epoch seconds as integers, TileDB ISO strings with ``Z``. ``as_utc`` accepts all of them and refuses anything
else with a ``ResponseDecodeError`` (these values come from servers, not from callers).
"""

from __future__ import annotations

import datetime
import math

from ._errors import ResponseDecodeError

__all__ = ["as_utc"]

# Epoch values above this are milliseconds (year 33658 in seconds; 1971 in milliseconds).
_MILLISECONDS_FROM = 1e12


def as_utc(value: object) -> datetime.datetime | None:
    """``value`` as an aware UTC datetime; None stays None.

    Accepts aware datetimes (converted to UTC), naive datetimes and naive ISO strings (taken as UTC, which is what
    the services mean by them), ISO 8601 strings with ``Z`` or an offset, and epoch seconds or milliseconds.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        when = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        when = _from_epoch(float(value))
    elif isinstance(value, str):
        try:
            when = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ResponseDecodeError(f"not a timestamp: {value[:64]!r}") from None
    else:
        raise ResponseDecodeError(f"not a timestamp: {type(value).__name__}")
    if when.tzinfo is None:
        return when.replace(tzinfo=datetime.UTC)
    return when.astimezone(datetime.UTC)


def _from_epoch(seconds: float) -> datetime.datetime:
    if not math.isfinite(seconds):
        raise ResponseDecodeError(f"not a timestamp: {seconds!r}")
    if abs(seconds) >= _MILLISECONDS_FROM:
        seconds /= 1000.0
    try:
        return datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    except (OverflowError, OSError, ValueError):
        raise ResponseDecodeError(f"timestamp out of range: {seconds!r}") from None
