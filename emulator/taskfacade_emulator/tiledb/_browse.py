"""The array and group browsers (owned/public/shared): filters, sort and 1-based pages over the stored catalog.

Multi-valued filters arrive as repeated keys. ``tag`` keeps assets carrying any of the tags, ``exclude_tag``
drops those carrying any; ``permissions`` keeps assets the caller holds at least that permission on (``read`` <
``read_write`` = ``write`` < ``admin``). Groups are listed top-level only unless ``flat`` is true; ``parent``
lists the direct children of one group.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from starlette.datastructures import QueryParams

from . import _params as p
from ._wire import PERMISSIONS

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 1000
_RANK = {"read": 0, "read_write": 1, "write": 1, "admin": 2}

Asset = dict[str, Any]
Check = Callable[[Asset], bool]


def browse_arrays(items: list[Asset], params: QueryParams, *, shared: bool) -> dict[str, Any]:
    """One page of ``ArrayBrowserData``."""
    checks = _common_checks(params, shared=shared)
    file_types, excluded = p.str_list(params, "file_type"), p.str_list(params, "exclude_file_type")
    if file_types:
        checks.append(lambda a: a.get("file_type") in file_types)
    if excluded:
        checks.append(lambda a: a.get("file_type") not in excluded)
    for prop in p.str_list(params, "file_property"):
        key, sep, value = prop.partition(",")
        if not sep:
            raise p.BadParameterError(f"'file_property' must be 'key,value', got {prop!r}")
        checks.append(_has_property(key, value))
    page = _page(items, params, checks, ("size", "name"))
    return {"arrays": page.pop("items"), "pagination_metadata": page}


def browse_groups(items: list[Asset], params: QueryParams, *, shared: bool) -> dict[str, Any]:
    """One page of ``GroupBrowserData``."""
    checks = _common_checks(params, shared=shared)
    group_type = p.optional_str(params, "group_type")
    if group_type is not None:
        checks.append(lambda a: a.get("group_type") == group_type)
    parent = p.optional_str(params, "parent")
    if parent is not None:
        checks.append(lambda a: a.get("_parent") == parent)
    elif not p.optional_bool(params, "flat"):
        checks.append(lambda a: a.get("_parent") is None)
    page = _page(items, params, checks, ("last_accessed", "size", "name"))
    return {"groups": page.pop("items"), "pagination_metadata": page}


def _has_property(key: str, value: str) -> Check:
    return lambda a: bool(a.get("file_properties", {}).get(key) == value)


def _common_checks(params: QueryParams, *, shared: bool) -> list[Check]:
    checks: list[Check] = []
    search = p.optional_str(params, "search")
    if search is not None:
        needle = search.lower()
        checks.append(
            lambda a: any(needle in str(a.get(f) or "").lower() for f in ("name", "description", "namespace"))
        )
    namespace = p.optional_str(params, "namespace")
    if namespace is not None:
        checks.append(lambda a: a.get("namespace") == namespace)
    permission = p.optional_choice(params, "permissions", PERMISSIONS)
    if permission is not None:
        checks.append(lambda a: _RANK[a["_permission"]] >= _RANK[permission])
    tags, excluded = p.str_list(params, "tag"), p.str_list(params, "exclude_tag")
    if tags:
        checks.append(lambda a: bool(set(tags) & set(a.get("tags", []))))
    if excluded:
        checks.append(lambda a: not set(excluded) & set(a.get("tags", [])))
    shared_to = p.str_list(params, "shared_to")
    if shared and shared_to:
        checks.append(lambda a: bool(set(shared_to) & set(a.get("_shared_to", []))))
    return checks


def _page(
    items: list[Asset], params: QueryParams, checks: list[Check], order_fields: tuple[str, ...]
) -> dict[str, Any]:
    page = p.optional_int(params, "page", minimum=1) or 1
    per_page = min(p.optional_int(params, "per_page", minimum=1) or DEFAULT_PER_PAGE, MAX_PER_PAGE)
    order = p.order_by(params, "orderby", order_fields) or ("name", None)
    with_metadata = bool(p.optional_bool(params, "with_metadata"))
    kept = [a for a in items if all(check(a) for check in checks)]
    field, direction = order
    descending = direction == "desc" if direction else field != "name"
    kept.sort(key=lambda a: (a.get(field) is None, a.get(field) or 0, a["name"]), reverse=descending)
    start = (page - 1) * per_page
    visible = [_public(a, with_metadata) for a in kept[start : start + per_page]] if start < len(kept) else []
    return {
        "items": visible,
        "page": page,
        "per_page": per_page,
        "total_pages": math.ceil(len(kept) / per_page),
        "total_items": len(kept),
    }


def _public(asset: Asset, with_metadata: bool) -> Asset:
    out = {k: v for k, v in asset.items() if not k.startswith("_")}
    if not with_metadata:
        out.pop("metadata", None)
    return out
