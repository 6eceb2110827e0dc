"""The jobs plug-in's test fixtures: the plug-in registered in every layer (one call each), an emulator serving it
beside the four services, and a clock that drags the emulator along (waits cost no real time)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import taskfacade
import taskfacade_cli
import taskfacade_emulator
from taskfacade_emulator import Credentials, Emulator

# tests/plugin is the plug-in's root, as an installed distribution's would be (--import-mode=importlib).
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

import taskfacade_jobs.cli
import taskfacade_jobs.emulator
import taskfacade_jobs.facade
from jobs_support import TOKEN, EmulatorClock, unregister
from taskfacade_jobs.facade import JobsClient


@pytest.fixture(autouse=True)
def jobs_plugin() -> Iterator[None]:
    """The plug-in registered for each test of this folder: one call per layer, as docs/adding-a-service.md says.

    Registration lasts for the process, so it is undone after the test: the other folders' tests, which may run
    in the same worker, expect the four built-in services only.
    """
    taskfacade.register_service(taskfacade_jobs.facade.SERVICE)  # taskfacade.jobs, taskfacade.service_names()
    taskfacade_emulator.register_service(taskfacade_jobs.emulator.Service)  # every Emulator() from now on: /jobs
    taskfacade_cli.register_service(taskfacade_jobs.cli.SERVICE)  # taskfacade tasks ... jobs
    try:
        yield
    finally:
        unregister("jobs")


@pytest.fixture
def emu(jobs_plugin: None) -> Iterator[Emulator]:
    """A fresh emulator (frozen clock, a few seeded tasks per service, 120 jobs) serving the jobs service too."""
    credentials = Credentials(jobs_token=TOKEN)
    with Emulator(seed_count=5, seed_counts={"jobs": 120}, speed=0, credentials=credentials) as running:
        yield running


@pytest.fixture
def clock(emu: Emulator) -> EmulatorClock:
    return EmulatorClock(emu)


@pytest.fixture
def client(emu: Emulator, clock: EmulatorClock) -> Iterator[JobsClient]:
    with JobsClient(emu.base_url("jobs"), TOKEN, clock=clock) as made:
        yield made
