"""openapi/tiledb.yaml checked against TileDB's published spec, and exclude_type checked on the wire.

TileDB publishes its REST API as Swagger 2.0 (openapi/vendor/tiledb-openapi-v1.excerpt.yaml; origin in
openapi/vendor/README.md). openapi-python-client rejects Swagger 2.0, so the excerpt is converted
(scripts/specdiff/_swagger2.py) and compared operation by operation. Our operations carry the newer wire's
``{workspace}`` path segment; the vendor's are the legacy paths without it. Every deliberate deviation is listed
below with its reason; anything else fails.

The generator ignores ``style``/``explode``, so the encoding of array query parameters is checked on the wire too:
the vendor sends ``exclude_type`` as ONE comma-separated value (collectionFormat csv) and ``file_type`` as repeated
keys (collectionFormat multi); the facade must do the same.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from taskfacade.tiledb import Client
from taskfacade.tiledb.tasks import fetch_tasks

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from specdiff import SpecError, parse_spec  # noqa: E402
from specdiff._model import Field, Operation, operations  # noqa: E402
from specdiff._swagger2 import to_openapi3  # noqa: E402

EXCERPT = ROOT / "openapi" / "vendor" / "tiledb-openapi-v1.excerpt.yaml"

#: vendor query parameters we do not model, with why
NOT_MODELLED = {
    ("listTasks", "namespace"): "the legacy namespace filter; the newer wire filters by teamspace",
}
#: (operation, response field) -> (vendor base type, ours): documented deviations
TYPES_DIFFER = {
    ("getUser", "default_s3_path_credentials_name"): ("any", "string"),  # the vendor leaves it untyped
    ("getTaskResult", ""): ("string", "any"),  # result bodies: JSON, Arrow or bytes by Content-Type
}
PAGINATION = ("pagination_metadata.page", "pagination_metadata.per_page", "pagination_metadata.total_items",
              "pagination_metadata.total_pages")  # fmt: skip


@pytest.fixture(scope="module")
def vendor() -> dict[str, Operation]:
    converted = to_openapi3(yaml.safe_load(EXCERPT.read_text()), EXCERPT.name)
    parse_spec(yaml.safe_dump(converted), f"{EXCERPT.name} (converted)")  # a valid OpenAPI 3 document
    return operations(converted)


#: our operations that are not in the v1 spec at all, with why (each is exercised against tiledb-client instead)
NOT_IN_V1 = {
    "getWorkspace": "tiledb-client 3.x's v4 API (workspaces_api.get_workspace), how it resolves a workspace name; "
    "the porting suite (tests/facade/tiledb/test_tiledb_porting.py) runs the real client against it",
}


@pytest.fixture(scope="module")
def pairs(vendor: dict[str, Operation]) -> dict[str, tuple[Operation, Operation]]:
    """Our operationId -> (the vendor's operation at the legacy path, ours)."""
    by_place = {(op.method, op.path): op for op in vendor.values()}
    ours = operations(yaml.safe_load((ROOT / "openapi" / "tiledb.yaml").read_text()))
    out = {}
    assert set(NOT_IN_V1) <= set(ours)
    for op_id, op in ours.items():
        if op_id in NOT_IN_V1:
            continue
        place = (op.method, op.path.replace("/{workspace}", ""))
        assert place in by_place, f"{op_id}: {place} is not in the vendor's spec"
        out[op_id] = (by_place[place], op)
    return out


def _base(field: Field) -> str:
    """A type without format or nullability (the vendor marks neither the way the wire behaves)."""
    kinds = {part.split(":", 1)[0] for part in field.type.split("|") if part != "null"}
    return "|".join(sorted(kinds))


def test_the_converter_maps_collection_formats() -> None:
    doc = {
        "swagger": "2.0",
        "basePath": "/v1",
        "paths": {
            "/x": {
                "get": {
                    "parameters": [
                        {"name": "csv", "in": "query", "type": "array", "items": {"type": "string"}},
                        {"name": "multi", "in": "query", "type": "array", "collectionFormat": "multi",
                         "items": {"type": "string"}},
                    ],  # fmt: skip
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/A"}}},
                }
            }
        },
        "definitions": {"A": {"type": "object", "properties": {"b": {"type": "string", "x-nullable": True}}}},
    }
    converted = to_openapi3(doc)
    csv, multi = converted["paths"]["/v1/x"]["get"]["parameters"]
    assert (csv["style"], csv["explode"]) == ("form", False)
    assert (multi["style"], multi["explode"]) == ("form", True)
    assert converted["components"]["schemas"]["A"]["properties"]["b"] == {"type": "string", "nullable": True}
    doc["paths"]["/x"]["get"]["parameters"][0]["collectionFormat"] = "tsv"
    with pytest.raises(SpecError, match="collectionFormat tsv"):
        to_openapi3(doc)


def test_every_operation_is_in_the_vendor_spec(pairs: dict[str, tuple[Operation, Operation]]) -> None:
    assert len(pairs) == 13


def test_query_parameters_match_the_vendor(pairs: dict[str, tuple[Operation, Operation]]) -> None:
    for op_id, (theirs, ours) in pairs.items():
        for key, param in theirs.params.items():
            where, name = key.split(":", 1)
            if (op_id, name) in NOT_MODELLED:
                assert key not in ours.params
                continue
            assert key in ours.params, f"{op_id}: the vendor's {key} is missing"
            mine = ours.params[key]
            assert mine.required == param.required, f"{op_id} {key}: required"
            if name == "exclude_type":
                # the vendor: an array, csv (form, explode false) = ONE comma-separated value; ours models exactly
                # that value as a string, because the generator would send an array as repeated keys
                assert (param.fields[""].type, param.style, param.explode) == ("array", "form", False)
                assert mine.fields[""].type == "string"
                continue
            if param.fields[""].type == "array":
                assert (mine.style, mine.explode) == (param.style, param.explode), f"{op_id} {key}: encoding"
            assert _base(mine.fields[""]) == _base(param.fields[""]), f"{op_id} {key}: type"
            if param.fields[""].enum is not None:
                assert set(param.fields[""].enum) <= set(mine.fields[""].enum or ()), f"{op_id} {key}: enum"


def test_response_fields_match_the_vendor(pairs: dict[str, tuple[Operation, Operation]]) -> None:
    for op_id, (theirs, ours) in pairs.items():
        vendor_200, ours_200 = theirs.responses.get("200", {}), ours.responses.get("200", {})
        for path, field in ours_200.items():
            if path not in vendor_200:
                continue  # fields the newer wire adds (asset, name, description...)
            if path.endswith(PAGINATION):  # number/uint64 in the vendor spec, whole on the wire (spec header)
                assert (_base(vendor_200[path]), _base(field)) == ("number", "integer")
                continue
            expected = TYPES_DIFFER.get((op_id, path), (_base(vendor_200[path]), _base(vendor_200[path])))
            assert (_base(vendor_200[path]), _base(field)) == expected, f"{op_id} {path}"
            if vendor_200[path].enum is not None:
                missing = set(vendor_200[path].enum) - set(field.enum or ())
                assert not missing, f"{op_id} {path}: vendor enum values {sorted(missing)} missing"


def test_every_vendor_field_the_facade_reads_is_modelled(pairs: dict[str, tuple[Operation, Operation]]) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from specdiff._impact import FacadeIndex

    names = FacadeIndex("tiledb").facade_names()
    for op_id, (theirs, ours) in pairs.items():
        mine = ours.responses.get("200", {})
        missing = {
            path
            for path in theirs.responses.get("200", {}).keys() - mine.keys()
            if path and path.rsplit(".", 1)[-1].removesuffix("[]") in names and _modelled_parent(path, mine)
        }
        assert not missing, f"{op_id}: the facade reads {sorted(missing)}, which our spec does not model"


def _modelled_parent(path: str, fields: dict[str, Field]) -> bool:
    """Whether ``path``'s parent is an object our spec models member by member (not kept raw, e.g. ``items: {}``)."""
    parent = path.rsplit(".", 1)[0] if "." in path else ""
    return parent in fields and any(p.startswith(f"{parent}.") for p in fields if p != path) if parent else True


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        body = json.dumps({"array_tasks": [], "pagination_metadata": {"page": 0, "per_page": 20, "total_items": 0,
                                                                         "total_pages": 0}}).encode()  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_facade_encodes_array_parameters_as_the_vendor_does(recorder: str) -> None:
    client = Client(host=recorder, token="t", workspace="ws_1")
    list(fetch_tasks(exclude_type=["UDF", "QUERY"], file_type=["notebook", "ml_model"], client=client))
    [path] = [p for p in _Recorder.seen if p.startswith("/v1/tasks/ws_1")]
    query = urlsplit(path).query
    assert "exclude_type=UDF%2CQUERY" in query  # one key, comma-separated (csv)
    assert parse_qs(query)["exclude_type"] == ["UDF,QUERY"]
    assert parse_qs(query)["file_type"] == ["notebook", "ml_model"]  # repeated keys (multi)
