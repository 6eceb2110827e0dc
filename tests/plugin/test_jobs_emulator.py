"""The plug-in's emulator service over raw HTTP: auth, strict parameters, batch limits, the lifecycle on the
emulator clock, seeds, the admin API and faults (what the facade tests cannot provoke)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from jobs_support import TOKEN
from taskfacade_emulator import Emulator


@pytest.fixture
def http(emu: Emulator) -> httpx.Client:
    return httpx.Client(base_url=emu.base_url("jobs"), headers={"Authorization": f"Bearer {TOKEN}"})


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    message: str = body["message"]
    return message


def test_every_route_needs_the_token(emu: Emulator) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {TOKEN}"}):
        anonymous = httpx.Client(base_url=emu.base_url("jobs"), headers=headers)
        for method, path in [("GET", "/v1/jobs"), ("GET", "/v1/jobs/x"), ("POST", "/v1/jobs/x/cancel")]:
            _error(anonymous.request(method, path), 401, "UNAUTHENTICATED")
        _error(anonymous.post("/v1/jobs:batchGet", json={"ids": ["x"]}), 401, "UNAUTHENTICATED")


def test_lifecycle_follows_the_emulator_clock(emu: Emulator, http: httpx.Client) -> None:
    [job_id] = emu.create_tasks("jobs", outcome="failed", queued_s=10, run_s=20, name="nightly")
    seen = []
    for _ in range(4):
        body = http.get(f"/v1/jobs/{job_id}").json()
        seen.append((body["state"], body["progress"], "start_time" in body, "end_time" in body, "error" in body))
        emu.advance(10)
    assert seen == [
        ("QUEUED", 0, False, False, False),
        ("RUNNING", 0, True, False, False),
        ("RUNNING", 50, True, False, False),
        ("FAILED", 99, True, True, True),
    ]
    assert body["name"] == "nightly"
    assert body["create_time"].endswith("Z")


def test_list_pages_and_refuses_what_it_does_not_know(emu: Emulator, http: httpx.Client) -> None:
    first = http.get("/v1/jobs", params={"page_size": 100}).json()
    assert len(first["jobs"]) == 100
    second = http.get("/v1/jobs", params={"page_size": 100, "page_token": first["next_page_token"]}).json()
    assert len(second["jobs"]) == 20
    assert "next_page_token" not in second
    for params in ({"page_size": 0}, {"page_size": "1e3"}, {"page_token": "x"}, {"state": "DONE"}, {"limit": 5}):
        _error(http.get("/v1/jobs", params=params), 400, "INVALID_ARGUMENT")
    _error(http.get("/v1/jobs/x", params={"verbose": 1}), 400, "INVALID_ARGUMENT")
    _error(http.delete("/v1/jobs/x"), 405, "INVALID_ARGUMENT")
    _error(http.get("/v1/nothing"), 404, "NOT_FOUND")


def test_batch_get_limits(emu: Emulator, http: httpx.Client) -> None:
    seeded: list[str] = emu.seeded()["jobs"]["job_ids"]
    answer = http.post("/v1/jobs:batchGet", json={"ids": [seeded[1], "gone", seeded[0], seeded[1]]}).json()
    assert [job["id"] for job in answer["jobs"]] == [seeded[1], seeded[0]]
    assert answer["not_found"] == ["gone"]
    for body in ({"ids": []}, {"ids": seeded[:51]}, {"ids": [1]}, {"ids": ["a"], "more": 1}, [], {"id": "a"}):
        _error(http.post("/v1/jobs:batchGet", json=body), 400, "INVALID_ARGUMENT")
    _error(http.post("/v1/jobs:batchGet", content=b"{"), 400, "INVALID_ARGUMENT")  # the shared body reader


def test_cancel_rules(emu: Emulator, http: httpx.Client) -> None:
    queued, done = emu.create_tasks("jobs", 2, queued_s=0, run_s=5)
    emu.advance(10)
    assert http.post(f"/v1/jobs/{done}/cancel").status_code == 409
    _error(http.post("/v1/jobs/nope/cancel"), 404, "NOT_FOUND")
    [queued] = emu.create_tasks("jobs", queued_s=60, run_s=5)
    canceled = http.post(f"/v1/jobs/{queued}/cancel").json()
    assert (canceled["state"], canceled["progress"]) == ("CANCELLED", 0)
    emu.advance(600)
    assert http.post(f"/v1/jobs/{queued}/cancel").json() == http.get(f"/v1/jobs/{queued}").json() == canceled


def test_seed_is_deterministic_and_admin_checks_specs(emu: Emulator) -> None:
    seeded = emu.seeded()["jobs"]
    assert len(seeded["job_ids"]) == 120
    by_state = [job_id for ids in seeded["job_ids_by_state"].values() for job_id in ids]
    assert sorted(by_state) == sorted(seeded["job_ids"])
    with Emulator(seed_count=5, seed_counts={"jobs": 120}, speed=0) as again:
        assert again.seeded()["jobs"]["job_ids"] == seeded["job_ids"]
    with pytest.raises(ValueError, match="unknown keys"):
        emu.create_tasks("jobs", colour="red")
    with pytest.raises(ValueError, match="name must be a string"):
        emu.create_tasks("jobs", name=3)


def test_faults_speak_the_services_error_format(emu: Emulator, http: httpx.Client) -> None:
    emu.add_faults(service="jobs", action="status", status=503, count=1)
    _error(http.get("/v1/jobs"), 503, "INTERNAL")
    assert http.get("/v1/jobs").status_code == 200
