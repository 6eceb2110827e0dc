"""The vendor SDK (``geobox`` 2.11.0) as a client of the emulator: the emulator must speak Geobox well enough for it.

``GeoboxClient`` joins endpoints to ``host`` with ``urljoin``, so the host needs a trailing slash to keep the
``/geobox`` mount prefix (reference section 1). The SDK reads ``GEOBOX_*`` environment variables, which would
override the credentials passed here, so the tests clear them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from geobox import GeoboxClient
from geobox.enums import TaskStatus
from geobox.exception import NotFoundError
from taskfacade_emulator import Emulator

AUTH = {"Authorization": "Bearer emulator-token"}
#: asset kind -> (SDK class name, key in the task result)
ASSETS = {
    "vector": ("VectorLayer", "layer_uuid"),
    "raster": ("Raster", "raster_uuid"),
    "model": ("Model", "model_uuid"),
    "file": ("File", "file_uuid"),
    "3dtiles": ("Tile3d", "3dtiles_uuid"),
    "table": ("Table", "table_uuid"),
}


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One client for the module: creating an httpx client costs tens of milliseconds (TLS setup)."""
    with httpx.Client() as client:
        yield client


@pytest.fixture(autouse=True)
def _no_geobox_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GEOBOX_USERNAME", "GEOBOX_PASSWORD", "GEOBOX_ACCESS_TOKEN", "GEOBOX_APIKEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=30, speed=0) as emulator:
        yield emulator


@pytest.fixture
def sdk(emu: Emulator) -> GeoboxClient:
    return GeoboxClient(host=emu.base_url("geobox") + "/", access_token="emulator-token")


def _stored(http: httpx.Client, emu: Emulator, uuid: str) -> dict[str, Any]:
    body: dict[str, Any] = http.get(f"{emu.base_url('geobox')}/v1/tasks/{uuid}/", headers=AUTH).json()
    return body


def test_get_task_matches_the_emulator(http: httpx.Client, emu: Emulator, sdk: GeoboxClient) -> None:
    for uuid in emu.seeded()["geobox"]["task_ids"][:5]:
        task = sdk.get_task(uuid)
        stored = _stored(http, emu, uuid)
        assert task.data == stored
        assert (task.uuid, task.name) == (uuid, stored["name"])
        assert task.status == TaskStatus(stored["state"])
        assert task.created_at.isoformat() == stored["created_at"]  # the SDK's naive-datetime parsing works


def test_get_tasks_and_count(http: httpx.Client, emu: Emulator, sdk: GeoboxClient) -> None:
    everything = http.get(f"{emu.base_url('geobox')}/v1/tasks/", headers=AUTH, params={"limit": 1000}).json()
    page = sdk.get_tasks(limit=7, skip=3)
    assert [t.data for t in page] == everything[3:10]
    assert sdk.get_tasks(return_count=True) == len(everything)
    succeeded = sdk.get_tasks(state=TaskStatus.SUCCESS, order_by="name A", limit=1000)
    expected = sorted((t for t in everything if t["state"] == "SUCCESS"), key=lambda t: (t["name"], t["id"]))
    assert [t.uuid for t in succeeded] == [t["uuid"] for t in expected]
    assert sdk.get_tasks(state=TaskStatus.SUCCESS, return_count=True, shared=True) >= len(expected)


def test_wait_until_success_then_output_asset(http: httpx.Client, emu: Emulator, sdk: GeoboxClient) -> None:
    emu.set_speed(400)  # a 60 s task takes 0.15 s of real time
    (uuid,) = emu.create_tasks("geobox", queued_s=5, run_s=60, asset="vector")
    task = sdk.get_task(uuid)
    assert task.wait(timeout=20, interval=0.02, progress_bar=False, retry=1) == TaskStatus.SUCCESS
    layer = task.output_asset
    stored = _stored(http, emu, uuid)
    assert type(layer).__name__ == "VectorLayer"
    assert layer.uuid == stored["result"]["layer_uuid"]
    assert task.progress == 100


@pytest.mark.parametrize("kind", ASSETS)
def test_output_asset_of_every_kind(http: httpx.Client, emu: Emulator, sdk: GeoboxClient, kind: str) -> None:
    class_name, key = ASSETS[kind]
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset=kind)
    asset = sdk.get_task(uuid).output_asset
    assert type(asset).__name__ == class_name
    assert asset.uuid == _stored(http, emu, uuid)["result"][key]
    assert repr(asset)  # the SDK's repr reads name (and layer_type / file_type): they must be there


def test_wait_with_progress_bar_returns_failure_without_raising(emu: Emulator, sdk: GeoboxClient) -> None:
    emu.set_speed(400)
    (uuid,) = emu.create_tasks("geobox", outcome="failed", run_s=40)
    task = sdk.get_task(uuid)
    assert task.wait(timeout=20, interval=0.02, progress_bar=True, retry=1) == TaskStatus.FAILURE
    assert task.errors is not None
    assert task.errors["detail"]["msg"]
    assert task.output_asset is None


def test_abort(http: httpx.Client, emu: Emulator, sdk: GeoboxClient) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=500)
    emu.advance(100)
    task = sdk.get_task(uuid)
    assert task.status == TaskStatus.PROGRESS
    counters = http.get(f"{emu.base_url('geobox')}/v1/tasks/{uuid}/status/", headers=AUTH).json()
    assert task.progress == int(counters["current"] / counters["total"] * 100) in (19, 20)
    task.abort()
    assert task.status == TaskStatus.ABORTED
    assert _stored(http, emu, uuid)["state"] == "ABORTED"
    assert task.wait(timeout=5, interval=0.01, progress_bar=False, retry=1) == TaskStatus.ABORTED


def test_apikey_and_login_modes(emu: Emulator) -> None:
    host = emu.base_url("geobox") + "/"
    expected = GeoboxClient(host=host, access_token="emulator-token").get_tasks(return_count=True)
    assert GeoboxClient(host=host, apikey="emulator-token").get_tasks(return_count=True) == expected
    assert GeoboxClient(host=host, username="emulator", password="emulator").get_tasks(return_count=True) == expected


def test_unknown_task_raises_the_sdk_not_found_error(sdk: GeoboxClient) -> None:
    with pytest.raises(NotFoundError, match="Task not found"):
        sdk.get_task("00000000-0000-4000-8000-000000000000")
