"""The Deadline contract (openapi/deadline.yaml) and the client generated from it.

Sample bodies under samples/deadline/ are taken from the reference doc (/work/shared/reference/deadline.md) and are
named ``<Model>[--variant].json``. Documented normalisation for the round trip: the generated models serialise
timestamps with ``datetime.isoformat()`` (``+00:00``, microseconds as given), so timestamps are compared as
datetimes, not strings.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from taskfacade_generated.deadline import Client, models
from taskfacade_generated.deadline.api.jobs import get_job, list_jobs
from taskfacade_generated.deadline.api.tasks import batch_get_task, get_task, list_tasks, search_tasks, update_task

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "deadline.yaml"
SAMPLES = Path(__file__).parent / "samples" / "deadline"
TIMESTAMP_KEYS = frozenset({"createdAt", "startedAt", "endedAt", "updatedAt", "dateTime"})

FARM = "farm-0123456789abcdef0123456789abcdef"
QUEUE = "queue-0123456789abcdef0123456789abcdef"
JOB = "job-0123456789abcdef0123456789abcdef"
STEP = "step-0123456789abcdef0123456789abcdef"
TASK = "task-0123456789abcdef0123456789abcdef-0"


@functools.cache
def _spec() -> dict[str, Any]:
    """The parsed spec (parsed once; treat as read-only)."""
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


def _normalise(value: Any, key: str = "") -> Any:
    """Timestamps become aware datetimes, so ``Z`` vs ``+00:00`` and ``.250`` vs ``.250000`` compare equal."""
    if isinstance(value, dict):
        return {k: _normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v, key) for v in value]
    if key in TIMESTAMP_KEYS and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def test_spec_validates() -> None:
    validate(copy.deepcopy(_spec()))


def test_every_sample_has_a_model() -> None:
    names = {_model_name(s) for s in _samples()}
    assert len(_samples()) >= 20
    for name in names:
        assert hasattr(models, name), f"sample for unknown model {name}"


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.stem)
def test_sample_round_trips_through_the_generated_model(sample: Path) -> None:
    body = json.loads(sample.read_text())
    model = getattr(models, _model_name(sample)).from_dict(body)
    assert _normalise(model.to_dict()) == _normalise(body)


@pytest.mark.parametrize("sample", [s for s in _samples() if "--unknown" not in s.stem], ids=lambda p: p.stem)
def test_sample_conforms_to_the_spec_schema(sample: Path) -> None:
    spec = _spec()
    schema = {"$ref": f"#/components/schemas/{_model_name(sample)}", "components": spec["components"]}
    OAS30Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER).validate(json.loads(sample.read_text()))


def test_timestamps_parse_to_aware_utc_datetimes() -> None:
    task = models.GetTaskResponse.from_dict(json.loads((SAMPLES / "GetTaskResponse.json").read_text()))
    assert task.created_at == dt.datetime(2024, 3, 14, 10, 12, 33, tzinfo=dt.UTC)
    assert task.started_at == dt.datetime(2024, 3, 14, 10, 14, 1, 250000, tzinfo=dt.UTC)


def test_unknown_enum_value_parses_to_unknown_keeping_the_raw_string() -> None:
    body = json.loads((SAMPLES / "GetTaskResponse--unknown-enum.json").read_text())
    task = models.GetTaskResponse.from_dict(body)
    assert task.run_status.name == "UNKNOWN"
    assert task.run_status.value == "HIBERNATING"
    assert isinstance(task.run_status, models.TaskRunStatus)
    assert task.target_run_status.name == "UNKNOWN"
    assert task.target_run_status.value == "ARCHIVED"
    assert task.to_dict()["runStatus"] == "HIBERNATING"
    assert models.TaskRunStatus("SUCCEEDED") is models.TaskRunStatus.SUCCEEDED


def test_unknown_union_member_is_kept_not_fatal() -> None:
    body = json.loads((SAMPLES / "GetTaskResponse--unknown-union-member.json").read_text())
    task = models.GetTaskResponse.from_dict(body)
    value = task.parameters["Frame"]
    assert value.additional_properties == {"someFutureType": "x"}
    assert not value.int_


def _client(handler: Any) -> Client:
    return Client(base_url="https://management.deadline.us-west-2.amazonaws.com", httpx_args={"transport": handler})


def test_status_520_parses_without_crashing() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(520, content=b"<html>origin error</html>"))
    response = get_task.sync_detailed(FARM, QUEUE, JOB, STEP, TASK, client=_client(transport))
    assert response.status_code == 520
    assert response.parsed is None


def test_documented_error_parses_to_its_model() -> None:
    """A documented error is kept raw by the operation (the facade parses error bodies) and fits its model."""
    body = (SAMPLES / "ResourceNotFoundException.json").read_bytes()
    transport = httpx.MockTransport(
        lambda request: httpx.Response(404, content=body, headers={"X-Amzn-ErrorType": "ResourceNotFoundException"})
    )
    response = get_task.sync_detailed(FARM, QUEUE, JOB, STEP, TASK, client=_client(transport))
    assert (response.status_code, response.parsed, response.content) == (404, None, body)
    assert _error_schema(_spec(), "getTask", "404") == "ResourceNotFoundException"
    parsed = models.ResourceNotFoundException.from_dict(json.loads(body))
    assert parsed.resource_type == "task"


def test_requests_go_on_the_wire_as_the_service_expects() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(520)  # undocumented: parsed is None, only the request matters here

    client = _client(httpx.MockTransport(handler))
    list_tasks.sync_detailed(FARM, QUEUE, JOB, STEP, client=client, next_token="abc", max_results=5)
    body = models.UpdateTaskRequest(target_run_status=models.TaskTargetRunStatus.CANCELED)
    update_task.sync_detailed(FARM, QUEUE, JOB, STEP, TASK, client=client, body=body, x_amz_client_token="tok-1")
    search = models.SearchTasksRequest.from_dict(json.loads((SAMPLES / "SearchTasksRequest.json").read_text()))
    search_tasks.sync_detailed(FARM, client=client, body=search)
    identifiers = json.loads((SAMPLES / "BatchGetTaskRequest.json").read_text())
    batch_get_task.sync_detailed(client=client, body=models.BatchGetTaskRequest.from_dict(identifiers))
    get_job.sync_detailed(FARM, QUEUE, JOB, client=client)
    list_jobs.sync_detailed(FARM, QUEUE, client=client)

    base = f"/2023-10-12/farms/{FARM}/queues/{QUEUE}/jobs/{JOB}"
    assert [(r.method, r.url.path) for r in seen] == [
        ("GET", f"{base}/steps/{STEP}/tasks"),
        ("PATCH", f"{base}/steps/{STEP}/tasks/{TASK}"),
        ("POST", f"/2023-10-12/farms/{FARM}/search/tasks"),
        ("POST", "/2023-10-12/batch-get-task"),
        ("GET", base),
        ("GET", f"/2023-10-12/farms/{FARM}/queues/{QUEUE}/jobs"),
    ]
    assert dict(seen[0].url.params) == {"nextToken": "abc", "maxResults": "5"}
    assert seen[1].headers["X-Amz-Client-Token"] == "tok-1"
    assert json.loads(seen[1].content) == {"targetRunStatus": "CANCELED"}
    assert json.loads(seen[2].content) == json.loads((SAMPLES / "SearchTasksRequest.json").read_text())
    assert not seen[4].content
