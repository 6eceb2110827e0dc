"""SearchTasks' filter and sort expressions: the subset the emulator can evaluate faithfully.

Supported (anything else is a ValidationException naming the field and the accepted values):
- ``stringFilter`` on ``TASK_RUN_STATUS`` with EQUAL / NOT_EQUAL (the only operators the model allows);
- ``stringListFilter`` on ``TASK_RUN_STATUS`` with ANY_EQUALS / ALL_NOT_EQUALS;
- ``dateTimeFilter`` on ``STARTED_AT``, ``ENDED_AT``, ``UPDATED_AT`` with EQUAL and the four orderings (the model
  excludes NOT_EQUAL, ANY_EQUALS and ALL_NOT_EQUALS); a task without that time does not match;
- ``parameterFilter`` on a task parameter name with EQUAL, NOT_EQUAL and the orderings (numeric for int/float
  parameters, text otherwise); a task without that parameter does not match;
- ``groupFilter`` nested up to two levels below the top (AND / OR);
- ``fieldSort`` on ``TASK_RUN_STATUS``, ``STARTED_AT``, ``ENDED_AT``, ``UPDATED_AT`` and ``parameterSort`` on a
  parameter name, missing values last. Without sorts, tasks come in creation order.
Rejected: ``searchTermFilter`` (fuzzy matching cannot be reproduced faithfully) and ``userJobsFirst`` (a job sort).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ._model import RUN_STATUSES, TaskRecord, TaskState
from ._params import enum_value, listed, string
from ._wire import field_error, parse_iso

Predicate = Callable[[TaskRecord, TaskState], bool]
SortValue = tuple[int, float | str]

LOGICAL = ("AND", "OR")
ORDERINGS = ("GREATER_THAN_EQUAL_TO", "GREATER_THAN", "LESS_THAN_EQUAL_TO", "LESS_THAN")
DATE_FIELDS = ("STARTED_AT", "ENDED_AT", "UPDATED_AT")
SORT_FIELDS = ("TASK_RUN_STATUS", *DATE_FIELDS)
MAX_GROUP_DEPTH = 2
_FILTER_MEMBERS = (
    "dateTimeFilter",
    "parameterFilter",
    "searchTermFilter",
    "stringFilter",
    "stringListFilter",
    "groupFilter",
)
_SORT_MEMBERS = ("userJobsFirst", "fieldSort", "parameterSort")
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "EQUAL": lambda a, b: a == b,
    "NOT_EQUAL": lambda a, b: a != b,
    "GREATER_THAN_EQUAL_TO": lambda a, b: a >= b,
    "GREATER_THAN": lambda a, b: a > b,
    "LESS_THAN_EQUAL_TO": lambda a, b: a <= b,
    "LESS_THAN": lambda a, b: a < b,
}


@attrs.frozen
class Sort:
    """One sort key: how to read a task's value, and the direction."""

    key: Callable[[TaskRecord, TaskState], SortValue | None]
    descending: bool


def parse_filters(value: Any, field: str = "filterExpressions", depth: int = 0) -> Predicate:
    """A predicate for ``SearchGroupedFilterExpressions``."""
    if not isinstance(value, dict):
        raise field_error(field, "must be an object with 'filters' and 'operator'")
    operator = enum_value(value, "operator", LOGICAL, f"{field}.operator")
    items = listed(value, "filters", 1, 3, f"{field}.filters")
    predicates = [_parse_filter(item, f"{field}.filters[{i}]", depth) for i, item in enumerate(items)]
    if operator == "AND":
        return lambda task, state: all(p(task, state) for p in predicates)
    return lambda task, state: any(p(task, state) for p in predicates)


def _union_member(value: Any, members: tuple[str, ...], field: str) -> tuple[str, dict[str, Any]]:
    """The one member set in a tagged union (exactly one, a known one, holding an object)."""
    if not isinstance(value, dict) or len(value) != 1:
        raise field_error(field, f"must set exactly one of {list(members)}")
    name, inner = next(iter(value.items()))
    if name not in members:
        raise field_error(field, f"must set exactly one of {list(members)}, got {name!r}")
    if not isinstance(inner, dict):
        raise field_error(f"{field}.{name}", "must be an object")
    return name, inner


def _parse_filter(value: Any, field: str, depth: int) -> Predicate:
    name, inner = _union_member(value, _FILTER_MEMBERS, field)
    where = f"{field}.{name}"
    if name == "groupFilter":
        if depth >= MAX_GROUP_DEPTH:
            raise field_error(where, f"nests too deep (at most {MAX_GROUP_DEPTH} levels of groupFilter)")
        return parse_filters(inner, where, depth + 1)
    if name == "stringFilter":
        return _string_filter(inner, where)
    if name == "stringListFilter":
        return _string_list_filter(inner, where)
    if name == "dateTimeFilter":
        return _date_filter(inner, where)
    if name == "parameterFilter":
        return _parameter_filter(inner, where)
    raise field_error(where, "is not supported by the emulator; use stringFilter, dateTimeFilter or parameterFilter")


def _string_filter(inner: Mapping[str, Any], where: str) -> Predicate:
    enum_value(inner, "name", ("TASK_RUN_STATUS",), f"{where}.name")
    operator = enum_value(inner, "operator", ("EQUAL", "NOT_EQUAL"), f"{where}.operator")
    wanted = enum_value(inner, "value", RUN_STATUSES, f"{where}.value")
    if operator == "EQUAL":
        return lambda task, state: state.run_status == wanted
    return lambda task, state: state.run_status != wanted


