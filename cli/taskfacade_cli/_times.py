"""Time options: ``--since 7d`` durations, ``--start``/``--end`` datetimes, and how times are shown.

Times without an offset are UTC (the command line never guesses a local time zone); everything shown is UTC.
"""

from __future__ import annotations

import datetime
import re

import attrs

from ._exit import UsageError

__all__ = ["Window", "format_duration", "format_time", "iso_utc", "parse_datetime", "parse_duration", "window"]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
#: The window ``tasks list`` shows when neither ``--since`` nor ``--start`` is given.
DEFAULT_SINCE = datetime.timedelta(days=7)
#: The longest ``--since``: a hundred years (longer ones overflow datetime arithmetic and no service has them).
MAX_SINCE = datetime.timedelta(days=36525)
#: The times ``--start`` and ``--end`` accept, and the earliest a window starts: no service has older tasks, and
#: every service can write these four-digit years.
EARLIEST = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC)


def parse_duration(text: str, option: str = "--since") -> datetime.timedelta:
    """``30m``, ``12h``, ``7d``, ``2w`` (also ``90s``, ``1.5h``) as a timedelta, from 1 second to ``MAX_SINCE``."""
    match = _DURATION.match(text)
    if not match:
        raise UsageError(f"invalid {option} {text!r}: expected a number and a unit s, m, h, d or w (e.g. 7d, 12h)")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if not 1 <= seconds <= MAX_SINCE.total_seconds():  # also NaN and infinity (a number with 400 digits)
        raise UsageError(f"invalid {option} {text!r}: expected a duration from 1s to {MAX_SINCE.days}d")
    return datetime.timedelta(seconds=seconds)


def parse_datetime(text: str, option: str) -> datetime.datetime:
    """An ISO 8601 date or date-time (``2024-05-01``, ``2024-05-01T12:30``, ``...Z``, ``...+02:00``), aware UTC,
    from ``EARLIEST`` to ``LATEST``."""
    raw = text.strip()
    expected = (
        "expected an ISO 8601 date or date-time from 1970-01-01 to 9999-12-31, e.g. 2024-05-01 or "
        "2024-05-01T12:30:00Z (no offset means UTC)"
    )
    try:
        value = datetime.datetime.fromisoformat(raw[:-1] + "+00:00" if raw[-1:] in ("Z", "z") else raw)
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        value = value.astimezone(datetime.UTC)  # OverflowError past year 9999 or before year 1
    except (ValueError, OverflowError):
        raise UsageError(f"invalid {option} {text!r}: {expected}") from None
    if not EARLIEST <= value <= LATEST:
        raise UsageError(f"invalid {option} {text!r}: {expected}")
    return value


@attrs.frozen
class Window:
    """A time window for listings; ``end`` None means "now" as the service sees it."""

    start: datetime.datetime
    end: datetime.datetime | None

    def contains(self, when: datetime.datetime | None) -> bool:
        """Whether ``when`` is inside (an unknown time is kept: the service already filtered, or cannot)."""
        if when is None:
            return True
        return when >= self.start and (self.end is None or when <= self.end)


def window(
    since: datetime.timedelta | None,
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    now: datetime.datetime | None = None,
) -> Window:
    """The listing window from ``--since`` or ``--start``/``--end`` (default: the last 7 days, computed now); it
    starts no earlier than ``EARLIEST``."""
    if since is not None and start is not None:
        raise UsageError("--since and --start cannot be combined: give a duration or a start time")
    end_at = end
    if start is not None:
        start_at = start
    else:
        reference = end_at or now or datetime.datetime.now(datetime.UTC)
        start_at = max(EARLIEST, reference - (since if since is not None else DEFAULT_SINCE))
    if end_at is not None and start_at > end_at:
        raise UsageError(f"--start ({start_at.isoformat()}) is after --end ({end_at.isoformat()})")
    return Window(start_at, end_at)


def iso_utc(value: datetime.datetime, sep: str = "T") -> str:
    """``2024-05-01T12:30:05``: ``value`` in UTC to the second, without an offset, the year always four digits.

    Not ``strftime("%Y")``, which writes the year 1 as ``1`` on glibc: ``'1-01-01T23:59:00'`` is not ISO 8601,
    and a filter comparing it as a string with ``'2024-...'`` selects the wrong tasks.
    """
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(sep=sep, timespec="seconds")


def format_time(value: datetime.datetime | None) -> str:
    """``2024-05-01 12:30:05`` (UTC), or ``-`` when unknown."""
    if value is None:
        return "-"
    return iso_utc(value, sep=" ")


def format_duration(seconds: float) -> str:
    """``4.2s``, ``3m05s``, ``2h10m``."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
