"""``poll_policy``: every service's client (sync and async) takes it, checks it, and hands it to its jobs.

The waits themselves (gaps between polls under a client's policy) are tested end to end, in both twins, in
``tests/facade/geobox/test_geobox_pollpolicy.py``; here each constructor is shown to forward the option to the
jobs it builds (``JobBase._wait_policy()``, what ``wait()`` reads when the call gives no ``interval``/``policy``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import taskfacade
from taskfacade import ClientOptions, PollPolicy, deadline, geobox, tensorbay, tiledb
from taskfacade.deadline import aio as deadline_aio
from taskfacade.geobox import aio as geobox_aio
from taskfacade.tensorbay import aio as tensorbay_aio
from taskfacade.tiledb import aio as tiledb_aio
from taskfacade.tiledb import tasks as tiledb_tasks
from taskfacade_emulator import Emulator

POLICY = PollPolicy(initial=3, multiplier=1, maximum=3)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(db=None, seed_count=5, speed=0) as emulator:
        yield emulator


def _deadline_options(emu: Emulator) -> dict[str, Any]:
    return {
        "region_name": "us-west-2",
        "endpoint_url": emu.base_url("deadline"),
        "aws_access_key_id": "AKIDEMULATOR",
        "aws_secret_access_key": "emulator-secret",
        "environ": {},
        "poll_policy": POLICY,
    }


def _deadline_ids(emu: Emulator) -> dict[str, str]:
    dl = emu.seeded()["deadline"]
    return {k: dl[k] for k in ("farmId", "queueId", "jobId", "stepId")} | {"taskId": dl["task_ids"][0]}


def test_client_options_checks_poll_policy() -> None:
    assert ClientOptions().poll_policy is None
    assert ClientOptions(poll_policy=POLICY).poll_policy is POLICY
    with pytest.raises(taskfacade.InvalidArgument, match="poll_policy"):
        ClientOptions(poll_policy={"initial": 1})  # type: ignore[arg-type]


def test_every_sync_client_hands_its_poll_policy_to_its_jobs(emu: Emulator, tmp_path: Path) -> None:
    seeded = emu.seeded()
    with tiledb.Client(
        host=emu.base_url("tiledb"), token="emulator-token", workspace="ws_emulator", profile_dir=tmp_path,
        poll_policy=POLICY,
    ) as tdb:  # fmt: skip
        assert tiledb_tasks.task(seeded["tiledb"]["task_ids"][0], client=tdb)._wait_policy() is POLICY
    ids = _deadline_ids(emu)
    with deadline.client(**_deadline_options(emu)) as dlc:
        assert dlc.task(**ids)._wait_policy() is POLICY
        assert dlc.job(farmId=ids["farmId"], queueId=ids["queueId"], jobId=ids["jobId"])._wait_policy() is POLICY
    with geobox.GeoboxClient(host=emu.base_url("geobox"), access_token="emulator-token", poll_policy=POLICY) as gbc:
        assert gbc.get_task(seeded["geobox"]["task_ids"][0])._wait_policy() is POLICY
    gas = tensorbay.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), poll_policy=POLICY)
    dataset = gas.get_dataset(seeded["tensorbay"]["dataset_name"])
    squash = seeded["tensorbay"]["job_ids"]["squashAndMerge"][0]
    assert dataset.squash_and_merge.get_job(squash)._wait_policy() is POLICY
    client = tensorbay.Client("ACCESSKEY-emulator", emu.base_url("tensorbay"), poll_policy=POLICY)
    assert client.transport.options.poll_policy is POLICY
    with geobox.GeoboxClient(host=emu.base_url("geobox"), access_token="emulator-token") as plain:
        assert plain.get_task(seeded["geobox"]["task_ids"][0])._wait_policy() is None


def test_every_async_client_hands_its_poll_policy_to_its_jobs(emu: Emulator, tmp_path: Path) -> None:
    seeded = emu.seeded()

    async def main() -> None:
        async with tiledb_aio.AsyncClient(
            host=emu.base_url("tiledb"), token="emulator-token", workspace="ws_emulator", profile_dir=tmp_path,
            poll_policy=POLICY,
        ) as tdb:  # fmt: skip
            task = await tiledb_aio.tasks.task(seeded["tiledb"]["task_ids"][0], client=tdb)
            assert task._wait_policy() is POLICY
        async with deadline_aio.client(**_deadline_options(emu)) as dlc:
            assert (await dlc.task(**_deadline_ids(emu)))._wait_policy() is POLICY
        async with geobox_aio.AsyncGeoboxClient(
            host=emu.base_url("geobox"), access_token="emulator-token", poll_policy=POLICY
        ) as gbc:
            assert (await gbc.get_task(seeded["geobox"]["task_ids"][0]))._wait_policy() is POLICY
        async with tensorbay_aio.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), poll_policy=POLICY) as gas:
            dataset = await gas.get_dataset(seeded["tensorbay"]["dataset_name"])
            squash = seeded["tensorbay"]["job_ids"]["squashAndMerge"][0]
            assert (await dataset.squash_and_merge.get_job(squash))._wait_policy() is POLICY
        client = tensorbay_aio.AsyncClient("ACCESSKEY-emulator", emu.base_url("tensorbay"), poll_policy=POLICY)
        assert client.transport.options.poll_policy is POLICY
        await client.transport.aclose()

    asyncio.run(main())


@pytest.mark.parametrize("bad", [1.0, "fast", {"initial": 1}])
def test_a_bad_poll_policy_is_refused_by_every_client(emu: Emulator, tmp_path: Path, bad: object) -> None:
    makers = [
        lambda: tiledb.Client(host=emu.base_url("tiledb"), token="t", profile_dir=tmp_path, poll_policy=bad),
        lambda: tiledb_aio.AsyncClient(host=emu.base_url("tiledb"), token="t", poll_policy=bad),
        lambda: deadline.client(**{**_deadline_options(emu), "poll_policy": bad}),
        lambda: geobox.GeoboxClient(host=emu.base_url("geobox"), access_token="t", poll_policy=bad),
        lambda: geobox_aio.AsyncGeoboxClient(host=emu.base_url("geobox"), access_token="t", poll_policy=bad),
        lambda: tensorbay.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), poll_policy=bad),
        lambda: tensorbay_aio.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), poll_policy=bad),
    ]
    for make in makers:
        with pytest.raises(taskfacade.InvalidArgument, match="poll_policy"):
            make()
