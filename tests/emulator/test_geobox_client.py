"""The generated Geobox client (``taskfacade_generated.geobox``) as a client of the emulator, over loopback HTTP.

Each parsed model is compared with the raw JSON the emulator sent for the same request, so the generated
models and the emulator are checked against each other on live data, not only on the reference samples.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from taskfacade_emulator import Emulator
from taskfacade_generated.geobox import AuthenticatedClient, Client, models
from taskfacade_generated.geobox.api.assets import (
    get_file_info,
    get_model_3d,
    get_raster,
    get_table,
    get_tile_3d,
    get_vector_layer,
)
from taskfacade_generated.geobox.api.auth import login_for_access_token
from taskfacade_generated.geobox.api.tasks import abort_task, get_task, get_task_status, get_tasks
from taskfacade_generated.geobox.types import UNSET

AUTH = {"Authorization": "Bearer emulator-token"}
ASSET_OPS: dict[str, tuple[str, Any, type, str]] = {
    "vector": ("layer_uuid", get_vector_layer, models.VectorLayer, "/v1/vectorLayers/{}/"),
    "raster": ("raster_uuid", get_raster, models.Raster, "/v1/rasters/{}/"),
    "model": ("model_uuid", get_model_3d, models.Model3D, "/v1/3dmodels/{}/"),
    "file": ("file_uuid", get_file_info, models.FileInfo, "/v1/files/{}/info/"),
    "3dtiles": ("3dtiles_uuid", get_tile_3d, models.Tile3D, "/v1/3dtiles/{}/"),
    "table": ("table_uuid", get_table, models.Table, "/v1/tables/{}/"),
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
    with Emulator(db=None, seed_count=40, speed=0) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator, tls: ssl.SSLContext) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(base_url=emu.base_url("geobox"), token="emulator-token", verify_ssl=tls) as c:
        yield c


def _error_body(response: Any) -> models.ErrorBody:
    """The documented error body of a generated response (operations parse success bodies only)."""
    assert response.parsed is None
    return models.ErrorBody.from_dict(json.loads(response.content))


def _raw(http: httpx.Client, emu: Emulator, path: str, **params: Any) -> Any:
    response = http.get(emu.base_url("geobox") + path, headers=AUTH, params=params)
    response.raise_for_status()
    return response.json()


def test_list_and_count(http: httpx.Client, emu: Emulator, client: AuthenticatedClient) -> None:
    page = get_tasks.sync_detailed(client=client, limit=5, skip=2, state=models.TaskStatus.SUCCESS).parsed
    assert isinstance(page, list)
    assert len(page) == 5
    assert [t.to_dict() for t in page] == _raw(http, emu, "/v1/tasks/", limit=5, skip=2, state="SUCCESS")
    assert all(t.state is models.TaskStatus.SUCCESS for t in page)
    count = get_tasks.sync_detailed(client=client, return_count=True).parsed
    assert isinstance(count, models.TaskCount)
    assert count.count == len(_raw(http, emu, "/v1/tasks/", limit=1000))


def test_get_task_status_and_abort(http: httpx.Client, emu: Emulator, client: AuthenticatedClient) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=100)
    emu.advance(25)
    task = get_task.sync_detailed(uuid, client=client).parsed
    assert isinstance(task, models.Task)
    assert task.to_dict() == _raw(http, emu, f"/v1/tasks/{uuid}/")
    assert task.state is models.TaskStatus.PROGRESS
    progress = get_task_status.sync_detailed(uuid, client=client).parsed
    assert isinstance(progress, models.TaskProgress)
    assert isinstance(progress.current, int)
    assert isinstance(progress.total, int)
    assert abs(progress.current - progress.total / 4) <= 1
    aborted = abort_task.sync_detailed(uuid, client=client).parsed
    assert isinstance(aborted, models.Task)
    assert aborted.state is models.TaskStatus.ABORTED
    assert aborted.to_dict() == _raw(http, emu, f"/v1/tasks/{uuid}/")


def test_documented_errors_parse_to_error_body(emu: Emulator, client: AuthenticatedClient) -> None:
    (done,) = emu.create_tasks("geobox", run_s=0)
    conflict = abort_task.sync_detailed(done, client=client)
    assert (conflict.status_code, conflict.parsed) == (409, None)  # error bodies are the facade's to parse
    assert "SUCCESS" in str(_error_body(conflict).detail)
    missing = get_task.sync_detailed("nope", client=client)
    assert (missing.status_code, _error_body(missing)) == (404, models.ErrorBody(detail="Task not found"))
    invalid = get_tasks.sync_detailed(client=client, q="colour = 'red'")
    assert invalid.status_code == 400
    assert isinstance(_error_body(invalid), models.ErrorBody)
    anonymous = get_task.sync_detailed(done, client=Client(base_url=emu.base_url("geobox")))
    assert anonymous.status_code == 401
    assert _error_body(anonymous) == models.ErrorBody(detail="Not authenticated")


@pytest.mark.parametrize("kind", ASSET_OPS)
def test_every_asset_operation(http: httpx.Client, emu: Emulator, client: AuthenticatedClient, kind: str) -> None:
    key, op, model, path = ASSET_OPS[kind]
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset=kind)
    task = get_task.sync_detailed(uuid, client=client).parsed
    assert isinstance(task, models.Task)
    assert isinstance(task.result, models.TaskResult)
    asset_uuid = task.result.to_dict()[key]
    asset = op.sync_detailed(asset_uuid, client=client, f=models.ResponseFormat.JSON).parsed
    assert isinstance(asset, model)
    assert asset.to_dict() == _raw(http, emu, path.format(asset_uuid))


def test_login_then_use_the_issued_token(emu: Emulator) -> None:
    with Client(base_url=emu.base_url("geobox")) as anonymous:
        token = login_for_access_token.sync_detailed(
            client=anonymous, body=models.LoginForm(username="emulator", password="emulator")
        ).parsed
        refused = login_for_access_token.sync_detailed(
            client=anonymous, body=models.LoginForm(username="emulator", password="wrong")
        )
    assert isinstance(token, models.AccessToken)
    assert (refused.status_code, _error_body(refused)) == (
        401,
        models.ErrorBody(detail="Incorrect username or password"),
    )
    with AuthenticatedClient(base_url=emu.base_url("geobox"), token=token.access_token) as client:
        assert isinstance(get_tasks.sync_detailed(client=client, return_count=True).parsed, models.TaskCount)


def test_apikey_in_the_query_string(emu: Emulator) -> None:
    with Client(base_url=emu.base_url("geobox"), httpx_args={"params": {"apikey": "emulator-token"}}) as client:
        page = get_tasks.sync_detailed(client=client, limit=3).parsed
    assert isinstance(page, list)
    assert len(page) == 3


def test_unknown_enum_and_unknown_asset_kind_from_the_server_parse(emu: Emulator, client: AuthenticatedClient) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset="raster")
    emu.add_faults(service="geobox", action="unknown_enum", count=1)
    task = get_task.sync_detailed(uuid, client=client).parsed
    assert isinstance(task, models.Task)
    assert isinstance(task.result, models.TaskResult)
    assert task.state.name == "UNKNOWN"
    assert task.state.value == "FUTURE_VALUE"
    assert task.result.raster_uuid is UNSET
    assert "pointcloud_uuid" in task.result.additional_properties
