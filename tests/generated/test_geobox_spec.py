"""The Geobox contract (openapi/geobox.yaml) and the client generated from it.

Sample bodies under samples/geobox/ come from the reference doc (/work/shared/reference/geobox.md) and are named
``<Model>[--variant].json``; a sample that is a JSON array holds several bodies of that model (a list page).
The round trip needs no normalisation: timestamps are typed as strings (Geobox sends them without an offset, see
the spec's description), so ``from_dict(...).to_dict()`` gives back exactly the input.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from taskfacade_generated.geobox import AuthenticatedClient, Client, models
from taskfacade_generated.geobox.api.assets import (
    get_file_info,
    get_model_3d,
    get_raster,
    get_table,
    get_tile_3d,
    get_vector_layer,
)
from taskfacade_generated.geobox.api.auth import login_for_access_token
from taskfacade_generated.geobox.api.tasks import abort_task, get_task, get_task_status, get_tasks

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "geobox.yaml"
SAMPLES = Path(__file__).parent / "samples" / "geobox"
BASE = "https://api.geobox.ir"
TASK_ID = "12345678-1234-5678-1234-567812345678"


def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return spec


def _error_schema(spec: dict[str, Any], operation_id: str, status: str) -> str:
    """The schema name ``spec`` documents for ``operation_id``'s ``status`` response (``$ref`` followed)."""

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = spec
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                schema = resolve(operation["responses"][status])["content"]["application/json"]["schema"]
                name: str = schema["$ref"].rsplit("/", 1)[-1]
                return name
    raise AssertionError(f"no operation {operation_id}")


def _samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.json"))


def _model_name(sample: Path) -> str:
    return sample.stem.split("--")[0]


def _bodies(sample: Path) -> list[Any]:
    body = json.loads(sample.read_text())
    return body if isinstance(body, list) else [body]


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=BASE, token="secret-token", httpx_args={"transport": httpx.MockTransport(handler)}
    )


def _replying(status: int, body: Any, seen: list[httpx.Request] | None = None) -> AuthenticatedClient:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, headers={"content-type": "text/html"})
        return httpx.Response(status, json=body)

    return _client(handler)


def test_spec_is_valid_openapi_3_0() -> None:
    spec = _spec()
    validate(spec)
    assert spec["openapi"] == "3.0.3"


def test_every_path_is_a_full_real_path_with_a_trailing_slash() -> None:
    paths = _spec()["paths"]
    assert all(path.startswith("/v1/") and path.endswith("/") for path in paths)
    assert "/v1/tasks/{uuid}/status/" in paths
    assert "/v1/files/{uuid}/info/" in paths


def test_every_operation_is_named_tagged_and_secured_except_login() -> None:
    spec = _spec()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert op["operationId"], (method, path)
            assert op["tags"], (method, path)
            security = op.get("security", spec["security"])
            assert (security == []) == (op["operationId"] == "loginForAccessToken"), (method, path)
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert (schemes["apikeyQuery"]["in"], schemes["apikeyQuery"]["name"]) == ("query", "apikey")


def test_samples_cover_every_response_model() -> None:
    covered = {_model_name(s) for s in _samples()}
    expected = {"Task", "TaskResult", "TaskCount", "TaskProgress", "AccessToken", "ErrorBody"}
    expected |= {"VectorLayer", "Raster", "Model3D", "FileInfo", "Tile3D", "Table"}
    assert expected <= covered


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.stem)
def test_sample_round_trips_through_the_generated_model(sample: Path) -> None:
    model = getattr(models, _model_name(sample))
    for body in _bodies(sample):
        assert model.from_dict(body).to_dict() == body


@pytest.mark.parametrize("sample", [s for s in _samples() if "unknown-enum" not in s.stem], ids=lambda p: p.stem)
def test_sample_conforms_to_the_spec_schema(sample: Path) -> None:
    schema = {"$ref": f"#/components/schemas/{_model_name(sample)}", "components": _spec()["components"]}
    validator = OAS30Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER)
    for body in _bodies(sample):
        validator.validate(body)


@pytest.mark.parametrize(
    ("sample", "field", "raw"),
    [
        ("Task--unknown-enum", "state", "REVOKED"),
        ("VectorLayer--unknown-enum", "layer_type", "MultiPolygon"),
        ("FileInfo--unknown-enum", "file_type", "LAZ"),
    ],
)
def test_unknown_enum_value_parses_to_unknown_keeping_the_raw_string(sample: str, field: str, raw: str) -> None:
    body = json.loads((SAMPLES / f"{sample}.json").read_text())
    parsed = getattr(models, _model_name(SAMPLES / f"{sample}.json")).from_dict(body)
    value = getattr(parsed, field)
    assert (value.name, value.value) == ("UNKNOWN", raw)
    assert parsed.to_dict()[field] == raw


def test_unknown_state_in_a_list_page_keeps_the_rest_of_the_page() -> None:
    page = [*_bodies(SAMPLES / "Task--list.json"), json.loads((SAMPLES / "Task--unknown-enum.json").read_text())]
    parsed = get_tasks.sync_detailed(client=_replying(200, page)).parsed
    assert isinstance(parsed, list)
    assert [t.state.name for t in parsed] == ["SUCCESS", "PROGRESS", "UNKNOWN"]


