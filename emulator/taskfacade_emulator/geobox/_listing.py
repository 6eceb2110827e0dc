"""``GET /v1/tasks/`` query parameters: parsing (422 for bad types, 400 for unusable values) and SQL building.

Visibility: without ``user_id`` the caller's own tasks are listed, plus tasks shared with everyone when
``shared`` is true; ``user_id`` (a privileged caller acting for a user) lists that user's tasks instead.
``search`` (ignored when ``q`` is set) is a case-insensitive substring match over ``search_fields``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._cql import FIELDS, CqlError, to_sql
from ._errors import ApiError
from ._params import QueryReader
from ._tasks import STATES

TEXT_FIELDS = ("name", "uuid")
DEFAULT_ORDER = "created_at DESC, id DESC"
DIRECTIONS = {"A": "ASC", "D": "DESC"}


@attrs.frozen
class ListQuery:
    """The validated parameters of one list or count request."""

    state: str | None = None
    q: str | None = None
    search: str | None = None
    search_fields: tuple[str, ...] = TEXT_FIELDS
    order_by: str = DEFAULT_ORDER
    return_count: bool = False
    skip: int = 0
    limit: int = 10
    user_id: int | None = None
    shared: bool = False


def parse_list_query(params: Mapping[str, str]) -> ListQuery:
    """Validate every parameter; raise the 422 (types, ranges, enums) or 400 (search_fields, order_by)."""
    read = QueryReader(params)
    read.choice("f", ("json",))
    query = ListQuery(
        state=read.choice("state", STATES),
        q=read.text("q"),
        search=read.text("search"),
        return_count=read.boolean("return_count", False),
        skip=read.integer("skip", 0, minimum=0) or 0,
        limit=read.integer("limit", 10, minimum=1) or 10,
        user_id=read.integer("user_id", None, minimum=1),
        shared=read.boolean("shared", False),
    )
    read.check()
    return attrs.evolve(
        query,
        search_fields=_search_fields(read.text("search_fields")),
        order_by=_order_by(read.text("order_by")),
    )


def _search_fields(raw: str | None) -> tuple[str, ...]:
    if raw is None:
        return TEXT_FIELDS
    fields = tuple(f.strip() for f in raw.split(",") if f.strip())
    unknown = [f for f in fields if f not in TEXT_FIELDS]
    if unknown or not fields:
        raise ApiError(400, f"search_fields: unknown field(s) {unknown}; searchable fields are {list(TEXT_FIELDS)}")
    return fields


def _order_by(raw: str | None) -> str:
    """``name A, created_at D`` -> SQL ORDER BY, always ending with ``id`` so pages are stable."""
    if raw is None:
        return DEFAULT_ORDER
    terms = []
    for item in (part.strip() for part in raw.split(",")):
        words = item.split()
        field = words[0] if words else ""
        direction = words[1].upper() if len(words) == 2 else ("A" if len(words) == 1 else "?")
        if field not in FIELDS or direction not in DIRECTIONS:
            expected = f"comma-separated 'field A|D' items with fields {sorted(FIELDS)}"
            raise ApiError(400, f"order_by: cannot sort by {item!r}; use {expected}")
        terms.append(f"{FIELDS[field].sql} {DIRECTIONS[direction]}")
    return ", ".join([*terms, "id ASC"])


def where_clause(query: ListQuery, caller_id: int, now: float) -> tuple[str, dict[str, Any]]:
    """The SQL condition and named parameters selecting the tasks ``query`` asks for."""
    params: dict[str, Any] = {"now": now, "owner": query.user_id or caller_id, "shared": int(query.shared)}
    parts = ["(user_id = :owner OR (:shared = 1 AND shared = 1))"]
    if query.state is not None:
        parts.append(f"{FIELDS['state'].sql} = :state")
        params["state"] = query.state
    if query.q is not None:
        try:
            sql, cql_params = to_sql(query.q)
        except CqlError as exc:
            raise ApiError(400, str(exc)) from None
        parts.append(sql)
        params.update(cql_params)
    elif query.search is not None:
        parts.append("(" + " OR ".join(f"instr(lower({f}), lower(:search)) > 0" for f in query.search_fields) + ")")
        params["search"] = query.search
    return " AND ".join(parts), params
