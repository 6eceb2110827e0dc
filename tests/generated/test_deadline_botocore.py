"""openapi/deadline.yaml checked against botocore's own model of the service, operation by operation.

Every divergence fails: HTTP method, requestUri, parameter names and locations (uri, querystring, header), required
members, body members, output members (recursively: nested structures, unions, lists, maps), enum values, string
patterns and length/range constraints, timestamp encoding, modeled errors with their status codes and header-bound
members, and the service metadata (SigV4 signing name, host prefix).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import botocore.session
import pytest
import yaml
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "deadline.yaml"


def _sync_specs_operations() -> dict[str, str]:
    """``scripts/sync_specs.py``'s ``OPERATIONS``, read from the script itself (scripts/ is not a package)."""
    import importlib.util

    path = SPEC_PATH.parents[1] / "scripts" / "sync_specs.py"
    spec = importlib.util.spec_from_file_location("_sync_specs_for_tests", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.OPERATIONS)


#: botocore operation name -> the spec's operationId: the operations ``make sync-specs`` keeps in the spec.
OPERATIONS = _sync_specs_operations()


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


@pytest.fixture(scope="module")
def service() -> ServiceModel:
    return botocore.session.get_session().get_service_model("deadline")


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref`` chains."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _tolerant(node: dict[str, Any], where: str) -> dict[str, Any]:
    """A map value written ``anyOf: [X, {}]`` (parsed leniently: a malformed value stays raw) has the wire shape X."""
    if "anyOf" not in node:
        return node
    first, *rest = node["anyOf"]
    assert rest == [{}], f"{where}{{}}: only anyOf [X, {{}}] (a tolerant X) is allowed"
    return dict(first)


def _find_operation(spec: dict[str, Any], operation_id: str) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """Return (path, method, path item, operation) for ``operation_id``."""
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return path, method, item, op
    raise AssertionError(f"operationId {operation_id} missing from the spec")


def _parameters(spec: dict[str, Any], item: dict[str, Any], op: dict[str, Any]) -> dict[tuple[str, str], Any]:
    params = [_resolve(spec, p) for p in [*item.get("parameters", []), *op.get("parameters", [])]]
    return {(p["in"], p["name"].lower()): p for p in params}


def _check_scalar(shape: Shape, schema: dict[str, Any], where: str) -> None:
    meta = shape.metadata
    if shape.type_name == "string":
        assert schema.get("type") == "string", f"{where}: type"
        assert sorted(schema.get("enum", [])) == sorted(shape.enum), f"{where}: enum values"
        if "pattern" in meta:
            assert schema.get("pattern") == f"^{meta['pattern']}$", f"{where}: pattern"
        else:
            assert "pattern" not in schema, f"{where}: pattern not in the model"
        assert schema.get("minLength", 0) == meta.get("min", 0), f"{where}: minLength"
        assert schema.get("maxLength") == meta.get("max"), f"{where}: maxLength"
    elif shape.type_name == "integer":
        assert schema.get("type") == "integer", f"{where}: type"
        assert schema.get("minimum") == meta.get("min"), f"{where}: minimum"
        assert schema.get("maximum") == meta.get("max"), f"{where}: maximum"
    elif shape.type_name in ("float", "double"):
        assert schema.get("type") == "number", f"{where}: type"
        assert schema.get("minimum") == meta.get("min"), f"{where}: minimum"
        assert schema.get("maximum") == meta.get("max"), f"{where}: maximum"
    elif shape.type_name == "boolean":
        assert schema.get("type") == "boolean", f"{where}: type"
    elif shape.type_name == "timestamp":
        assert shape.serialization.get("timestampFormat") == "iso8601", f"{where}: model timestamp format"
        wire = {k: v for k, v in schema.items() if k != "description"}  # prose is no wire fact
        assert wire == {"type": "string", "format": "date-time"}, f"{where}: ISO 8601 date-time"
    else:
        raise AssertionError(f"{where}: unexpected scalar {shape.type_name}")


def _check_shape(spec: dict[str, Any], shape: Shape, node: dict[str, Any], where: str, seen: set[str]) -> None:
    """Recursively compare a botocore shape with a spec schema."""
    schema = _resolve(spec, node)
    if isinstance(shape, StructureShape):
        _check_structure(spec, shape, schema, where, seen)
    elif isinstance(shape, ListShape):
        assert schema.get("type") == "array", f"{where}: array"
        assert schema.get("minItems", 0) == shape.metadata.get("min", 0), f"{where}: minItems"
        assert schema.get("maxItems") == shape.metadata.get("max"), f"{where}: maxItems"
        _check_shape(spec, shape.member, schema["items"], f"{where}[]", seen)
    elif isinstance(shape, MapShape):
        assert schema.get("type") == "object", f"{where}: map is an object"
        assert schema.get("maxProperties") == shape.metadata.get("max"), f"{where}: maxProperties"
        _check_shape(spec, shape.value, _tolerant(schema["additionalProperties"], where), f"{where}{{}}", seen)
    else:
        _check_scalar(shape, schema, where)


