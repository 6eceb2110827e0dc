"""``tasks.fetch_tasks`` against the emulator: defaults, filters, paging, bad input and faults."""

from __future__ import annotations

import datetime
import os
import time
import types
from typing import Any

import pytest
from taskfacade import InvalidArgument, RateLimited, ResponseDecodeError, ServerError
from taskfacade._ratelimit import MAX_NAP
from taskfacade.tiledb import Client, TasksError, TileDBTask, tasks
from taskfacade_emulator import Emulator
from taskfacade_generated.tiledb.models import ArrayTaskStatus, ArrayTaskType
from tiledb_helpers import LIST_ROUTE, make_client, requests_made

UTC = datetime.UTC


def _now(emu: Emulator) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(emu.now(), UTC)


def _everything(emu: Emulator, client: Client, **filters: Any) -> list[TileDBTask]:
    return list(tasks.fetch_tasks(start=_now(emu) - datetime.timedelta(days=31), client=client, **filters))


def test_default_window_is_the_last_seven_days_computed_at_each_call(emu: Emulator, client: Client) -> None:
    everything = _everything(emu, client)
    assert len(everything) == 200
    week_ago = _now(emu) - datetime.timedelta(days=7)
    recent = {t.id for t in everything if t.start_time is not None and t.start_time >= week_ago}
    assert 20 < len(recent) < 100

    default = tasks.fetch_tasks(client=client)
    assert {t.id for t in default} == recent
    assert len(default) == len(recent)

    before = tasks.fetch_tasks(client=client)  # its window ends now, although nothing is fetched yet
    emu.advance(60)
    [new_id] = emu.create_tasks("tiledb", type="SQL")
    assert new_id not in {t.id for t in before}
    assert new_id in {t.id for t in tasks.fetch_tasks(client=client)}
    assert tasks.tasks is tasks.fetch_tasks


def test_status_type_and_exclude_type_filters(emu: Emulator, client: Client) -> None:
    everything = _everything(emu, client)
    running = _everything(emu, client, status="RUNNING")
    assert running
    assert {t.id for t in running} == {t.id for t in everything if t.status == "RUNNING"}
    completed = _everything(emu, client, status=ArrayTaskStatus.COMPLETED)
    assert all(t.status is ArrayTaskStatus.COMPLETED for t in completed)
    assert len(completed) > 100
    sql = _everything(emu, client, type="sql")  # any case
    assert sql
    assert all(t.type is ArrayTaskType.SQL for t in sql)
    kept = _everything(emu, client, exclude_type=["UDF", ArrayTaskType.QUERY])
    assert {t.type for t in kept}.isdisjoint({ArrayTaskType.UDF, ArrayTaskType.QUERY})
    assert len(kept) == sum(1 for t in everything if t.type not in (ArrayTaskType.UDF, ArrayTaskType.QUERY))


def test_file_type_query_and_order_by(emu: Emulator, client: Client) -> None:
    notebooks = _everything(emu, client, file_type="notebook")
    assert notebooks
    assert all(t.array_metadata.file_type == "notebook" for t in notebooks)
    others = _everything(emu, client, exclude_file_type=["notebook", "ml_model"])
    assert not {t.id for t in others} & {t.id for t in notebooks}
    found = _everything(emu, client, query="sql-task-1")
    assert found
    assert all("sql-task-1" in (t.name or "") for t in found)
    names = [t.name for t in _everything(emu, client, order_by="name")]
    assert names == sorted(names)
    newest_first = [t.start_time for t in _everything(emu, client, order_by="start_time")]
    assert newest_first == sorted(newest_first, reverse=True)
    oldest_first = [t.start_time for t in _everything(emu, client, order_by="start_time asc")]
    assert oldest_first == sorted(oldest_first)


