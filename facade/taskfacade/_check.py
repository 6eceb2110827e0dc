"""The shared checks for what callers pass: numbers (durations, intervals, budgets, counts, page sizes, offsets,
clock readings), flags and strings that travel in a URL.

Every such parameter of the core and of the four services goes through here, so all refuse the same things
the same way, with ``InvalidArgument`` naming the parameter and the accepted range, before any request:

- booleans (``True`` is an int to Python, never a count or a duration to a caller);
- NaN and infinities: ``nan < 0`` and ``nan > 0`` are both false, so a plain range check lets NaN through
  and a wait with ``timeout=nan`` would never end; ``inf`` overflows ``time.sleep`` and the monotonic sums;
- values out of range, including durations longer than ``MAX_SECONDS`` (``time.sleep`` and
  ``threading.Event.wait`` refuse very long ones with a raw ``OverflowError``) and counts past the 32-bit
  integers the services' specs declare (a larger one would only come back as a 400 after a request);
- strings bound for a URL with control characters or too long once encoded, which httpx would refuse with its
  own ``httpx.InvalidURL``.
"""

from __future__ import annotations

import math
from urllib.parse import quote

from ._errors import InvalidArgument

__all__ = [
    "INT32_MAX",
    "MAX_SECONDS",
    "MAX_URL_TEXT",
    "check_bool",
    "check_finite",
    "check_int",
    "check_optional_seconds",
    "check_seconds",
    "check_url_text",
]

#: The largest count or offset accepted by default: the int32 maximum of the services' specs.
INT32_MAX = 2_147_483_647
#: The longest duration accepted (ten years): far beyond any sensible wait, well within ``threading.TIMEOUT_MAX``.
MAX_SECONDS = 10 * 365 * 24 * 3600.0


def _as_float(value: float) -> float:
    try:
        return float(value)
    except OverflowError:  # an int beyond the float range
        return math.inf


def check_seconds(
    parameter: str, value: object, *, minimum: float = 0.0, exclusive: bool = True, maximum: float = MAX_SECONDS
) -> float:
    """``value`` as a float when it is a finite number of seconds in range, else ``InvalidArgument``.

    Args:
        parameter: the parameter's name as the caller spelled it (for the error).
        value: what the caller passed.
        minimum: the lower bound.
        exclusive: whether ``minimum`` itself is refused (``> 0`` for intervals and timeouts, ``>= 0`` for waits).
        maximum: the upper bound (inclusive).
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _as_float(value)
        if math.isfinite(number) and (number > minimum if exclusive else number >= minimum) and number <= maximum:
            return number
    low = f"> {minimum:g}" if exclusive else f">= {minimum:g}"
    raise InvalidArgument(parameter, value, f"seconds {low} and <= {maximum:g} (a finite number, not NaN or inf)")


def check_optional_seconds(
    parameter: str, value: object, *, minimum: float = 0.0, exclusive: bool = True, maximum: float = MAX_SECONDS
) -> float | None:
    """None (no limit), or ``check_seconds``; the error says that None is accepted too."""
    if value is None:
        return None
    try:
        return check_seconds(parameter, value, minimum=minimum, exclusive=exclusive, maximum=maximum)
    except InvalidArgument as refused:
        raise InvalidArgument(parameter, value, "None or " + refused.accepted) from None


def check_int(parameter: str, value: object, minimum: int, maximum: int = INT32_MAX) -> int:
    """``value`` when it is an int (not a bool) from ``minimum`` to ``maximum``, else ``InvalidArgument``.

    Floats are refused even when whole (``10.0``): a count given as a float is usually a computation gone wrong,
    and NaN or inf can never be one.
    """
    if isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= maximum:
        return value
    bound = f">= {minimum} (at most {maximum})" if maximum == INT32_MAX else f"{minimum}..{maximum}"
    raise InvalidArgument(parameter, value, f"an integer {bound}")


#: The longest a string parameter sent in a URL may be once percent-encoded (UTF-8, 3 characters a byte). Several
#: of them fit in one URL under httpx's 64 KiB per component, and a 4-byte character cannot take a short string
#: over it unnoticed.
MAX_URL_TEXT = 8192


def check_url_text(parameter: str, value: object, *, accepted: str = "a string") -> str:
    """``value`` when it is a string that can travel in a URL: no control characters, not too long once encoded.

    Without this, a control character or a 70 000-character filter reaches httpx, which refuses to build the
    URL with its own ``httpx.InvalidURL`` (outside the facade's error tree).

    Args:
        parameter: the parameter's name as the caller spelled it.
        value: what the caller passed.
        accepted: what the parameter accepts, for the error (``"None or a string"``...).
    """
    if isinstance(value, str) and value.isprintable():
        encoded = len(quote(value.encode("utf-8", "surrogatepass"), safe=""))
        if encoded <= MAX_URL_TEXT:
            return value
    raise InvalidArgument(
        parameter, value, f"{accepted} without control characters, at most {MAX_URL_TEXT} characters once URL-encoded"
    )


def check_bool(parameter: str, value: object) -> bool:
    """``value`` when it is True or False, else ``InvalidArgument``: no truthy stand-ins (``1``, ``"yes"``)."""
    if isinstance(value, bool):
        return value
    raise InvalidArgument(parameter, value, "True or False")


def check_finite(parameter: str, value: object) -> float:
    """``value`` as a float when it is a finite number of either sign (a clock reading, a sleep that may have
    come out negative), else ``InvalidArgument``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _as_float(value)
        if math.isfinite(number):
            return number
    raise InvalidArgument(parameter, value, "a finite number (not NaN or inf)")
