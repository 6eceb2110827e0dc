"""OpenTelemetry spans and metrics (``taskfacade._telemetry``) against the emulator, in both twins.

The SDK's in-memory span exporter and metric reader are installed as the global providers once per process
(OpenTelemetry allows one of each); each test reads what its own calls added.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from hostile.hostile_support import CANARY_TOKEN, forms
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from support.otel_support import installed
from support.otel_support import points as _points
from support.otel_support import spans as _spans
from support.otel_support import total as _total
from taskfacade.tiledb import TasksError
from taskfacade_emulator import Emulator
from tiledb_helpers import TOKEN


@pytest.fixture
def otel() -> tuple[InMemorySpanExporter, InMemoryMetricReader]:
    return installed()


def test_a_503_retry_makes_two_attempt_spans_and_counts(emu: Emulator, twin: Any, otel: Any) -> None:
    exporter, reader = otel
    task_id = str(emu.seeded()["tiledb"]["task_ids"][0])
    before = {name: _total(reader, name, service="tiledb") for name in ("taskfacade.requests", "taskfacade.retries")}
    emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=503, count=1)
    client = twin.client()
    assert twin.task(task_id, client=client).id == task_id
    attempts = _spans(exporter, "taskfacade.attempt")
    assert [span.attributes["taskfacade.attempt"] for span in attempts] == [1, 2]
    first, second = attempts
    assert first.attributes["taskfacade.service"] == "tiledb"
    assert first.attributes["taskfacade.operation"] == second.attributes["taskfacade.operation"] != "-"
    assert first.attributes["taskfacade.retry.reason"] == "status"
    assert first.attributes["http.response.status_code"] == 503
    assert not first.status.is_ok
    assert "taskfacade.retry.reason" not in second.attributes
    assert _total(reader, "taskfacade.requests", service="tiledb") - before["taskfacade.requests"] == 2
    assert _total(reader, "taskfacade.retries", service="tiledb") - before["taskfacade.retries"] == 1


def test_a_429_counts_as_a_throttle(emu: Emulator, twin: Any, otel: Any) -> None:
    _exporter, reader = otel
    task_id = str(emu.seeded()["tiledb"]["task_ids"][0])
    before = _total(reader, "taskfacade.throttles", service="tiledb")
    emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=429, count=1, retry_after=1)
    twin.task(task_id, client=twin.client())
    assert _total(reader, "taskfacade.throttles", service="tiledb") - before == 1


@pytest.mark.parametrize("how", ["wait", "wait_all"])
def test_a_wait_makes_a_wait_span_with_its_job_counts(emu: Emulator, twin: Any, otel: Any, how: str) -> None:
    exporter, reader = otel
    client = twin.client()
    [task_id] = emu.create_tasks("tiledb", queued_s=1, run_s=3, type="SQL")
    found = twin.task(task_id, client=client)
    waits_before = sum(point.count for point in _points(reader).get("taskfacade.wait.duration", []))
    if how == "wait":
        twin.wait(found, interval=1)
    else:
        twin.wait_all([found], interval=1)
    [wait] = _spans(exporter, "taskfacade.wait")
    assert wait.attributes["taskfacade.wait.jobs"] == 1
    assert wait.attributes["taskfacade.wait.shared"] is (how == "wait")  # _sharedwait (both twins)
    assert wait.attributes["taskfacade.jobs.pending"] == 0
    assert wait.attributes["taskfacade.jobs.finished"] == 1
    assert wait.status.is_ok
    assert sum(point.count for point in _points(reader).get("taskfacade.wait.duration", [])) == waits_before + 1
    polls = [span for span in _spans(exporter, "taskfacade.attempt") if span.start_time >= wait.start_time]
    assert polls  # the wait's requests are attempts too


def test_no_credential_in_any_span_or_metric_attribute(emu: Emulator, twin: Any, otel: Any) -> None:
    exporter, reader = otel
    client = twin.client(token=CANARY_TOKEN)
    emu.add_faults(service="tiledb", path="^/v1/", action="status", status=503, count=1)
    with contextlib.suppress(TasksError):  # the emulator may refuse the canary token: the attempts are what matter
        twin.task(str(emu.seeded()["tiledb"]["task_ids"][0]), client=client)
    values = [str(value) for span in exporter.get_finished_spans() for value in span.attributes.values()]
    values += [str(span.name) for span in exporter.get_finished_spans()]
    points = [point for found in _points(reader).values() for point in found]
    values += [str(value) for point in points for value in point.attributes.values()]
    assert values
    secrets = forms(CANARY_TOKEN) | forms(TOKEN)
    assert [value for value in values if any(secret in value for secret in secrets)] == []


_SCRIPT = """
import sys
{block}
from taskfacade import _telemetry
from taskfacade.tiledb import client as tdb, tasks

with tdb.Client(host=sys.argv[1], token=sys.argv[2], workspace=sys.argv[3]) as client:
    assert tasks.task(sys.argv[4], client=client).id == sys.argv[4]
print(_telemetry._OTEL is False, "opentelemetry" in sys.modules and sys.modules["opentelemetry"] is not None)
"""


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("sys.modules['opentelemetry'] = None  # not importable", "True False"),
        ("", "False True"),  # importable, but no SDK configured: the API's no-op providers
    ],
)
def test_without_the_sdk_configured_nothing_breaks(emu: Emulator, block: str, expected: str) -> None:
    from tiledb_helpers import WORKSPACE

    task_id = str(emu.seeded()["tiledb"]["task_ids"][0])
    script = textwrap.dedent(_SCRIPT).format(block=block)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", script, emu.base_url("tiledb"), TOKEN, WORKSPACE, task_id],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected.split()
