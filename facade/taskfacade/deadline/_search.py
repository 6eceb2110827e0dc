"""SearchTasks' nested input (``filterExpressions``, ``sortExpressions``), checked and turned into generated models.

The shapes follow openapi/deadline.yaml (and botocore's model); the enum values come from the generated enums, so
there is one source of truth. Checking happens before the generated ``from_dict`` runs, because generated
closed unions silently drop unknown keys and generated open enums accept any string.
"""

from __future__ import annotations

from typing import Any

from ._generated import ComparisonOperator, LogicalOperator, SearchTermMatchingType, SortOrder
from ._validate import Check, enum, lazy, list_of, string, struct, timestamp, union

__all__ = ["FILTER_EXPRESSIONS", "SORT_EXPRESSIONS", "check_filters", "check_sorts"]

_OPERATOR = enum(m.value for m in ComparisonOperator)
_NAME = string(1, 256)
_VALUE = string(1, 256)


def _group() -> Check:
    return FILTER_EXPRESSIONS


_FILTER = union(
    {
        "dateTimeFilter": struct({"name": _NAME, "operator": _OPERATOR, "dateTime": timestamp()}),
        "parameterFilter": struct({"name": _NAME, "operator": _OPERATOR, "value": _VALUE}),
        "searchTermFilter": struct(
            {"searchTerm": string(1, 256)}, {"matchType": enum(m.value for m in SearchTermMatchingType)}
        ),
        "stringFilter": struct({"name": _NAME, "operator": _OPERATOR, "value": _VALUE}),
        "stringListFilter": struct({"name": _NAME, "operator": _OPERATOR, "values": list_of(_VALUE, 1, 16)}),
        "groupFilter": lazy(_group),
    }
)

#: ``filterExpressions``: ``{"filters": [1..3 filters], "operator": "AND" | "OR"}``, groups nested.
FILTER_EXPRESSIONS: Check = struct(
    {"filters": list_of(_FILTER, 1, 3), "operator": enum(m.value for m in LogicalOperator)}
)

_SORT_ORDER = enum(m.value for m in SortOrder)

#: ``sortExpressions``: 1..5 of ``userJobsFirst`` / ``fieldSort`` / ``parameterSort``.
SORT_EXPRESSIONS: Check = list_of(
    union(
        {
            "userJobsFirst": struct({"userIdentityId": string(1)}),
            "fieldSort": struct({"sortOrder": _SORT_ORDER, "name": _NAME}),
            "parameterSort": struct({"sortOrder": _SORT_ORDER, "name": _NAME}),
        }
    ),
    1,
    5,
)


def check_filters(value: Any) -> dict[str, Any]:
    """``filterExpressions`` checked, datetimes as ISO 8601."""
    result: dict[str, Any] = FILTER_EXPRESSIONS(value, "filterExpressions")
    return result


def check_sorts(value: Any) -> list[dict[str, Any]]:
    """``sortExpressions`` checked."""
    result: list[dict[str, Any]] = SORT_EXPRESSIONS(value, "sortExpressions")
    return result
