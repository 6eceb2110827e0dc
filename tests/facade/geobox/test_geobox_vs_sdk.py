"""The geobox SDK and taskfacade against the same emulator, in the same test: the answers agree field by field.

Where taskfacade differs on purpose it is asserted too: aware UTC datetimes (the SDK's are naive), open enums
(the SDK's raise on unknown values), errors instead of data for statuses like 503.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from geobox import GeoboxClient as SdkClient
from geobox.enums import TaskStatus as SdkStatus
from geobox_support import TOKEN
from taskfacade.geobox import GeoboxClient, ServerError, Task, TaskStatus
from taskfacade_emulator import Emulator

TIMESTAMPS = ("created_at", "started_at", "finished_at")


@pytest.fixture
def sdk(emu: Emulator) -> SdkClient:
    return SdkClient(host=emu.base_url("geobox") + "/", access_token=TOKEN)  # the SDK needs the trailing slash


def _same_task(ours: Task, theirs: Any) -> None:
    assert ours.data == theirs.data
    assert (ours.uuid, ours.name) == (theirs.uuid, theirs.name)
    assert ours._peek_status() is not None
    assert ours._peek_status().value == theirs.data["state"]
    for field in TIMESTAMPS:
        value = getattr(ours, field)
        sdk_value = theirs.data.get(field) and getattr(theirs, field)
        if sdk_value is None:
            assert value is None
        else:  # the SDK's are naive; ours are the same instant, in UTC
            assert value.tzinfo is datetime.UTC
            assert value.replace(tzinfo=None) == sdk_value
    assert ours.errors == theirs.errors


def test_get_task_field_by_field(emu: Emulator, sdk: SdkClient, client: GeoboxClient) -> None:
    ids = [*emu.seeded()["geobox"]["task_ids"], *emu.create_tasks("geobox", outcome="failed", run_s=0)]
    for uuid in ids:
        ours, theirs = client.get_task(uuid), sdk.get_task(uuid)
        _same_task(ours, theirs)
        assert ours.status.value == theirs.status.value  # type: ignore[union-attr]  # both refresh


def test_get_tasks_field_by_field(emu: Emulator, sdk: SdkClient, client: GeoboxClient) -> None:
    cases: list[dict[str, Any]] = [
        {},
        {"limit": 7, "skip": 3},
        {"order_by": "name A", "limit": 100},
        {"q": "name LIKE '%roads%'", "limit": 100},
        {"search": "parcels", "search_fields": "name", "limit": 100},
        {"user_id": 2, "limit": 100},
        {"shared": True, "limit": 100},
    ]
    for kwargs in cases:
        ours, theirs = client.get_tasks(**kwargs), sdk.get_tasks(**kwargs)
        assert isinstance(ours, list)
        assert len(ours) == len(theirs)
        for mine, other in zip(ours, theirs, strict=True):
            _same_task(mine, other)
        assert client.get_tasks(return_count=True, **kwargs) == sdk.get_tasks(return_count=True, **kwargs)
    for state in TaskStatus:
        ours, theirs = client.get_tasks(state=state, limit=100), sdk.get_tasks(state=SdkStatus(state.value), limit=100)
        assert [t.data for t in ours] == [t.data for t in theirs]  # type: ignore[union-attr]
        assert client.get_tasks(state=SdkStatus(state.value), return_count=True) == len(theirs)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["vector", "raster", "model", "file", "3dtiles", "table"])
def test_output_asset_and_progress_agree(emu: Emulator, sdk: SdkClient, client: GeoboxClient, kind: str) -> None:
    (done,) = emu.create_tasks("geobox", run_s=0, asset=kind)
    ours, theirs = client.get_task(done).output_asset, sdk.get_task(done).output_asset
    assert type(ours).__name__ == type(theirs).__name__
    assert ours is not None
    assert dict(ours.data) == theirs.data
    assert (ours.uuid, ours.name) == (theirs.uuid, theirs.name)  # type: ignore[union-attr]
    (running,) = emu.create_tasks("geobox", run_s=300, asset=kind)
    emu.advance(120)
    assert client.get_task(running).progress == sdk.get_task(running).progress


def test_wait_and_abort_agree(emu: Emulator, sdk: SdkClient, client: GeoboxClient) -> None:
    first, second = emu.create_tasks("geobox", 2, run_s=500)
    emu.advance(10)
    sdk.get_task(first).abort()
    client.get_task(second).abort()
    assert client.get_task(first).data["state"] == sdk.get_task(second).data["state"] == "ABORTED"
    ours = client.get_task(first).wait(timeout=5, interval=0.01, progress_bar=False)
    theirs = sdk.get_task(second).wait(timeout=5, interval=0.01, progress_bar=False, retry=1)
    assert ours.value == theirs.value == "ABORTED"  # type: ignore[union-attr]


def test_where_the_sdk_fails_taskfacade_raises_or_copes(emu: Emulator, sdk: SdkClient, client: GeoboxClient) -> None:
    uuid = emu.seeded()["geobox"]["task_ids"][0]
    emu.add_faults(service="geobox", method="GET", action="unknown_enum", count=4)  # 2 GETs each
    with pytest.raises(ValueError, match="FUTURE_VALUE"):  # the SDK's closed enum
        _ = sdk.get_task(uuid).status
    assert client.get_task(uuid).status == "FUTURE_VALUE"  # ours: an UNKNOWN pseudo-member
    emu.add_faults(service="geobox", method="GET", action="status", status=503)
    with pytest.raises(KeyError):  # the SDK returns the 503 body as data and then looks for 'uuid'
        sdk.get_task(uuid)
    client.retry_mode = "disabled"
    with pytest.raises(ServerError):
        client.get_task(uuid)
