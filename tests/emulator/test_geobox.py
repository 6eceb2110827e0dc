"""The Geobox emulator over real loopback HTTP: auth, lifecycle on the clock, abort, assets, bad input, restarts.

Most tests freeze the emulator clock (``speed=0``) and step it with ``advance``, so nothing depends on timing.
"""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from taskfacade_emulator import Credentials, Emulator

AUTH = {"Authorization": "Bearer emulator-token"}
ASSET_PATHS = {
    "layer_uuid": "/v1/vectorLayers/{}/",
    "raster_uuid": "/v1/rasters/{}/",
    "model_uuid": "/v1/3dmodels/{}/",
    "file_uuid": "/v1/files/{}/info/",
    "3dtiles_uuid": "/v1/3dtiles/{}/",
    "table_uuid": "/v1/tables/{}/",
}
ASSET_KINDS = {
    "vector": "layer_uuid",
    "raster": "raster_uuid",
    "model": "model_uuid",
    "file": "file_uuid",
    "3dtiles": "3dtiles_uuid",
    "table": "table_uuid",
}


@pytest.fixture(scope="module")
def tls() -> ssl.SSLContext:
    """One SSL context per module: building one costs ~50 ms, so per-test clients share it (verification on)."""
    return ssl.create_default_context()


@pytest.fixture(scope="module")
def http(tls: ssl.SSLContext) -> Iterator[httpx.Client]:
    """An anonymous client for absolute URLs, shared by the module."""
    with httpx.Client(verify=tls) as client:
        yield client


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=20, speed=0) as emulator:
        yield emulator


@pytest.fixture
def api(emu: Emulator, tls: ssl.SSLContext) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url("geobox"), headers=AUTH, verify=tls) as client:
        yield client


def _asset_uuid(emu: Emulator, task_uuid: str) -> str:
    """The asset a task will produce (clients only see it in ``result`` once the task succeeded)."""
    row = emu.services["geobox"].tasks.get(task_uuid)  # type: ignore[attr-defined]
    assert row is not None
    assert row.asset_uuid
    return str(row.asset_uuid)


