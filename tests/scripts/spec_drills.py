"""Synthetic vendor changes ("drills"), each applied to a copy of a real spec, and what each must be classified as.

Per service, the names below are chosen from what the facade really uses: ``READ`` is a response field the facade
reads, ``SENT`` a query parameter it sends, ``RETYPED`` a response field it reads whose type changes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["deadline", "geobox", "tensorbay", "tiledb"]

#: service -> (enum schema, response schema, field the facade reads, (operationId, query parameter it sends),
#: response field the facade reads whose type the drill changes)
TARGETS: dict[str, tuple[str, str, str, tuple[str, str], str]] = {
    "tiledb": ("ArrayTaskStatus", "ArrayTask", "status", ("listTasks", "page"), "start_time"),
    "deadline": ("TaskRunStatus", "GetTaskResponse", "runStatus", ("listTasks", "maxResults"), "taskId"),
    "geobox": ("TaskStatus", "Task", "state", ("getTasks", "skip"), "name"),
    "tensorbay": ("JobStatus", "Job", "status", ("listJobs", "offset"), "title"),
}

Spec = dict[str, Any]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(service: str) -> Spec:
    """A fresh copy of the committed spec."""
    spec: Spec = yaml.load((ROOT / "openapi" / f"{service}.yaml").read_text(), Loader=_LOADER)  # noqa: S506 (a safe loader)
    return spec


def _schema(spec: Spec, name: str) -> Spec:
    schema: Spec = spec["components"]["schemas"][name]
    return schema


def _operation(spec: Spec, operation_id: str) -> Spec:
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return op
    raise KeyError(operation_id)


def new_enum_value(spec: Spec, service: str) -> None:
    """The vendor adds a status value."""
    _schema(spec, TARGETS[service][0])["enum"].append("DRILL_NEW_VALUE")


def new_optional_response_field(spec: Spec, service: str) -> None:
    """The vendor adds an optional field to a response object."""
    _schema(spec, TARGETS[service][1])["properties"]["drillExtra"] = {"type": "string"}


def removed_read_field(spec: Spec, service: str) -> None:
    """The vendor drops a response field the facade reads."""
    schema = _schema(spec, TARGETS[service][1])
    field = TARGETS[service][2]
    del schema["properties"][field]
    if field in schema.get("required", []):
        schema["required"].remove(field)
        if not schema["required"]:
            del schema["required"]


def renamed_query_parameter(spec: Spec, service: str) -> None:
    """The vendor renames a query parameter the facade sends (a parameter ``$ref`` is inlined under the new name)."""
    operation_id, name = TARGETS[service][3]
    op = _operation(spec, operation_id)
    for index, param in enumerate(op.get("parameters", [])):
        resolved = param
        if "$ref" in param:
            resolved = spec["components"]["parameters"][param["$ref"].rsplit("/", 1)[-1]]
        if resolved.get("in") == "query" and resolved.get("name") == name:
            op["parameters"][index] = {**copy.deepcopy(resolved), "name": f"{name}Renamed"}
            return
    raise KeyError(name)


def changed_type(spec: Spec, service: str) -> None:
    """The vendor changes a read response field from its type to an array of strings."""
    schema = _schema(spec, TARGETS[service][1])
    field = TARGETS[service][4]
    schema["properties"][field] = {"type": "array", "items": {"type": "string"}}


def new_required_parameter(spec: Spec, service: str) -> None:
    """The vendor makes every call of an operation carry a new query parameter."""
    operation_id = TARGETS[service][3][0]
    _operation(spec, operation_id).setdefault("parameters", []).append(
        {"name": "drill_required", "in": "query", "required": True, "schema": {"type": "string"}}
    )


def new_operation(spec: Spec, service: str) -> None:
    """The vendor adds an operation."""
    spec["paths"]["/drill/new-operation"] = {
        "get": {
            "operationId": "drillNewOperation",
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}
            },
        }
    }


Drill = Callable[[Spec, str], None]
#: drill -> is it breaking for this facade?
DRILLS: dict[str, tuple[Drill, bool]] = {
    "new enum value": (new_enum_value, False),
    "new optional response field": (new_optional_response_field, False),
    "removed field the facade reads": (removed_read_field, True),
    "renamed query parameter": (renamed_query_parameter, True),
    "changed type": (changed_type, True),
    "new required parameter": (new_required_parameter, True),
    "new operation": (new_operation, False),
}


def applied(service: str, *names: str) -> Spec:
    """A copy of the service's spec with the named drills applied."""
    spec = load(service)
    for name in names:
        DRILLS[name][0](spec, service)
    return spec
