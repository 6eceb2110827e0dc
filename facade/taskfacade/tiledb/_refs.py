"""Turning the ``array`` and ``teamspace`` arguments (ids, names, URIs, objects) into the task listing's wire
values, the same way for every function."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import attrs

from .._errors import InvalidArgument

__all__ = ["ArrayFilter", "array_filter", "teamspace_ref"]

_URI = "tiledb://"
_ARRAY_ACCEPTS = (
    "an asset id, a path inside a teamspace ('folder/array'), a 'tiledb://workspace/teamspace/path' URI, "
    "or an object with an 'id' (ArrayInfo, TaskAsset)"
)
_TEAMSPACE_ACCEPTS = "a teamspace id ('ts_...') or name, or an object with 'teamspace_id', 'id' or 'name'"


@attrs.frozen
class ArrayFilter:
    """The wire values for an ``array`` argument: the array (id or path) and the teamspace its URI named."""

    array: str
    teamspace: str | None = None


def _attribute(value: Any, names: tuple[str, ...]) -> str | None:
    for name in names:
        found = value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)
        if isinstance(found, uuid.UUID):
            return str(found)
        if isinstance(found, str) and found:
            return found
    return None


def array_filter(value: Any) -> ArrayFilter | None:
    """None, or the wire values for ``array`` (see ``_ARRAY_ACCEPTS``)."""
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return ArrayFilter(str(value))
    if isinstance(value, str):
        if value.startswith(_URI):
            parts = value[len(_URI) :].split("/")
            if len(parts) < 3 or not all(parts):
                raise InvalidArgument("array", value, _ARRAY_ACCEPTS)
            return ArrayFilter("/".join(parts[2:]), parts[1])  # the workspace segment is implied by the client
        path = value.strip("/")
        if not path or "://" in path:
            raise InvalidArgument("array", value, _ARRAY_ACCEPTS)
        return ArrayFilter(path)
    found = _attribute(value, ("id", "asset_id"))
    if found is None:
        raise InvalidArgument("array", value, _ARRAY_ACCEPTS)
    return ArrayFilter(found)


def teamspace_ref(value: Any) -> str | None:
    """None, or a teamspace id or name (see ``_TEAMSPACE_ACCEPTS``)."""
    if value is None:
        return None
    if isinstance(value, str):
        if not value or "/" in value:
            raise InvalidArgument("teamspace", value, _TEAMSPACE_ACCEPTS)
        return value
    found = _attribute(value, ("teamspace_id", "id", "name"))
    if found is None:
        raise InvalidArgument("teamspace", value, _TEAMSPACE_ACCEPTS)
    return found
