"""The jobs plug-in's test fixtures: its package importable, an emulator that serves it beside the four services,
and a clock that drags the emulator along (waits cost no real time)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from taskfacade_emulator import Emulator

# tests/plugin is the plug-in's root, as an installed distribution's would be (--import-mode=importlib).
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from jobs_support import TOKEN, EmulatorClock
from taskfacade_emulator._registry import default_factories
from taskfacade_jobs.emulator import Service as JobsEmulator
from taskfacade_jobs.facade import JobsClient


@pytest.fixture
def emu() -> Iterator[Emulator]:
    """A fresh emulator (frozen clock, a few seeded tasks per service) serving the jobs service too."""
    services = [*default_factories(), lambda ctx: JobsEmulator(ctx, token=TOKEN)]
    with Emulator(seed_count=5, seed_counts={"jobs": 120}, speed=0, services=services) as running:
        yield running


@pytest.fixture
def clock(emu: Emulator) -> EmulatorClock:
    return EmulatorClock(emu)


@pytest.fixture
def client(emu: Emulator, clock: EmulatorClock) -> Iterator[JobsClient]:
    with JobsClient(emu.base_url("jobs"), TOKEN, clock=clock) as made:
        yield made