def test_task_result_asset_keys_map_to_attributes() -> None:
    result = models.TaskResult.from_dict(json.loads((SAMPLES / "TaskResult--every-asset-key.json").read_text()))
    assert (result.field_3dtiles_uuid, result.table_uuid, result.raster_uuid) == ("t-1", "tb-1", "r-1")
    task = models.Task.from_dict(json.loads((SAMPLES / "Task--publish-success.json").read_text()))
    assert isinstance(task.result, models.TaskResult)
    assert task.result.layer_uuid == "aaaa-layer"


@pytest.mark.parametrize(
    ("body", "expected_type"),
    [(_bodies(SAMPLES / "Task--list.json"), list), ({"count": 42}, models.TaskCount), (42, int), ([], list)],
)
def test_list_response_union_parses_page_count_object_and_bare_count(body: Any, expected_type: type) -> None:
    parsed = get_tasks.sync_detailed(client=_replying(200, body), return_count=not isinstance(body, list)).parsed
    assert isinstance(parsed, expected_type)
    if isinstance(parsed, list):
        assert [t.to_dict() for t in parsed] == body


@pytest.mark.parametrize("status", [520, 499])
def test_non_standard_status_parses_without_crashing(status: int) -> None:
    client = _replying(status, b"<html>origin error</html>")
    for response in (
        get_task.sync_detailed(TASK_ID, client=client),
        get_tasks.sync_detailed(client=client),
        abort_task.sync_detailed(TASK_ID, client=client),
    ):
        assert response.status_code == status
        assert response.parsed is None
        assert response.content == b"<html>origin error</html>"


@pytest.mark.parametrize(
    ("status", "sample"),
    [(404, "ErrorBody--not-found"), (422, "ErrorBody--validation-list"), (409, "ErrorBody--detail-object")],
)
def test_documented_error_bodies_parse_to_error_body(status: int, sample: str) -> None:
    body = json.loads((SAMPLES / f"{sample}.json").read_text())
    call, operation_id = (abort_task, "abortTask") if status == 409 else (get_vector_layer, "getVectorLayer")
    response = call.sync_detailed("x", client=_replying(status, body))
    assert (response.status_code, response.parsed, json.loads(response.content)) == (status, None, body)
    assert _error_schema(_spec(), operation_id, str(status)) == "ErrorBody"  # the facade parses it, not the operation
    assert models.ErrorBody.from_dict(body).to_dict() == body


def test_list_request_is_encoded_as_geobox_expects() -> None:
    seen: list[httpx.Request] = []
    get_tasks.sync_detailed(
        client=_replying(200, [], seen),
        state=models.TaskStatus.PENDING,
        q="name LIKE '%roads%'",
        search_fields="name,uuid",
        order_by="name A, created_at D",
        return_count=True,
        skip=20,
        limit=5,
        user_id=7,
        shared=True,
    )
    request = seen[0]
    assert (request.method, request.url.path) == ("GET", "/v1/tasks/")
    assert request.headers["authorization"] == "Bearer secret-token"
    assert dict(request.url.params) == {
        "state": "PENDING",
        "q": "name LIKE '%roads%'",
        "search_fields": "name,uuid",
        "order_by": "name A, created_at D",
        "return_count": "true",
        "skip": "20",
        "limit": "5",
        "user_id": "7",
        "shared": "true",
    }


@pytest.mark.parametrize(
    ("call", "method", "path"),
    [
        (lambda c: get_task.sync_detailed(TASK_ID, client=c), "GET", f"/v1/tasks/{TASK_ID}/"),
        (lambda c: get_task_status.sync_detailed(TASK_ID, client=c), "GET", f"/v1/tasks/{TASK_ID}/status/"),
        (lambda c: abort_task.sync_detailed(TASK_ID, client=c), "POST", f"/v1/tasks/{TASK_ID}/abort/"),
        (lambda c: get_vector_layer.sync_detailed("u", client=c), "GET", "/v1/vectorLayers/u/"),
        (lambda c: get_raster.sync_detailed("u", client=c), "GET", "/v1/rasters/u/"),
        (lambda c: get_model_3d.sync_detailed("u", client=c), "GET", "/v1/3dmodels/u/"),
        (lambda c: get_file_info.sync_detailed("u", client=c), "GET", "/v1/files/u/info/"),
        (lambda c: get_tile_3d.sync_detailed("u", client=c), "GET", "/v1/3dtiles/u/"),
        (lambda c: get_table.sync_detailed("u", client=c), "GET", "/v1/tables/u/"),
    ],
)
def test_operation_paths_keep_the_real_trailing_slashes(call: Any, method: str, path: str) -> None:
    seen: list[httpx.Request] = []
    call(_replying(404, {"detail": "not found"}, seen))
    assert (seen[0].method, seen[0].url.raw_path.decode()) == (method, path)


def test_login_posts_an_oauth2_password_form_without_credentials() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"access_token": "tok", "token_type": "bearer"})

    client = Client(base_url=BASE, httpx_args={"transport": httpx.MockTransport(handler)})
    form = models.LoginForm(username="u", password="p w")
    parsed = login_for_access_token.sync_detailed(client=client, body=form).parsed
    assert isinstance(parsed, models.AccessToken)
    assert parsed.access_token == "tok"
    request = seen[0]
    assert (request.method, request.url.path) == ("POST", "/v1/auth/token/")
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.content == b"username=u&password=p+w"
    assert "authorization" not in request.headers
