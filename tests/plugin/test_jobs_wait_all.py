"""The proof that the plug-in's jobs are first-class: one ``wait_all`` over a task or job of every service."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
import taskfacade
from jobs_support import EmulatorClock
from taskfacade import JobPhase
from taskfacade.deadline import client as deadline_client
from taskfacade.geobox import GeoboxClient
from taskfacade.tensorbay import GAS
from taskfacade.tiledb import Client as TileDBClient
from taskfacade.tiledb import tasks as tiledb_tasks
from taskfacade_emulator import Emulator
from taskfacade_jobs.facade import JobsClient


@pytest.fixture
def clients(
    emu: Emulator, clock: EmulatorClock, client: JobsClient, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Any]]:
    """A client of every service on the one emulator and clock (explicit credentials, no profile read)."""
    monkeypatch.setenv("HOME", "/nonexistent")
    with ExitStack() as stack:
        made = {
            "tiledb": TileDBClient(
                host=emu.base_url("tiledb"), token="emulator-token", workspace="ws_emulator", clock=clock
            ),
            "deadline": deadline_client(
                endpoint_url=emu.base_url("deadline"),
                aws_access_key_id="AKIDEMULATOR",
                aws_secret_access_key="emulator-secret",
                environ={},
                clock=clock,
            ),
            "geobox": GeoboxClient(host=emu.base_url("geobox"), access_token="emulator-token", clock=clock),
            "tensorbay": GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), clock=clock),
        }
        for made_client in made.values():
            stack.callback(made_client.close)
        yield {**made, "jobs": client}


def test_one_wait_all_over_five_services(emu: Emulator, clock: EmulatorClock, clients: dict[str, Any]) -> None:
    seeded = emu.seeded()
    step = {key: seeded["deadline"][key] for key in ("farmId", "queueId", "jobId", "stepId")}
    ids = {
        name: emu.create_tasks(name, outcome=outcome, queued_s=2, run_s=run_s)[0]
        for name, outcome, run_s in [
            ("tiledb", "succeeded", 30),
            ("deadline", "failed", 12),
            ("geobox", "succeeded", 45),
            ("tensorbay", "canceled", 20),
            ("jobs", "succeeded", 25),
        ]
    }
    dataset = clients["tensorbay"].get_dataset(seeded["tensorbay"]["dataset_name"])
    jobs = [
        tiledb_tasks.task(ids["tiledb"], client=clients["tiledb"]),
        clients["deadline"].task(**step, taskId=ids["deadline"]),
        clients["geobox"].get_task(ids["geobox"]),
        dataset.squash_and_merge.get_job(ids["tensorbay"]),
        clients["jobs"].get_job(ids["jobs"]),
    ]
    emu.clear_request_counts()
    start = emu.now()

    statuses = taskfacade.wait_all(jobs, timeout=600, interval=5, clock=clock)

    assert [job.phase for job in jobs] == [
        JobPhase.SUCCEEDED,
        JobPhase.FAILED,
        JobPhase.SUCCEEDED,
        JobPhase.CANCELED,
        JobPhase.SUCCEEDED,
    ]
    assert [str(getattr(status, "value", status)) for status in statuses] == [
        "COMPLETED",
        "FAILED",
        "SUCCESS",
        "ABORTED",
        "SUCCEEDED",
    ]
    assert 47 <= emu.now() - start <= 52 + 1e-6  # the last (geobox, 47 s) noticed within one interval
    assert set(emu.request_counts()["jobs"]) == {"POST /v1/jobs:batchGet"}  # the plug-in's batched refresh
