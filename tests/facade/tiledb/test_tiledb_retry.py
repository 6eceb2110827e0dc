"""Retry modes on TileDB calls, table-driven: attempts per mode and status, Retry-After, non-JSON error bodies."""

from __future__ import annotations

import uuid

import httpx
import pytest
from taskfacade import APIError, InvalidArgument, RateLimited, ServerError, UnexpectedStatus
from taskfacade.tiledb import TasksError, tasks
from taskfacade.tiledb import client as tdb
from taskfacade_emulator import Emulator
from tiledb_helpers import GET_ROUTE, make_client, requests_made

# (mode, injected status, Retry-After, attempts the emulator sees, whether the call finally succeeds)
TABLE = [
    ("default", 503, None, 2, True),  # one failure, then the real answer
    ("default", 502, None, 2, True),
    ("default", 504, None, 2, True),
    ("default", 429, 2, 2, True),
    ("default", 500, None, 1, False),  # 500 is not retried in default mode
    ("default", 501, None, 1, False),
    ("default", 400, None, 1, False),
    ("forceful", 500, None, 2, True),
    ("forceful", 501, None, 2, True),
    ("forceful", 400, None, 1, False),  # never a client error, unlike the vendor's FORCEFUL
    ("disabled", 503, None, 1, False),
    ("disabled", 429, 1, 1, False),
]


@pytest.mark.parametrize(("mode", "status", "retry_after", "attempts", "succeeds"), TABLE)
def test_each_mode_retries_exactly_its_statuses(
    emu: Emulator, mode: str, status: int, retry_after: int | None, attempts: int, succeeds: bool
) -> None:
    task_id = emu.seeded()["tiledb"]["task_ids"][0]
    rule = {"service": "tiledb", "path": "^/v1/task/", "action": "status", "status": status, "count": 1}
    if retry_after is not None:
        rule["retry_after"] = retry_after
    emu.add_faults(rule)
    with make_client(emu, retry_mode=mode) as client:
        if succeeds:
            assert tasks.task(task_id, client=client).id == task_id
            if retry_after is not None:
                assert client.clock.sleeps == [float(retry_after)]  # type: ignore[attr-defined]
        else:
            with pytest.raises(TasksError) as caught:
                tasks.task(task_id, client=client)
            assert caught.value.status == status
            assert isinstance(caught.value.__cause__, APIError)
            assert caught.value.__cause__.attempts == attempts
    assert requests_made(emu, GET_ROUTE) == attempts


@pytest.mark.parametrize(
    ("mode", "attempts"),
    [
        ("default", 5),
        ("forceful", 10),
        ("disabled", 1),
        (tdb.RetryMode.DEFAULT, 5),
        (tdb.RetryMode.FORCEFUL, 10),
        (tdb.RetryMode.DISABLED, 1),
    ],
)
def test_persistent_failures_stop_at_the_modes_attempt_limit(emu: Emulator, mode: str, attempts: int) -> None:
    emu.add_faults(service="tiledb", path="^/v1/user", action="status", status=503)
    with make_client(emu, retry_mode=mode) as client, pytest.raises(ServerError) as caught:
        tdb.user_profile(client=client)
    assert caught.value.attempts == attempts
    assert requests_made(emu, "GET /v1/user") == attempts
    assert sum(client.clock.sleeps) < 120  # type: ignore[attr-defined]  # the default budget is never exceeded


def test_retry_mode_accepts_the_vendors_enum_everywhere(emu: Emulator) -> None:
    RetryMode = tdb.RetryMode
    assert RetryMode.maybe_from("FORCEFUL") is RetryMode.FORCEFUL
    assert RetryMode.maybe_from(RetryMode.DISABLED) is RetryMode.DISABLED
    assert [m.value for m in RetryMode] == ["default", "forceful", "disabled"]
    made = make_client(emu, retry_mode=RetryMode.FORCEFUL)
    assert made.retry_policy.name == "forceful"
    made.retry_mode(RetryMode.DISABLED)
    assert made.retry_policy.name == "disabled"
    made.retry_mode()
    assert made.retry_policy.name == "default"
    with pytest.raises(InvalidArgument) as caught:
        RetryMode.maybe_from("sometimes")
    assert caught.value.parameter == "mode"
    with pytest.raises(InvalidArgument) as caught:
        made.retry_mode(3)  # type: ignore[arg-type]
    assert caught.value.parameter == "mode"
    assert "RetryMode" in str(caught.value)
    with pytest.raises(InvalidArgument) as caught:
        make_client(emu, retry_mode="sometimes")
    assert caught.value.parameter == "retry_mode"


def test_rate_limits_beyond_the_cap_are_raised_with_the_hint(emu: Emulator) -> None:
    emu.add_faults(service="tiledb", path="^/v1/organizations", action="status", status=429, retry_after=120)
    with make_client(emu) as client, pytest.raises(RateLimited) as caught:
        tdb.organizations(client=client)
    assert caught.value.retry_after == 120
    assert requests_made(emu) == 1


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (520, b"<html>origin is unreachable</html>", ServerError),
        (502, b"", ServerError),
        (418, b"I'm a teapot", UnexpectedStatus),
        (404, b"not json at all", APIError),
    ],
)
def test_error_bodies_that_are_not_json_still_give_proper_errors(
    emu: Emulator, status: int, body: bytes, kind: type[APIError]
) -> None:
    def reply(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"Content-Type": "text/html"})

    with make_client(emu, retry_mode="disabled", httpx_transport=httpx.MockTransport(reply)) as client:
        with pytest.raises(TasksError) as caught:
            tasks.task(uuid.uuid4(), client=client)
        assert isinstance(caught.value.__cause__, kind)
        assert caught.value.status == status
        with pytest.raises(kind):
            tdb.user_profile(client=client)
