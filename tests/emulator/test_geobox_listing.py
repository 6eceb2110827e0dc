"""``GET /v1/tasks/`` on the Geobox emulator: filters, CQL, search, ordering, paging and counts.

Every expectation is computed in Python from the full listing the same emulator returns, so the SQL the
emulator builds (state derived from the clock included) is checked against an independent computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from taskfacade_emulator import Emulator

AUTH = {"Authorization": "Bearer emulator-token"}
Task = dict[str, Any]


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=150, speed=0) as emulator:  # frozen clock: states stay put
        yield emulator


@pytest.fixture(scope="module")
def api(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url("geobox"), headers=AUTH) as client:
        yield client


def _list(api: httpx.Client, **params: Any) -> list[Task]:
    response = api.get("/v1/tasks/", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    body: list[Task] = response.json()
    return body


def _count(api: httpx.Client, **params: Any) -> int:
    response = api.get("/v1/tasks/", params={**params, "return_count": "True"})
    assert response.status_code == 200, response.text
    count: int = response.json()["count"]
    return count


@pytest.fixture(scope="module")
def own(api: httpx.Client) -> list[Task]:
    return _list(api)


@pytest.fixture(scope="module")
def everyone(api: httpx.Client) -> list[Task]:
    return _list(api, user_id=1) + _list(api, user_id=2)


def _uuids(tasks: list[Task]) -> list[str]:
    return [t["uuid"] for t in tasks]


def test_default_listing_is_own_tasks_newest_first(api: httpx.Client, own: list[Task]) -> None:
    assert own
    assert all(t["user_id"] == 1 for t in own)
    assert own == sorted(own, key=lambda t: (t["created_at"], t["id"]), reverse=True)
    assert _count(api) == len(own)
    assert len(api.get("/v1/tasks/").json()) == 10  # the server-side default page size


def test_pages_partition_the_listing(api: httpx.Client, own: list[Task]) -> None:
    pages = [_list(api, skip=skip, limit=7) for skip in range(0, len(own) + 7, 7)]
    assert [t for page in pages for t in page] == own
    assert pages[-1] == []


@pytest.mark.parametrize("state", ["PENDING", "PROGRESS", "SUCCESS", "FAILURE", "ABORTED"])
def test_state_filter_matches_each_task_state(api: httpx.Client, own: list[Task], state: str) -> None:
    expected = [t for t in own if t["state"] == state]
    assert expected, f"the seed should contain {state} tasks"
    assert _list(api, state=state) == expected
    assert _count(api, state=state) == len(expected)


def test_shared_and_user_id(api: httpx.Client, own: list[Task], everyone: list[Task]) -> None:
    others = [t for t in everyone if t["user_id"] == 2]
    assert others
    with_shared = _list(api, shared="True")
    shared = [t for t in with_shared if t["user_id"] == 2]
    assert 0 < len(shared) < len(others)
    assert [t for t in with_shared if t["user_id"] == 1] == own
    assert _list(api, shared="False") == own
    assert _count(api, user_id=2) == len(others)
    assert _list(api, user_id=3) == []


@pytest.mark.parametrize(
    ("params", "predicate"),
    [
        ({"search": "ROADS"}, lambda t: "roads" in t["name"].lower()),
        ({"search": "publish", "search_fields": "uuid"}, lambda t: False),
        ({"search": "publish", "search_fields": " name , uuid "}, lambda t: "publish" in t["name"]),
        ({"search": "publish", "q": "state = 'SUCCESS'"}, lambda t: t["state"] == "SUCCESS"),
    ],
)
def test_search(api: httpx.Client, own: list[Task], params: dict[str, str], predicate: Callable[[Task], bool]) -> None:
    assert _list(api, **params) == [t for t in own if predicate(t)]


def test_search_by_uuid_prefix(api: httpx.Client, own: list[Task]) -> None:
    target = own[len(own) // 2]["uuid"]
    assert _uuids(_list(api, search=target[:13].upper(), search_fields="uuid")) == [target]


def _created(task: Task) -> dt.datetime:
    return dt.datetime.fromisoformat(task["created_at"]).replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("q", "predicate"),
    [
        ("name LIKE 'publish:%'", lambda t: t["name"].startswith("publish:")),
        ("name ILIKE 'PUBLISH:%'", lambda t: t["name"].startswith("publish:")),
        ("name LIKE 'PUBLISH:%'", lambda t: False),
        ("name NOT LIKE '%roads%'", lambda t: "roads" not in t["name"]),
        ("name LIKE '%_1_'", lambda t: len(t["name"]) >= 3 and t["name"][-2] == "1"),
        ("state IN ('SUCCESS', 'FAILURE')", lambda t: t["state"] in ("SUCCESS", "FAILURE")),
        ("NOT (state = 'SUCCESS')", lambda t: t["state"] != "SUCCESS"),
        ("state <> 'SUCCESS' AND state != 'FAILURE'", lambda t: t["state"] not in ("SUCCESS", "FAILURE")),
        ("id >= 10 AND id < 20 OR name = 'nothing'", lambda t: 10 <= t["id"] < 20),
        ("(id < 5 OR id > 140) AND user_id = 1", lambda t: t["id"] < 5 or t["id"] > 140),
        ("id NOT IN (1, 2, 3)", lambda t: t["id"] not in (1, 2, 3)),
        ("name IS NULL", lambda t: False),
        ("name IS NOT NULL and uuid is not null", lambda t: True),
        ("name = 'it''s'", lambda t: False),
    ],
)
def test_cql_filters(api: httpx.Client, own: list[Task], q: str, predicate: Callable[[Task], bool]) -> None:
    expected = [t for t in own if predicate(t)]
    assert _list(api, q=q) == expected
    assert _count(api, q=q) == len(expected)


def test_uuid_in_fetches_a_batch_of_tasks_in_one_request(api: httpx.Client, own: list[Task]) -> None:
    """What a client polling many tasks at once needs (one list call instead of one GET per task)."""
    batch = own[::9]
    quoted = ", ".join(f"'{t['uuid']}'" for t in batch)
    assert _list(api, q=f"uuid IN ({quoted})") == batch


def test_cql_time_comparisons(api: httpx.Client, own: list[Task]) -> None:
    middle = sorted(own, key=_created)[len(own) // 2]
    moment = _created(middle)
    for literal in (moment.replace(tzinfo=None).isoformat(), moment.isoformat().replace("+00:00", "Z")):
        assert _list(api, q=f"created_at > '{literal}'") == [t for t in own if _created(t) > moment]
        assert _list(api, q=f"created_at <= '{literal}'") == [t for t in own if _created(t) <= moment]
    day = moment.date()
    since = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    assert _list(api, q=f"created_at >= '{day.isoformat()}'") == [t for t in own if _created(t) >= since]


@pytest.mark.parametrize(
    ("order_by", "key"),
    [
        ("name A", lambda t: (t["name"], t["id"])),
        ("name D, id A", lambda t: (_Desc(t["name"]), t["id"])),
        ("created_at", lambda t: (t["created_at"], t["id"])),
        ("state d,created_at a", lambda t: (_Desc(t["state"]), t["created_at"], t["id"])),
        ("user_id A, uuid D", lambda t: (t["user_id"], _Desc(t["uuid"]), t["id"])),
    ],
)
def test_order_by(api: httpx.Client, own: list[Task], order_by: str, key: Callable[[Task], Any]) -> None:
    assert _list(api, order_by=order_by) == sorted(own, key=key)


class _Desc:
    """Reverses the order of a value inside a sort key."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return bool(self.value > other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]


def test_filters_combine_with_paging_and_counts(api: httpx.Client, own: list[Task]) -> None:
    expected = [t for t in sorted(own, key=lambda t: (t["name"], t["id"])) if t["state"] == "SUCCESS"]
    params = {"state": "SUCCESS", "order_by": "name A", "q": "id > 0"}
    assert _list(api, skip=3, limit=4, **params) == expected[3:7]
    assert _count(api, skip=3, limit=4, **params) == len(expected)


def test_sdk_style_query_string_is_understood(api: httpx.Client, own: list[Task]) -> None:
    """The exact query the geobox SDK sends, capitalised booleans included (reference section 3)."""
    url = "/v1/tasks/?f=json&state=PENDING&search=roads&return_count=False&skip=0&limit=5&shared=False"
    expected = [t for t in own if t["state"] == "PENDING" and "roads" in t["name"]][:5]
    assert api.get(url).json() == expected