def test_teamspace_by_id_name_and_object(emu: Emulator, client: Client) -> None:
    everything = _everything(emu, client)
    expected = {t.id for t in everything if t.asset and t.asset.teamspace_name == "research"}
    by_name = {t.id for t in _everything(emu, client, teamspace="research")}
    by_id = {t.id for t in _everything(emu, client, teamspace="ts_0000000000000000000000000002")}
    by_object = {t.id for t in _everything(emu, client, teamspace=types.SimpleNamespace(name="research"))}
    by_mapping = {t.id for t in _everything(emu, client, teamspace={"teamspace_id": "ts_0000000000000000000000000002"})}
    assert expected <= by_name  # tasks without an array are in a teamspace too
    assert by_name == by_id == by_object == by_mapping
    assert len(by_name) < len(everything)


def test_array_by_id_path_uri_and_object(emu: Emulator, client: Client) -> None:
    everything = _everything(emu, client)
    on_array = next(t for t in everything if t.asset is not None)
    path, team = on_array.asset.path, on_array.asset.teamspace_name
    expected = {t.id for t in everything if t.asset is not None and t.asset.path == path}
    expected_in_team = {
        t.id for t in everything if t.asset is not None and (t.asset.path, t.asset.teamspace_name) == (path, team)
    }
    assert {t.id for t in _everything(emu, client, array=on_array.asset.id)} == expected
    assert {t.id for t in _everything(emu, client, array=path)} == expected
    assert {t.id for t in _everything(emu, client, array=on_array.array_metadata)} == expected  # an ArrayInfo
    uri = f"tiledb://ws_emulator/{team}/{path}"
    assert {t.id for t in _everything(emu, client, array=uri)} == expected_in_team
    assert {t.id for t in _everything(emu, client, array=uri, teamspace=team)} == expected_in_team


def test_pages_from_a_start_page_with_len_indexing_and_vendor_attributes(emu: Emulator, client: Client) -> None:
    start = _now(emu) - datetime.timedelta(days=31)
    everything = [t.id for t in tasks.fetch_tasks(start=start, per_page=50, client=client)]
    emu.clear_request_counts()
    pager = tasks.fetch_tasks(start=start, page=3, per_page=7, client=client)
    assert requests_made(emu) == 0  # lazy
    assert pager.page == 3
    assert [t.id for t in pager.data] == everything[14:21]
    assert pager.pagination_metadata.page == 2  # the wire is 0-based
    assert pager.response.pagination_metadata.total_items == 200
    assert len(pager) == 200 - 14
    assert pager[0].id == everything[14]
    assert pager[10].id == everything[24]
    assert [t.id for t in pager[2:5]] == everything[16:19]
    fetched = requests_made(emu, LIST_ROUTE)
    assert pager[1].id == everything[15]
    assert requests_made(emu, LIST_ROUTE) == fetched  # held pages are not fetched again
    assert pager[-1].id == everything[-1]
    assert [t.id for t in pager] == everything[14:]
    assert sum(len(p.items) for p in pager.pages()) == 186
    assert [t.id for t in pager.array_tasks] == everything[14:21]  # the vendor's ArrayTaskPager.array_tasks
    assert all(isinstance(t, TileDBTask) for t in pager.array_tasks)
    assert [t.id for t in pager.call_page(1).array_tasks] == everything[:7]
    # As in the vendor's pager, call_page makes that page the current one for the page attributes.
    assert pager.page == 1
    assert [t.id for t in pager.array_tasks] == everything[:7]
    assert [t.id for t in pager.data] == everything[:7]
    assert pager.pagination_metadata.page == 0
    assert [t.id for t in pager.response.array_tasks] == everything[:7]
    assert len(pager) == 186  # iteration, indexing and len() still count from the page asked for
    assert pager[0].id == everything[14]


