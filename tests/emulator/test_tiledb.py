"""The TileDB emulator over real loopback HTTP: listing and filters, lifecycle on the clock, results, auth, bad
parameters, persistence, the account and browser routes, and the generated client as its client.

Expectations are computed from what the emulator itself returns (all tasks fetched in one page and filtered
here), never hard-coded. Only the TileDB service is mounted, so these tests do not depend on the other three.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import math
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from taskfacade_emulator import Emulator
from taskfacade_emulator.tiledb import Service
from taskfacade_generated.tiledb import AuthenticatedClient, Client
from taskfacade_generated.tiledb import models as m
from taskfacade_generated.tiledb.api.arrays import list_owned_arrays
from taskfacade_generated.tiledb.api.groups import list_owned_groups
from taskfacade_generated.tiledb.api.organizations import get_organization, list_organizations
from taskfacade_generated.tiledb.api.session import get_session
from taskfacade_generated.tiledb.api.tasks import get_task, get_task_result, list_tasks
from taskfacade_generated.tiledb.api.user import get_user
from taskfacade_generated.tiledb.types import File

KEY = {"X-TILEDB-REST-API-KEY": "emulator-token"}
WS = "ws_emulator"
DAY = 86_400.0


def _emulator(**kwargs: Any) -> Emulator:
    return Emulator(services=[Service], speed=0, **kwargs)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    """A frozen-clock emulator shared by the read-only tests of this module."""
    with _emulator() as emulator:
        yield emulator


@pytest.fixture
def fresh() -> Iterator[Emulator]:
    """A frozen-clock emulator of its own, for tests that move the clock or create tasks."""
    with _emulator(seed_count=20) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def http(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url("tiledb"), headers=KEY) as client:
        yield client


@pytest.fixture(scope="module")
def all_tasks(http: httpx.Client) -> list[dict[str, Any]]:
    body = http.get(f"/v1/tasks/{WS}", params={"per_page": 1000}).json()
    assert body["pagination_metadata"]["total_items"] == len(body["array_tasks"]) == 200
    return list(body["array_tasks"])


def _ids(http: httpx.Client, **params: Any) -> list[str]:
    response = http.get(f"/v1/tasks/{WS}", params={"per_page": 1000, **params})
    assert response.status_code == 200, response.text
    return [t["id"] for t in response.json().get("array_tasks", [])]


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert a TileDB Error body with ``status`` and return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "request_id"}
    assert isinstance(body["code"], int)
    assert body["code"] != status  # an application code, not the HTTP status
    return dict(body)


def _api_client(emu: Emulator, token: str) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=emu.base_url("tiledb"), token=token, prefix="", auth_header_name="X-TILEDB-REST-API-KEY"
    )


# Listing.


def test_listing_pages_are_zero_based_and_cover_every_task_once(http: httpx.Client, all_tasks: list[dict]) -> None:
    per_page, seen = 7, []
    total_pages = math.ceil(len(all_tasks) / per_page)
    for page in range(total_pages):
        body = http.get(f"/v1/tasks/{WS}", params={"page": page, "per_page": per_page}).json()
        meta = body["pagination_metadata"]
        assert meta == {"page": page, "per_page": per_page, "total_pages": total_pages, "total_items": 200}
        seen += [t["id"] for t in body["array_tasks"]]
    assert seen == [t["id"] for t in all_tasks]
    beyond = http.get(f"/v1/tasks/{WS}", params={"page": total_pages, "per_page": per_page}).json()
    assert "array_tasks" not in beyond  # x-omitempty: an empty page has no array_tasks key
    assert beyond["pagination_metadata"]["page"] == total_pages


def test_default_order_is_newest_first_and_orderby_is_honoured(http: httpx.Client, all_tasks: list[dict]) -> None:
    starts = [t["start_time"] for t in all_tasks]
    assert starts == sorted(starts, reverse=True)
    ascending = _ids(http, orderby="start_time asc")
    assert ascending == [t["id"] for t in reversed(all_tasks)]
    by_name = [
        t["name"]
        for t in http.get(f"/v1/tasks/{WS}", params={"per_page": 1000, "orderby": "name"}).json()["array_tasks"]
    ]
    assert by_name == sorted(by_name)


def test_seed_has_queued_running_and_finished_tasks(all_tasks: list[dict]) -> None:
    statuses = {t["status"] for t in all_tasks}
    assert {"QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"} <= statuses
    newest = all_tasks[0]["start_time"]
    oldest = all_tasks[-1]["start_time"]
    span = _epoch(newest) - _epoch(oldest)
    assert 28 * DAY < span <= 30 * DAY
    assert {t["type"] for t in all_tasks} == {"SQL", "UDF", "QUERY", "GENERIC_UDF", "BATCH_UDF", "CLIENT_COMPUTATION"}


@pytest.mark.parametrize("status", ["QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "RESOURCES_UNAVAILABLE"])
def test_status_filter(http: httpx.Client, all_tasks: list[dict], status: str) -> None:
    assert _ids(http, status=status) == [t["id"] for t in all_tasks if t["status"] == status]


def test_type_and_csv_exclude_type_filters(http: httpx.Client, all_tasks: list[dict]) -> None:
    assert _ids(http, type="SQL") == [t["id"] for t in all_tasks if t["type"] == "SQL"]
    kept = [t["id"] for t in all_tasks if t["type"] not in ("UDF", "QUERY")]
    assert _ids(http, exclude_type="UDF,QUERY") == kept
    assert http.get(f"/v1/tasks/{WS}?per_page=1000&exclude_type=UDF%2CQUERY").json()["array_tasks"][0]["id"] == kept[0]


def test_repeated_key_file_type_filters(http: httpx.Client, all_tasks: list[dict]) -> None:
    def file_type(t: dict[str, Any]) -> str | None:
        return t.get("array_metadata", {}).get("file_type")

    wanted = ["notebook", "ml_model"]
    expected = [t["id"] for t in all_tasks if file_type(t) in wanted]
    assert expected
    assert _ids(http, file_type=wanted) == expected
    assert _ids(http, exclude_file_type=wanted) == [t["id"] for t in all_tasks if file_type(t) not in wanted]


def test_time_window_in_epoch_seconds(http: httpx.Client, all_tasks: list[dict]) -> None:
    end = _epoch(all_tasks[0]["start_time"])
    start = end - 7 * DAY
    expected = [t["id"] for t in all_tasks if start <= _epoch(t["start_time"]) <= int(end)]
    got = _ids(http, start=int(start), end=int(end))
    assert got == expected
    assert 0 < len(got) < len(all_tasks) / 2


def test_who_where_and_search_filters(http: httpx.Client, all_tasks: list[dict]) -> None:
    assert _ids(http, created_by="alice") == [t["id"] for t in all_tasks if t["username"] == "alice"]
    on_array = next(t for t in all_tasks if "asset" in t)
    path, asset_id = on_array["asset"]["path"], on_array["asset"]["id"]
    expected = [t["id"] for t in all_tasks if t.get("asset", {}).get("path") == path]
    assert _ids(http, array=path) == expected
    assert _ids(http, array=asset_id) == expected
    general, research = _ids(http, teamspace="general"), _ids(http, teamspace="research")
    assert sorted(general + research) == sorted(t["id"] for t in all_tasks)
    assert _ids(http, teamspace="ts_0000000000000000000000000001") == general
    assert all(t["asset"]["teamspace_name"] == "general" for t in all_tasks if t["id"] in general and "asset" in t)

    def matches(t: dict[str, Any]) -> bool:
        return any("nightly" in str(t.get(f) or "").lower() for f in ("name", "namespace", "description"))

    assert _ids(http, search="NIGHTLY") == [t["id"] for t in all_tasks if matches(t)]
    assert _ids(http, search="100%_") == []  # LIKE wildcards are literal


def test_array_task_fields_follow_the_reference(all_tasks: list[dict]) -> None:
    for task in all_tasks:
        uuid.UUID(task["id"])
        assert task["start_time"].endswith("Z")
        assert isinstance(task["duration"], int)
        assert "logs" in task
        assert (task["finish_time"] is None) == (task["status"] in ("QUEUED", "RUNNING"))
        if task["type"] == "SQL":
            assert task["sql_query"].startswith("SELECT")
        if task["type"] == "QUERY":
            assert task["query_type"] == "READ"
            assert "result_format" not in task


# Bad parameters and refusals.


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "1e0"}, "page"),
        ({"page": "-1.0"}, "page"),
        ({"page": ".0"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"start": "yesterday"}, "start"),
        ({"type": "sql"}, "type"),
        ({"exclude_type": "UDF,NOPE"}, "exclude_type"),
        ({"status": "PAUSED"}, "status"),
        ({"orderby": "size"}, "orderby"),
        ({"orderby": "name sideways"}, "orderby"),
    ],
)
def test_bad_list_parameters_are_400_naming_the_parameter(http: httpx.Client, params: dict, name: str) -> None:
    body = _error(http.get(f"/v1/tasks/{WS}", params=params), 400)
    assert f"'{name}'" in body["message"]


def test_an_integral_float_page_is_its_whole_number(http: httpx.Client) -> None:
    """tiledb-client 3.x asks for its second page as ``page=1.0``: the same page as ``page=1``, not a 400."""
    as_int = http.get(f"/v1/tasks/{WS}", params={"page": "1", "per_page": "3"})
    for spelled in ("1.0", "1.00", "1."):
        as_float = http.get(f"/v1/tasks/{WS}", params={"page": spelled, "per_page": "3"})
        assert as_float.status_code == 200, as_float.text
        assert as_float.json() == as_int.json()
        assert as_float.json()["pagination_metadata"]["page"] == 1


def test_numbers_are_int64_and_huge_pages_are_empty(http: httpx.Client) -> None:
    biggest = str(2**63 - 1)
    body = http.get(f"/v1/tasks/{WS}", params={"page": biggest, "per_page": biggest, "start": biggest}).json()
    assert "array_tasks" not in body
    assert body["pagination_metadata"]["per_page"] == 1000
    for name in ("page", "per_page", "start", "end"):
        assert f"'{name}'" in _error(http.get(f"/v1/tasks/{WS}", params={name: str(2**63)}), 400)["message"]


def test_unknown_workspace_task_and_malformed_id(http: httpx.Client, all_tasks: list[dict]) -> None:
    _error(http.get("/v1/tasks/ws_other"), 404)
    _error(http.get(f"/v1/task/ws_other/{all_tasks[0]['id']}"), 404)
    _error(http.get(f"/v1/task/{WS}/{uuid.uuid4()}"), 404)
    _error(http.get(f"/v1/task/{WS}/{uuid.uuid4()}/result"), 404)
    assert "UUID" in _error(http.get(f"/v1/task/{WS}/not-a-uuid"), 400)["message"]
    _error(http.get("/v1/no/such/route"), 404)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-TILEDB-REST-API-KEY": "wrong"},
        {"Authorization": "Basic " + base64.b64encode(b"emulator:wrong").decode()},
        {"Authorization": "Basic !!!not-base64"},
        {"Authorization": "Bearer emulator-token"},
    ],
)
def test_every_route_refuses_bad_credentials(emu: Emulator, headers: dict[str, str]) -> None:
    paths = [
        f"/v1/tasks/{WS}",
        f"/v1/task/{WS}/{uuid.uuid4()}",
        f"/v1/task/{WS}/{uuid.uuid4()}/result",
        "/v1/user",
        "/v1/organizations",
        "/v1/organizations/emulator-org",
        "/v1/session",
        *(f"/v1/{kind}/browser/{who}" for kind in ("arrays", "groups") for who in ("owned", "public", "shared")),
    ]
    with httpx.Client(base_url=emu.base_url("tiledb"), headers=headers) as client:
        for path in paths:
            body = _error(client.get(path), 401)
            assert "emulator-token" not in body["message"]


def test_basic_auth_and_session_login(fresh: Emulator) -> None:
    base = fresh.base_url("tiledb")
    assert httpx.get(f"{base}/v1/user", auth=("emulator", "emulator")).json()["username"] == "emulator"
    short = httpx.get(f"{base}/v1/session", auth=("emulator", "emulator")).json()
    long = httpx.get(f"{base}/v1/session", params={"remember_me": "True"}, auth=("emulator", "emulator")).json()
    assert long["scope"] == ["*"]
    assert _epoch(long["expires_at"]) - _epoch(long["issued_at"]) == pytest.approx(30 * DAY, abs=1)
    assert _epoch(short["expires_at"]) - _epoch(short["issued_at"]) == pytest.approx(1800, abs=1)
    for token in (short["token"], long["token"]):
        assert httpx.get(f"{base}/v1/user", headers={"X-TILEDB-REST-API-KEY": token}).status_code == 200
    fresh.advance(1801)
    _error(httpx.get(f"{base}/v1/user", headers={"X-TILEDB-REST-API-KEY": short["token"]}), 401)
    assert httpx.get(f"{base}/v1/user", headers={"X-TILEDB-REST-API-KEY": long["token"]}).status_code == 200
    _error(httpx.get(f"{base}/v1/session", params={"remember_me": "maybe"}, headers=KEY), 400)
    _error(httpx.get(f"{base}/v1/session", params={"expires": "2001-01-01T00:00:00Z"}, headers=KEY), 400)
    until = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(fresh.now() + 3600))
    custom = httpx.get(f"{base}/v1/session", params={"expires": until}, headers=KEY).json()
    assert custom["expires_at"].startswith(until[:-1])


# Lifecycle and results.


def test_task_lifecycle_follows_the_clock(fresh: Emulator) -> None:
    [task_id] = fresh.create_tasks("tiledb", type="SQL", queued_s=10, run_s=20, result_format="json")
    with httpx.Client(base_url=fresh.base_url("tiledb"), headers=KEY) as http:

        def task() -> dict[str, Any]:
            return dict(http.get(f"/v1/task/{WS}/{task_id}").json())

        def result() -> httpx.Response:
            return http.get(f"/v1/task/{WS}/{task_id}/result")

        assert (task()["status"], task()["duration"], task()["finish_time"]) == ("QUEUED", 0, None)
        assert result().status_code == 202
        assert result().content == b""
        fresh.advance(15)
        running = task()
        assert running["status"] == "RUNNING"
        assert running["duration"] == pytest.approx(5e9, rel=0.01)
        assert result().status_code == 202
        fresh.advance(15)
        done = task()
        assert done["status"] == "COMPLETED"
        assert done["duration"] == pytest.approx(20e9, rel=0.001)
        assert _epoch(done["finish_time"]) - _epoch(done["start_time"]) == pytest.approx(30, abs=0.01)
        first = result()
        assert first.status_code == 200
        assert first.headers["content-type"] == "application/json"
        assert first.content == result().content  # stored: the same bytes every time
        fresh.advance(DAY)
        expired = _error(result(), 404)
        assert "expired" in expired["message"]


@pytest.mark.parametrize(("outcome", "status"), [("failed", "FAILED"), ("canceled", "CANCELLED")])
def test_unsuccessful_tasks_keep_no_results(fresh: Emulator, outcome: str, status: str) -> None:
    [task_id] = fresh.create_tasks("tiledb", type="UDF", outcome=outcome, queued_s=0, run_s=5)
    fresh.advance(6)
    with httpx.Client(base_url=fresh.base_url("tiledb"), headers=KEY) as http:
        task = http.get(f"/v1/task/{WS}/{task_id}").json()
        assert task["status"] == status
        assert task["status_message"]
        assert "not saved" in _error(http.get(f"/v1/task/{WS}/{task_id}/result"), 404)["message"]


def test_result_formats_and_content_types(fresh: Emulator) -> None:
    formats = ["json", "arrow", "bytes", "tiledb_json", "native", "python_pickle"]
    ids = {fmt: fresh.create_tasks("tiledb", type="UDF", run_s=1, result_format=fmt)[0] for fmt in formats}
    fresh.advance(2)
    with httpx.Client(base_url=fresh.base_url("tiledb"), headers=KEY) as http:
        got = {fmt: http.get(f"/v1/task/{WS}/{tid}/result") for fmt, tid in ids.items()}
    assert {fmt: r.headers["content-type"] for fmt, r in got.items()} == {
        "json": "application/json",
        "arrow": "application/vnd.apache.arrow.stream",
        "bytes": "application/octet-stream",
        "tiledb_json": "application/vnd.tiledb.udf-data+json",
        "native": "application/vnd.tiledb.python-pickle",
        "python_pickle": "application/vnd.tiledb.python-pickle",
    }
    rows = got["json"].json()
    assert [r["x"] for r in rows] == [0, 1, 2]
    sentinel = got["tiledb_json"].json()
    assert sentinel["rows"]["__tdbudf__"] == "raw_json"
    assert [r["x"] for r in sentinel["rows"]["raw_json"]] == [0, 1, 2]
    assert json.loads(base64.b64decode(sentinel["xs"]["base64_data"])) == [0, 1, 2]
    assert sentinel["meta"]["__tdbudf__"] == "__escape__"
    assert got["native"].content[:1] == b"\x80"  # a pickle: checked by its protocol byte, never unpickled here
    assert len(got["bytes"].content) == 32
    import pyarrow  # a dev dependency (the pandas extra); the emulator serves Arrow only when it is importable

    table = pyarrow.ipc.open_stream(io.BytesIO(got["arrow"].content)).read_all()
    assert table.column_names == ["x", "y", "label"]
    assert table.column("x").to_pylist() == [0, 1, 2]


def test_latest_sql_task_is_found_through_the_listing(fresh: Emulator) -> None:
    fresh.create_tasks("tiledb", type="SQL")
    fresh.advance(1)
    [newest] = fresh.create_tasks("tiledb", type="SQL")
    fresh.create_tasks("tiledb", type="UDF")
    with httpx.Client(base_url=fresh.base_url("tiledb"), headers=KEY) as http:
        params = {"type": "SQL", "orderby": "start_time desc", "per_page": 1}
        body = http.get(f"/v1/tasks/{WS}", params=params).json()
    assert [t["id"] for t in body["array_tasks"]] == [newest]


def test_admin_task_spec_is_validated(fresh: Emulator) -> None:
    with pytest.raises(ValueError, match="'type' must be one of"):
        fresh.create_tasks("tiledb", type="SPARK")
    with pytest.raises(ValueError, match="'result_format' must be one of"):
        fresh.create_tasks("tiledb", result_format="r_serialization")
    with pytest.raises(ValueError, match="unknown field"):
        fresh.create_tasks("tiledb", jobType="squashAndMerge")
    response = httpx.post(f"{fresh.url}/_emulator/tasks", json={"service": "tiledb", "type": "QUERY", "count": 2})
    assert response.status_code == 200
    assert len(response.json()["ids"]) == 2


def test_restart_on_the_same_file_keeps_everything(tmp_path: Path) -> None:
    db = str(tmp_path / "emulator.db")
    with _emulator(db=db, seed_count=30) as first:
        seeded = first.seeded()["tiledb"]
        [task_id] = first.create_tasks("tiledb", type="UDF", queued_s=0, run_s=100, result_format="bytes")
        first.advance(50)
        base = first.base_url("tiledb")
        token = httpx.get(f"{base}/v1/session", params={"remember_me": "True"}, headers=KEY).json()["token"]
        before = httpx.get(f"{base}/v1/task/{WS}/{task_id}", headers=KEY).json()
    with _emulator(db=db, seed_count=30) as second:
        assert second.seeded()["tiledb"] == seeded
        base = second.base_url("tiledb")
        headers = {"X-TILEDB-REST-API-KEY": token}
        after = httpx.get(f"{base}/v1/task/{WS}/{task_id}", headers=headers).json()
        assert after["status"] == "RUNNING"
        assert after["duration"] >= before["duration"]
        total = httpx.get(f"{base}/v1/tasks/{WS}", headers=headers).json()["pagination_metadata"]["total_items"]
        assert total == 31
        second.advance(60)
        assert httpx.get(f"{base}/v1/task/{WS}/{task_id}/result", headers=headers).status_code == 200


# Account and browsers.


def test_user_and_organizations(http: httpx.Client) -> None:
    user = http.get("/v1/user").json()
    assert user["username"] == "emulator"
    assert user["default_namespace_charged"] is None
    orgs = http.get("/v1/organizations").json()
    assert [o["name"] for o in orgs] == [o["organization_name"] for o in user["organizations"]]
    for org in orgs:
        assert http.get(f"/v1/organizations/{org['name']}").json() == org
        assert http.get(f"/v1/organizations/{org['id']}").json() == org
    _error(http.get("/v1/organizations/nope"), 404)


def test_array_browser_pages_are_one_based(http: httpx.Client) -> None:
    everything = http.get("/v1/arrays/browser/owned", params={"per_page": 100}).json()
    names = [a["name"] for a in everything["arrays"]]
    assert names == sorted(names)
    pages = [http.get("/v1/arrays/browser/owned", params={"page": p, "per_page": 5}).json() for p in (1, 2, 3)]
    assert [a["name"] for page in pages for a in page["arrays"]] == names
    assert pages[0]["pagination_metadata"] == {"page": 1, "per_page": 5, "total_pages": 3, "total_items": 12}
    assert "metadata" not in everything["arrays"][0]
    assert not any(k.startswith("_") for a in everything["arrays"] for k in a)
    _error(http.get("/v1/arrays/browser/owned", params={"page": 0}), 400)


def test_array_browser_filters(http: httpx.Client) -> None:
    def names(kind: str = "owned", **params: Any) -> list[str]:
        body = http.get(f"/v1/arrays/browser/{kind}", params={"per_page": 100, **params}).json()
        return [a["name"] for a in body["arrays"]]

    owned = http.get("/v1/arrays/browser/owned", params={"per_page": 100, "with_metadata": "True"}).json()["arrays"]
    assert all(a["metadata"] for a in owned)
    tag = owned[0]["tags"][0]
    assert names(tag=[tag]) == [a["name"] for a in owned if tag in a["tags"]]
    assert names(exclude_tag=[tag]) == [a["name"] for a in owned if tag not in a["tags"]]
    assert names(file_type=["notebook", "ml_model"]) == [
        a["name"] for a in owned if a.get("file_type") in ("notebook", "ml_model")
    ]
    with_props = next(a for a in owned if a["file_properties"])
    key, value = next(iter(with_props["file_properties"].items()))
    assert with_props["name"] in names(file_property=[f"{key},{value}"])
    assert names(search="ARRAY_1") == [a["name"] for a in owned if "array_1" in a["name"]]
    assert names("public", permissions="admin") == []
    assert len(names("public", permissions="read")) == 10
    assert names("shared", permissions="read_write") == ["shared_array_1", "shared_array_3", "shared_array_5"]
    assert len(names("shared", shared_to=["emulator"])) == 6
    assert names("shared", shared_to=["someone-else"]) == []
    sizes = [a["size"] for a in http.get("/v1/arrays/browser/owned", params={"orderby": "size"}).json()["arrays"]]
    assert sizes == sorted(sizes, reverse=True)
    _error(http.get("/v1/arrays/browser/owned", params={"permissions": "everything"}), 400)
    _error(http.get("/v1/arrays/browser/owned", params={"file_property": "no-comma"}), 400)
    _error(http.get("/v1/arrays/browser/owned", params={"with_metadata": "yes"}), 400)


def test_group_browser_nesting(http: httpx.Client) -> None:
    def groups(**params: Any) -> list[dict[str, Any]]:
        return list(http.get("/v1/groups/browser/owned", params={"per_page": 100, **params}).json()["groups"])

    flat, top = groups(flat="True"), groups(flat="false")
    assert len(flat) == 8
    assert len(top) == 5
    parent = next(g for g in flat if g["name"] == "group_0")
    assert sorted(g["name"] for g in groups(parent=parent["id"])) == ["group_5", "group_6", "group_7"]
    assert [g["name"] for g in groups(flat="true", group_type="soma")] == [
        g["name"] for g in flat if g["group_type"] == "soma"
    ]
    assert len(groups(orderby="last_accessed desc")) == 5
    _error(http.get("/v1/groups/browser/owned", params={"orderby": "colour"}), 400)


# Faults use the service's own formats.


def test_injected_errors_and_unknown_enums_use_tiledb_formats(fresh: Emulator) -> None:
    fresh.add_faults(service="tiledb", action="status", status=503, retry_after=7, count=1)
    with httpx.Client(base_url=fresh.base_url("tiledb"), headers=KEY) as http:
        response = http.get(f"/v1/tasks/{WS}")
        _error(response, 503)
        assert response.headers["retry-after"] == "7"
        fresh.add_faults(service="tiledb", action="unknown_enum", count=1)
        odd = http.get("/v1/user").json()
        assert odd["allowed_actions"][-1] == "FUTURE_VALUE"
        assert all(o["role"] == "FUTURE_VALUE" for o in odd["organizations"])
    parsed = m.User.from_dict(odd)
    assert parsed.organizations[0].role.name == "UNKNOWN"


# The generated client as a client of the emulator.


def test_generated_client_lists_gets_and_fetches_results(fresh: Emulator) -> None:
    [task_id] = fresh.create_tasks("tiledb", type="SQL", queued_s=5, run_s=5, result_format="json")
    client = _api_client(fresh, "emulator-token")
    page = list_tasks.sync_detailed(WS, client=client, page=0, per_page=3, exclude_type="QUERY,BATCH_UDF")
    assert page.status_code == 200
    assert isinstance(page.parsed, m.ArrayTaskData)
    assert page.parsed.pagination_metadata.page == 0
    assert page.parsed.array_tasks[0].id == task_id
    assert all(t.type_ not in (m.ArrayTaskType.QUERY, m.ArrayTaskType.BATCH_UDF) for t in page.parsed.array_tasks)
    one = get_task.sync_detailed(WS, uuid.UUID(task_id), client=client).parsed
    assert isinstance(one, m.ArrayTask)
    assert one.status is m.ArrayTaskStatus.QUEUED
    pending = get_task_result.sync_detailed(WS, uuid.UUID(task_id), client=client)
    assert (pending.status_code, pending.parsed) == (202, None)
    fresh.advance(11)
    done = get_task_result.sync_detailed(WS, uuid.UUID(task_id), client=client)
    assert done.status_code == 200
    assert isinstance(done.parsed, File)
    assert json.loads(done.parsed.payload.read())[0]["x"] == 0
    missing = get_task.sync_detailed(WS, uuid.uuid4(), client=client)
    assert (missing.status_code, missing.parsed) == (404, None)  # error bodies are the facade's to parse
    assert isinstance(m.Error.from_dict(json.loads(missing.content)).message, str)


def test_generated_client_account_session_and_browsers(fresh: Emulator) -> None:
    basic = Client(base_url=fresh.base_url("tiledb"), httpx_args={"auth": ("emulator", "emulator")})
    token = get_session.sync_detailed(client=basic, remember_me="True").parsed
    assert isinstance(token, m.Token)
    assert token.scope == [m.TokenScope.VALUE_2]
    client = _api_client(fresh, token=token.token)
    user = get_user.sync_detailed(client=client).parsed
    assert isinstance(user, m.User)
    assert user.username == "emulator"
    orgs = list_organizations.sync_detailed(client=client).parsed
    assert isinstance(orgs, list)
    assert [o.name for o in orgs] == ["emulator-org", "public"]
    org = get_organization.sync_detailed("emulator-org", client=client).parsed
    assert isinstance(org, m.Organization)
    assert org.role is m.OrganizationRoles.OWNER
    arrays = list_owned_arrays.sync_detailed(
        client=client, page=2, per_page=5, tag=["demo", "genomics"], with_metadata=True
    ).parsed
    assert isinstance(arrays, m.ArrayBrowserData)
    assert arrays.pagination_metadata.page == 2
    groups = list_owned_groups.sync_detailed(client=client, flat=True).parsed
    assert isinstance(groups, m.GroupBrowserData)
    assert len(groups.groups) == 8
    refused = get_user.sync_detailed(client=_api_client(fresh, token="nope"))
    assert refused.status_code == 401
    assert isinstance(m.Error.from_dict(json.loads(refused.content)).message, str)


# Scale: 100,000 tasks.


def test_hundred_thousand_tasks_list_quickly() -> None:
    started = time.perf_counter()
    with Emulator(services=[Service], speed=0, seed_counts={"tiledb": 100_000}) as big:
        seeding = time.perf_counter() - started
        with httpx.Client(base_url=big.base_url("tiledb"), headers=KEY) as http:
            http.get(f"/v1/tasks/{WS}", params={"per_page": 100})
            timings = {}
            for label, page in (("first", 0), ("deep", 999)):
                t0 = time.perf_counter()
                body = http.get(f"/v1/tasks/{WS}", params={"per_page": 100, "page": page}).json()
                timings[label] = time.perf_counter() - t0
                assert len(body["array_tasks"]) == 100
            assert body["pagination_metadata"] == {
                "page": 999,
                "per_page": 100,
                "total_pages": 1000,
                "total_items": 100_000,
            }
    assert seeding < 15, seeding
    # Typically ~5 ms and ~15 ms on 2 cores; the bound leaves room for a loaded CI machine.
    assert timings["first"] < 0.5, timings
    assert timings["deep"] < 0.5, timings


def _epoch(stamp: str) -> float:
    return dt.datetime.fromisoformat(stamp).timestamp()


def test_a_workspace_by_id_or_by_name_and_unknown_ones(http: httpx.Client) -> None:
    """``GET /v4/workspaces/{workspace}``: how tiledb-client 3.x turns a configured workspace name into its id."""
    for wanted in (WS, WS.removeprefix("ws_")):
        answer = http.get(f"/v4/workspaces/{wanted}")
        assert answer.status_code == 200, answer.text
        data = answer.json()["data"]
        assert data["workspace_id"] == WS
        assert data["name"] == WS.removeprefix("ws_")
        for required in ("created_by", "self", "created_at"):  # tiledb-client's model refuses answers without them
            assert data[required]
    _error(http.get("/v4/workspaces/someone-else"), 404)