def _naive_utc(text: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(text)
    assert parsed.tzinfo is None, "Geobox timestamps carry no offset"
    return parsed.replace(tzinfo=dt.UTC)


# --- auth ---------------------------------------------------------------------------------------------------------

ROUTES = [
    ("GET", "/v1/tasks/"),
    ("GET", "/v1/tasks/{task}/"),
    ("GET", "/v1/tasks/{task}/status/"),
    ("POST", "/v1/tasks/{task}/abort/"),
    *[("GET", path.replace("{}", "{task}")) for path in ASSET_PATHS.values()],
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_refuses_a_request_without_credentials(
    http: httpx.Client, emu: Emulator, method: str, path: str
) -> None:
    task = emu.seeded()["geobox"]["task_ids"][0]
    response = http.request(method, emu.base_url("geobox") + path.format(task=task))
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("headers", "params", "status", "detail"),
    [
        ({"Authorization": "Bearer wrong"}, {}, 401, "Could not validate credentials"),
        ({}, {"apikey": "wrong"}, 401, "Invalid API key"),
        ({"Authorization": "Basic ZW11bGF0b3I6ZW11bGF0b3I="}, {}, 401, "Not authenticated"),
        ({"Authorization": "Bearer wrong"}, {"apikey": "emulator-token"}, 401, "Could not validate credentials"),
        ({}, {"apikey": "emulator-token"}, 200, None),
        ({"Authorization": "bearer emulator-token"}, {"apikey": "wrong"}, 200, None),
    ],
)
def test_bearer_then_apikey_precedence(
    http: httpx.Client, emu: Emulator, headers: dict[str, str], params: dict[str, str], status: int, detail: str | None
) -> None:
    response = http.get(emu.base_url("geobox") + "/v1/tasks/", headers=headers, params=params)
    assert response.status_code == status
    if detail is not None:
        assert response.json() == {"detail": detail}


def test_token_login_issues_a_working_token(http: httpx.Client, emu: Emulator) -> None:
    base = emu.base_url("geobox")
    login = http.post(base + "/v1/auth/token/", data={"username": "emulator", "password": "emulator"})
    assert login.status_code == 200
    body = login.json()
    assert body["token_type"] == "bearer"
    token = body["access_token"]
    assert token != "emulator-token"
    listed = http.get(base + "/v1/tasks/", headers={"Authorization": f"Bearer {token}"}, params={"return_count": 1})
    assert listed.json() == http.get(base + "/v1/tasks/", headers=AUTH, params={"return_count": 1}).json()


@pytest.mark.parametrize(
    ("kwargs", "status", "detail"),
    [
        ({"data": {"username": "emulator", "password": "nope"}}, 401, "Incorrect username or password"),
        ({"data": {"username": "someone", "password": "emulator"}}, 401, "Incorrect username or password"),
        ({"data": {"username": "emulator"}}, 422, [["body", "password"]]),
        ({"json": {"username": "emulator", "password": "emulator"}}, 422, [["body", "username"], ["body", "password"]]),
    ],
)
def test_login_refusals(http: httpx.Client, emu: Emulator, kwargs: dict[str, Any], status: int, detail: Any) -> None:
    response = http.post(emu.base_url("geobox") + "/v1/auth/token/", **kwargs)
    assert response.status_code == status
    body = response.json()
    if isinstance(detail, str):
        assert body == {"detail": detail}
    else:
        assert [item["loc"] for item in body["detail"]] == detail
        assert all("required" in item["msg"] for item in body["detail"])


def test_credentials_are_configurable(http: httpx.Client) -> None:
    credentials = Credentials(geobox_token="tok-1", geobox_apikey="key-1", geobox_username="u", geobox_password="p")
    with Emulator(db=None, seed_count=3, credentials=credentials) as emu:
        url = emu.base_url("geobox") + "/v1/tasks/"
        assert http.get(url, headers=AUTH).status_code == 401
        assert http.get(url, headers={"Authorization": "Bearer tok-1"}).status_code == 200
        assert http.get(url, params={"apikey": "key-1"}).status_code == 200
        login = http.post(emu.base_url("geobox") + "/v1/auth/token/", data={"username": "u", "password": "p"})
        assert login.status_code == 200


# --- lifecycle ----------------------------------------------------------------------------------------------------


def test_task_goes_pending_progress_success_on_the_clock(emu: Emulator, api: httpx.Client) -> None:
    (uuid,) = emu.create_tasks("geobox", queued_s=10, run_s=100, asset="raster", name="rasterize:dem")
    task = api.get(f"/v1/tasks/{uuid}/").json()
    expected = ("PENDING", "rasterize:dem", {}, None, None)
    assert (task["state"], task["name"], task["result"], task["started_at"], task["finished_at"]) == expected
    assert api.get(f"/v1/tasks/{uuid}/status/").json()["current"] == 0

    emu.advance(10)
    task = api.get(f"/v1/tasks/{uuid}/").json()
    assert task["state"] == "PROGRESS"
    assert _naive_utc(task["started_at"]) - _naive_utc(task["created_at"]) == dt.timedelta(seconds=10)
    emu.advance(50)
    progress = api.get(f"/v1/tasks/{uuid}/status/").json()
    assert 0.45 <= progress["current"] / progress["total"] <= 0.55

    emu.advance(51)  # one second past the end: float sums need not land exactly on it
    task = api.get(f"/v1/tasks/{uuid}/").json()
    assert task["state"] == "SUCCESS"
    assert _naive_utc(task["finished_at"]) - _naive_utc(task["started_at"]) == dt.timedelta(seconds=100)
    assert task["result"] == {"raster_uuid": _asset_uuid(emu, uuid)}
    progress = api.get(f"/v1/tasks/{uuid}/status/").json()
    assert progress["current"] == progress["total"] > 0


@pytest.mark.parametrize(("kind", "key"), ASSET_KINDS.items())
def test_asset_appears_only_once_its_task_succeeded(emu: Emulator, api: httpx.Client, kind: str, key: str) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=30, asset=kind)
    asset_path = ASSET_PATHS[key].format(_asset_uuid(emu, uuid))
    before = api.get(asset_path)
    assert before.status_code == 404
    assert before.json()["detail"].endswith("not found")
    emu.advance(30)
    task = api.get(f"/v1/tasks/{uuid}/").json()
    asset = api.get(ASSET_PATHS[key].format(task["result"][key]), params={"f": "json"}).json()
    assert asset["uuid"] == task["result"][key]
    assert asset["created_at"] == task["finished_at"]
    assert task["uuid"] in asset["description"]
    assert api.get(asset_path, params={"user_id": 2}).status_code == 404  # not that user's asset


