"""Basic-search filters: the SDK's tuples ``(key, operator, value[, label_type])`` or wire-form dicts.

Each becomes ``{"key", "operator", "value", "title"[, "extraInfo": {"labelType"}]}``, the title taken from the
key as the SDK does. Checked before any request: an unknown key in a tuple, a value that is not JSON, a tuple of
the wrong length all raise ``InvalidArgument`` naming ``filters[i]``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .._errors import InvalidArgument
from ._generated import UNSET, SearchFilter, SearchFilterExtraInfo

__all__ = ["KEY_TITLES", "search_filters"]

#: Filter keys the SDK knows, with the titles it sends for them.
KEY_TITLES: Mapping[str, str] = {
    "segment": "Segment",
    "withLabel": "With/Without Label",
    "frame": "Frame",
    "sensor": "Sensor",
    "size": "Size",
    "category": "Category",
    "attribute": "Attribute",
    "keyword": "Data Name",
}
_TUPLE = "a tuple (key, operator, value[, label_type]) with key one of " + ", ".join(KEY_TITLES)
_DICT_KEYS = frozenset({"key", "operator", "value", "title", "extraInfo"})


def _json_value(name: str, value: Any) -> Any:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        raise InvalidArgument(name, value, "a JSON value (str, number, bool, None, list or dict of those)") from None
    return value


def _from_tuple(name: str, item: Sequence[Any]) -> SearchFilter:
    if not 3 <= len(item) <= 4:
        raise InvalidArgument(name, item, _TUPLE)
    key, operator, value, *rest = item
    if not isinstance(key, str) or key not in KEY_TITLES:
        raise InvalidArgument(f"{name}[0]", key, "a filter key: one of " + ", ".join(KEY_TITLES))
    if not isinstance(operator, str) or not operator:
        raise InvalidArgument(f"{name}[1]", operator, "an operator string such as 'in', '=', '>'")
    label_type = rest[0] if rest else None
    if label_type is not None and not isinstance(label_type, str):
        raise InvalidArgument(f"{name}[3]", label_type, "a label type string such as 'BOX2D', or None")
    extra = SearchFilterExtraInfo(label_type=label_type) if label_type else UNSET
    value = _json_value(f"{name}[2]", value)
    return SearchFilter(key=key, operator=operator, value=value, title=KEY_TITLES[key], extra_info=extra)


def _from_dict(name: str, item: Mapping[str, Any]) -> SearchFilter:
    unknown = sorted(set(item) - _DICT_KEYS)
    if unknown or not {"key", "operator", "value"} <= set(item):
        raise InvalidArgument(name, item, "a dict with key, operator, value and optionally title, extraInfo")
    key, operator, title = item["key"], item["operator"], item.get("title", KEY_TITLES.get(item["key"], ""))
    if not isinstance(key, str) or not key or not isinstance(operator, str) or not operator:
        raise InvalidArgument(name, item, "key and operator as non-empty strings")
    if not isinstance(title, str):
        raise InvalidArgument(f"{name}['title']", title, "a string")
    extra = item.get("extraInfo")
    if extra is not None and not (
        isinstance(extra, Mapping) and set(extra) <= {"labelType"} and isinstance(extra.get("labelType", ""), str)
    ):
        raise InvalidArgument(f"{name}['extraInfo']", extra, "{'labelType': <str>} or None")
    value = _json_value(f"{name}['value']", item["value"])
    info = SearchFilterExtraInfo(label_type=extra["labelType"]) if extra and "labelType" in extra else UNSET
    return SearchFilter(key=key, operator=operator, value=value, title=title or UNSET, extra_info=info)


def search_filters(filters: Any) -> list[SearchFilter]:
    """Check and convert the ``filters`` argument of ``basic_search.create_job``."""
    if isinstance(filters, str | bytes | Mapping) or not isinstance(filters, Sequence):
        raise InvalidArgument("filters", filters, f"a list of filters, each {_TUPLE} or a wire-form dict")
    out = []
    for index, item in enumerate(filters):
        name = f"filters[{index}]"
        if isinstance(item, Mapping):
            out.append(_from_dict(name, item))
        elif isinstance(item, tuple | list):
            out.append(_from_tuple(name, item))
        else:
            raise InvalidArgument(name, item, _TUPLE)
    return out
