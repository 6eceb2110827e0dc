"""Checking Deadline request input before anything is sent: ids, ranges, enums, tokens and nested shapes.

botocore checks only ``required``, ``min`` and union arity, and sends a malformed ``farmId`` to the network
(reference/deadline.md section 10). Here every value is checked against the model's full constraints (anchored id
patterns, both bounds, enum values), and a failure is an ``InvalidArgument`` that names the parameter, with its
path for nested values (``filterExpressions.filters[0].stringFilter.operator``), and says what is accepted.

The small combinators at the bottom (``string``, ``integer``, ``enum``, ``struct``, ``union``...) describe the
nested request shapes declaratively; each returns the value normalized for the wire (datetimes as ISO 8601).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .. import _check as checks
from .._check import INT32_MAX
from .._errors import InvalidArgument

__all__ = [
    "ID_PATTERNS",
    "TARGET_RUN_STATUSES",
    "Check",
    "check_client_token",
    "check_id",
    "check_int",
    "check_next_token",
    "check_principal_id",
    "check_target_run_status",
    "enum",
    "integer",
    "lazy",
    "list_of",
    "string",
    "struct",
    "timestamp",
    "union",
]

ID_PATTERNS: Mapping[str, re.Pattern[str]] = {
    "farmId": re.compile(r"farm-[0-9a-f]{32}"),
    "queueId": re.compile(r"queue-[0-9a-f]{32}"),
    "jobId": re.compile(r"job-[0-9a-f]{32}"),
    "stepId": re.compile(r"step-[0-9a-f]{32}"),
    "taskId": re.compile(r"task-[0-9a-f]{32}-(0|([1-9][0-9]{0,9}))"),
    "sessionId": re.compile(r"session-[0-9a-f]{32}"),
    "sessionActionId": re.compile(r"sessionaction-[0-9a-f]{32}-(0|([1-9][0-9]{0,9}))"),
}
_ID_SHAPES = {
    "farmId": "farm-<32 hex digits>",
    "queueId": "queue-<32 hex digits>",
    "jobId": "job-<32 hex digits>",
    "stepId": "step-<32 hex digits>",
    "taskId": "task-<32 hex digits>-<index>",
    "sessionId": "session-<32 hex digits>",
    "sessionActionId": "sessionaction-<32 hex digits>-<index>",
}
_PRINCIPAL_ID = re.compile(
    r"([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}"
)
#: TaskTargetRunStatus: what ``update_task(targetRunStatus=...)`` accepts.
TARGET_RUN_STATUSES = ("READY", "FAILED", "SUCCEEDED", "CANCELED", "SUSPENDED", "PENDING")
_SHORT = 80

#: ``check(value, path) -> wire value``; raises ``InvalidArgument`` naming ``path``.
Check = Callable[[Any, str], Any]


def _short(value: Any) -> Any:
    """The value for an error message, strings cut to a readable length."""
    if isinstance(value, str) and len(value) > _SHORT:
        return value[:_SHORT] + "..."
    return value


def _refuse(path: str, value: Any, accepted: str) -> InvalidArgument:
    return InvalidArgument(path, _short(value), accepted)


def check_id(name: str, value: Any, path: str | None = None) -> str:
    """A farm, queue, job, step or task id (``name`` is its parameter name, e.g. ``"taskId"``), anchored match."""
    pattern = ID_PATTERNS[name]
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise _refuse(path or name, value, f"a Deadline id {_ID_SHAPES[name]} (pattern {pattern.pattern})")
    return value


def check_int(name: str, value: Any, low: int, high: int | None = None) -> int:
    """An int (never a bool) within ``low..high``."""
    return checks.check_int(name, value, low, INT32_MAX if high is None else high)


def check_next_token(name: str, value: Any) -> str:
    """A pagination token as the service returned it (a string of 1..4096 characters)."""
    if not isinstance(value, str) or not 1 <= len(value) <= 4096:
        raise _refuse(name, value, "the nextToken string of a previous page (1..4096 characters)")
    return value


def check_client_token(value: Any) -> str:
    """An idempotency token: 1..64 printable ASCII characters (it travels in the ``X-Amz-Client-Token`` header)."""
    if not isinstance(value, str) or not 1 <= len(value) <= 64 or not (value.isascii() and value.isprintable()):
        raise _refuse(
            "clientToken", value, "a string of 1..64 printable ASCII characters (omit it to get a fresh uuid4)"
        )
    return value


def check_target_run_status(value: Any) -> str:
    """One of the six TaskTargetRunStatus values."""
    return str(enum(TARGET_RUN_STATUSES)(value, "targetRunStatus"))


def check_principal_id(value: Any) -> str:
    """An IAM Identity Center principal id (ListJobs ``principalId``)."""
    if not isinstance(value, str) or len(value) > 47 or _PRINCIPAL_ID.fullmatch(value) is None:
        raise _refuse("principalId", value, f"an IAM Identity Center principal id (pattern {_PRINCIPAL_ID.pattern})")
    return value


# ---------------------------------------------------------------------------------------------------------------
# Combinators for nested request shapes


def string(min_len: int = 0, max_len: int | None = None) -> Check:
    """A str of ``min_len..max_len`` characters."""

    def check(value: Any, path: str) -> str:
        if not isinstance(value, str) or len(value) < min_len or (max_len is not None and len(value) > max_len):
            bound = f"{min_len}..{max_len}" if max_len is not None else f">= {min_len}"
            raise _refuse(path, value, f"a string of {bound} characters")
        return value

    return check


def integer(low: int, high: int | None = None) -> Check:
    """An int within ``low..high``."""
    return lambda value, path: check_int(path, value, low, high)


def enum(values: Iterable[str]) -> Check:
    """One of ``values`` (exact spelling)."""
    allowed = tuple(values)

    def check(value: Any, path: str) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise _refuse(path, value, "one of " + ", ".join(allowed))
        return str(value)

    return check


def timestamp() -> Check:
    """A datetime (naive means UTC, as botocore takes it) or an ISO 8601 string; sent as ISO 8601 in UTC."""

    def check(value: Any, path: str) -> str:
        when = value
        if isinstance(value, str):
            try:
                when = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                when = None
        if not isinstance(when, datetime.datetime):
            raise _refuse(path, value, "a datetime or an ISO 8601 timestamp string")
        aware = when.replace(tzinfo=datetime.UTC) if when.tzinfo is None else when.astimezone(datetime.UTC)
        return aware.isoformat()

    return check


def list_of(item: Check, min_items: int = 0, max_items: int | None = None) -> Check:
    """A list or tuple of ``min_items..max_items`` items, each checked by ``item``."""

    def check(value: Any, path: str) -> list[Any]:
        size_ok = isinstance(value, list | tuple) and min_items <= len(value) <= (max_items or len(value))
        if not size_ok:
            bound = f"{min_items}..{max_items}" if max_items is not None else f">= {min_items}"
            raise _refuse(path, value, f"a list of {bound} items")
        return [item(element, f"{path}[{i}]") for i, element in enumerate(value)]

    return check


def struct(required: Mapping[str, Check], optional: Mapping[str, Check] | None = None) -> Check:
    """A dict with every ``required`` key, any ``optional`` key and nothing else (None values count as absent)."""
    known = {**required, **(optional or {})}

    def check(value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise _refuse(path, value, "a dict with keys " + ", ".join(known))
        unknown = [k for k in value if k not in known]
        if unknown:
            raise _refuse(f"{path}.{unknown[0]}", value[unknown[0]], "no such key; accepted: " + ", ".join(known))
        missing = [k for k in required if value.get(k) is None]
        if missing:
            raise _refuse(f"{path}.{missing[0]}", None, f"a value (required; keys: {', '.join(required)})")
        return {k: known[k](v, f"{path}.{k}") for k, v in value.items() if v is not None}

    return check


def union(members: Mapping[str, Check]) -> Check:
    """A tagged union: a dict with exactly one of ``members`` set."""

    def check(value: Any, path: str) -> dict[str, Any]:
        present = [k for k, v in value.items() if v is not None] if isinstance(value, Mapping) else []
        if len(present) != 1 or present[0] not in members:
            raise _refuse(path, value, "a dict with exactly one of " + ", ".join(members))
        key = present[0]
        return {key: members[key](value[key], f"{path}.{key}")}

    return check


def lazy(resolve: Callable[[], Check]) -> Check:
    """A check looked up when first used (for recursive shapes)."""
    return lambda value, path: resolve()(value, path)
