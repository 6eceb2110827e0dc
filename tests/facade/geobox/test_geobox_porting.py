"""Porting suite: the geobox SDK's own idioms (seed 003 and the SDK's docstrings), run once with the SDK and once
with taskfacade, imports swapped, against the same emulator; what a user observes must agree.

Each idiom is written once against a namespace holding ``GeoboxClient``, ``Task``, ``TaskStatus`` and the
``exception`` module, imported from the SDK's module paths (``geobox.task``, ``geobox.enums``,
``geobox.exception``) or from taskfacade's mirrors of them. The observations are plain values (enum members as
``"TaskStatus.SUCCESS"``, exceptions by the SDK's class name), so ``ours == theirs`` compares what a user sees.
The one difference kept on purpose is asserted as such: timestamps are aware UTC datetimes (the SDK's are naive).
"""

from __future__ import annotations

import datetime
import enum
import importlib
import socket
import types
from collections.abc import Callable
from typing import Any

import pytest
from geobox_support import TOKEN
from taskfacade_emulator import Emulator

Observation = dict[str, Any]


def _api(package: str) -> types.SimpleNamespace:
    """The names ported code imports, from the SDK (``geobox``) or from taskfacade (``taskfacade.geobox``)."""
    return types.SimpleNamespace(
        GeoboxClient=importlib.import_module(package).GeoboxClient,
        Task=importlib.import_module(f"{package}.task").Task,
        TaskStatus=importlib.import_module(f"{package}.enums").TaskStatus,
        exception=importlib.import_module(f"{package}.exception"),
    )


SDK, OURS = _api("geobox"), _api("taskfacade.geobox")


def _plain(value: Any) -> Any:
    """What a user observes, as comparable plain data."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}={value.value}"
    if isinstance(value, datetime.datetime):
        return ("datetime", value.replace(tzinfo=None).isoformat(), "aware" if value.tzinfo else "naive")
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, BaseException):
        return ("raised", type(value).__name__)
    if type(value).__name__ in ("Task", "VectorLayer", "Raster", "Model", "File", "Tile3d", "Table"):
        return (type(value).__name__, value.uuid)
    return value


def _attempt(action: Callable[[], Any]) -> Any:
    try:
        return _plain(action())
    except Exception as error:  # the exception is the observation
        return _plain(error)


def _client(api: types.SimpleNamespace, emu: Emulator) -> Any:
    return api.GeoboxClient(host=emu.base_url("geobox") + "/", access_token=TOKEN)  # the SDK needs the slash


def _both(emu: Emulator, idiom: Callable[[types.SimpleNamespace, Any], Observation]) -> tuple[Observation, ...]:
    return _plain(idiom(SDK, _client(SDK, emu))), _plain(idiom(OURS, _client(OURS, emu)))


def _naive(observed: Any) -> Any:
    """``observed`` with aware datetimes shown as the SDK's naive ones (the one difference kept on purpose)."""
    if isinstance(observed, tuple) and observed[:1] == ("datetime",):
        assert observed[2] == "aware"
        return (*observed[:2], "naive")
    if isinstance(observed, dict):
        return {key: _naive(item) for key, item in observed.items()}
    if isinstance(observed, list):
        return [_naive(item) for item in observed]
    return observed


