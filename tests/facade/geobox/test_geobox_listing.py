"""get_tasks / Task.get_tasks / iter_tasks: every filter against the emulator, counts, bad input, bad bodies."""

from __future__ import annotations

import enum
from typing import Any

import httpx
import pytest
import taskfacade
from geobox_support import LIST_TASKS, TOKEN, counts, total
from geobox_twins import Twin
from taskfacade.geobox import GeoboxClient, Task, TaskStatus, ValidationError
from taskfacade_emulator import Emulator


def _everything(emu: Emulator, **params: Any) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{emu.base_url('geobox')}/v1/tasks/",
        params={"limit": 1000, **params},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    response.raise_for_status()
    found: list[dict[str, Any]] = response.json()
    return found


def _tasks(found: list[Task] | int) -> list[Task]:
    assert isinstance(found, list)
    return found


def test_pages_and_counts(emu: Emulator, client: GeoboxClient, twin: Twin) -> None:
    everything = _everything(emu)
    page = _tasks(client.get_tasks(limit=7, skip=3))
    assert [t.data for t in page] == everything[3:10]
    assert all(isinstance(twin.unwrap(t), twin.task_type) and t.api is twin.unwrap(client) for t in page)
    assert [t.uuid for t in _tasks(client.get_tasks())] == [t["uuid"] for t in everything[:10]]  # limit 10
    assert client.get_tasks(return_count=True) == len(everything)
    assert twin.get_tasks(client, return_count=True) == len(everything)
    assert _tasks(twin.get_tasks(client, skip=len(everything))) == []


def test_filters(emu: Emulator, client: GeoboxClient) -> None:
    everything = _everything(emu)
    succeeded = _tasks(client.get_tasks(state=TaskStatus.SUCCESS, order_by="name A", limit=1000))
    expected = sorted((t for t in everything if t["state"] == "SUCCESS"), key=lambda t: (t["name"], t["id"]))
    assert [t.uuid for t in succeeded] == [t["uuid"] for t in expected]
    assert client.get_tasks(state="SUCCESS", return_count=True) == len(expected)  # a plain string works too

    class SdkStatus(enum.Enum):  # what ported code passes: geobox.enums.TaskStatus
        FAILURE = "FAILURE"

    failed = _tasks(client.get_tasks(state=SdkStatus.FAILURE, limit=1000))  # type: ignore[arg-type]
    assert {t.uuid for t in failed} == {t["uuid"] for t in everything if t["state"] == "FAILURE"}
    name = everything[0]["name"]
    assert [t.uuid for t in _tasks(client.get_tasks(q=f"name = '{name}'"))] == [everything[0]["uuid"]]
    word = name.split(":")[1].split("_")[0]
    searched = _tasks(client.get_tasks(search=word.upper(), search_fields=["name"], limit=1000))
    assert searched
    assert all(word in t.name for t in searched)
    ordered = _tasks(client.get_tasks(order_by=["state A", "created_at D"], limit=1000))
    assert [t.data["state"] for t in ordered] == sorted(t["state"] for t in everything)


def test_user_id_and_shared(emu: Emulator, client: GeoboxClient) -> None:
    mine = client.get_tasks(return_count=True)
    with_shared = client.get_tasks(return_count=True, shared=True)
    other = client.get_tasks(return_count=True, user_id=2)
    assert isinstance(mine, int)
    assert isinstance(with_shared, int)
    assert isinstance(other, int)
    assert with_shared >= mine
    assert other > 0
    assert all(t.user_id == 2 for t in _tasks(client.get_tasks(user_id=2, limit=100)))


def test_iter_tasks_walks_every_page(emu: Emulator, client: GeoboxClient) -> None:
    everything = _everything(emu, order_by="created_at A")
    emu.clear_request_counts()
    pager = client.iter_tasks(order_by="created_at A", page_size=4)
    assert [t.uuid for t in pager] == [t["uuid"] for t in everything]
    assert counts(emu) == {LIST_TASKS: len(everything) // 4 + 1}
    assert pager[5].uuid == everything[5]["uuid"]
    assert [t.uuid for t in client.iter_tasks(state="FAILURE")] == [
        t["uuid"] for t in _everything(emu, state="FAILURE")
    ]


def test_server_side_refusals_are_validation_errors(client: GeoboxClient) -> None:
    with pytest.raises(ValidationError, match="order_by") as caught:
        client.get_tasks(order_by="colour A")
    assert caught.value.status == 400
    assert isinstance(caught.value, taskfacade.BadRequest)
    with pytest.raises(ValidationError, match="q"):
        client.get_tasks(q="colour = 'red'")


BAD = [
    ("state", "DONE"),
    ("state", TaskStatus("REVOKED")),
    ("state", 3),
    ("q", 5),
    ("search", b"roads"),
    ("search_fields", ["name", 3]),
    ("search_fields", []),
    ("order_by", {"name": "A"}),
    ("order_by", "name X"),
    ("order_by", "name A; drop"),
    ("return_count", "yes"),
    ("skip", -1),
    ("skip", 1.5),
    ("limit", 0),
    ("limit", True),
    ("limit", 2**31),
    ("user_id", 0),
    ("user_id", "2"),
    ("shared", None),
    ("q", "line\nbreak"),
]


@pytest.mark.parametrize(("parameter", "value"), BAD)
def test_bad_input_is_refused_before_any_request(
    emu: Emulator, client: GeoboxClient, parameter: str, value: object
) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        client.get_tasks(**{parameter: value})  # type: ignore[arg-type]
    assert caught.value.parameter == parameter
    assert "expected" in str(caught.value)
    if parameter not in ("return_count", "skip", "limit"):  # iter_tasks has the same filters (and page_size)
        with pytest.raises(taskfacade.InvalidArgument):
            client.iter_tasks(**{parameter: value})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.get_tasks(colour="red")  # type: ignore[call-arg]
    assert total(emu) == 0


def test_state_error_lists_the_accepted_values(client: GeoboxClient) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        client.get_tasks(state="DONE")
    assert all(s in str(caught.value) for s in ("PENDING", "PROGRESS", "SUCCESS", "FAILURE", "ABORTED"))
    with pytest.raises(taskfacade.InvalidArgument, match="page_size"):
        client.iter_tasks(page_size=0)


@pytest.mark.parametrize("action", ["malformed", "truncate", "reset", "unknown_enum", "extra_fields"])
def test_list_faults(emu: Emulator, client: GeoboxClient, action: str) -> None:
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/$", action=action, count=1)
    if action == "malformed":
        with pytest.raises(taskfacade.ResponseDecodeError) as caught:
            client.get_tasks()
        assert caught.value.status == 200
        assert "?" not in caught.value.url
        return
    page = _tasks(client.get_tasks(limit=5))  # resets and truncations are retried; the rest parse
    assert len(page) == 5
    if action == "unknown_enum":
        assert all(t.data["state"] == "FUTURE_VALUE" and not t.done for t in page)


def test_a_count_where_a_page_was_expected_is_a_decode_error(emu: Emulator, client: GeoboxClient) -> None:
    emu.add_faults(service="geobox", method="GET", path="^/v1/tasks/$", action="malformed")
    with pytest.raises(taskfacade.ResponseDecodeError):
        client.get_tasks(return_count=True)
