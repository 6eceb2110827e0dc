"""The shared emulator server: serving, routing, errors, request counts, persistence and concurrency.

Uses a tiny fake service (tests/support/emulator_fake.py) so the server is tested on its own; real HTTP over loopback.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.emulator_fake import AUTH, FakeService, fake_emulator
from taskfacade_emulator import SERVICE_NAMES, Emulator, Settings
from taskfacade_emulator._registry import default_factories


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with fake_emulator() as running:
        yield running


@pytest.fixture
def client(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH, timeout=10) as http:
        yield http


def test_starts_fast_on_a_loopback_port_and_stops() -> None:
    began = time.perf_counter()
    with fake_emulator(seed_count=200) as emu:
        started = time.perf_counter() - began
        assert emu.url.startswith("http://127.0.0.1:")
        assert emu.base_url("fake") == emu.url + "/fake"
        assert httpx.get(emu.url + "/_emulator/seeded").status_code == 200
        url = emu.url
    assert started < 1.0
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/_emulator/seeded")
    with pytest.raises(RuntimeError, match="not running"):
        _ = emu.url


def test_base_url_rejects_an_unknown_service(emu: Emulator) -> None:
    with pytest.raises(ValueError, match=r"service must be one of \['fake'\], got 'nope'"):
        emu.base_url("nope")


def test_a_service_route_serves_the_lifecycle_on_the_emulator_clock(emu: Emulator, client: httpx.Client) -> None:
    [task_id] = emu.create_tasks("fake", queued_s=5, run_s=100, outcome="failed")
    assert client.get(f"/v1/tasks/{task_id}").json()["status"] == "QUEUED"
    emu.advance(55)
    running = client.get(f"/v1/tasks/{task_id}").json()
    assert (running["status"], running["progress"]) == ("RUNNING", 50.0)
    emu.advance(50)
    assert client.get(f"/v1/tasks/{task_id}").json()["status"] == "FAILED"


def test_unknown_path_under_a_service_gets_the_services_own_404(client: httpx.Client) -> None:
    response = client.get("/v1/nowhere")
    assert response.status_code == 404
    assert response.json() == {"fakeError": {"code": 404, "message": "no such path: /fake/v1/nowhere"}}
    assert client.get("").status_code == 404  # the bare prefix


def test_wrong_method_gets_the_services_own_405_with_allow(client: httpx.Client) -> None:
    response = client.delete("/v1/tasks/task-000001")
    assert response.status_code == 405
    assert response.headers["x-fake-error"] == "1"
    assert response.headers["allow"] == "GET, HEAD"


def test_a_crash_becomes_the_services_500_and_is_logged(client: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="taskfacade_emulator"):
        response = client.get("/v1/boom")
    assert response.status_code == 500
    assert response.json()["fakeError"]["message"] == "internal error in the emulator"
    assert any("unhandled error in fake GET /v1/boom" in r.getMessage() for r in caplog.records)
    assert client.get("/v1/tasks/task-000001").status_code == 200  # still serving


def test_an_http_exception_becomes_the_services_own_error(client: httpx.Client) -> None:
    response = client.get("/v1/teapot")
    assert response.status_code == 418
    assert response.json() == {"fakeError": {"code": 418, "message": "short and stout"}}


def test_a_path_outside_every_service_is_a_json_404(emu: Emulator) -> None:
    response = httpx.get(emu.url + "/elsewhere/v1")
    assert response.status_code == 404
    assert response.json() == {"error": "nothing at /elsewhere/v1; services are served under ['/fake']"}


def test_requests_are_counted_per_service_and_route_template(emu: Emulator, client: httpx.Client) -> None:
    ids = emu.seeded()["fake"]["task_ids"]
    for task_id in ids[:3]:
        client.get(f"/v1/tasks/{task_id}")
    client.post(f"/v1/tasks/{ids[0]}/cancel")
    client.get("/v1/nowhere")
    httpx.get(emu.url + "/_emulator/requests")  # admin calls are not counted
    assert emu.request_counts() == {
        "fake": {"GET /v1/tasks/{task_id}": 3, "POST /v1/tasks/{task_id}/cancel": 1, "GET (unmatched)": 1}
    }
    emu.clear_request_counts()
    assert emu.request_counts() == {"fake": {}}


def test_admin_false_serves_no_admin_api_but_the_helpers_still_work() -> None:
    with fake_emulator(admin=False) as emu:
        assert httpx.get(emu.url + "/_emulator/seeded").status_code == 404
        assert len(emu.create_tasks("fake", 2)) == 2
        assert len(emu.seeded()["fake"]["task_ids"]) == 5


def test_a_restart_on_the_same_file_keeps_tasks_their_state_and_the_clock(tmp_path: Path) -> None:
    db = str(tmp_path / "emulator.sqlite")
    with fake_emulator(db=db) as emu:
        seeded = emu.seeded()
        done, running = emu.create_tasks("fake", 2, queued_s=0, run_s=1000)
        emu.advance(500)
        with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH) as http:
            http.post(f"/v1/tasks/{done}/cancel")
            before = {i: http.get(f"/v1/tasks/{i}").json() for i in (done, running)}
        stopped_at = emu.now()
    with fake_emulator(db=db) as emu:
        assert emu.seeded() == seeded  # not seeded twice
        assert emu.now() == pytest.approx(stopped_at, abs=0.01)  # frozen clock: resumes exactly there
        with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH) as http:
            after = {i: http.get(f"/v1/tasks/{i}").json() for i in (done, running)}
    assert after[done] == before[done]
    assert after[done]["status"] == "CANCELED"
    assert after[running]["status"] == "RUNNING"
    assert after[running]["progress"] >= before[running]["progress"]


def test_a_restarted_running_clock_counts_the_downtime_and_never_goes_back(tmp_path: Path) -> None:
    db = str(tmp_path / "emulator.sqlite")
    with fake_emulator(db=db, speed=1.0) as emu:
        emu.advance(7200)
        stopped_at = emu.now()
    time.sleep(0.05)
    with fake_emulator(db=db, speed=1.0) as emu:
        assert stopped_at + 0.05 <= emu.now() < stopped_at + 5


def test_a_new_db_file_is_private_to_its_owner(tmp_path: Path) -> None:
    db = tmp_path / "emulator.sqlite"
    with fake_emulator(db=str(db)):
        pass
    assert db.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ValueError, match=r"db: cannot create .*No such file or directory"):
        fake_emulator(db=str(tmp_path / "missing" / "x.sqlite")).start()


def test_secrets_stay_out_of_reprs(emu: Emulator) -> None:
    text = repr(emu.core.settings) + repr(emu.core.ctx) + repr(emu)
    for secret in ("emulator-token", "emulator-secret", "ACCESSKEY-emulator", "tiledb_password"):
        assert secret not in text
    assert "ws_emulator" in text


def test_many_threads_hitting_the_store_at_once(emu: Emulator) -> None:
    ids = emu.seeded()["fake"]["task_ids"]
    errors: list[BaseException] = []
    created: list[str] = []

    def worker(n: int) -> None:
        try:
            with httpx.Client(base_url=emu.url, headers=AUTH, timeout=30) as http:
                for i in range(25):
                    assert http.get(f"/fake/v1/tasks/{ids[(n + i) % len(ids)]}").status_code == 200
                    if i % 5 == 0:
                        new = http.post("/_emulator/tasks", json={"service": "fake", "count": 2}).json()["ids"]
                        created.extend(new)
                        assert http.post(f"/fake/v1/tasks/{new[0]}/cancel").json()["status"] == "CANCELED"
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(created)) == 8 * 5 * 2
    counts = emu.request_counts()["fake"]
    assert counts == {"GET /v1/tasks/{task_id}": 8 * 25, "POST /v1/tasks/{task_id}/cancel": 8 * 5}


def test_stop_does_not_wait_long_for_a_request_still_in_flight() -> None:
    emu = fake_emulator().start()
    emu.add_faults(service="fake", action="latency", latency_ms=20_000)
    outcome: list[object] = []

    def slow_request() -> None:
        try:
            outcome.append(httpx.get(emu.base_url("fake") + "/v1/tasks", headers=AUTH, timeout=30))
        except httpx.TransportError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=slow_request)
    thread.start()
    time.sleep(0.2)  # let the request reach the server
    began = time.perf_counter()
    emu.stop()
    thread.join(5)
    assert time.perf_counter() - began < 3.0
    assert len(outcome) == 1
    assert isinstance(outcome[0], httpx.TransportError)


def test_bad_settings_are_refused_before_anything_starts() -> None:
    with pytest.raises(ValueError, match="seed_count must be an integer from 0 to 1000000, got -1"):
        fake_emulator(seed_count=-1)
    with pytest.raises(ValueError, match="speed must be a number from 0 to 1000000"):
        Settings(speed=-2).validate()
    with pytest.raises(ValueError, match=r"seed_counts names unknown service\(s\) \['tiledbb'\]"):
        fake_emulator(seed_counts={"tiledbb": 3}).start()


def test_seed_counts_override_the_seed_count_per_service() -> None:
    with fake_emulator(seed_count=4, seed_counts={"fake": 2}) as emu:
        assert emu.seeded()["fake"]["task_ids"] == ["task-000001", "task-000002"]


def test_a_service_name_must_be_a_plain_segment() -> None:
    class Bad(FakeService):
        name = "_emulator"

    with pytest.raises(ValueError, match="plain path segment"):
        fake_emulator(services=[Bad]).start()


def test_stop_is_idempotent_and_start_twice_is_refused() -> None:
    emu = fake_emulator().start()
    with pytest.raises(RuntimeError, match="already running"):
        emu.start()
    emu.stop()
    emu.stop()
    assert "stopped" in repr(emu)


def test_the_default_emulator_mounts_all_four_services_fast() -> None:
    default_factories()  # imports the service packages: a one-time cost per process, not per start
    began = time.perf_counter()
    with Emulator() as emu:
        elapsed = time.perf_counter() - began
        seeded = emu.seeded()
        assert sorted(seeded) == sorted(SERVICE_NAMES)
        assert set(seeded["tiledb"]) >= {"workspace", "task_ids"}
        assert set(seeded["deadline"]) >= {"farmId", "queueId", "jobId", "stepId", "task_ids"}
        assert set(seeded["geobox"]) >= {"task_ids"}
        assert set(seeded["tensorbay"]) >= {"dataset_id", "dataset_name", "job_ids"}
        assert set(seeded["tensorbay"]["job_ids"]) >= {"squashAndMerge", "basicSearch"}
        for name in SERVICE_NAMES:
            assert emu.base_url(name) == f"{emu.url}/{name}"
    assert elapsed < 0.5  # about 0.02 s on an idle machine


@pytest.fixture
def taskfacade_emulator_options() -> dict[str, Any]:
    return {"services": [FakeService], "seed_count": 3}


def test_the_pytest_fixture_gives_a_fresh_running_emulator(taskfacade_emulator: Emulator) -> None:
    assert len(taskfacade_emulator.seeded()["fake"]["task_ids"]) == 3
    response = httpx.get(taskfacade_emulator.base_url("fake") + "/v1/tasks", headers=AUTH)
    assert len(response.json()["tasks"]) == 3


def test_the_session_fixture_is_shared_and_reset_after_each_test(
    taskfacade_emulator_session: Emulator, taskfacade_emulator_shared: Emulator
) -> None:
    assert taskfacade_emulator_session is taskfacade_emulator_shared
    assert taskfacade_emulator_session.faults() == []  # whatever earlier tests added was cleared
    name = next(iter(taskfacade_emulator_session.services))
    taskfacade_emulator_session.add_faults(service=name, action="latency", latency_ms=1)
    assert httpx.get(taskfacade_emulator_session.url + "/_emulator/clock").status_code == 200