def _diff(ours: Any, theirs: Any, where: str = "") -> list[str]:
    """Where two observations differ (for assertion messages)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = [f"{where}.{key}: missing on one side" for key in set(ours) ^ set(theirs)]
        for key in set(ours) & set(theirs):
            found += _diff(ours[key], theirs[key], f"{where}.{key}")
        return found
    return [] if ours == theirs else [f"{where}: ours {ours!r}, the SDK's {theirs!r}"]


@pytest.fixture(autouse=True)
def _no_geobox_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GEOBOX_USERNAME", "GEOBOX_PASSWORD", "GEOBOX_ACCESS_TOKEN", "GEOBOX_APIKEY"):
        monkeypatch.delenv(name, raising=False)


def test_a_task_and_its_data_attributes(emu: Emulator) -> None:
    """``Task.get_task(client, uuid=...)``, ``client.get_task(uuid=...)``, ``task.data``, ``task.status``,
    ``task.errors``, and the data keys as attributes (``Base.__getattr__``)."""
    (failed,) = emu.create_tasks("geobox", outcome="failed", run_s=0)
    uuids = [*emu.seeded()["geobox"]["task_ids"][:6], failed]

    def idiom(api: types.SimpleNamespace, client: Any) -> Observation:
        seen: Observation = {}
        for uuid in uuids:
            task = api.Task.get_task(client, uuid=uuid)
            again = client.get_task(uuid=uuid)
            seen[uuid] = {
                "data": task.data == again.data,
                "uuid": task.uuid,
                "name": task.name,
                "state": task.state,
                "result": task.result,
                "id": task.id,
                "user_id": task.user_id,
                "created_at": task.created_at,
                "status": task.status,
                "is": task.status == api.TaskStatus(task.state),
                "final": task._is_final_state(task.status),
                "errors": task.errors,
                "no_such_key": _attempt(lambda task=task: task.no_such_key),
                "dir": "state" in dir(task) and "wait" in dir(task),
                "endpoint": task.endpoint,
                "BASE_ENDPOINT": api.Task.BASE_ENDPOINT,
            }
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours != theirs  # the timestamps differ on purpose...
    assert _naive(ours) == theirs, _diff(_naive(ours), theirs)  # ...and nothing else does
    assert ours[failed]["errors"] is not None
    assert ours[failed]["no_such_key"] == ["raised", "AttributeError"]


def test_listing_and_counting(emu: Emulator) -> None:
    """``Task.get_tasks(client, ...)`` and ``client.get_tasks(...)`` with the docstring's keywords."""

    def idiom(api: types.SimpleNamespace, client: Any) -> Observation:
        page = api.Task.get_tasks(client, state=api.TaskStatus.SUCCESS, order_by="name A", skip=1, limit=5)
        return {
            "page": [(task.uuid, task.state) for task in page],
            "default": [task.uuid for task in client.get_tasks()],
            "count": client.get_tasks(return_count=True),
            "shared": api.Task.get_tasks(client, shared=True, return_count=True),
            "search": [t.name for t in client.get_tasks(search="roads", search_fields="name", limit=50)],
            "q": [t.name for t in client.get_tasks(q="name LIKE '%parcels%'", limit=50)],
        }

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert len(ours["page"]) == 5
    assert len(ours["default"]) == 10  # the server's default limit


@pytest.mark.parametrize("kind", ["vector", "raster", "table"])
def test_waiting_results_and_progress(emu: Emulator, kind: str) -> None:
    """``task.wait()`` on finished tasks (default arguments, as the docstring), ``output_asset``, ``progress``."""
    done, failed = emu.create_tasks("geobox", run_s=0, asset=kind)[0], emu.create_tasks("geobox", outcome="failed")[0]
    (running,) = emu.create_tasks("geobox", queued_s=0, run_s=400, asset=kind)
    emu.advance(100)

    def idiom(api: types.SimpleNamespace, client: Any) -> Observation:
        task, broken = client.get_task(done), client.get_task(failed)
        return {
            "wait": task.wait(progress_bar=False),
            "wait_failed": broken.wait(timeout=5, interval=0.05, progress_bar=False),
            "success": task.wait(progress_bar=False) == api.TaskStatus.SUCCESS,
            "asset": task.output_asset,
            "asset_data": task.output_asset.data,
            "no_asset": broken.output_asset,
            "errors": broken.errors,
            "progress": client.get_task(running).progress,
            "done_progress": task.progress,
        }

    theirs, ours = _both(emu, idiom)
    assert _naive(ours) == theirs, _diff(_naive(ours), theirs)


