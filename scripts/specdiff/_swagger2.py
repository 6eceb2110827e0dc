"""Swagger 2.0 -> OpenAPI 3.0, for the one vendor spec published as Swagger 2.0 (TileDB's ``openapi-v1.yaml``).

openapi-python-client rejects Swagger 2.0, and spec-diff reads OpenAPI 3, so the vendor's document is converted.
Only what that document uses is converted; anything else raises ``SpecError`` rather than being guessed:

- ``basePath`` is prefixed to every path; ``definitions`` become ``components/schemas`` (refs rewritten);
- query/path/header parameters get a ``schema``; ``collectionFormat`` becomes ``style``/``explode``
  (``csv``, the Swagger 2.0 default for arrays, is form with explode false: ONE comma-separated value; ``multi``
  is form with explode true: repeated keys; ``ssv``/``pipes`` are spaceDelimited/pipeDelimited);
- a ``body`` parameter becomes the ``requestBody``; a response ``schema`` becomes ``application/json`` content;
- ``x-nullable: true`` becomes ``nullable: true``; ``securityDefinitions`` become ``securitySchemes``.
"""

from __future__ import annotations

import copy
from typing import Any

from ._load import SpecError

STYLES = {
    "csv": ("form", False),
    "multi": ("form", True),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
}
SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "pattern", "minLength", "maxLength")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


def _schema(node: Any) -> Any:
    """A Swagger 2.0 schema (or parameter/items) as an OpenAPI 3.0 schema."""
    if isinstance(node, list):
        return [_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/definitions/", "#/components/schemas/")
        elif key == "x-nullable":
            if value:
                out["nullable"] = True
        elif key in ("collectionFormat", "in", "name", "required", "description", "allowEmptyValue") and "type" in node:
            continue
        else:
            out[key] = _schema(value)
    return out


def _parameter(param: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": param["name"], "in": param["in"]}
    for key in ("description", "required"):
        if key in param:
            out[key] = param[key]
    out["schema"] = _schema({k: param[k] for k in SCHEMA_KEYS if k in param})
    if param.get("type") == "array":
        collection = param.get("collectionFormat", "csv")
        if collection not in STYLES:
            raise SpecError(f"{where}: collectionFormat {collection} has no OpenAPI 3 equivalent")
        style, explode = STYLES[collection]
        if param["in"] != "query" and collection == "csv":
            style = "simple"
        out["style"], out["explode"] = style, explode
    return out


def _operation(op: dict[str, Any], shared: list[dict[str, Any]], consumes: list[str], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        k: copy.deepcopy(v) for k, v in op.items() if k in ("tags", "summary", "description", "operationId", "security")
    }
    params: list[dict[str, Any]] = []
    for param in [*shared, *op.get("parameters", [])]:
        if param.get("in") == "body":
            media = (op.get("consumes") or consumes or ["application/json"])[0]
            out["requestBody"] = {
                "required": bool(param.get("required")),
                "content": {media: {"schema": _schema(param["schema"])}},
            }
        elif param.get("in") == "formData":
            raise SpecError(f"{where}: formData parameters are not converted")
        else:
            params.append(_parameter(param, f"{where} parameter {param.get('name')}"))
    if params:
        out["parameters"] = params
    responses: dict[str, Any] = {}
    for status, response in op.get("responses", {}).items():
        converted: dict[str, Any] = {"description": response.get("description", "")}
        if "schema" in response:
            converted["content"] = {"application/json": {"schema": _schema(response["schema"])}}
        responses[str(status)] = converted
    out["responses"] = responses or {"default": {"description": ""}}
    return out


def to_openapi3(doc: dict[str, Any], name: str = "swagger 2.0 document") -> dict[str, Any]:
    """The OpenAPI 3.0.3 equivalent of a Swagger 2.0 ``doc`` (see the module docstring for what is converted)."""
    if str(doc.get("swagger")) != "2.0":
        raise SpecError(f"{name}: not a Swagger 2.0 document")
    base = str(doc.get("basePath", "")).rstrip("/")
    paths: dict[str, Any] = {}
    for path, item in doc.get("paths", {}).items():
        shared = item.get("parameters", [])
        paths[f"{base}{path}"] = {
            method: _operation(op, shared, doc.get("consumes", []), f"{name}: {method.upper()} {path}")
            for method, op in item.items()
            if method in METHODS
        }
    schemes: dict[str, Any] = {}
    for scheme_name, scheme in doc.get("securityDefinitions", {}).items():
        if scheme["type"] == "basic":
            schemes[scheme_name] = {"type": "http", "scheme": "basic"}
        elif scheme["type"] == "apiKey":
            schemes[scheme_name] = {"type": "apiKey", "in": scheme["in"], "name": scheme["name"]}
    out: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": copy.deepcopy(doc.get("info", {"title": name, "version": "0"})),
        "paths": paths,
        "components": {"schemas": _schema(doc.get("definitions", {})), "securitySchemes": schemes},
    }
    if "security" in doc:
        out["security"] = copy.deepcopy(doc["security"])
    return out


def subset(doc: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """``doc`` (Swagger 2.0) cut down to ``paths`` and the definitions they reach, for committing an excerpt."""
    kept_paths = {p: doc["paths"][p] for p in paths}
    definitions = doc.get("definitions", {})
    wanted: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/definitions/"):
                target = ref.removeprefix("#/definitions/")
                if target not in wanted:
                    wanted.add(target)
                    walk(definitions[target])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(kept_paths)
    head = {k: v for k, v in doc.items() if k not in ("paths", "definitions", "tags", "x-tagGroups")}
    security = {k: v for k, v in doc.get("securityDefinitions", {}).items() if v.get("type") in ("basic", "apiKey")}
    head["securityDefinitions"] = security
    head["security"] = [alt for alt in doc.get("security", []) if set(alt) <= set(security)]
    return {**head, "paths": kept_paths, "definitions": {k: definitions[k] for k in sorted(wanted)}}
