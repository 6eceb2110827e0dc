"""The TileDB contract (openapi/tiledb.yaml) and its generated client, without a server.

Sample bodies in samples/tiledb/ come from /work/shared/reference/tiledb.md; each file is ``<Model>.<label>.json``.
Round-trip normalisation (documented): the generated models parse RFC 3339 date-times and write them back with
``datetime.isoformat()`` (``+00:00`` instead of ``Z``, no ``.000``), so date-time strings are compared as
instants. Everything else, unknown keys and unknown enum values included, must come back unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_spec_validator import validate
from taskfacade_generated.tiledb import AuthenticatedClient, models
from taskfacade_generated.tiledb.api.tasks import get_task, get_task_result, list_tasks
from taskfacade_generated.tiledb.types import File, Unset

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "tiledb.yaml"
SAMPLES = sorted((Path(__file__).parent / "samples" / "tiledb").glob("*.json"))
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _same(expected: Any, actual: Any) -> bool:
    """Equality up to the documented date-time normalisation."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(_same(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(_same(a, b) for a, b in zip(expected, actual, strict=True))
    if isinstance(expected, str) and isinstance(actual, str) and _DATETIME.match(expected):
        return dt.datetime.fromisoformat(expected) == dt.datetime.fromisoformat(actual)
    return bool(expected == actual)


def _client(handler: Any) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="https://api.tiledb.com",
        token="tok",
        prefix="",
        auth_header_name="X-TILEDB-REST-API-KEY",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def test_spec_validates() -> None:
    validate(yaml.safe_load(SPEC.read_text()))


def test_samples_exist_for_every_top_level_response_model() -> None:
    names = {path.name.split(".")[0] for path in SAMPLES}
    assert {"ArrayTaskData", "ArrayTask", "Error", "Token", "User", "Organization"} <= names
    assert {"ArrayBrowserData", "GroupBrowserData"} <= names


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_round_trips(path: Path) -> None:
    body = json.loads(path.read_text())
    model = getattr(models, path.name.split(".")[0])
    assert _same(body, model.from_dict(body).to_dict())


def test_round_trip_keeps_unknown_fields() -> None:
    body = {"id": "t1", "status": "RUNNING", "new_field": {"nested": [1, 2]}, "asset": {"id": "a", "extra": True}}
    task = models.ArrayTask.from_dict(body)
    assert task.additional_properties["new_field"] == {"nested": [1, 2]}
    assert task.to_dict() == body


def test_unknown_enum_values_parse_to_unknown_members_keeping_the_raw_value() -> None:
    body = json.loads((Path(__file__).parent / "samples" / "tiledb" / "ArrayTask.all_fields.json").read_text())
    body.update(status="PAUSED_FOR_MAINTENANCE", type="VECTOR_SEARCH", result_format="parquet")
    body["array_metadata"]["file_type"] = "dashboard"
    task = models.ArrayTask.from_dict(body)
    assert task.status.name == "UNKNOWN"
    assert task.status.value == "PAUSED_FOR_MAINTENANCE"
    assert isinstance(task.status, models.ArrayTaskStatus)
    assert (task.type_.name, task.type_.value) == ("UNKNOWN", "VECTOR_SEARCH")
    assert task.result_format.value == "parquet"
    assert task.array_metadata.file_type.name == "UNKNOWN"
    assert _same(body, task.to_dict())


def test_unknown_values_inside_enum_lists_survive() -> None:
    user = models.User.from_dict({"username": "u", "allowed_actions": ["read", "time_travel"]})
    assert [a.name for a in user.allowed_actions] == ["READ", "UNKNOWN"]
    assert user.to_dict()["allowed_actions"] == ["read", "time_travel"]


def test_list_tasks_request_matches_the_captured_wire_line() -> None:
    """Reference 3.1, TC3 capture: csv exclude_type, repeated file_type, epoch seconds, 0-based page, `+` spaces."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"pagination_metadata": {"page": 1, "per_page": 5}})

    response = list_tasks.sync_detailed(
        "ws_test",
        client=_client(handler),
        teamspace="general",
        array="a/arr",
        start=1794728501,
        end=1795333301,
        page=1,
        per_page=5,
        type_=models.ArrayTaskType.SQL,
        exclude_type="UDF,QUERY",
        file_type=["a", "b"],
        exclude_file_type=["c"],
        status=models.ArrayTaskStatus.RUNNING,
        search="q x",
        orderby="start_time",
    )
    assert seen[0].url.raw_path.decode() == (
        "/v1/tasks/ws_test?teamspace=general&array=a%2Farr&start=1794728501&end=1795333301&page=1&per_page=5"
        "&type=SQL&exclude_type=UDF%2CQUERY&file_type=a&file_type=b&exclude_file_type=c&status=RUNNING"
        "&search=q+x&orderby=start_time"
    )
    assert seen[0].headers["X-TILEDB-REST-API-KEY"] == "tok"
    assert isinstance(response.parsed, models.ArrayTaskData)
    assert isinstance(response.parsed.array_tasks, Unset)  # absent on the wire (x-omitempty): read it as []


def test_a_520_response_parses_without_crashing() -> None:
    body = {"code": 1000, "message": "origin error", "request_id": "r9"}
    response = get_task.sync_detailed(
        "ws_test", uuid.UUID(int=1), client=_client(lambda request: httpx.Response(520, json=body))
    )
    assert response.status_code == 520
    assert isinstance(response.status_code, int)
    assert response.parsed is None  # an error body is the facade's to parse (``default`` beside a listed success)
    assert models.Error.from_dict(json.loads(response.content)).code == 1000


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.apache.arrow.stream",
        "application/octet-stream",
        "application/json",
        "application/vnd.tiledb.udf-data+json",
        "application/vnd.tiledb.python-pickle",
    ],
)
def test_result_200_is_raw_bytes_whatever_the_content_type(content_type: str) -> None:
    payload = b"\x80\x04not-json"
    response = get_task_result.sync_detailed(
        "ws_test",
        uuid.UUID(int=2),
        client=_client(lambda r: httpx.Response(200, content=payload, headers={"Content-Type": content_type})),
    )
    assert isinstance(response.parsed, File)
    assert response.parsed.payload.read() == payload
    assert response.headers["content-type"] == content_type


def test_result_202_is_not_data_and_404_is_an_error() -> None:
    still_running = get_task_result.sync_detailed(
        "ws_test", uuid.UUID(int=3), client=_client(lambda r: httpx.Response(202))
    )
    assert still_running.status_code == 202
    assert still_running.parsed is None
    expired = get_task_result.sync_detailed(
        "ws_test",
        uuid.UUID(int=3),
        client=_client(lambda r: httpx.Response(404, json={"code": 1006, "message": "results have expired"})),
    )
    assert (expired.status_code, expired.parsed) == (404, None)
    assert models.Error.from_dict(json.loads(expired.content)).message == "results have expired"