def _string_list_filter(inner: Mapping[str, Any], where: str) -> Predicate:
    enum_value(inner, "name", ("TASK_RUN_STATUS",), f"{where}.name")
    operator = enum_value(inner, "operator", ("ANY_EQUALS", "ALL_NOT_EQUALS"), f"{where}.operator")
    values = listed(inner, "values", 1, 16, f"{where}.values")
    wanted = frozenset(enum_value({"v": v}, "v", RUN_STATUSES, f"{where}.values[{i}]") for i, v in enumerate(values))
    if operator == "ANY_EQUALS":
        return lambda task, state: state.run_status in wanted
    return lambda task, state: state.run_status not in wanted


def _date_filter(inner: Mapping[str, Any], where: str) -> Predicate:
    name = enum_value(inner, "name", DATE_FIELDS, f"{where}.name")
    operator = enum_value(inner, "operator", ("EQUAL", *ORDERINGS), f"{where}.operator")
    raw = string(inner, "dateTime", 1, 64, f"{where}.dateTime")
    try:
        moment = round(parse_iso(raw), 3)
    except ValueError:
        raise field_error(f"{where}.dateTime", f"must be an ISO 8601 date-time, got {raw!r}") from None
    compare = _COMPARE[operator]

    def matches(task: TaskRecord, state: TaskState) -> bool:
        value = _date_of(name, task, state)
        return value is not None and compare(round(value, 3), moment)

    return matches


def _parameter_filter(inner: Mapping[str, Any], where: str) -> Predicate:
    name = string(inner, "name", 1, 1024, f"{where}.name")
    operator = enum_value(inner, "operator", ("EQUAL", "NOT_EQUAL", *ORDERINGS), f"{where}.operator")
    wanted_raw = string(inner, "value", 1, 256, f"{where}.value")
    wanted = _comparable(wanted_raw, numeric=True)
    compare = _COMPARE[operator]

    def matches(task: TaskRecord, state: TaskState) -> bool:
        member = _parameter_member(task, name)
        if member is None:
            return False
        kind, raw = member
        value = _comparable(raw, numeric=kind in ("int", "float"))
        if value[0] == 0 and wanted[0] == 0:
            return compare(value[1], wanted[1])
        return compare(raw, wanted_raw)

    return matches


def parse_sorts(value: Any) -> list[Sort]:
    """Sort keys for ``sortExpressions`` (1..5 items)."""
    items = listed({"s": value}, "s", 1, 5, "sortExpressions")
    return [_parse_sort(item, f"sortExpressions[{i}]") for i, item in enumerate(items)]


def _parse_sort(value: Any, field: str) -> Sort:
    name, inner = _union_member(value, _SORT_MEMBERS, field)
    where = f"{field}.{name}"
    if name == "userJobsFirst":
        raise field_error(where, "is a job sort and is not supported for tasks; use fieldSort or parameterSort")
    descending = enum_value(inner, "sortOrder", ("ASCENDING", "DESCENDING"), f"{where}.sortOrder") == "DESCENDING"
    if name == "fieldSort":
        sort_field = enum_value(inner, "name", SORT_FIELDS, f"{where}.name")
        return Sort(lambda task, state: _field_value(sort_field, task, state), descending)
    parameter = string(inner, "name", 1, 1024, f"{where}.name")
    return Sort(lambda task, state: parameter_value(task, parameter), descending)


def apply_sorts(rows: list[tuple[TaskRecord, TaskState]], sorts: list[Sort]) -> list[tuple[TaskRecord, TaskState]]:
    """Stable multi-key sort, first key most significant; missing values last in either direction."""
    for sort in reversed(sorts):
        keyed = [(sort.key(task, state), (task, state)) for task, state in rows]
        present = [k for k in keyed if k[0] is not None]
        present.sort(key=lambda k: k[0] or (0, 0.0), reverse=sort.descending)
        rows = [row for _, row in present] + [row for key, row in keyed if key is None]
    return rows


def parameter_value(task: TaskRecord, name: str) -> SortValue | None:
    """A task parameter as a comparable value: (0, number) for int/float members, (1, text) otherwise."""
    member = _parameter_member(task, name)
    return None if member is None else _comparable(member[1], numeric=member[0] in ("int", "float"))


def _parameter_member(task: TaskRecord, name: str) -> tuple[str, str] | None:
    """The (member name, raw string) of a task parameter's tagged union, or None when the task lacks it."""
    member = task.parameters.get(name)
    if not isinstance(member, dict) or len(member) != 1:
        return None
    kind, raw = next(iter(member.items()))
    return str(kind), str(raw)


def _comparable(raw: str, numeric: bool) -> SortValue:
    if numeric:
        try:
            return (0, float(raw))
        except ValueError:
            pass
    return (1, raw)


def _field_value(name: str, task: TaskRecord, state: TaskState) -> SortValue | None:
    if name == "TASK_RUN_STATUS":
        return (1, state.run_status)
    value = _date_of(name, task, state)
    return None if value is None else (0, value)


def _date_of(name: str, task: TaskRecord, state: TaskState) -> float | None:
    if name == "STARTED_AT":
        return state.started_at
    if name == "ENDED_AT":
        return state.ended_at
    return task.updated_at
