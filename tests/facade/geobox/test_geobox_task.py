"""Task: get_task, data, status (refreshes), errors, progress, output_asset of every kind, abort, timestamps."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest
import taskfacade
import taskfacade.aio
from geobox_support import ABORT, GET_STATUS, GET_TASK, TOKEN, counts, total
from geobox_twins import Twin
from taskfacade import JobPhase
from taskfacade.geobox import (
    File,
    FileType,
    GeoboxClient,
    GeoboxTask,
    LayerType,
    Model,
    NotFoundError,
    Raster,
    Table,
    Task,
    TaskStatus,
    Tile3d,
    UnknownAsset,
    VectorLayer,
)
from taskfacade.geobox.aio import AsyncGeoboxClient, AsyncTask
from taskfacade_emulator import Emulator

#: emulator asset kind -> (facade class, key in the task result)
KINDS = {
    "vector": (VectorLayer, "layer_uuid"),
    "raster": (Raster, "raster_uuid"),
    "model": (Model, "model_uuid"),
    "file": (File, "file_uuid"),
    "3dtiles": (Tile3d, "3dtiles_uuid"),
    "table": (Table, "table_uuid"),
}


def _raw(emu: Emulator, path: str) -> Any:
    response = httpx.get(f"{emu.base_url('geobox')}/v1/{path}", headers={"Authorization": f"Bearer {TOKEN}"})
    response.raise_for_status()
    return response.json()


def test_get_task_gives_the_body_and_typed_fields(emu: Emulator, client: GeoboxClient, twin: Twin) -> None:
    for uuid in emu.seeded()["geobox"]["task_ids"][:8]:
        task = client.get_task(uuid)
        stored = _raw(emu, f"tasks/{uuid}/")
        assert isinstance(twin.unwrap(task), GeoboxTask if twin.name == "sync" else AsyncTask)
        assert isinstance(twin.unwrap(task), taskfacade.Job if twin.name == "sync" else taskfacade.aio.AsyncJob)
        assert task.data == stored
        assert (task.uuid, task.name, task.id, task.user_id) == (uuid, stored["name"], stored["id"], stored["user_id"])
        assert task._peek_status() == TaskStatus(stored["state"])
        assert task.phase is twin.task_type.phase_of(stored["state"]) is not JobPhase.UNKNOWN
        created = datetime.datetime.fromisoformat(stored["created_at"]).replace(tzinfo=datetime.UTC)
        assert task.created_utc == created
        assert task.created_utc.tzinfo is datetime.UTC
        assert task.endpoint == f"tasks/{uuid}/"
    same = twin.get_task(client, uuid)
    assert same.data == task.data


def test_status_refreshes_but_phase_done_and_repr_do_not(emu: Emulator, client: GeoboxClient) -> None:
    (uuid,) = emu.create_tasks("geobox", queued_s=10, run_s=100)
    task = client.get_task(uuid)
    emu.clear_request_counts()
    assert task.phase is JobPhase.PENDING
    assert not task.done
    assert "PENDING" in repr(task)
    assert task.name in repr(task)
    assert total(emu) == 0
    emu.advance(20)
    assert task.status is TaskStatus.PROGRESS  # one GET
    assert task.phase is JobPhase.RUNNING
    emu.advance(100)
    task.refresh_data()
    assert task.data["state"] == "SUCCESS"
    assert task.done
    assert task.started_utc is not None
    assert task.finished_utc is not None
    assert task.started_utc < task.finished_utc
    assert counts(emu) == {GET_TASK: 2}


def test_progress_comes_from_the_status_endpoint(emu: Emulator, client: GeoboxClient) -> None:
    (uuid,) = emu.create_tasks("geobox", queued_s=0, run_s=500)
    task = client.get_task(uuid)
    emu.advance(100)
    counters = _raw(emu, f"tasks/{uuid}/status/")
    assert task.progress == int(counters["current"] / counters["total"] * 100) in (19, 20)
    queued = client.get_task(emu.create_tasks("geobox", queued_s=50)[0])
    assert queued.progress is None  # no work done yet: current is 0, as the SDK says None
    assert counts(emu)[GET_STATUS] == 3  # the raw read above, then one per progress read


def test_errors_and_error_of_a_failed_task(emu: Emulator, client: GeoboxClient) -> None:
    (uuid,) = emu.create_tasks("geobox", outcome="failed", run_s=0)
    task = client.get_task(uuid)
    assert task.phase is JobPhase.FAILED
    assert task.errors == task.data["result"]
    assert task.error == task.data["result"]["detail"]["msg"]
    assert task.output_asset is None
    ok = client.get_task(emu.create_tasks("geobox", run_s=0)[0])
    assert ok.errors is None
    assert ok.error is None


@pytest.mark.parametrize("kind", KINDS)
def test_output_asset_of_every_kind(emu: Emulator, client: GeoboxClient, kind: str) -> None:
    cls, key = KINDS[kind]
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset=kind)
    task = client.get_task(uuid)
    asset = task.output_asset
    assert type(asset) is cls
    assert asset.uuid == task.data["result"][key]
    assert asset.name
    assert asset.owner_id == 1
    assert asset.created_at is not None
    assert dict(asset.data)["uuid"] == asset.uuid
    if isinstance(asset, VectorLayer):
        assert isinstance(asset.layer_type, LayerType)
        assert asset.layer_type.known
    if isinstance(asset, File):
        assert isinstance(asset.file_type, FileType)
        assert asset.file_type.known


def test_unknown_asset_kinds_and_enum_values_do_not_crash(emu: Emulator, client: GeoboxClient) -> None:
    (vector,) = emu.create_tasks("geobox", run_s=0, asset="vector")
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/[^/]+/$", action="unknown_enum", count=1)
    task = client.get_task(vector)
    assert task.data["state"] == "FUTURE_VALUE"
    assert task._peek_status() == "FUTURE_VALUE"
    assert task._peek_status().name == "UNKNOWN"
    assert task.phase is JobPhase.UNKNOWN
    assert not task.done
    asset = task.output_asset
    assert isinstance(asset, UnknownAsset)
    assert asset.key == "pointcloud_uuid"
    assert total(emu) == 1  # an unknown asset is not fetched
    emu.add_faults(service="geobox", method="GET", path="vectorLayers", action="unknown_enum", count=1)
    layer = client.get_task(vector).output_asset
    assert isinstance(layer, VectorLayer)
    assert layer.layer_type == "FUTURE_VALUE"
    assert not layer.layer_type.known


def test_extra_fields_are_kept(emu: Emulator, client: GeoboxClient) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset="table")
    emu.add_faults(service="geobox", method="GET", action="extra_fields")
    task = client.get_task(uuid)
    assert "emulatorExtraField" in task.data
    assert "emulatorExtraField" in task.data["result"]
    table = task.output_asset
    assert isinstance(table, Table)
    assert "emulatorExtraField" in table.data
    assert table.row_count is not None


def test_abort(emu: Emulator, client: GeoboxClient) -> None:
    (uuid,) = emu.create_tasks("geobox", queued_s=5, run_s=500)
    emu.advance(50)
    task = client.get_task(uuid)
    assert task.phase is JobPhase.RUNNING
    task.abort()
    assert task.data["state"] == "ABORTED"
    assert task.phase is JobPhase.CANCELED
    assert _raw(emu, f"tasks/{uuid}/")["state"] == "ABORTED"
    task.abort()  # ABORTED again: a no-op
    assert counts(emu)[ABORT] == 2
    (finished,) = emu.create_tasks("geobox", queued_s=0, run_s=10)
    done = client.get_task(finished)
    emu.advance(20)  # it succeeds while `done.data` still says PROGRESS
    emu.clear_request_counts()
    assert done.abort() is None  # the server's 409 is not raised: the SDK ignores it, so ported code goes on
    assert counts(emu) == {ABORT: 1, GET_TASK: 1}  # and the task is fetched again
    assert done.data["state"] == "SUCCESS"
    assert done.phase is JobPhase.SUCCEEDED


def test_abort_is_replayed_after_a_reset(emu: Emulator, client: GeoboxClient) -> None:
    (uuid,) = emu.create_tasks("geobox", run_s=500)
    task = client.get_task(uuid)
    emu.add_faults(service="geobox", method="POST", path="/abort/", action="truncate", count=1)
    task.abort()  # the first abort was applied but its answer lost: replaying it is a no-op
    assert task.data["state"] == "ABORTED"
    assert counts(emu)[ABORT] == 2


def test_unknown_task_is_not_found(client: GeoboxClient) -> None:
    with pytest.raises(NotFoundError, match="Task not found") as caught:
        client.get_task("00000000-0000-4000-8000-000000000000")
    assert isinstance(caught.value, taskfacade.NotFound)
    assert caught.value.status == 404


@pytest.mark.parametrize("uuid", ["", None, 42, "..", "a\nb"])
def test_bad_uuids_are_refused_before_any_request(emu: Emulator, client: GeoboxClient, twin: Twin, uuid: Any) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        client.get_task(uuid)
    assert caught.value.parameter == "uuid"
    with pytest.raises(taskfacade.InvalidArgument):
        twin.get_task(client, uuid)
    with pytest.raises(taskfacade.InvalidArgument):
        twin.Task(client, uuid)
    assert total(emu) == 0


def test_task_constructor_and_data(emu: Emulator, client: GeoboxClient, twin: Twin) -> None:
    with pytest.raises(taskfacade.InvalidArgument, match="api"):
        twin.Task("not a client", "u")
    with pytest.raises(taskfacade.InvalidArgument, match="api"):
        twin.get_tasks(object())
    with pytest.raises(taskfacade.InvalidArgument, match="api"):
        twin.Task(GeoboxClient(access_token=TOKEN) if twin.name == "async" else _async_client(), "u")
    with pytest.raises(taskfacade.InvalidArgument, match="data"):
        twin.Task(client, "u", data=["state"])
    uuid = emu.seeded()["geobox"]["task_ids"][0]
    bare = twin.Task(client, uuid)  # the SDK's constructor: nothing known until a refresh
    assert bare.data == {}
    assert bare.name is None
    assert bare.created_utc is None
    with pytest.raises(AttributeError, match="created_at"):
        _ = bare.created_at  # a data key the task does not have (the SDK raises AttributeError too)
    assert bare._peek_status() is None
    assert bare.phase is JobPhase.UNKNOWN
    assert bare.status is not None
    assert bare.name
    bare.data = {"uuid": uuid, "state": "PENDING"}
    assert bare.phase is JobPhase.PENDING
    with pytest.raises(taskfacade.InvalidArgument):
        bare.data = "x"  # type: ignore[assignment]
    odd = twin.Task(client, uuid, {"result": None, "created_at": "yesterday", "name": 5, "id": True})
    assert odd.errors is None
    assert odd.error is None
    assert odd.output_asset is None
    assert odd.created_utc is None
    assert odd.created_at == "yesterday"  # a data attribute that is no date-time stays text, as in the SDK
    assert odd.name is None
    assert odd.id is None
    offset = twin.Task(
        client, uuid, {"created_at": "2024-01-01T03:30:00+03:30", "finished_at": "2024-01-01T00:00:00.5Z"}
    )
    assert offset.created_utc == datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    assert offset.finished_utc == datetime.datetime(2024, 1, 1, 0, 0, 0, 500000, tzinfo=datetime.UTC)
    assert offset.created_at == offset.created_utc  # the data attribute: aware UTC too (the SDK's stays a str)


def test_data_keys_are_attributes_but_never_shadow_real_ones(emu: Emulator, client: GeoboxClient, twin: Twin) -> None:
    uuid = emu.seeded()["geobox"]["task_ids"][0]
    body = {"uuid": uuid, "state": "PENDING", "abort": "no", "phase": "x", "wait": 1, "layers": [1], "_hidden": 2}
    task = twin.unwrap(twin.Task(client, uuid, body))
    assert callable(task.abort)  # methods win over data keys
    assert callable(task.wait)
    assert task.phase is JobPhase.PENDING  # so do properties
    assert task.layers == [1]
    assert {"layers", "abort", "state"} <= set(dir(task))
    with pytest.raises(AttributeError):
        _ = task._hidden  # private names are never looked up in data
    assert total(emu) == 0  # no attribute read made a request


def test_an_attribute_error_inside_a_property_is_not_masked(
    emu: Emulator, client: GeoboxClient, twin: Twin, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = twin.unwrap(twin.Task(client, emu.seeded()["geobox"]["task_ids"][0], {"errors": "from data"}))

    def broken(self: Task) -> None:
        raise AttributeError("the real bug")

    monkeypatch.setattr(twin.task_type, "errors", property(broken))
    with pytest.raises(AttributeError, match="the real bug"):  # not the data key, not "has no attribute"
        _ = task.errors


def test_network_failures_are_the_sdks_api_request_error(emu: Emulator, twin: Twin) -> None:
    from taskfacade.geobox.exception import ApiRequestError, ApiRequestTimeout, GeoboxError

    emu.add_faults(service="geobox", method="GET", action="latency", latency_ms=2000, count=1)
    slow = twin.Client(host=emu.base_url("geobox"), access_token="emulator-token", timeout=0.2, retry_mode="disabled")
    with pytest.raises(ApiRequestTimeout) as caught:
        slow.get_task(emu.seeded()["geobox"]["task_ids"][0])
    assert all(isinstance(caught.value, cls) for cls in (ApiRequestError, GeoboxError, taskfacade.Timeout))
    assert caught.value.status_code is None
    assert "emulator-token" not in str(caught.value)


def _async_client() -> AsyncGeoboxClient:
    """An async client handed to the sync ``Task``: refused, naming ``api`` (each twin takes only its own)."""
    return AsyncGeoboxClient(access_token=TOKEN)