def test_naive_datetimes_are_local_time_as_the_vendor_reads_them(emu: Emulator, client: Client) -> None:
    """Seed 000's example passes ``datetime.now() - timedelta(hours=3)``: naive, read by ``timestamp()`` as local."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"  # +05:30: reading naive as UTC would shift the window 5.5 hours
    time.tzset()
    try:
        cut = _now(emu) - datetime.timedelta(hours=30)
        naive_local = cut.astimezone().replace(tzinfo=None)
        assert naive_local.timestamp() == pytest.approx(cut.timestamp())
        aware = {t.id for t in tasks.fetch_tasks(start=cut, client=client)}
        naive = {t.id for t in tasks.fetch_tasks(start=naive_local, client=client)}
        as_if_utc = {t.id for t in tasks.fetch_tasks(start=naive_local.replace(tzinfo=UTC), client=client)}
        assert naive == aware
        assert as_if_utc != aware  # the test can tell local from UTC
        until = {
            t.id for t in tasks.fetch_tasks(start=cut - datetime.timedelta(days=2), end=naive_local, client=client)
        }
        assert until == {
            t.id for t in tasks.fetch_tasks(start=cut - datetime.timedelta(days=2), end=cut, client=client)
        }
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


def test_empty_listing_has_no_array_tasks_key(emu: Emulator, client: Client) -> None:
    pager = tasks.fetch_tasks(query="no task is called this", client=client)
    assert list(pager) == []
    assert len(pager) == 0
    assert not pager
    assert pager.data == []
    assert pager.pagination_metadata.total_items == 0


BAD_ARGUMENTS: list[tuple[str, dict[str, Any]]] = [
    ("start", {"start": datetime.datetime(2025, 1, 2), "end": datetime.datetime(2025, 1, 1)}),  # naive, reversed
    ("start", {"start": datetime.datetime(1960, 1, 1)}),  # naive, before the epoch
    ("end", {"end": "2025-01-01"}),
    ("start", {"start": datetime.datetime(2025, 2, 1, tzinfo=UTC), "end": datetime.datetime(2025, 1, 1, tzinfo=UTC)}),
    ("start", {"start": datetime.datetime(1960, 1, 1, tzinfo=UTC)}),
    ("status", {"status": "DONE"}),
    ("status", {"status": ArrayTaskStatus("FUTURE_VALUE")}),
    ("type", {"type": "NOTEBOOK"}),
    ("exclude_type", {"exclude_type": ["SQL", "BOGUS"]}),
    ("exclude_type", {"exclude_type": 5}),
    ("file_type", {"file_type": [""]}),
    ("order_by", {"order_by": "cost"}),
    ("order_by", {"order_by": "name sideways"}),
    ("page", {"page": 0}),
    ("page", {"page": True}),
    ("per_page", {"per_page": 0}),
    ("array", {"array": "tiledb://ws/only-two"}),
    ("array", {"array": 42}),
    ("array", {"array": ""}),
    ("teamspace", {"teamspace": 42}),
    ("teamspace", {"teamspace": "general", "array": "tiledb://ws/research/a/b"}),
    ("query", {"query": ""}),
    ("prefetch", {"prefetch": "yes"}),
    ("client", {"client": "not a client"}),
]


@pytest.mark.parametrize(("parameter", "arguments"), BAD_ARGUMENTS)
def test_bad_arguments_are_refused_before_any_request(
    emu: Emulator, client: Client, parameter: str, arguments: dict[str, Any]
) -> None:
    arguments = {"client": client, **arguments}
    with pytest.raises(InvalidArgument) as caught:
        tasks.fetch_tasks(**arguments)
    assert caught.value.parameter == parameter
    assert "expected" in str(caught.value)
    assert requests_made(emu) == 0


@pytest.mark.parametrize("prefetch", [False, True])
def test_a_failure_on_a_later_page_is_a_tasks_error(emu: Emulator, client: Client, prefetch: bool) -> None:
    pager = tasks.fetch_tasks(
        start=_now(emu) - datetime.timedelta(days=31), per_page=20, client=client, prefetch=prefetch
    )
    emu.add_faults(  # the first page goes through (a harmless latency rule takes it), the second fails
        {"service": "tiledb", "path": "^/v1/tasks/", "action": "latency", "latency_ms": 1, "count": 1},
        {"service": "tiledb", "path": "^/v1/tasks/", "action": "status", "status": 500, "count": 1},
    )
    seen: list[TileDBTask] = []

    def consume() -> None:
        for t in pager:  # one by one: the first page's tasks arrive before the second page fails
            seen.append(t)

    with pytest.raises(TasksError) as caught:
        consume()
    assert len(seen) == 20
    assert isinstance(caught.value.__cause__, ServerError)
    assert caught.value.status == 500
    assert caught.value.api_error is caught.value.__cause__
    assert len(list(pager)) == 200  # the fault is gone: a new iteration goes through


@pytest.mark.parametrize("action", ["reset", "truncate"])
def test_resets_and_truncated_pages_are_retried(emu: Emulator, client: Client, action: str) -> None:
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action=action, count=2)
    assert len(list(tasks.fetch_tasks(per_page=1000, client=client))) > 20
    assert requests_made(emu, LIST_ROUTE) == 3  # one page, after two failed attempts


def test_rate_limits_are_waited_out_on_the_clients_clock(emu: Emulator, client: Client) -> None:
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=429, retry_after=3, count=2)
    assert list(tasks.fetch_tasks(client=client))
    sleeps = client.clock.sleeps  # type: ignore[attr-defined]
    assert sleeps[:2] == [3.0, 3.0]  # each 429's Retry-After
    # then the endpoint's rate limiter (on by default since the 429s) spaces the next pages, a nap at a time
    assert all(0 < nap <= MAX_NAP for nap in sleeps[2:])


def test_a_long_retry_after_is_not_waited_out(emu: Emulator, client: Client) -> None:
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=429, retry_after=300, count=1)
    with pytest.raises(TasksError) as caught:
        list(tasks.fetch_tasks(client=client))
    assert isinstance(caught.value.__cause__, RateLimited)
    assert caught.value.__cause__.retry_after == 300
    assert requests_made(emu, LIST_ROUTE) == 1


def test_malformed_page_is_a_tasks_error_chained_to_a_decode_error(emu: Emulator, client: Client) -> None:
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="malformed", count=1)
    with pytest.raises(TasksError) as caught:
        list(tasks.fetch_tasks(client=client))
    assert isinstance(caught.value.__cause__, ResponseDecodeError)


def test_unknown_enum_values_and_extra_fields_are_kept(emu: Emulator, client: Client) -> None:
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="unknown_enum", count=1)
    odd = list(tasks.fetch_tasks(per_page=1000, client=client))
    assert odd
    assert all(t.status.value == "FUTURE_VALUE" and t.status.name == "UNKNOWN" for t in odd)
    assert all(t.phase.value == "UNKNOWN" and not t.done for t in odd)
    assert all(t.type is not None and t.type.value == "FUTURE_VALUE" for t in odd)
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="extra_fields", count=1)
    extra = list(tasks.fetch_tasks(per_page=1000, client=client))
    assert [t.id for t in extra] == [t.id for t in odd]
    assert "emulatorExtraField" in extra[0].to_dict()


def test_disabled_mode_does_not_retry_and_forceful_gets_through_500s(emu: Emulator) -> None:
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=503, count=1)
    with make_client(emu, retry_mode="disabled") as disabled, pytest.raises(TasksError) as caught:
        list(tasks.fetch_tasks(per_page=1000, client=disabled))
    assert caught.value.status == 503
    assert requests_made(emu, LIST_ROUTE) == 1
    emu.add_faults(service="tiledb", path="^/v1/tasks/", action="status", status=500, count=3)
    with make_client(emu, retry_mode="forceful") as forceful:
        assert list(tasks.fetch_tasks(per_page=1000, client=forceful))
    assert requests_made(emu, LIST_ROUTE) == 1 + 4


def test_prefetch_gives_the_same_items(emu: Emulator, client: Client) -> None:
    start = _now(emu) - datetime.timedelta(days=31)
    plain = [t.id for t in tasks.fetch_tasks(start=start, per_page=30, client=client, prefetch=False)]
    ahead = [t.id for t in tasks.fetch_tasks(start=start, per_page=30, client=client)]  # prefetching by default
    assert ahead == plain
    assert len(plain) == 200