def test_failed_and_canceled_outcomes(emu: Emulator, api: httpx.Client) -> None:
    (failed,) = emu.create_tasks("geobox", outcome="failed", run_s=5)
    (canceled,) = emu.create_tasks("geobox", outcome="canceled", run_s=5)
    emu.advance(5)
    failure = api.get(f"/v1/tasks/{failed}/").json()
    assert failure["state"] == "FAILURE"
    assert failure["result"]["detail"]["msg"] == failure["result"]["errors"][0]["msg"] != ""
    aborted = api.get(f"/v1/tasks/{canceled}/").json()
    assert (aborted["state"], aborted["result"]) == ("ABORTED", {})


def test_other_kinds_of_asset_ids_answer_404(emu: Emulator, api: httpx.Client) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset="table")
    table_uuid = api.get(f"/v1/tasks/{uuid}/").json()["result"]["table_uuid"]
    assert api.get(f"/v1/tables/{table_uuid}/").status_code == 200
    assert api.get(f"/v1/rasters/{table_uuid}/").json() == {"detail": "Raster not found"}
    assert api.get("/v1/tasks/no-such-task/").json() == {"detail": "Task not found"}
    assert api.get("/v1/tasks/no-such-task/status/").status_code == 404


def test_task_without_asset_has_an_empty_result(emu: Emulator, api: httpx.Client) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset="none")
    task = api.get(f"/v1/tasks/{uuid}/").json()
    assert (task["state"], task["result"]) == ("SUCCESS", {})
    assert task["name"].startswith("cache_seed:")


# --- abort --------------------------------------------------------------------------------------------------------


def test_abort_a_running_task_freezes_it(emu: Emulator, api: httpx.Client) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=100)
    emu.advance(40)
    aborted = api.post(f"/v1/tasks/{uuid}/abort/", headers={"Content-Type": "application/json"})
    assert aborted.status_code == 200
    assert aborted.json()["state"] == "ABORTED"
    progress = api.get(f"/v1/tasks/{uuid}/status/").json()
    emu.advance(100)
    task = api.get(f"/v1/tasks/{uuid}/").json()
    assert (task["state"], task["result"], task["finished_at"]) == ("ABORTED", {}, aborted.json()["finished_at"])
    assert api.get(f"/v1/tasks/{uuid}/status/").json() == progress
    assert 0 < progress["current"] < progress["total"]
    again = api.post(f"/v1/tasks/{uuid}/abort/")
    assert (again.status_code, again.json()) == (200, task)


def test_abort_a_queued_task_never_starts_it(emu: Emulator, api: httpx.Client) -> None:
    (uuid,) = emu.create_tasks("geobox", queued_s=60, run_s=10)
    assert api.post(f"/v1/tasks/{uuid}/abort/").json()["state"] == "ABORTED"
    emu.advance(100)
    task = api.get(f"/v1/tasks/{uuid}/").json()
    assert (task["state"], task["started_at"]) == ("ABORTED", None)
    assert api.get(f"/v1/tasks/{uuid}/status/").json()["current"] == 0


@pytest.mark.parametrize(("outcome", "state"), [("succeeded", "SUCCESS"), ("failed", "FAILURE")])
def test_abort_a_finished_task_is_a_conflict(emu: Emulator, api: httpx.Client, outcome: str, state: str) -> None:
    (uuid,) = emu.create_tasks("geobox", outcome=outcome, run_s=1)
    emu.advance(1)
    response = api.post(f"/v1/tasks/{uuid}/abort/")
    assert response.status_code == 409
    assert state in response.json()["detail"]
    assert api.get(f"/v1/tasks/{uuid}/").json()["state"] == state


