"""Input checks run before any request: each failure names the parameter and what it accepts."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .. import _check
from .._errors import InvalidArgument

__all__ = ["check_bool", "check_choice", "check_id", "check_str"]


def check_str(name: str, value: Any, *, empty: bool = True) -> str:
    """A string (non-empty unless ``empty``)."""
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise InvalidArgument(name, value, "a string" if empty else "a non-empty string")
    return value


def check_id(name: str, value: Any) -> str:
    """A non-empty id string without surrounding whitespace or control characters."""
    if not isinstance(value, str) or not value or value != value.strip() or not value.isprintable():
        raise InvalidArgument(name, value, "a non-empty id string without spaces at its ends")
    return value


check_bool = _check.check_bool


def check_choice(name: str, value: Any, accepted: Collection[str]) -> str:
    """One of ``accepted`` (exact spelling)."""
    if not isinstance(value, str) or value not in accepted:
        raise InvalidArgument(name, value, "one of " + ", ".join(repr(a) for a in accepted))
    return value
