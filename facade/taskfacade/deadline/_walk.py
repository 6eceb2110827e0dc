"""Any generated Deadline response model as the dict boto3 returns, by walking its attrs fields.

The hand-written field tables of ``_shapes.py`` cover the task and job shapes; the step, session and session-action
shapes (and their nested structures) are converted by this walk instead, with the same rules:

- a field's wire key is its attribute name in camelCase (``created_at`` -> ``createdAt``, ``int_`` -> ``int``);
  the generated code names every attribute that way, and the boto3 side-by-side tests hold it to it;
- timestamps become aware UTC datetimes, enum members plain strings (unknown values kept), UNSET members absent;
- keys the model does not list are dropped, as boto3 drops them; a model with no fields of its own is a map and
  keeps every entry;
- a tagged union (``UNIONS``) shows its one member, an unknown one as ``{"SDK_UNKNOWN_MEMBER": {"name": tag}}``,
  and a malformed one (no or several members) its members as sent (``_shapes.union_dict``).
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import attrs

from .._dates import as_utc
from ._generated import Unset
from ._shapes import union_dict

__all__ = ["UNIONS", "camel", "walk"]

#: The generated classes that are Deadline tagged unions (botocore's ``union: true`` shapes).
UNIONS = frozenset({"JobParameter", "TaskParameterValue", "SessionActionDefinition", "SessionActionDefinitionSummary"})


def camel(name: str) -> str:
    """A generated attribute name as its wire key: ``lifecycle_status`` -> ``lifecycleStatus``."""
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _fields(model: Any) -> list[str]:
    return [f.name for f in attrs.fields(type(model)) if f.name != "additional_properties"]


def walk(value: Any) -> Any:
    """``value`` (a generated model, list, enum, datetime or plain value) as boto3 shows it."""
    if isinstance(value, datetime.datetime):
        return as_utc(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list):
        return [walk(item) for item in value]
    if isinstance(value, dict):
        return {key: walk(item) for key, item in value.items()}
    if not attrs.has(type(value)):
        return value
    names = _fields(value)
    if type(value).__name__ in UNIONS:
        members = [(camel(name), name) for name in names]
        return {key: walk(item) for key, item in union_dict(value, members).items()}
    if not names:  # a map: every entry is data
        return {key: walk(item) for key, item in value.additional_properties.items()}
    out: dict[str, Any] = {}
    for name in names:
        item = getattr(value, name)
        if not isinstance(item, Unset) and item is not None:
            out[camel(name)] = walk(item)
    return out
