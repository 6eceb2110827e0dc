"""Fixtures for the Deadline facade tests: a fresh emulator per test (frozen clock) and a facade client on it,
driven by an ``EmulatorClock`` so retries and waits cost no real time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from taskfacade import deadline
from taskfacade_emulator import Emulator

# this directory's helper module (deadline_support.py, named to avoid clashes) importable.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from deadline_support import STEP_KEYS, EmulatorClock, make_client


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=60, speed=0) as emulator:
        yield emulator


@pytest.fixture
def seeded(emu: Emulator) -> dict[str, Any]:
    result: dict[str, Any] = emu.seeded()["deadline"]
    return result


@pytest.fixture
def step(seeded: dict[str, Any]) -> dict[str, str]:
    return {k: seeded[k] for k in STEP_KEYS}


@pytest.fixture
def clock(emu: Emulator) -> EmulatorClock:
    return EmulatorClock(emu)


@pytest.fixture
def client(emu: Emulator, clock: EmulatorClock) -> Iterator[deadline.DeadlineClient]:
    with make_client(emu, clock) as made:
        yield made


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest, emu: Emulator, clock: EmulatorClock) -> Iterator[Any]:
    """The sync client or its async twin (``taskfacade.deadline.aio``), both called the sync way
    (``deadline_twins.py``): every test taking it runs against both."""
    from deadline_twins import AsyncTwin, SyncTwin

    made = SyncTwin(emu, clock) if request.param == "sync" else AsyncTwin(emu, clock)
    yield made
    made.close()


@pytest.fixture
def tclient(twin: Any) -> Iterator[Any]:
    """A client of the twin under test on the emulator (explicit credentials, an empty environment)."""
    with twin.client() as made:
        yield made