def test_abort_an_unknown_task_is_404(api: httpx.Client) -> None:
    response = api.post("/v1/tasks/00000000-0000-4000-8000-000000000000/abort/")
    assert (response.status_code, response.json()) == (404, {"detail": "Task not found"})


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "locs"),
    [
        ({"limit": "0"}, ["limit"]),
        ({"limit": "ten"}, ["limit"]),
        ({"skip": "-1"}, ["skip"]),
        ({"skip": "99999999999999999999999"}, ["skip"]),
        ({"state": "DONE"}, ["state"]),
        ({"return_count": "maybe"}, ["return_count"]),
        ({"shared": "2"}, ["shared"]),
        ({"user_id": "0"}, ["user_id"]),
        ({"f": "xml"}, ["f"]),
        ({"limit": "-5", "state": "success", "shared": "yes please"}, ["state", "limit", "shared"]),
    ],
)
def test_bad_list_parameters_are_422_naming_each_one(
    api: httpx.Client, params: dict[str, str], locs: list[str]
) -> None:
    response = api.get("/v1/tasks/", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["loc"] for item in detail] == [["query", name] for name in locs]
    for item, name in zip(detail, locs, strict=True):
        assert item["msg"].startswith(name)
        assert item["input"] == params[name]


@pytest.mark.parametrize(
    ("params", "mentions"),
    [
        ({"q": "name ~ 'x'"}, "position 5"),
        ({"q": "name LIKE"}, "quoted pattern"),
        ({"q": "colour = 'red'"}, "field name"),
        ({"q": "id = 'one'"}, "integer"),
        ({"q": "state = 'DONE'"}, "state must be one of"),
        ({"q": "created_at > 'yesterday'"}, "ISO 8601"),
        ({"q": "id LIKE '1%'"}, "text fields"),
        ({"q": "(name = 'a'"}, "')'"),
        ({"q": "name = 'a' name = 'b'"}, "AND, OR"),
        ({"q": "(" * 40 + "id = 1" + ")" * 40}, "nested"),
        ({"order_by": "colour A"}, "order_by"),
        ({"order_by": "name X"}, "order_by"),
        ({"order_by": "name A,"}, "order_by"),
        ({"search_fields": "description", "search": "x"}, "search_fields"),
    ],
)
def test_unusable_filter_values_are_400_saying_what_is_supported(
    api: httpx.Client, params: dict[str, str], mentions: str
) -> None:
    response = api.get("/v1/tasks/", params=params)
    assert response.status_code == 400
    assert mentions in response.json()["detail"]


@pytest.mark.parametrize("params", [{"user_id": "abc"}, {"f": "geojson"}, {"user_id": "-1"}])
def test_bad_asset_parameters_are_422(api: httpx.Client, params: dict[str, str]) -> None:
    for path in ASSET_PATHS.values():
        response = api.get(path.format("any"), params=params)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]


def test_unicode_and_control_characters_never_cause_a_500(api: httpx.Client) -> None:
    for value in ["\x00", "'", "%", "名前", "\ud7ff", "a" * 5000]:
        for name in ("q", "search", "order_by", "search_fields"):
            assert api.get("/v1/tasks/", params={name: value}).status_code in (200, 400)
    for segment in ["%00", "%27", "%25", "%E5%90%8D", "a" * 2000]:
        assert api.get(f"/v1/tasks/{segment}/").status_code == 404


# --- service hooks: errors, unknown values ------------------------------------------------------------------------


def test_injected_status_uses_geobox_error_format_with_retry_after(emu: Emulator, api: httpx.Client) -> None:
    emu.add_faults(service="geobox", path="^/v1/tasks/$", action="status", status=503, retry_after=2.5, count=1)
    response = api.get("/v1/tasks/")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "3"
    assert set(response.json()) == {"detail"}
    assert api.get("/v1/tasks/").status_code == 200


