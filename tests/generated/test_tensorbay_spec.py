"""The TensorBay contract (openapi/tensorbay.yaml) and its generated client, without a server.

Sample bodies live in samples/tensorbay/<ModelName>/<case>.json, taken from reference/tensorbay.md (files named
``reference_*``) or built from its field tables. Samples named ``unknown_*`` deliberately carry values the spec
does not list (forward compatibility); every other sample must validate against its schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from taskfacade_generated.tensorbay import AuthenticatedClient, models
from taskfacade_generated.tensorbay.api.jobs import get_job
from taskfacade_generated.tensorbay.errors import UnexpectedStatus

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "tensorbay.yaml"
SAMPLES = Path(__file__).parent / "samples" / "tensorbay"
PREFIX = "/gatewayv2/tensorbay-open-api/v1/"
SAMPLE_FILES = sorted(SAMPLES.glob("*/*.json"))


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


def load(path: Path) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(path.read_text())
    return body


def test_spec_validates(spec: dict[str, Any]) -> None:
    validate(spec)


def test_every_path_is_a_full_real_path_with_auth_and_snake_friendly_operation_ids(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["XToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Token",
        "description": spec["components"]["securitySchemes"]["XToken"]["description"],
    }
    assert spec["security"] == [{"XToken": []}]
    operation_ids = []
    for path, item in spec["paths"].items():
        assert path.startswith(PREFIX), path
        assert not path.endswith("/"), path
        for method, operation in item.items():
            operation_ids.append(operation["operationId"])
            assert operation["tags"], (method, path)
            assert "200" in operation["responses"], (method, path)
            assert "401" in operation["responses"], (method, path)
    assert sorted(operation_ids) == sorted(
        [
            "listDatasets",
            "getDataset",
            "listDrafts",
            "createJob",
            "listJobs",
            "getJob",
            "deleteJob",
            "abortJob",
            "retryJob",
            "createDatasetFromSearchResult",
        ]
    )


def test_job_calls_carry_job_type_in_the_query_except_create(spec: dict[str, Any]) -> None:
    jobs = spec["paths"][PREFIX + "datasets/{datasetId}/jobs/{jobId}"]
    for operation in [jobs["get"], jobs["delete"]]:
        assert {"$ref": "#/components/parameters/JobTypeQuery"} in operation["parameters"]
    parameter = spec["components"]["parameters"]["JobTypeQuery"]
    assert parameter["in"] == "query"
    assert parameter["required"] is True
    create = spec["paths"][PREFIX + "datasets/{datasetId}/jobs"]["post"]
    assert all("JobTypeQuery" not in json.dumps(p) for p in create["parameters"])


def test_sample_files_exist_for_the_reference_examples() -> None:
    names = {f"{p.parent.name}/{p.stem}" for p in SAMPLE_FILES}
    assert {"Job/reference_wire_example", "JobList/reference_list_page", "Error/reference_code_message"} <= names


@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if not p.stem.startswith("unknown_")], ids=lambda p: p.stem)
def test_sample_validates_against_its_schema(spec: dict[str, Any], path: Path) -> None:
    schema = {"components": spec["components"], "$ref": f"#/components/schemas/{path.parent.name}"}
    errors = [e.message for e in OAS30Validator(schema).iter_errors(load(path))]
    assert errors == []


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_sample_round_trips_through_the_generated_model(path: Path) -> None:
    model = getattr(models, path.parent.name)
    body = load(path)
    assert model.from_dict(body).to_dict() == body


def test_unknown_enum_values_parse_to_unknown_members_keeping_the_raw_value() -> None:
    job = models.Job.from_dict(load(SAMPLES / "Job" / "unknown_status_and_type.json"))
    assert job.status.name == "UNKNOWN"
    assert job.status.value == "PAUSED"
    assert isinstance(job.status, models.JobStatus)
    assert job.status == "PAUSED"
    assert isinstance(job.job_type, models.JobType)
    assert job.job_type.name == "UNKNOWN"
    assert job.job_type.value == "deduplicate"
    assert job.additional_properties == {"futureField": {"nested": True}}
    error = models.Error.from_dict(load(SAMPLES / "Error" / "unknown_code.json"))
    assert isinstance(error.code, models.ErrorCode)
    assert error.code.name == "UNKNOWN"
    assert error.code.value == "Teapot"


def test_known_values_stay_regular_members() -> None:
    job = models.Job.from_dict(load(SAMPLES / "Job" / "reference_wire_example.json"))
    assert job.status is models.JobStatus.SUCCESS
    assert job.job_type is models.JobType.SQUASHANDMERGE
    assert job.created_at == 1700000000
    assert job.started_at == 1700000001
    assert job.finished_at == 1700000009


def test_arguments_and_result_are_open_objects_the_facade_parses_by_job_type() -> None:
    squash = models.Job.from_dict(load(SAMPLES / "Job" / "reference_wire_example.json"))
    assert isinstance(squash.result, models.JobResultType0)
    assert models.SquashAndMergeResult.from_dict(squash.result.to_dict()).draft_number == 3
    search = models.Job.from_dict(load(SAMPLES / "Job" / "basic_search_success.json"))
    assert isinstance(search.result, models.JobResultType0)
    result = models.BasicSearchResult.from_dict(search.result.to_dict())
    assert (result.search_result_id, result.search_result_commit_id) == ("SR1", "C1")
    arguments = models.BasicSearchArguments.from_dict(search.arguments.to_dict())
    assert arguments.unit is models.SearchUnit.FILE
    assert arguments.filters[0].value == ["car"]
    queuing = models.Job.from_dict(load(SAMPLES / "Job" / "get_without_job_type_queuing.json"))
    assert queuing.result is None
    assert queuing.started_at is None


def test_error_body_without_code_parses() -> None:
    error = models.Error.from_dict(load(SAMPLES / "Error" / "without_code.json"))
    assert error.message == "bad request"
    assert not error.code  # UNSET: the SDK's KeyError is not copied


def _client(handler: httpx.MockTransport, *, raise_on_unexpected_status: bool = False) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="https://gas.graviti.com",
        token="ACCESSKEY-unit",
        prefix="",
        auth_header_name="X-Token",
        httpx_args={"transport": handler},
        raise_on_unexpected_status=raise_on_unexpected_status,
    )


def test_status_520_with_an_html_body_parses_without_crashing() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(520, content=b"<html>origin error</html>", headers={"Content-Type": "text/html"})

    client = _client(httpx.MockTransport(handler))
    response = get_job.sync_detailed("DS1", "J1", client=client, job_type=models.JobType.SQUASHANDMERGE)
    assert response.status_code == 520
    assert response.parsed is None
    assert response.content == b"<html>origin error</html>"
    assert seen[0].headers["X-Token"] == "ACCESSKEY-unit"
    assert seen[0].url.path == "/gatewayv2/tensorbay-open-api/v1/datasets/DS1/jobs/J1"
    assert seen[0].url.params["jobType"] == "squashAndMerge"
    with pytest.raises(UnexpectedStatus) as raised:
        get_job.sync_detailed(
            "DS1",
            "J1",
            client=_client(httpx.MockTransport(handler), raise_on_unexpected_status=True),
            job_type=models.JobType.SQUASHANDMERGE,
        )
    assert raised.value.status_code == 520
