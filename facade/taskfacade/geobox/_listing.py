"""``GET /v1/tasks/`` parameters: checked before any request, then given to the generated operation.

The SDK only works with its own enum for ``state`` (it calls ``.value``) and sends Python's ``True``/``False``;
here ``state`` may be a ``TaskStatus``, its string value or any enum with such a value (so
``geobox.enums.TaskStatus.SUCCESS`` from ported code works), booleans go out as ``true``/``false``, and every
parameter is checked first, with an error naming it and what it accepts.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from typing import Any

from taskfacade import _check as checks
from taskfacade._errors import InvalidArgument

from ._enums import TaskStatus
from ._validate import check_bool, check_int

__all__ = ["list_kwargs", "uuid_filters"]

#: Longest ``q`` one batch poll sends (``uuid IN (...)``), so URLs stay far below common 8 KB limits.
MAX_FILTER_CHARS = 3000
#: Most uuids one batch poll asks for.
MAX_FILTER_IDS = 100


def _state(value: object) -> TaskStatus | None:
    if value is None:
        return None
    raw = value.value if isinstance(value, enum.Enum) else value
    if isinstance(raw, str) and raw in TaskStatus._value2member_map_:
        return TaskStatus(raw)
    raise InvalidArgument("state", value, "None or a TaskStatus: " + ", ".join(s.value for s in TaskStatus))


def _text(parameter: str, value: object) -> str | None:
    if value is None or value == "":
        return None
    return checks.check_url_text(parameter, value, accepted="None or a string")


def _joined(parameter: str, value: object, separator: str, example: str) -> str | None:
    if value is None or value == "" or isinstance(value, str):
        return _text(parameter, value)
    if isinstance(value, Sequence) and value and all(isinstance(v, str) and v and v.isprintable() for v in value):
        return checks.check_url_text(parameter, separator.join(value), accepted="a list of strings")
    raise InvalidArgument(parameter, value, f"None, a comma-separated string or a list of strings, e.g. {example}")


_ORDER_ITEM = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*(?: [AD])?")


def _order_by(value: object) -> str | None:
    """``"field A, other D"`` (A ascending, D descending; a bare field is ascending), checked item by item."""
    joined = _joined("order_by", value, ", ", "'name A, created_at D'")
    if joined is None:
        return None
    for item in joined.split(","):
        if not _ORDER_ITEM.fullmatch(item.strip()):
            accepted = "comma-separated 'field A' or 'field D' items (A ascending, D descending), e.g. 'name A'"
            raise InvalidArgument("order_by", value, accepted)
    return joined


def list_kwargs(
    *,
    state: object,
    q: object,
    search: object,
    search_fields: object,
    order_by: object,
    return_count: object,
    skip: object,
    limit: object,
    user_id: object,
    shared: object,
) -> dict[str, Any]:
    """The checked parameters (None for "not sent"), in the SDK's names; raises ``InvalidArgument``."""
    return {
        "state": _state(state),
        "q": _text("q", q),
        "search": _text("search", search),
        "search_fields": _joined("search_fields", search_fields, ",", "'name,uuid'"),
        "order_by": _order_by(order_by),
        "return_count": check_bool("return_count", return_count),
        "skip": check_int("skip", skip, 0),
        "limit": check_int("limit", limit, 1),
        "user_id": None if user_id is None else check_int("user_id", user_id, 1),
        "shared": check_bool("shared", shared),
    }


def _quoted(uuid: str) -> str:
    return "'" + uuid.replace("'", "''") + "'"


def uuid_filters(uuids: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """CQL filters ``uuid IN ('a','b',...)`` covering ``uuids``, each within the size limits, with their uuids."""
    chunk: list[str] = []
    size = 0
    for uuid in uuids:
        quoted = _quoted(uuid)
        if chunk and (size + len(quoted) + 1 > MAX_FILTER_CHARS or len(chunk) >= MAX_FILTER_IDS):
            yield f"uuid IN ({','.join(_quoted(u) for u in chunk)})", chunk
            chunk, size = [], 0
        chunk.append(uuid)
        size += len(quoted) + 1
    if chunk:
        yield f"uuid IN ({','.join(_quoted(u) for u in chunk)})", chunk
