"""Every admin API route under /_emulator/, over real HTTP, and the Python helpers that mirror them."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from support.emulator_fake import AUTH, fake_emulator
from taskfacade_emulator import Emulator


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with fake_emulator() as running:
        yield running


@pytest.fixture
def admin(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.url + "/_emulator", timeout=10) as http:
        yield http


def _error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    message: str = response.json()["error"]
    return message


def test_seeded_merges_every_services_entry(admin: httpx.Client, emu: Emulator) -> None:
    body = admin.get("/seeded").json()
    assert body == {"fake": {"task_ids": [f"task-{n:06d}" for n in range(1, 6)]}}
    assert body == emu.seeded()


def test_create_tasks_fills_defaults_and_returns_ids(admin: httpx.Client, emu: Emulator) -> None:
    response = admin.post("/tasks", json={"service": "fake", "count": 3, "outcome": "canceled", "kind": "special"})
    assert response.status_code == 200
    ids = response.json()["ids"]
    assert ids == ["task-000006", "task-000007", "task-000008"]
    with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH) as http:
        task = http.get(f"/v1/tasks/{ids[0]}").json()
    assert (task["kind"], task["status"]) == ("special", "RUNNING")  # defaults: queued_s 0, run_s 10
    emu.advance(10)
    with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH) as http:
        assert http.get(f"/v1/tasks/{ids[0]}").json()["status"] == "CANCELED"
    assert admin.post("/tasks", json={"service": "fake"}).json() == {"ids": ["task-000009"]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"service": "nope"}, "'service' must be one of ['fake'], got 'nope'"),
        ({"count": 1}, "'service' must be one of ['fake'], got None"),
        ({"service": "fake", "count": 0}, "'count' must be an integer from 1 to 10000, got 0"),
        ({"service": "fake", "count": "2"}, "'count' must be an integer from 1 to 10000, got '2'"),
        ({"service": "fake", "outcome": "x"}, "'outcome' must be one of ['succeeded', 'failed', 'canceled'], got 'x'"),
        ({"service": "fake", "queued_s": -1}, "'queued_s' must be a number of seconds >= 0, got -1"),
        ({"service": "fake", "run_s": None}, "'run_s' must be a number of seconds >= 0, got None"),
        ({"service": "fake", "kind": 7}, "'kind' must be a string, got 7"),  # the service's own ValueError
        ([1, 2], "the task spec must be a JSON object"),
    ],
)
def test_create_tasks_refuses_bad_input_with_400(admin: httpx.Client, body: object, message: str) -> None:
    assert _error(admin.post("/tasks", json=body), 400) == message


def test_a_body_that_is_not_json_is_a_400(admin: httpx.Client) -> None:
    response = admin.post("/tasks", content=b"{not json", headers={"content-type": "application/json"})
    assert _error(response, 400).startswith("the request body is not valid JSON: Expecting property name")


def test_the_helpers_validate_like_the_admin_api(emu: Emulator) -> None:
    with pytest.raises(ValueError, match=r"'outcome' must be one of \['succeeded', 'failed', 'canceled'\]"):
        emu.create_tasks("fake", outcome="done")
    with pytest.raises(ValueError, match="'speed' must be a number from 0 to 1000000, got -1"):
        emu.set_speed(-1)
    with pytest.raises(ValueError, match="'advance_s' must be a number of seconds from 0 to "):
        emu.advance(-5)


def test_faults_add_list_and_clear(admin: httpx.Client, emu: Emulator) -> None:
    added = admin.post("/faults", json={"rules": [{"service": "fake", "action": "status", "status": 503}]})
    assert added.status_code == 200
    [rule] = added.json()["rules"]
    assert (rule["id"], rule["action"], rule["status"], rule["fired"]) == (1, "status", 503, 0)
    httpx.get(emu.base_url("fake") + "/v1/tasks", headers=AUTH)
    assert admin.get("/faults").json()["rules"][0]["fired"] == 1
    assert admin.delete("/faults").json() == {"cleared": 1}
    assert admin.get("/faults").json() == {"rules": []}
    assert httpx.get(emu.base_url("fake") + "/v1/tasks", headers=AUTH).status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"rule": []}, 'the body must be {"rules": [rule, ...]}'),
        ({"rules": []}, "'rules' must be a non-empty list of fault rules"),
        ({"rules": [{"service": "fake", "action": "boom"}]}, "'action' must be one of"),
    ],
)
def test_bad_fault_bodies_are_a_400(admin: httpx.Client, body: object, message: str) -> None:
    assert _error(admin.post("/faults", json=body), 400).startswith(message)


def test_clock_advance_and_speed(admin: httpx.Client, emu: Emulator) -> None:
    before = admin.get("/clock").json()
    assert before["speed"] == 0.0
    after = admin.post("/clock", json={"advance_s": 3600}).json()
    assert after["now"] - before["now"] == pytest.approx(3600, abs=0.01)
    assert admin.post("/clock", json={"speed": 50}).json()["speed"] == 50.0
    assert emu.core.clock.speed == 50.0
    assert admin.post("/clock", json={"speed": 0, "advance_s": 1}).json()["speed"] == 0.0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "the clock change must be a JSON object with 'advance_s' and/or 'speed'"),
        ({"advance": 3}, "the clock change must be a JSON object with 'advance_s' and/or 'speed'"),
        ({"advance_s": -3}, "'advance_s' must be a number of seconds from 0 to "),
        ({"speed": "fast"}, "'speed' must be a number from 0 to 1000000, got 'fast'"),
    ],
)
def test_bad_clock_changes_are_a_400(admin: httpx.Client, body: object, message: str) -> None:
    assert _error(admin.post("/clock", json=body), 400).startswith(message)


def test_requests_counts_and_clears(admin: httpx.Client, emu: Emulator) -> None:
    httpx.get(emu.base_url("fake") + "/v1/tasks", headers=AUTH)
    httpx.get(emu.base_url("fake") + "/v1/tasks", headers=AUTH)
    assert admin.get("/requests").json() == {"fake": {"GET /v1/tasks": 2}}
    assert admin.delete("/requests").json() == {"fake": {}}
    assert admin.get("/requests").json() == {"fake": {}}


def test_reset_clears_faults_and_counts_restores_speed_and_keeps_tasks(admin: httpx.Client, emu: Emulator) -> None:
    ids = admin.post("/tasks", json={"service": "fake", "count": 2}).json()["ids"]
    admin.post("/faults", json={"rules": [{"service": "fake", "action": "latency", "latency_ms": 1}]})
    admin.post("/clock", json={"speed": 10, "advance_s": 100})
    httpx.get(emu.base_url("fake") + "/v1/tasks", headers=AUTH)
    now = emu.now()
    assert admin.post("/reset").json() == {"faults_cleared": 1, "speed": 0.0}
    assert admin.get("/faults").json() == {"rules": []}
    assert admin.get("/requests").json() == {"fake": {}}
    assert admin.get("/clock").json()["now"] >= now  # time never goes back
    assert admin.get("/seeded").json()["fake"]["task_ids"][:5] == [f"task-{n:06d}" for n in range(1, 6)]
    response = httpx.get(emu.base_url("fake") + f"/v1/tasks/{ids[1]}", headers=AUTH)
    assert response.status_code == 200


def test_unknown_admin_routes_and_methods_answer_json(admin: httpx.Client) -> None:
    assert _error(admin.get("/nothing"), 404) == "Not Found: GET /_emulator/nothing"
    assert _error(admin.put("/faults"), 405) == "Method Not Allowed: PUT /_emulator/faults"


def test_no_admin_means_404_everywhere_under_the_prefix() -> None:
    with fake_emulator(admin=False) as emu:
        for method, path in [("GET", "/seeded"), ("POST", "/tasks"), ("POST", "/reset"), ("GET", "/requests")]:
            response = httpx.request(method, emu.url + "/_emulator" + path)
            assert response.status_code == 404
            assert "services are served under" in response.json()["error"]


def test_the_python_helpers_mirror_the_admin_api(emu: Emulator) -> None:
    assert emu.add_faults(service="fake", action="status", status=500, count=1)[0]["id"] == 1
    assert [rule["id"] for rule in emu.faults()] == [1]
    assert emu.clear_faults() == 1
    start = emu.now()
    assert emu.advance(60) == pytest.approx(start + 60, abs=0.01)
    emu.set_speed(2)
    assert emu.core.clock.speed == 2.0
    assert emu.reset() == {"faults_cleared": 0, "speed": 0.0}
