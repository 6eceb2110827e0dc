"""Fixtures for the TensorBay facade tests: a fresh frozen emulator per test, driven by the facade's own clock."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from taskfacade.tensorbay import GAS, DatasetClient
from taskfacade_emulator import Emulator

# this directory's helper module (tensorbay_support.py, named to avoid clashes) importable.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from tensorbay_support import DATASET, KEY, EmulatorClock
from tensorbay_twins import AsyncTwin, SyncTwin


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=30, speed=0) as emulator:
        yield emulator


@pytest.fixture
def clock(emu: Emulator) -> EmulatorClock:
    return EmulatorClock(emu)


@pytest.fixture
def gas(emu: Emulator, clock: EmulatorClock) -> Iterator[GAS]:
    with GAS(KEY, emu.base_url("tensorbay"), clock=clock) as client:
        yield client


@pytest.fixture
def dataset(gas: GAS, emu: Emulator) -> DatasetClient:
    client = gas.get_dataset(DATASET)
    emu.clear_request_counts()
    return client


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> Iterator[SyncTwin | AsyncTwin]:
    """The sync facade or its async twin (``tensorbay_twins.py``): every test taking it runs against both."""
    chosen = SyncTwin() if request.param == "sync" else AsyncTwin()
    yield chosen
    chosen.close()


@pytest.fixture
def twin_gas(twin: SyncTwin | AsyncTwin, emu: Emulator, clock: EmulatorClock) -> Iterator[Any]:
    """``gas`` in the twin under test."""
    with twin.gas(KEY, emu.base_url("tensorbay"), clock=clock) as client:
        yield client


@pytest.fixture
def twin_dataset(twin_gas: Any, emu: Emulator) -> Any:
    """``dataset`` in the twin under test."""
    client = twin_gas.get_dataset(DATASET)
    emu.clear_request_counts()
    return client
