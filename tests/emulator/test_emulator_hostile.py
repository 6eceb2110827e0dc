"""Hostile input to the emulator over real HTTP: no body and no admin call may turn it into a 500 or brick it.

The body tests run over every route of every service and of the admin API that takes a body method (POST, PUT,
PATCH, DELETE), enumerated from the route table, so a new route is covered without editing this file. A route
"reads JSON" when it refuses ``{`` with a 400 that says JSON; such a route must refuse a hostile body with a 4xx
in its service's own error format, and every other route must still answer without a 5xx.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from starlette.routing import Route
from taskfacade_emulator import Clock, Emulator, EmulatorCore, Settings
from taskfacade_emulator._admin import admin_app

ADMIN = "_emulator"
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
#: The documented limits (docs/emulator.md): bodies up to 1 MiB and 64 levels deep, a clock that stops at 9000.
MAX_BODY_BYTES = 1 << 20
MAX_DEPTH = 64
CLOCK_END = dt.datetime(9000, 1, 1, tzinfo=dt.UTC).timestamp()


def _route_table() -> list[tuple[str, str, str]]:
    """``(service, method, path template)`` for every body-method route of every service and the admin API."""
    core = EmulatorCore(Settings(seed_count=0, speed=0))
    try:
        tables = [(name, service.routes()) for name, service in core.services.items()]
        tables.append((ADMIN, list(admin_app(core).routes)))
    finally:
        core.close()
    return [
        (service, method, route.path_format)
        for service, routes in tables
        for route in routes
        if isinstance(route, Route)
        for method in sorted(set(route.methods or ()) & set(BODY_METHODS))
    ]


ROUTES = _route_table()


class SigV4(httpx.Auth):
    """Signs like boto3 (botocore's own SigV4Auth), so Deadline routes get past authentication to the body."""

    requires_request_body = True

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("host", "content-type")}
        aws = AWSRequest(method=request.method, url=str(request.url), data=request.content, headers=headers)
        SigV4Auth(BotoCredentials("AKIDEMULATOR", "emulator-secret"), "deadline", "us-west-2").add_auth(aws)
        request.headers["Authorization"] = aws.headers["Authorization"]
        request.headers["X-Amz-Date"] = aws.headers["X-Amz-Date"]
        yield request