def test_unknown_enum_fault_changes_states_and_asset_keys(emu: Emulator, api: httpx.Client) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset="vector")
    normal = api.get(f"/v1/tasks/{uuid}/").json()
    emu.add_faults(service="geobox", action="unknown_enum", count=2)
    altered = api.get(f"/v1/tasks/{uuid}/").json()
    assert altered["state"] not in ("PENDING", "PROGRESS", "SUCCESS", "FAILURE", "ABORTED")
    assert altered["result"] == {"pointcloud_uuid": normal["result"]["layer_uuid"]}
    layer = api.get(f"/v1/vectorLayers/{normal['result']['layer_uuid']}/").json()
    assert layer["layer_type"] not in ("Point", "MultiPoint", "Polygon", "Polyline")


# --- seed and persistence -----------------------------------------------------------------------------------------


def test_seed_is_deterministic_spread_over_30_days_and_mixed(
    http: httpx.Client, emu: Emulator, api: httpx.Client
) -> None:
    ids = emu.seeded()["geobox"]["task_ids"]
    assert len(ids) == 20
    with Emulator(db=None, seed_count=20, speed=0) as same, Emulator(db=None, seed_count=20, seed=2) as other:
        assert same.seeded()["geobox"]["task_ids"] == ids
        assert set(other.seeded()["geobox"]["task_ids"]).isdisjoint(ids)
    with Emulator(db=None, seed_count=2000, seed_counts={"geobox": 300}, speed=0) as big:
        url = big.base_url("geobox") + "/v1/tasks/"
        everyone = [
            *http.get(url, headers=AUTH, params={"limit": 1000, "user_id": 1}).json(),
            *http.get(url, headers=AUTH, params={"limit": 1000, "user_id": 2}).json(),
        ]
        now = dt.datetime.fromtimestamp(big.now(), dt.UTC)
    assert len({t["uuid"] for t in everyone}) == 300
    states = {t["state"] for t in everyone}
    assert {"PENDING", "PROGRESS", "SUCCESS", "FAILURE", "ABORTED"} <= states
    ages = [now - _naive_utc(t["created_at"]) for t in everyone]
    assert max(ages) <= dt.timedelta(days=30)
    assert max(ages) > dt.timedelta(days=25)


def test_restart_on_the_same_db_keeps_tasks_states_and_tokens(http: httpx.Client, tmp_path: Path) -> None:
    db = str(tmp_path / "emulator.db")
    with Emulator(db=db, seed_count=15, speed=0) as emu:
        base = emu.base_url("geobox")
        seeded = emu.seeded()["geobox"]["task_ids"]
        (running,) = emu.create_tasks("geobox", run_s=1000)
        (to_abort,) = emu.create_tasks("geobox", run_s=1000)
        emu.advance(100)
        http.post(f"{base}/v1/tasks/{to_abort}/abort/", headers=AUTH).raise_for_status()
        token = http.post(f"{base}/v1/auth/token/", data={"username": "emulator", "password": "emulator"}).json()
        before = {u: http.get(f"{base}/v1/tasks/{u}/", headers=AUTH).json() for u in [*seeded, running, to_abort]}
    for stored in tmp_path.iterdir():  # the database (and any WAL file) holds only a hash of the token
        assert token["access_token"].encode() not in stored.read_bytes()
    with Emulator(db=db, seed_count=15, speed=0) as emu:
        base = emu.base_url("geobox")
        assert emu.seeded()["geobox"]["task_ids"] == seeded
        after = {u: http.get(f"{base}/v1/tasks/{u}/", headers=AUTH).json() for u in before}
        assert after == before
        assert after[to_abort]["state"] == "ABORTED"
        assert after[running]["state"] == "PROGRESS"
        reused = {"Authorization": f"Bearer {token['access_token']}"}
        assert http.get(f"{base}/v1/tasks/", params={"return_count": True}, headers=reused).status_code == 200


def test_admin_create_rejects_bad_geobox_fields(emu: Emulator) -> None:
    for fields, mentions in [
        ({"asset": "video"}, "'asset' must be one of"),
        ({"user_id": "me"}, "'user_id'"),
        ({"shared": "yes"}, "'shared'"),
        ({"name": ""}, "'name'"),
        ({"colour": "red"}, "unknown field"),
    ]:
        with pytest.raises(ValueError, match=mentions):
            emu.create_tasks("geobox", **fields)