def _check_structure(
    spec: dict[str, Any], shape: StructureShape, schema: dict[str, Any], where: str, seen: set[str]
) -> None:
    assert schema.get("type") == "object", f"{where}: object"
    body_members = {n: m for n, m in shape.members.items() if "location" not in m.serialization}
    assert set(schema.get("properties", {})) == set(body_members), f"{where}: members"
    if shape.is_tagged_union:
        assert (schema.get("minProperties"), schema.get("maxProperties")) == (1, 1), f"{where}: exactly one member"
        assert not schema.get("required"), f"{where}: union members are all optional"
    else:
        required = sorted(r for r in shape.required_members if r in body_members)
        assert sorted(schema.get("required", [])) == required, f"{where}: required"
    if shape.name in seen:  # recursive shapes (SearchGroupedFilterExpressions)
        return
    seen = seen | {shape.name}
    for name, member in body_members.items():
        _check_shape(spec, member, schema["properties"][name], f"{where}.{name}", seen)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_method_and_path(spec: dict[str, Any], service: ServiceModel, operation: str) -> None:
    model = service.operation_model(operation)
    path, method, _, _ = _find_operation(spec, OPERATIONS[operation])
    assert method.upper() == model.http["method"]
    assert path == model.http["requestUri"]
    assert model.http.get("responseCode", 200) == 200


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_parameters_and_body(spec: dict[str, Any], service: ServiceModel, operation: str) -> None:
    model: OperationModel = service.operation_model(operation)
    _, _, item, op = _find_operation(spec, OPERATIONS[operation])
    params = _parameters(spec, item, op)
    locations = {"uri": "path", "querystring": "query", "header": "header"}
    required = set(model.input_shape.required_members)
    expected_params = set()
    for name, member in model.input_shape.members.items():
        location = member.serialization.get("location")
        if location is None:
            continue
        key = (locations[location], member.serialization["name"].lower())
        expected_params.add(key)
        assert key in params, f"{operation}.{name}: no {key} parameter"
        param = params[key]
        assert param["name"] == member.serialization["name"], f"{operation}.{name}: spelling"
        assert bool(param.get("required")) == (name in required), f"{operation}.{name}: required"
        _check_shape(spec, member, param["schema"], f"{operation}.{name}", set())
    assert set(params) == expected_params, f"{operation}: parameters not in the model"

    body_members = {n for n, m in model.input_shape.members.items() if "location" not in m.serialization}
    if not body_members:
        assert "requestBody" not in op
        return
    body = op["requestBody"]
    assert body["required"] == bool(body_members & required)
    schema = body["content"]["application/json"]["schema"]
    _check_shape(spec, model.input_shape, schema, f"{operation} body", set())


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_output_members(spec: dict[str, Any], service: ServiceModel, operation: str) -> None:
    model = service.operation_model(operation)
    _, _, _, op = _find_operation(spec, OPERATIONS[operation])
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert not [m for m in model.output_shape.members.values() if "location" in m.serialization]
    _check_shape(spec, model.output_shape, schema, f"{operation} output", set())


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_modeled_errors(spec: dict[str, Any], service: ServiceModel, operation: str) -> None:
    model = service.operation_model(operation)
    _, _, _, op = _find_operation(spec, OPERATIONS[operation])
    documented = {int(code) for code in op["responses"] if code != "200"}
    assert documented == {e.metadata["error"]["httpStatusCode"] for e in model.error_shapes}
    for error in model.error_shapes:
        response = _resolve(spec, op["responses"][str(error.metadata["error"]["httpStatusCode"])])
        assert response["description"].startswith(error.name), f"{operation}: {error.name} description"
        headers = {name.lower(): _resolve(spec, h) for name, h in response["headers"].items()}
        assert headers["x-amzn-errortype"].get("required") is True
        for name, member in error.members.items():
            if member.serialization.get("location") == "header":
                header = headers[member.serialization["name"].lower()]
                assert header["schema"]["type"] == "integer", f"{error.name}.{name}"
        schema = response["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith(f"/{error.name}")
        _check_shape(spec, error, schema, error.name, set())


def test_no_extra_operations(spec: dict[str, Any]) -> None:
    ids = {op["operationId"] for item in spec["paths"].values() for op in item.values() if isinstance(op, dict)}
    assert ids == set(OPERATIONS.values())


def test_service_metadata(spec: dict[str, Any], service: ServiceModel) -> None:
    assert service.metadata["protocol"] == "rest-json"
    assert service.signing_name == "deadline"
    assert service.metadata["signatureVersion"] == "v4"
    scheme = spec["components"]["securitySchemes"]["sigv4"]
    assert scheme["x-amazon-apigateway-authtype"] == "awsSigv4"
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert spec["security"] == [{"sigv4": []}]
    for operation in OPERATIONS:
        prefix = service.operation_model(operation).endpoint["hostPrefix"]
        assert spec["servers"][0]["url"].startswith(f"https://{prefix}deadline.")
