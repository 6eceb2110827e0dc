"""The core end to end: real generated Geobox operations through a Transport, against the emulator's faults.

Geobox is only the vehicle (bearer auth, simple paths); nothing here is Geobox-specific facade code.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from typing import Any

import httpx
import pytest
from taskfacade import (
    ManualClock,
    RateLimited,
    ResponseDecodeError,
    ServerError,
    Transport,
    TransportError,
    Unauthorized,
)
from taskfacade_generated.geobox.api.tasks import abort_task, get_task
from taskfacade_generated.geobox.models import Task

TOKEN = "emulator-token"
GET_ROUTE = "GET /v1/tasks/{uuid}/"


class Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


@pytest.fixture
def emu(taskfacade_emulator_session: Any) -> Any:
    return taskfacade_emulator_session


@pytest.fixture
def transport(emu: Any) -> Iterator[Transport]:
    with Transport(service="geobox", base_url=emu.base_url("geobox"), auth=Bearer(TOKEN), clock=ManualClock()) as t:
        yield t


def _task_id(emu: Any, i: int = 0) -> str:
    return str(emu.seeded()["geobox"]["task_ids"][i])


def _gets(emu: Any) -> int:
    return int(emu.request_counts()["geobox"].get(GET_ROUTE, 0))


@pytest.mark.parametrize("action", ["reset", "truncate"])
def test_get_survives_resets_and_truncated_bodies(emu: Any, transport: Transport, action: str) -> None:
    task_id = _task_id(emu)
    emu.add_faults(service="geobox", method="GET", path="/v1/tasks/", action=action, count=2)
    result = transport.exchange(get_task.sync_detailed, task_id)
    assert isinstance(result.response.parsed, Task)
    assert result.response.parsed.uuid == task_id
    assert result.attempts == 3
    assert _gets(emu) == 3


def test_status_faults_with_retry_after(emu: Any, transport: Transport, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="taskfacade")
    emu.add_faults(service="geobox", method="GET", action="status", status=503, retry_after=2, count=2)
    task = transport.call(get_task.sync_detailed, _task_id(emu), expect=Task)
    assert task.uuid == _task_id(emu)
    assert transport.clock.sleeps == [2.0, 2.0]  # type: ignore[attr-defined]
    lines = [r.getMessage() for r in caplog.records if r.name == "taskfacade"]
    assert len(lines) == 2
    assert all(line.startswith("geobox GET /geobox/v1/tasks/") and "-> 503" in line for line in lines)
    assert TOKEN not in caplog.text


def test_long_retry_after_gives_up_with_rate_limited(emu: Any, transport: Transport) -> None:
    emu.add_faults(service="geobox", method="GET", action="status", status=429, retry_after=300, count=1)
    with pytest.raises(RateLimited) as caught:
        transport.call(get_task.sync_detailed, _task_id(emu))
    assert caught.value.retry_after == 300
    assert caught.value.message  # the emulator's error body, parsed by the generic parser
    assert _gets(emu) == 1


def test_a_reset_abort_is_not_replayed(emu: Any, transport: Transport) -> None:
    task_id = _task_id(emu, 2)
    emu.add_faults(service="geobox", method="POST", path="/abort/", action="reset", count=1)
    with pytest.raises(TransportError):
        transport.call(abort_task.sync_detailed, task_id)
    assert sum(emu.request_counts()["geobox"].values()) == 1


def test_forceful_mode_gets_through_500s(emu: Any, transport: Transport) -> None:
    emu.add_faults(service="geobox", method="GET", action="status", status=500, count=3)
    with pytest.raises(ServerError):
        transport.call(get_task.sync_detailed, _task_id(emu))
    assert transport.call(get_task.sync_detailed, _task_id(emu), retry="forceful", expect=Task)
    assert _gets(emu) == 4


def test_malformed_body_is_a_decode_error_and_unknown_enums_pass(emu: Any, transport: Transport) -> None:
    emu.add_faults(service="geobox", method="GET", action="malformed", count=1)
    with pytest.raises(ResponseDecodeError):
        transport.call(get_task.sync_detailed, _task_id(emu))
    emu.add_faults(service="geobox", method="GET", action="unknown_enum", count=1)
    task = transport.call(get_task.sync_detailed, _task_id(emu), expect=Task)
    assert getattr(task.state, "name", None) == "UNKNOWN"


def test_wrong_credentials(emu: Any) -> None:
    t = Transport(service="geobox", base_url=emu.base_url("geobox"), auth=Bearer("wrong-token"))
    with t, pytest.raises(Unauthorized) as caught:
        t.call(get_task.sync_detailed, _task_id(emu))
    assert "wrong-token" not in str(caught.value)
    assert caught.value.status == 401
