"""Deadline's throttling, as OpenTelemetry counts it: ``ThrottlingException`` is a throttle whatever its status.

botocore treats the error code, not only a 429, as "slow down"; so do the rate limiter (``Failure.throttled``)
and the ``taskfacade.throttles`` counter. Served by ``httpx.MockTransport`` (the exact status and code a test
needs; the emulator answers throttles with 429).
"""

from __future__ import annotations

import json

import httpx
import pytest
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from support.otel_support import installed, total
from taskfacade import deadline

IDS = {"farmId": "farm-" + "a" * 32, "queueId": "queue-" + "b" * 32, "jobId": "job-" + "c" * 32}


def _client_answering(status: int, code: str) -> deadline.DeadlineClient:
    def answer(request: httpx.Request) -> httpx.Response:
        body = json.dumps({"message": "slow down"}).encode()
        return httpx.Response(status, content=body, headers={"x-amzn-ErrorType": code, "x-amzn-RequestId": "r"})

    return deadline.client(
        region_name="us-west-2",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        retry_mode="disabled",
        rate_limit=None,  # the counter, not the limiter, is under test
        environ={},
        httpx_transport=httpx.MockTransport(answer),
    )


@pytest.mark.parametrize(
    ("status", "code", "counted"), [(400, "ThrottlingException", 1), (400, "ValidationException", 0)]
)
def test_a_throttling_code_counts_as_a_throttle_whatever_the_status(status: int, code: str, counted: int) -> None:
    _exporter, reader = installed()
    assert isinstance(reader, InMemoryMetricReader)
    before = total(reader, "taskfacade.throttles", service="deadline")
    with _client_answering(status, code) as client, pytest.raises(client.exceptions.ClientError) as caught:
        client.get_job(**IDS)
    assert caught.value.response["Error"]["Code"] == code
    assert total(reader, "taskfacade.throttles", service="deadline") - before == counted