def test_a_wait_that_times_out(emu: Emulator) -> None:
    """``task.wait(timeout=...)`` raises ``TimeoutError`` (one attempt: the SDK restarts its timeout per retry)."""
    (slow,) = emu.create_tasks("geobox", queued_s=0, run_s=600_000)

    def idiom(api: types.SimpleNamespace, client: Any) -> Observation:
        task = client.get_task(slow)
        try:
            task.wait(timeout=0.3, interval=0.1, progress_bar=False, retry=1)
        except TimeoutError as error:
            return {"raised": "TimeoutError", "name_in_message": task.name in str(error)}
        return {"raised": None}

    theirs, ours = _both(emu, idiom)
    assert ours == theirs == {"raised": "TimeoutError", "name_in_message": True}


def test_abort_running_finished_and_aborted_tasks(emu: Emulator) -> None:
    """``task.abort()``: on a running task, on an ABORTED one, and on one that already succeeded or failed (the
    server answers 409, which the SDK ignores: a no-op, not an error)."""

    def idiom(api: types.SimpleNamespace, client: Any) -> Observation:
        (running,) = emu.create_tasks("geobox", queued_s=0, run_s=500)
        succeeded = emu.create_tasks("geobox", run_s=0)[0]
        failed = emu.create_tasks("geobox", run_s=0, outcome="failed")[0]
        task = client.get_task(running)
        seen = {"abort": _attempt(task.abort), "state": client.get_task(running).state}
        seen["again"] = _attempt(task.abort)
        seen["wait"] = task.wait(timeout=5, interval=0.05, progress_bar=False)
        for name, uuid in (("succeeded", succeeded), ("failed", failed)):
            seen[name] = (_attempt(client.get_task(uuid).abort), client.get_task(uuid).state)
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert ours["succeeded"] == [None, "SUCCESS"]
    assert ours["failed"] == [None, "FAILURE"]


def test_the_sdk_exceptions_catch_the_same_failures(emu: Emulator) -> None:
    """``except NotFoundError``, ``except AuthenticationError``, ``except ApiRequestError`` (nothing listens),
    and ``except GeoboxError`` for all of them, from ``<package>.exception``."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/"

    def idiom(api: types.SimpleNamespace, client: Any) -> Observation:
        exc = api.exception
        seen: Observation = {}
        failures = {
            "missing": lambda: client.get_task("00000000-0000-4000-8000-000000000000"),
            "bad_token": lambda: api.GeoboxClient(host=emu.base_url("geobox") + "/", access_token="wrong").get_tasks(),
            "no_server": lambda: api.GeoboxClient(host=dead, access_token=TOKEN).get_task("x"),
        }
        for name, failure in failures.items():
            try:
                failure()
            except (exc.NotFoundError, exc.AuthenticationError, exc.ApiRequestError) as error:
                seen[name] = (type(error).__name__, isinstance(error, exc.GeoboxError))
        seen["tree"] = [
            issubclass(getattr(exc, name), exc.GeoboxError)
            for name in (
                *("AuthenticationError", "AuthorizationError", "ApiRequestError", "NotFoundError"),
                *("ValidationError", "ServerError", "WorkflowGraphError", "WorkflowRunError"),
            )
        ]
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert ours["no_server"] == ["ApiRequestError", True]


def test_the_task_constructor_and_data_setter(emu: Emulator) -> None:
    """``Task(client, uuid)`` knows nothing until ``refresh_data()``; ``task.data = {...}`` replaces the data."""
    uuid = emu.seeded()["geobox"]["task_ids"][0]

    def idiom(api: types.SimpleNamespace, client: Any) -> Observation:
        task = api.Task(client, uuid)
        seen: Observation = {"data": task.data, "state": _attempt(lambda: task.state)}
        task.refresh_data()
        seen["refreshed"] = task.state
        task.data = {"name": "test", "state": "PENDING"}
        seen["set"] = (task.name, task.state, task.data)
        return seen

    theirs, ours = _both(emu, idiom)
    assert ours == theirs, _diff(ours, theirs)
    assert ours["state"] == ["raised", "AttributeError"]