HEADERS = {
    "tiledb": {"X-TILEDB-REST-API-KEY": "emulator-token"},
    "geobox": {"Authorization": "Bearer emulator-token"},
    "tensorbay": {"X-Token": "ACCESSKEY-emulator"},
}


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=3, speed=0) as running:
        yield running


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One client for the module (building one per request costs more than the request)."""
    with httpx.Client(timeout=30) as client:
        yield client


def _path_values(seeded: dict[str, Any]) -> dict[str, str]:
    deadline, tensorbay = seeded["deadline"], seeded["tensorbay"]
    return {
        **{key: deadline[key] for key in ("farmId", "queueId", "jobId", "stepId")},
        "taskId": deadline["task_ids"][0],
        "uuid": seeded["geobox"]["task_ids"][0],
        "dataset_id": tensorbay["dataset_id"],
        "job_id": tensorbay["job_ids"]["squashAndMerge"][0],
        "workspace": seeded["tiledb"]["workspace"],
        "id": seeded["tiledb"]["task_ids"][0],
        "organization": "emulator",
    }


def _send(http: httpx.Client, emu: Emulator, service: str, method: str, template: str, content: Any) -> httpx.Response:
    path = template.format_map(_path_values(emu.seeded()))
    url = emu.url + path if service == ADMIN else emu.base_url(service) + path
    auth = SigV4() if service == "deadline" else None
    headers = {"Content-Type": "application/json", **HEADERS.get(service, {})}
    return http.request(method, url, content=content, headers=headers, auth=auth)


def _assert_own_error_format(service: str, response: httpx.Response) -> None:
    """The error body (and header) each service uses for every refusal."""
    body = response.json()
    if service == ADMIN:
        assert set(body) == {"error"}, body
        assert isinstance(body["error"], str), body
    elif service == "deadline":
        assert response.headers["X-Amzn-ErrorType"], response.headers
        assert isinstance(body["message"], str), body
    elif service == "geobox":
        assert "detail" in body, body
    elif service == "tensorbay":
        assert isinstance(body["code"], str), body
        assert isinstance(body["message"], str), body
    else:
        assert isinstance(body["code"], int), body
        assert isinstance(body["message"], str), body


def _chunks(data: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def _oversized() -> bytes:
    return b'{"pad": "' + b"x" * (2 * MAX_BODY_BYTES) + b'"}'


#: name -> (body, status a JSON route answers, a word its message holds)
HOSTILE: dict[str, tuple[Any, int, str]] = {
    "nested_arrays": (b"[" * 100_000 + b"]" * 100_000, 400, "nest"),
    "nested_objects": (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, 400, "nest"),
    "one_level_too_deep": (b'{"a":' * MAX_DEPTH + b"[]" + b"}" * MAX_DEPTH, 400, "nest"),
    "oversized": (_oversized(), 413, "bytes"),
    "oversized_chunked": (None, 413, "bytes"),  # the same, streamed without Content-Length
}


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize(("service", "method", "template"), ROUTES, ids=[f"{s}-{m}-{p}" for s, m, p in ROUTES])
def test_hostile_json_body_is_refused_in_the_services_own_format(
    http: httpx.Client, emu: Emulator, service: str, method: str, template: str, kind: str
) -> None:
    body, status, word = HOSTILE[kind]
    content = _chunks(_oversized()) if body is None else body
    probe = _send(http, emu, service, method, template, b"{")
    reads_json = probe.status_code == 400 and "json" in probe.text.lower()
    response = _send(http, emu, service, method, template, content)
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400 and (service, template) == ("deadline", "/sts"):
        assert response.text.startswith("<ErrorResponse"), response.text[:300]  # STS's awsQuery XML errors
    elif response.status_code >= 400:
        _assert_own_error_format(service, response)
    if reads_json:
        assert response.status_code == status, response.text[:300]
        assert word in response.text.lower(), response.text[:300]


def test_nesting_up_to_the_limit_is_accepted(http: httpx.Client, emu: Emulator) -> None:
    levels = MAX_DEPTH - 4  # objects under {"rules": [{"path": ...}]}, whose last [] is one more level
    deepest = '{"a":' * levels + "[]" + "}" * levels
    body = '{"rules": [{"service": "tiledb", "action": "status", "status": 503, "path": ' + deepest + "}]}"
    response = http.post(emu.url + "/_emulator/faults", content=body)
    assert response.status_code == 400  # refused for what it says, not for how deep it is
    expected = "'path' must be a regular expression string, got " + repr(_nested_a(levels))
    assert response.json() == {"error": expected}


def test_brackets_inside_strings_do_not_count_as_nesting(http: httpx.Client, emu: Emulator) -> None:
    pattern = '\\"' + "[{" * MAX_DEPTH  # an escaped quote first: the string does not end there
    body = httpx.Request("POST", "/", json={"rules": [{"service": "tiledb", "action": "reset", "path": pattern}]})
    response = http.post(emu.url + "/_emulator/faults", content=body.read())
    assert response.status_code == 400
    assert response.json()["error"].startswith("'path' is not a valid regular expression")


def _nested_a(levels: int) -> Any:
    value: Any = []
    for _ in range(levels):
        value = {"a": value}
    return value


@pytest.fixture
def fresh() -> Iterator[Emulator]:
    with Emulator(seed_count=3, speed=0) as running:
        yield running


def _every_service_answers(http: httpx.Client, emu: Emulator) -> None:
    """A seeded task and a task created now are read on every service without a 5xx."""
    seeded = emu.seeded()
    created = {name: emu.create_tasks(name)[0] for name in ("tiledb", "geobox", "tensorbay", "deadline")}
    deadline = seeded["deadline"]
    step = "/2023-10-12/farms/{farmId}/queues/{queueId}/jobs/{jobId}/steps/{stepId}/tasks".format_map(deadline)
    tensorbay_jobs = f"/gatewayv2/tensorbay-open-api/v1/datasets/{seeded['tensorbay']['dataset_id']}/jobs"
    workspace = seeded["tiledb"]["workspace"]
    reads = [
        ("tiledb", f"/v1/task/{workspace}/{created['tiledb']}", None),
        ("tiledb", f"/v1/tasks/{workspace}", None),
        ("geobox", f"/v1/tasks/{created['geobox']}/", None),
        ("geobox", "/v1/tasks/", None),
        ("tensorbay", f"{tensorbay_jobs}/{created['tensorbay']}?jobType=squashAndMerge", None),
        ("tensorbay", f"{tensorbay_jobs}?jobType=squashAndMerge", None),
        ("deadline", f"{step}/{deadline['task_ids'][0]}", SigV4()),
        ("deadline", step, SigV4()),
    ]
    for service, path, auth in reads:
        response = http.get(emu.base_url(service) + path, headers=HEADERS.get(service), auth=auth)
        assert response.status_code == 200, (service, path, response.text[:300])


def test_advancing_the_clock_past_its_end_is_refused(http: httpx.Client, fresh: Emulator) -> None:
    admin = fresh.url + "/_emulator"
    before = http.get(admin + "/clock").json()
    response = http.post(admin + "/clock", json={"advance_s": 3e11})
    assert response.status_code == 400
    message = response.json()["error"]
    assert message.startswith("'advance_s' must be a number of seconds from 0 to ")
    assert "9000-01-01T00:00:00Z" in message
    assert http.get(admin + "/clock").json() == before  # nothing moved
    room = CLOCK_END - before["now"]
    assert http.post(admin + "/clock", json={"advance_s": room}).json()["now"] == pytest.approx(CLOCK_END)
    assert http.post(admin + "/clock", json={"advance_s": 1}).status_code == 400
    _every_service_answers(http, fresh)


def test_clock_speed_is_bounded_and_time_stops_at_the_end(http: httpx.Client, fresh: Emulator) -> None:
    admin = fresh.url + "/_emulator"
    response = http.post(admin + "/clock", json={"speed": 1e300})
    assert response.status_code == 400
    assert response.json() == {"error": "'speed' must be a number from 0 to 1000000, got 1e+300"}
    clock = Clock(speed=1_000_000, start=CLOCK_END - 1)
    time.sleep(0.01)
    assert clock.now() == CLOCK_END
    assert Clock(speed=0, start=float("inf")).now() == CLOCK_END


def test_a_database_whose_clock_passed_the_end_recovers_on_restart(http: httpx.Client, tmp_path: Path) -> None:
    db = str(tmp_path / "bricked.db")
    with Emulator(db, seed_count=3, speed=0):
        pass
    bricked = 3e11 + 1_764_000_000  # where one {"advance_s": 3e11} left the clock of an older emulator
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE _emulator_meta SET value = ? WHERE key = 'clock_now'", (bricked,))
        conn.execute("UPDATE _emulator_meta SET value = ? WHERE key = 'clock_offset'", (bricked - time.time(),))
        moved = _move_moments(conn, bricked)  # tasks created and changed after that call, as it wrote them
    conn.close()
    assert moved
    for speed in (0.0, 1.0):
        with Emulator(db, seed_count=3, speed=speed) as emu:
            assert http.get(emu.url + "/_emulator/clock").json()["now"] <= CLOCK_END
            _every_service_answers(http, emu)
            assert http.post(emu.url + "/_emulator/reset").status_code == 200
            _every_service_answers(http, emu)


def _move_moments(conn: sqlite3.Connection, when: float) -> list[str]:
    """Set every stored moment (a REAL column named ``*_at``) of every table to ``when``; returns the columns."""
    moved = []
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for column in conn.execute(f"PRAGMA table_info({table})").fetchall():
            name, kind = column[1], column[2]
            if name.endswith("_at") and kind == "REAL":
                conn.execute(f"UPDATE {table} SET {name} = ? WHERE {name} IS NOT NULL", (when,))  # noqa: S608
                moved.append(f"{table}.{name}")
    return moved


NUMBER_FIELDS: dict[str, tuple[str, str]] = {
    # field -> (admin path, JSON body with {} where the value goes)
    "advance_s": ("/clock", '{"advance_s": {}}'),
    "speed": ("/clock", '{"speed": {}}'),
    "latency_ms": ("/faults", '{"rules": [{"service": "tiledb", "action": "latency", "latency_ms": {}}]}'),
    "probability": ("/faults", '{"rules": [{"service": "tiledb", "action": "reset", "probability": {}}]}'),
    "retry_after": (
        "/faults",
        '{"rules": [{"service": "tiledb", "action": "status", "status": 503, "retry_after": {}}]}',
    ),
    "count": ("/faults", '{"rules": [{"service": "tiledb", "action": "reset", "count": {}}]}'),
    "status": ("/faults", '{"rules": [{"service": "tiledb", "action": "status", "status": {}}]}'),
    "tasks.count": ("/tasks", '{"service": "tiledb", "count": {}}'),
    "queued_s": ("/tasks", '{"service": "tiledb", "queued_s": {}}'),
    "run_s": ("/tasks", '{"service": "tiledb", "run_s": {}}'),
}
#: JSON number text -> a word the refusal names ("{field}" stands for the field's own name)
NUMBER_VALUES = {
    "NaN": "nan",
    "Infinity": "infinity",
    "-Infinity": "infinity",
    "1e999": "out of range",
    "-1": "{field}",
    "1" + "0" * 400: "{field}",
}


@pytest.mark.parametrize("value", list(NUMBER_VALUES), ids=lambda v: v[:12])
@pytest.mark.parametrize("field", list(NUMBER_FIELDS))
def test_non_finite_negative_and_huge_admin_numbers_are_refused(
    http: httpx.Client, emu: Emulator, field: str, value: str
) -> None:
    path, template = NUMBER_FIELDS[field]
    admin = emu.url + "/_emulator"
    before = (http.get(admin + "/clock").json(), http.get(admin + "/faults").json())
    response = http.post(admin + path, content=template.replace("{}", value))
    try:
        assert response.status_code == 400, response.text
        message = response.json()["error"]
        expected = NUMBER_VALUES[value].replace("{field}", repr(field.split(".")[-1]))
        assert expected in message.lower(), message
        assert (http.get(admin + "/clock").json(), http.get(admin + "/faults").json()) == before
    finally:
        http.delete(admin + "/faults")  # a rule wrongly accepted must not outlive this test


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--port", "99999"], "port must be an integer from 0 to 65535, got 99999"),
        (["--port", "-1"], "port must be an integer from 0 to 65535, got -1"),
        (["--seed-count", "99999999999999999999"], "seed_count must be an integer from 0 to 1000000"),
        (["--geobox-count", "-5"], "seed_counts must be an integer from 0 to 1000000"),
        (["--speed", "nan"], "speed"),
        (["--speed", "inf"], "speed"),
        (["--seed", "-1"], "seed must be an integer from 0 to 2**63 - 1"),
    ],
)
def test_emulator_command_line_values_are_range_checked(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from taskfacade_emulator.__main__ import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("taskfacade-emulator: ")
    assert message in err
    assert len(err.splitlines()) == 1
