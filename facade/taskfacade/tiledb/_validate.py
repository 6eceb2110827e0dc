"""Argument checks shared by the TileDB functions: each raises ``InvalidArgument`` naming the parameter and what
it accepts, before any request is sent."""

from __future__ import annotations

import datetime
import enum
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from .._check import check_bool, check_int
from .._errors import InvalidArgument

__all__ = [
    "choice",
    "choices",
    "flag",
    "optional_flag",
    "optional_int",
    "optional_str",
    "positive_int",
    "str_list",
    "task_uuid",
    "when",
]

E = TypeVar("E", bound=enum.Enum)


def _values(enum_class: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in enum_class]  # iteration lists real members only, never UNKNOWN pseudos


def choice(parameter: str, value: Any, enum_class: type[E]) -> E | None:
    """None, or one of ``enum_class``'s values (a member or its string, any case); anything else is refused."""
    if value is None:
        return None
    allowed = _values(enum_class)
    if isinstance(value, enum_class) and str(value.value) in allowed:
        return value
    if isinstance(value, str):
        for candidate in (value, value.upper(), value.lower()):
            if candidate in allowed:
                return enum_class(candidate)
    raise InvalidArgument(parameter, value, "one of " + ", ".join(repr(v) for v in allowed))


def choices(parameter: str, value: Any, enum_class: type[E]) -> list[E]:
    """A value or an iterable of values of ``enum_class`` (see ``choice``); None gives []."""
    if value is None:
        return []
    items = [value] if isinstance(value, str | enum.Enum) else _iterable(parameter, value, "values")
    out = []
    for item in items:
        member = choice(parameter, item, enum_class)
        if member is None:
            raise InvalidArgument(parameter, value, "values of " + ", ".join(_values(enum_class)))
        out.append(member)
    return out


def _iterable(parameter: str, value: Any, what: str) -> list[Any]:
    if isinstance(value, Mapping | bytes) or not isinstance(value, Iterable):
        raise InvalidArgument(parameter, value, f"a string or a list of {what}")
    return list(value)


def str_list(parameter: str, value: Any) -> list[str] | None:
    """None, a non-empty string, or an iterable of non-empty strings (enum members count as their value)."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else _iterable(parameter, value, "non-empty strings")
    out = []
    for item in items:
        text = item.value if isinstance(item, enum.Enum) else item
        if not isinstance(text, str) or not text:
            raise InvalidArgument(parameter, value, "a non-empty string or a list of non-empty strings")
        out.append(text)
    return out


def optional_str(parameter: str, value: Any) -> str | None:
    """None or a non-empty string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InvalidArgument(parameter, value, "None or a non-empty string")
    return value


def positive_int(parameter: str, value: Any, minimum: int = 1) -> int:
    """An int >= ``minimum`` (bools refused)."""
    return check_int(parameter, value, minimum)


def optional_int(parameter: str, value: Any, minimum: int = 1) -> int | None:
    """None or an int >= ``minimum``."""
    return None if value is None else positive_int(parameter, value, minimum)


flag = check_bool


def optional_flag(parameter: str, value: Any) -> bool | None:
    """None, True or False."""
    return None if value is None else flag(parameter, value)


def when(parameter: str, value: Any) -> datetime.datetime | None:
    """None or a datetime, returned timezone-aware: a naive one is read as local time, as the vendor does.

    tiledb-client sends ``int(value.timestamp())``, which reads a naive datetime in the machine's time zone; the
    seed's own example passes ``datetime.now() - timedelta(hours=3)``. Aware datetimes are kept as given.
    """
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        raise InvalidArgument(parameter, value, "a datetime.datetime (naive ones are read as local time)")
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    try:
        return value.astimezone()  # local time, exactly as datetime.timestamp() reads it
    except (OverflowError, OSError, ValueError):
        raise InvalidArgument(parameter, value, "a datetime between 1970 and 9999 in local time") from None


def task_uuid(parameter: str, value: Any) -> uuid.UUID:
    """A task id: a UUID, its string form, or an object with such an ``id`` (a TileDBTask, an ArrayTask)."""
    raw = value
    if not isinstance(value, str | uuid.UUID):
        raw = getattr(value, "id", None)
    if isinstance(raw, uuid.UUID):
        return raw
    if isinstance(raw, str):
        try:
            return uuid.UUID(raw)
        except ValueError:
            pass
    raise InvalidArgument(parameter, value, "a task id (a UUID or its string form) or a task object")
