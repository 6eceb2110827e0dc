"""What only the async twin has: ``async_req`` refused, cancellation, settings read off the loop, pager awaiting."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from taskfacade import InvalidArgument
from taskfacade.tiledb import ConfigurationError, aio
from taskfacade.tiledb import _cloud_client as cloud_client
from taskfacade_emulator import Emulator
from tiledb_helpers import GET_ROUTE, TOKEN, WORKSPACE, EmuClock, requests_made


def _client(emu: Emulator, **kwargs: Any) -> aio.AsyncClient:
    options: dict[str, Any] = {"host": emu.base_url("tiledb"), "token": TOKEN, "workspace": WORKSPACE}
    options.update(kwargs)
    return aio.AsyncClient(**options)


def _seeded_id(emu: Emulator) -> str:
    return str(emu.seeded()["tiledb"]["task_ids"][0])


@pytest.mark.parametrize(
    "call",
    [
        lambda c, i: aio.tasks.task(i, True, client=c),
        lambda c, i: aio.client.user_profile(True, client=c),
        lambda c, i: aio.client.organizations(async_req=True, client=c),
        lambda c, i: aio.client.organization("x", True, client=c),
    ],
)
def test_async_req_is_refused_before_any_request(emu: Emulator, call: Any) -> None:
    async def main() -> None:
        async with _client(emu) as client:
            with pytest.raises(InvalidArgument, match="coroutine already") as caught:
                await call(client, _seeded_id(emu))
            assert caught.value.parameter == "async_req"
            with pytest.raises(InvalidArgument, match="coroutine already"):
                aio.client.list_arrays(async_req=True, client=client)

    asyncio.run(main())
    assert requests_made(emu) == 0


def test_cancelling_a_wait_stops_polling_at_once_and_leaves_nothing_running(emu: Emulator) -> None:
    [task_id] = emu.create_tasks("tiledb", queued_s=1, run_s=10_000, type="UDF")  # emulator time is frozen

    async def main() -> None:
        client = _client(emu)
        task = await aio.tasks.task(task_id, client=client)
        waiting = asyncio.create_task(task.wait(interval=0.02))
        await asyncio.sleep(0.3)
        assert not waiting.done()
        polled = requests_made(emu, GET_ROUTE)
        assert polled >= 3
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await asyncio.sleep(0.2)
        assert requests_made(emu, GET_ROUTE) <= polled + 1  # at most the request in flight when cancelled
        assert asyncio.all_tasks() == {asyncio.current_task()}
        transport = await client.transport()
        await client.aclose()
        assert transport.closed

    asyncio.run(main())


def test_cancelling_a_batched_wait_all(emu: Emulator) -> None:
    import taskfacade.aio

    ids = [emu.create_tasks("tiledb", queued_s=1, run_s=10_000, type="SQL")[0] for _ in range(5)]

    async def main() -> None:
        async with _client(emu) as client:
            jobs = [await aio.tasks.task(task_id, client=client) for task_id in ids]
            emu.clear_request_counts()
            waiting = asyncio.create_task(taskfacade.aio.wait_all(jobs, interval=0.02, min_interval=0.02))
            await asyncio.sleep(0.3)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            counted = requests_made(emu)
            await asyncio.sleep(0.2)
            assert requests_made(emu) == counted
            assert requests_made(emu, GET_ROUTE) == 0  # five tasks: listings only
            assert asyncio.all_tasks() == {asyncio.current_task()}

    asyncio.run(main())


def test_settings_are_read_in_a_worker_thread_on_first_use(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir(exist_ok=True)
    entry = {"rest.token": TOKEN, "rest.server_address": emu.base_url("tiledb"), "rest.workspace": WORKSPACE}
    (profiles / "profiles.json").write_text(json.dumps({"default": entry, "version": 1}))
    threads: list[threading.Thread] = []
    real = cloud_client.resolve_settings

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(cloud_client, "resolve_settings", spy)
    client = aio.AsyncClient(clock=EmuClock(emu))
    assert threads == []  # nothing read when built
    assert "settings not read yet" in repr(client)
    with pytest.raises(ConfigurationError, match=r"await client\.open"):
        client.settings  # noqa: B018

    async def main() -> str:
        async with client:
            found = await aio.tasks.task(_seeded_id(emu), client=client)
            return found.id

    assert asyncio.run(main()) == _seeded_id(emu)
    assert client.settings.source == "profile"
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread()


def test_missing_credentials_raise_on_first_use(emu: Emulator) -> None:
    client = aio.AsyncClient(host=emu.base_url("tiledb"), workspace=WORKSPACE)

    async def main() -> None:
        with pytest.raises(ConfigurationError, match="no TileDB credentials"):
            await aio.tasks.task(_seeded_id(emu), client=client)

    asyncio.run(main())
    assert requests_made(emu) == 0


def test_bad_arguments_are_refused_when_built_as_in_sync() -> None:
    with pytest.raises(InvalidArgument) as caught:
        aio.AsyncClient(pool_size=2, pool_threads=3)
    assert caught.value.parameter == "pool_size"
    with pytest.raises(InvalidArgument) as caught:
        aio.AsyncClient(token="")
    assert caught.value.parameter == "token"
    with pytest.raises(InvalidArgument) as caught:
        aio.AsyncClient(profile="version")
    assert caught.value.parameter == "profile"


def test_a_pager_must_be_awaited_before_its_page_is_read(emu: Emulator) -> None:
    async def main() -> None:
        async with _client(emu) as client:
            pager = aio.tasks.fetch_tasks(per_page=5, client=client)
            with pytest.raises(RuntimeError, match="await the pager"):
                pager.response  # noqa: B018
            assert await pager is pager
            first_ids = [t.id for t in pager.array_tasks]
            assert len(first_ids) == 5
            second = await pager.func(page=1, **pager.kwargs)  # the vendor pager's func: wire pages, 0-based
            second_ids = [str(t.id) for t in second.array_tasks]
            await pager.call_page(2)
            assert pager.page == 2
            assert [t.id for t in pager.array_tasks] == second_ids
            everything = [t.id async for t in pager]  # still from the page asked for
            assert everything[:10] == first_ids + second_ids
            assert len(set(everything)) == len(everything) == pager.pagination_metadata.total_items

    asyncio.run(main())


def test_default_async_client_from_the_environment(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILEDB_REST_TOKEN", TOKEN)
    monkeypatch.setenv("TILEDB_REST_HOST", emu.base_url("tiledb"))
    monkeypatch.setenv("TILEDB_REST_WORKSPACE", WORKSPACE)

    async def main() -> None:
        found = await aio.tasks.task(_seeded_id(emu))
        assert found.client is aio.default_client()
        assert found.client.settings.source == "environment"
        await aio.set_default_client(None)  # closes the one the library built
        assert found.client._transport is None

    asyncio.run(main())


def test_set_threads_and_retry_mode_reach_the_transport(emu: Emulator) -> None:
    async def main() -> None:
        async with _client(emu, pool_threads=2) as client:
            first = await client.transport()
            assert first.pool_size == 2
            client.retry_mode("disabled")
            assert first.retry.name == "disabled"
            await client.set_threads(5)
            assert first.closed
            second = await client.transport()
            assert second.pool_size == 5
            assert second.retry.name == "disabled"
            assert (await aio.tasks.task(_seeded_id(emu), client=client)).id == _seeded_id(emu)
            with pytest.raises(InvalidArgument):
                await client.set_threads(0)

    asyncio.run(main())


def test_the_async_twin_runs_under_trio(emu: Emulator) -> None:
    pytest.importorskip("trio")
    import anyio
    import taskfacade.aio

    [task_id] = emu.create_tasks("tiledb", queued_s=1, run_s=3, type="SQL")
    ids = emu.create_tasks("tiledb", 3, queued_s=1, run_s=4, type="UDF")

    async def main() -> list[Any]:
        async with _client(emu, clock=EmuClock(emu)) as client:  # settings read through anyio.to_thread
            task = await aio.tasks.task(task_id, client=client)
            await task.wait(interval=1)
            listed = [t.id async for t in aio.tasks.fetch_tasks(per_page=20, client=client)]
            assert task_id in listed
            jobs = [await aio.tasks.task(i, client=client) for i in ids]
            return await taskfacade.aio.wait_all(jobs, interval=1)

    statuses = anyio.run(main, backend="trio")
    assert len(statuses) == 3
    assert requests_made(emu, GET_ROUTE) >= 4
