"""Schemathesis against the Deadline emulator: every operation of openapi/deadline.yaml, SigV4-signed.

No response may be a 5xx or contradict the spec (status codes, content types, required headers, bodies). Two
cases in three get the seeded farm, queue, job, step and task ids swapped in (chosen from the generated values,
so runs repeat), so 200 bodies are checked, not only the 404s of random ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest
import requests
import schemathesis
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks as openapi_checks
from taskfacade_emulator import Emulator

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "deadline.yaml"
SIGNED_HEADERS = ("content-type", "x-amz-client-token")
IDS = ("farmId", "queueId", "jobId", "stepId")

schema = schemathesis.openapi.from_path(SPEC)
# AWS restJson1 services ignore query parameters they do not model (the SDKs never send any), so an extra query
# parameter is not "negative data" this service would reject.
schema.config.generation.update(allow_extra_parameters=False)


class SigV4Requests(requests.auth.AuthBase):
    """Sign a ``requests`` request like boto3 does, after re-encoding its query the AWS way (space as %20)."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        parts = urlsplit(str(request.url))
        query = urlencode(parse_qsl(parts.query, keep_blank_values=True), quote_via=quote, safe="-_.~")
        request.url = urlunsplit(parts._replace(query=query))
        headers = {k: v for k, v in request.headers.items() if k.lower() in SIGNED_HEADERS}
        aws = AWSRequest(method=request.method, url=request.url, data=request.body or b"", headers=headers)
        SigV4Auth(BotoCredentials("AKIDEMULATOR", "emulator-secret"), "deadline", "us-west-2").add_auth(aws)
        request.headers["Authorization"] = aws.headers["Authorization"]
        request.headers["X-Amz-Date"] = aws.headers["X-Amz-Date"]
        return request


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=60) as emu:
        yield emu


@pytest.fixture(scope="module")
def known(emulator: Emulator) -> dict[str, Any]:
    seeded: dict[str, Any] = emulator.seeded()["deadline"]
    return seeded


def _use_known_ids(case: schemathesis.Case, known: dict[str, Any]) -> None:
    """Two positive cases in three address the seeded resources (path ids and the ids inside request bodies).

    Negative cases are left alone: swapping in real ids could repair the very value that makes them invalid.
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    digest = int(hashlib.sha256(repr(case.path_parameters).encode() + repr(case.body).encode()).hexdigest(), 16)
    if digest % 3 == 0:
        return
    task_id = known["task_ids"][digest % len(known["task_ids"])]
    params = case.path_parameters or {}
    for name in (*IDS, "taskId"):
        if name in params:
            params[name] = task_id if name == "taskId" else known[name]
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("queueIds"), list):
        body["queueIds"] = [known["queueId"]]
        if "jobId" in body:
            body["jobId"] = known["jobId"]
    if isinstance(body, dict) and isinstance(body.get("identifiers"), list):
        body["identifiers"] = [
            _known_identifier(item, known, digest + i) if isinstance(item, dict) else item
            for i, item in enumerate(body["identifiers"])
        ]


def _known_identifier(item: dict[str, Any], known: dict[str, Any], pick: int) -> dict[str, Any]:
    """A batch identifier with the seeded ids swapped in for the ids it has (a task id only where it has one)."""
    swapped = {**item, **{k: known[k] for k in IDS if k in item}}
    if "taskId" in item:
        swapped["taskId"] = known["task_ids"][pick % len(known["task_ids"])]
    return swapped


def _excluded_checks(case: schemathesis.Case, signed: bool) -> list[Any]:
    """Where a schema-valid request is still a documented 400 of the real service, or AWS answers differently.

    The search operations' filter and sort ``name`` fields are free-form strings the service interprets (unknown
    names and unsupported filter kinds are ValidationExceptions), and ``nextToken`` is an opaque token only the
    service can mint: a well-formed random one is a documented 400, not valid data that was refused. A request without
    ``Authorization`` gets AWS's 403 MissingAuthenticationTokenException, where schemathesis insists on 401
    (test_deadline.py checks the 403 on every route).
    """
    excluded = []
    operation_id = case.operation.definition.raw.get("operationId")
    if operation_id in ("searchTasks", "searchJobs", "searchSteps") or (case.query or {}).get("nextToken"):
        excluded.append(openapi_checks.positive_data_acceptance)
    if not signed:
        excluded.append(openapi_checks.missing_required_header)
    return excluded


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_deadline_conforms(case: schemathesis.Case, emulator: Emulator, known: dict[str, Any]) -> None:
    _use_known_ids(case, known)
    # A case that carries the security scheme's header gets it replaced by a real signature; the cases that
    # test a missing Authorization header go out unsigned and must be refused.
    signed = "Authorization" in (case.headers or {})
    case.call_and_validate(
        base_url=emulator.base_url("deadline"),
        auth=SigV4Requests() if signed else None,
        excluded_checks=_excluded_checks(case, signed),
    )
