"""Checking Geobox arguments before anything is sent: each failure is an ``InvalidArgument`` naming the parameter
and what it accepts (credentials are checked by ``taskfacade._secrets.check_secret``, never here)."""

from __future__ import annotations

from taskfacade import _check as checks
from taskfacade._check import check_url_text
from taskfacade._errors import InvalidArgument

__all__ = ["INT32_MAX", "check_bool", "check_int", "check_text", "check_uuid"]

#: Geobox's integer parameters (``skip``, ``limit``) are 32-bit.
INT32_MAX = 2_147_483_647

check_bool = checks.check_bool


def check_int(parameter: str, value: object, minimum: int, maximum: int = INT32_MAX) -> int:
    """``value`` when it is an int (not a bool) in range, else ``InvalidArgument`` (the core's shared check)."""
    return checks.check_int(parameter, value, minimum, maximum)


def check_text(parameter: str, value: object) -> str:
    """A non-empty string without control characters, else ``InvalidArgument`` (credentials use ``check_secret``)."""
    if isinstance(value, str) and value and value.isprintable():
        return value
    raise InvalidArgument(parameter, value, "a non-empty string without control characters")


def check_uuid(value: object, parameter: str = "uuid") -> str:
    """A task or asset uuid: a non-empty string that cannot escape its path segment."""
    text = check_url_text(parameter, check_text(parameter, value), accepted="a task uuid")
    if text.strip(".") == "":
        raise InvalidArgument(parameter, value, "a task uuid")
    return text
