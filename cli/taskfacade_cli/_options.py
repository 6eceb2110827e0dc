"""Converters for option values (argparse ``type=``): each checks its value completely, before any request.

A bad value is an ``argparse.ArgumentTypeError``, which the parser reports as one usage-error line naming the option
(exit code 2). Numbers must be finite and in range (no NaN, no infinity, no integer that overflows a later step),
durations and dates must stay inside what datetime arithmetic and the services handle, URLs must be http(s) with a
host and a port 1..65535, and text must be non-empty, short and free of control characters. A refused value is
echoed escaped (``repr``), and a URL's ``user:password@`` never: it is shown as ``***@``.
"""

from __future__ import annotations

import argparse
import datetime
import math
import re
import urllib.parse
from collections.abc import Callable

from ._exit import UsageError

__all__ = [
    "FORMATS",
    "MAX_LIMIT",
    "MAX_TEXT",
    "RETRY_MODES",
    "SHELLS",
    "check_url",
    "count",
    "duration",
    "instant",
    "is_profile_name",
    "mask_userinfo",
    "number",
    "profile_name",
    "text",
    "url",
]

#: The longest text option (ids, names, keywords, paths).
MAX_TEXT = 1024
#: The largest ``--limit`` (``0`` shows all).
MAX_LIMIT = 1_000_000
#: ``--retry-mode`` and the profile key ``retry_mode`` (the facade's retry modes, docs/retry-modes.md).
RETRY_MODES = ("default", "forceful", "disabled")
#: ``-o/--output``.
FORMATS = ("table", "json", "yaml", "text")
#: ``completion SHELL``.
SHELLS = ("bash", "zsh", "fish")
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$|^\.[0-9]+([eE][+-]?[0-9]+)?$")
_INTEGER = re.compile(r"^[0-9]{1,18}$")
_PROFILE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _shown(value: str) -> str:
    """``value`` as echoed in an error: quoted and escaped, cut when long."""
    return repr(value if len(value) <= 80 else value[:77] + "...")


def mask_userinfo(value: str) -> str:
    """``value`` with any ``user:password@`` replaced by ``***@`` (``ftp://***@h/``): everything from the scheme
    up to the last ``@`` goes, so no form of userinfo (a ``/`` or ``@`` inside a password) survives."""
    if "@" not in value:
        return value
    scheme = _SCHEME.match(value)
    head = scheme.group(0) if scheme else ""
    return head + "***@" + value.rsplit("@", 1)[1]


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}"


def number(low: float, high: float, *, above: bool = False, unit: str = "seconds") -> Callable[[str], float]:
    """A ``unit`` from ``low`` (excluded when ``above``) to ``high``: a plain decimal number, finite."""

    def convert(value: str) -> float:
        bound = f"greater than {_plain(low)}" if above else f"from {_plain(low)}"
        expected = f"expected {unit} {bound} to {_plain(high)}"
        if not _NUMBER.match(value):
            raise argparse.ArgumentTypeError(f"invalid value {_shown(value)}: {expected}")
        number = float(value)
        if not math.isfinite(number) or number > high or number < low or (above and number == low):
            raise argparse.ArgumentTypeError(f"invalid value {_shown(value)}: {expected}")
        return number

    return convert


def count(high: int) -> Callable[[str], int]:
    """A whole number from 0 to ``high``, in plain decimal digits."""

    def convert(value: str) -> int:
        expected = f"expected a whole number from 0 to {high}"
        if not _INTEGER.match(value) or int(value) > high:
            raise argparse.ArgumentTypeError(f"invalid value {_shown(value)}: {expected}")
        return int(value)

    return convert


def _from_usage(parse: Callable[[str, str], object], value: str, option: str) -> object:
    try:
        return parse(value, option)
    except UsageError as error:
        raise argparse.ArgumentTypeError("invalid value " + error.message.removeprefix(f"invalid {option} ")) from None


def duration(value: str) -> datetime.timedelta:
    """``--since``: ``30m``, ``12h``, ``7d``, ``2w`` (``_times.parse_duration``, which checks the range)."""
    from ._times import parse_duration  # attrs loads only when a time option is given, not for --help

    result = _from_usage(parse_duration, value, "--since")
    assert isinstance(result, datetime.timedelta)
    return result


def instant(option: str) -> Callable[[str], datetime.datetime]:
    """``--start``/``--end``: an ISO 8601 date or date-time (``_times.parse_datetime``, which checks the range)."""

    def convert(value: str) -> datetime.datetime:
        from ._times import parse_datetime

        result = _from_usage(parse_datetime, value, option)
        assert isinstance(result, datetime.datetime)
        return result

    return convert


def text(value: str) -> str:
    """An id, a name, a keyword or a path: non-empty, at most ``MAX_TEXT`` characters, no control characters."""
    if not value:
        raise argparse.ArgumentTypeError("invalid value '': expected a non-empty value")
    if len(value) > MAX_TEXT:
        raise argparse.ArgumentTypeError(f"invalid value {_shown(value)}: expected at most {MAX_TEXT} characters")
    if not value.isprintable():
        raise argparse.ArgumentTypeError(
            f"invalid value {_shown(value)}: expected no control, format or separator characters"
        )
    return value


def is_profile_name(value: str) -> bool:
    """Whether ``value`` is a profile name: letters, digits, ``_`` and ``-`` (at most 64)."""
    return _PROFILE_NAME.match(value) is not None


def profile_name(value: str) -> str:
    """``--profile``: letters, digits, ``_`` and ``-`` (at most 64)."""
    if not is_profile_name(value):
        raise argparse.ArgumentTypeError(
            f"invalid value {_shown(value)}: expected letters, digits, '_' and '-' (at most 64)"
        )
    return value


def check_url(value: str) -> str | None:
    """Why ``value`` is not a usable base URL (None when it is): http or https, a host, a port 1..65535, no
    ``user:password@``, no query or fragment, no spaces or control characters."""
    expected = "expected http(s)://HOST[:PORT][/PATH] with a port from 1 to 65535"
    if not value or len(value) > MAX_TEXT or not value.isprintable() or any(c.isspace() for c in value):
        return expected
    try:
        parts = urllib.parse.urlsplit(value)
        port = parts.port
    except ValueError:
        return expected
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return expected
    if port is not None and not 1 <= port <= 65535:
        return expected
    if ":" in parts.netloc.rsplit("]", 1)[-1] and port is None:  # "http://host:" or "http://[::1]:"
        return expected
    if "@" in parts.netloc:
        return expected + " (no user:password@: credentials go in the profile or the environment)"
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        return expected + " (no query or fragment)"
    return None


def url(value: str) -> str:
    """``--endpoint``/``--emulator``: a base URL (``check_url``), without a trailing ``/``."""
    problem = check_url(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"invalid value {_shown(mask_userinfo(value))}: {problem}")
    return value.rstrip("/")
