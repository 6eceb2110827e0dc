"""Every public call that makes a request, under every fault the emulator injects.

Transient faults (503, 429 + Retry-After, resets, truncated bodies) are retried by the transport and the call
succeeds; malformed bodies are ``ResponseDecodeError``; unknown enum values and extra fields parse; a fault that
persists is the documented error, never a raw KeyError/ValueError/AttributeError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import taskfacade
from geobox_support import EmulatorClock
from geobox_twins import Twin
from taskfacade.geobox import GeoboxClient, GeoboxError, RateLimitError, ServerError, TaskStatus
from taskfacade_emulator import Emulator

Call = Callable[[Twin, Emulator, GeoboxClient], Any]


def _get_task(twin: Twin, emu: Emulator, client: GeoboxClient) -> Any:
    return client.get_task(emu.seeded()["geobox"]["task_ids"][0]).data["uuid"]


def _get_tasks(twin: Twin, emu: Emulator, client: GeoboxClient) -> Any:
    return len(twin.get_tasks(client, limit=3))  # type: ignore[arg-type]


def _count(twin: Twin, emu: Emulator, client: GeoboxClient) -> Any:
    return client.get_tasks(return_count=True)


def _status(twin: Twin, emu: Emulator, client: GeoboxClient) -> Any:
    (uuid,) = emu.create_tasks("geobox", run_s=100)
    task = twin.Task(client, uuid, {"uuid": uuid})
    emu.advance(50)
    status, progress = task.status, task.progress
    return status, progress is not None and 45 <= progress <= 55  # retries' back-offs move the emulator a little


def _output_asset(twin: Twin, emu: Emulator, client: GeoboxClient) -> Any:
    (uuid,) = emu.create_tasks("geobox", run_s=0, asset="file")
    task = twin.Task(client, uuid, {"uuid": uuid, "state": "SUCCESS", "result": {"file_uuid": "placeholder"}})
    task.refresh()
    asset = task.output_asset
    return type(asset).__name__


def _abort(twin: Twin, emu: Emulator, client: GeoboxClient) -> Any:
    (uuid,) = emu.create_tasks("geobox", run_s=100)
    task = twin.Task(client, uuid, {"uuid": uuid})
    task.abort()
    return task.data["uuid"] == uuid


def _wait(twin: Twin, emu: Emulator, client: GeoboxClient) -> Any:
    (uuid,) = emu.create_tasks("geobox", run_s=4)
    return twin.Task(client, uuid).wait(interval=1, progress_bar=False)


CALLS: dict[str, tuple[Call, str, str]] = {
    "get_task": (_get_task, "GET", "^/v1/tasks/[^/]+/$"),
    "get_tasks": (_get_tasks, "GET", "^/v1/tasks/$"),
    "count": (_count, "GET", "^/v1/tasks/$"),
    "status+progress": (_status, "GET", "^/v1/tasks/"),
    "output_asset": (_output_asset, "GET", "^/v1/files/"),
    "abort": (_abort, "POST", "/abort/$"),
    "wait": (_wait, "GET", "^/v1/tasks/"),
}
TRANSIENT = [
    {"action": "status", "status": 503, "count": 2},
    {"action": "status", "status": 429, "retry_after": 2, "count": 1},
    {"action": "status", "status": 502, "count": 1},
    {"action": "reset", "count": 1},
    {"action": "truncate", "count": 1},
    {"action": "extra_fields"},
]


@pytest.mark.parametrize("fault", TRANSIENT, ids=lambda f: f"{f['action']}{f.get('status', '')}")
@pytest.mark.parametrize("name", CALLS)
def test_transient_faults_are_survived(
    emu: Emulator, client: GeoboxClient, twin: Twin, clock: EmulatorClock, name: str, fault: dict[str, Any]
) -> None:
    call, method, path = CALLS[name]
    expected = call(twin, emu, client)
    emu.add_faults(service="geobox", method=method, path=path, **fault)
    assert call(twin, emu, client) == expected
    assert emu.faults()[0]["fired"] >= 1
    if fault.get("retry_after"):
        assert 2.0 in clock.sleeps


@pytest.mark.parametrize("name", CALLS)
def test_malformed_bodies_are_decode_errors(emu: Emulator, client: GeoboxClient, twin: Twin, name: str) -> None:
    call, method, path = CALLS[name]
    emu.add_faults(service="geobox", method=method, path=path, action="malformed")
    with pytest.raises(taskfacade.ResponseDecodeError) as caught:
        call(twin, emu, client)
    assert caught.value.service == "geobox"
    assert caught.value.status == 200
    assert "?" not in caught.value.url


@pytest.mark.parametrize("name", CALLS)
def test_a_persistent_503_is_a_server_error(emu: Emulator, client: GeoboxClient, twin: Twin, name: str) -> None:
    call, method, path = CALLS[name]
    emu.add_faults(service="geobox", method=method, path=path, action="status", status=503)
    with pytest.raises(ServerError) as caught:  # never data: the SDK returns {"detail": ...} and then KeyErrors
        call(twin, emu, client)
    assert isinstance(caught.value, GeoboxError)
    assert isinstance(caught.value, taskfacade.ServerError)
    assert caught.value.status == 503
    assert caught.value.message


@pytest.mark.parametrize("name", ["get_task", "abort", "output_asset"])
def test_a_long_retry_after_is_not_waited_out(emu: Emulator, client: GeoboxClient, twin: Twin, name: str) -> None:
    call, method, path = CALLS[name]
    emu.add_faults(service="geobox", method=method, path=path, action="status", status=429, retry_after=300)
    with pytest.raises(RateLimitError) as caught:
        call(twin, emu, client)
    assert caught.value.retry_after == 300
    assert caught.value.attempts == 1


def test_unknown_enum_values_in_every_body(emu: Emulator, client: GeoboxClient) -> None:
    emu.add_faults(service="geobox", action="unknown_enum")
    task = client.get_task(emu.seeded()["geobox"]["task_ids"][0])
    assert task._peek_status() == "FUTURE_VALUE"
    assert not task.done
    assert all(t.data["state"] == "FUTURE_VALUE" for t in client.get_tasks(limit=3))  # type: ignore[union-attr]
    assert task.status == "FUTURE_VALUE"
    assert task.status != TaskStatus.SUCCESS


def test_a_body_without_uuid_is_a_decode_error(emu: Emulator, client: GeoboxClient) -> None:
    # A validation body on a 200 (what a misrouted proxy might send) has no 'uuid': the generated parser fails.
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/[^/]+/$", action="malformed")
    with pytest.raises(taskfacade.ResponseDecodeError, match="does not match the spec"):
        client.get_task(emu.seeded()["geobox"]["task_ids"][0])
