"""A spec flattened to what a client sees per operation: parameters, body fields, responses, security.

Schemas are followed through ``$ref``, ``allOf``, ``oneOf``/``anyOf``, arrays (``name[]``) and maps (``name{}``),
so every field has a dotted path (``items[].status``) and a comparable type, enum and required flag.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from ._load import _pointer_get

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@attrs.frozen
class Field:
    """One schema position: its type (``string``, ``string:date-time``, ``integer|null``...), enum and required."""

    type: str
    enum: tuple[str, ...] | None = None
    required: bool = False


@attrs.frozen
class Param:
    """One parameter as the wire sees it (defaults for ``style``/``explode`` filled in per OpenAPI 3)."""

    required: bool
    style: str
    explode: bool
    fields: dict[str, Field]


@attrs.frozen
class Operation:
    """One operation: where it lives and everything a client sends or reads."""

    operation_id: str
    method: str
    path: str
    params: dict[str, Param]  # key "query:name"
    body_required: bool
    body: dict[str, Field] | None  # None: no JSON request body
    responses: dict[str, dict[str, Field]]  # status -> fields ("" is the body itself)
    security: tuple[tuple[str, ...], ...]


def snake_case(name: str) -> str:
    """openapi-python-client's Python name for an operationId or property (``batchGetTask`` -> ``batch_get_task``)."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^0-9a-zA-Z]+", "_", name).strip("_").lower()


class _Flattener:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def resolve(self, node: Any) -> dict[str, Any]:
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
            seen.add(node["$ref"])
            node = _pointer_get(self.spec, node["$ref"])
        return node if isinstance(node, dict) else {}

    def merged(self, node: Any, stack: tuple[str, ...]) -> dict[str, Any]:
        """The schema with ``allOf`` folded in (properties and required lists joined)."""
        schema = self.resolve(node)
        if "allOf" not in schema:
            return schema
        out: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        props: dict[str, Any] = dict(out.get("properties", {}))
        required: list[str] = list(out.get("required", []))
        for part in schema["allOf"]:
            sub = self.merged(part, stack)
            props.update(sub.get("properties", {}))
            required.extend(sub.get("required", []))
            for key, value in sub.items():
                if key not in ("properties", "required"):
                    out.setdefault(key, value)
        if props:
            out["properties"] = props
        if required:
            out["required"] = required
        return out

    def type_of(self, schema: dict[str, Any], stack: tuple[str, ...]) -> str:
        variants = schema.get("oneOf") or schema.get("anyOf")
        if variants:
            kinds = sorted({self.type_of(self.merged(v, stack), stack) for v in variants})
            base = "|".join(kinds)
        elif "type" in schema:
            base = str(schema["type"]) + (f":{schema['format']}" if "format" in schema else "")
        elif "properties" in schema or "additionalProperties" in schema:
            base = "object"
        else:
            base = "any"
        return f"{base}|null" if schema.get("nullable") else base

    def fields(
        self, node: Any, prefix: str = "", required: bool = True, stack: tuple[str, ...] = ()
    ) -> dict[str, Field]:
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and ref in stack:  # recursive schema: stop, keep the position
            return {prefix: Field(type=f"ref:{ref.rsplit('/', 1)[-1]}", required=required)}
        stack = (*stack, ref) if isinstance(ref, str) else stack
        schema = self.merged(node, stack)
        enum = tuple(sorted(str(v) for v in schema["enum"])) if "enum" in schema else None
        out = {prefix: Field(type=self.type_of(schema, stack), enum=enum, required=required)}
        dot = f"{prefix}." if prefix else ""
        members = [schema, *[self.merged(v, stack) for v in schema.get("oneOf") or schema.get("anyOf") or []]]
        for member in members:
            needed = set(member.get("required", []))
            for name, sub in member.get("properties", {}).items():
                for path, field in self.fields(sub, f"{dot}{name}", name in needed, stack).items():
                    out.setdefault(path, field)
            extra = member.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                out.update(self.fields(extra, f"{prefix}{{}}", True, stack))
            if "items" in member:
                out.update(self.fields(member["items"], f"{prefix}[]", True, stack))
        return out

    def content_fields(self, content: dict[str, Any]) -> dict[str, Field] | None:
        for media, body in sorted(content.items(), key=lambda kv: "json" not in kv[0]):
            if "schema" in body:
                fields = self.fields(body["schema"])
                if "json" not in media:
                    fields[""] = attrs.evolve(fields[""], type=f"{fields[''].type} ({media})")
                return fields
        return None


def operations(spec: dict[str, Any]) -> dict[str, Operation]:
    """Every operation of ``spec`` by operationId (``METHOD path`` when it has none)."""
    flat = _Flattener(spec)
    global_security = spec.get("security", [])
    out: dict[str, Operation] = {}
    for path, item in spec.get("paths", {}).items():
        item = flat.resolve(item)
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            params: dict[str, Param] = {}
            for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
                p = flat.resolve(raw)
                where = p.get("in", "query")
                style = p.get("style", "form" if where in ("query", "cookie") else "simple")
                explode = bool(p.get("explode", style == "form"))
                schema = p.get("schema")
                fields = flat.fields(schema) if schema is not None else {"": Field(type="any")}
                params[f"{where}:{p.get('name')}"] = Param(
                    required=bool(p.get("required", False)), style=style, explode=explode, fields=fields
                )
            body = flat.resolve(op.get("requestBody", {})) if "requestBody" in op else None
            responses = {
                str(status): flat.content_fields(flat.resolve(resp).get("content", {})) or {}
                for status, resp in op.get("responses", {}).items()
            }
            security = op.get("security", global_security)
            op_id = op.get("operationId") or f"{method.upper()} {path}"
            out[op_id] = Operation(
                operation_id=op_id,
                method=method.upper(),
                path=path,
                params=params,
                body_required=bool(body and body.get("required", False)),
                body=flat.content_fields(body.get("content", {})) if body else None,
                responses=responses,
                security=tuple(sorted(tuple(sorted(alt)) for alt in security)),
            )
    return out
